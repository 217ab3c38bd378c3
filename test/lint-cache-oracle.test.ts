// The results cache's promise (README "The results cache, threads and ShellCheck"): a run that uses
// it prints byte for byte what a run with --no-cache prints, with the same exit code, whatever
// changed since the runs that filled it. The oracle is that uncached run. For random small projects
// (build-context files, symbolic links inside and leading out, dangling links, empty directories,
// modes, .dockerignore and <Dockerfile>.dockerignore files, a .gitignore, config files up the tree
// and in $HOME, several Dockerfiles) and random sequences of edits between runs (of all of those,
// and of the switches, the files named, the environment), every step runs the real executable twice
// as a user would: with a --cache-location kept across the steps, then with --no-cache. Both must
// print the same stdout and stderr and exit with the same code. No difference is legitimate here:
// the cache speaks on stderr only of a damaged cache file or an unusable place, and neither happens.
//
// Some steps wait out the racy-clean window (lint-runs.ts) before running, so that the run records
// of the whole-run shortcut are kept and then served or partly served; others run at once.
//
// CI runs a few scenarios (each step is two process starts). By hand, for many:
//   LINT_CACHE_ORACLE_RUNS=300 [LINT_CACHE_ORACLE_SEED=n] npx vitest run test/lint-cache-oracle.test.ts
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, lstatSync, mkdirSync, mkdtempSync, renameSync, rmSync, statSync, symlinkSync, utimesSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';

const repo = resolve(import.meta.dirname, '..');
const bin = join(repo, 'bin/dockhand.js');
const built = existsSync(join(repo, 'dist/cli.cjs'));

const RUNS = Number(process.env.LINT_CACHE_ORACLE_RUNS ?? 10);
const SEED = process.env.LINT_CACHE_ORACLE_SEED === undefined ? undefined : Number(process.env.LINT_CACHE_ORACLE_SEED);

const base = mkdtempSync(join(tmpdir(), 'dockhand-cache-oracle-'));
afterAll(() => {
  if (!process.env.LINT_CACHE_ORACLE_KEEP) rmSync(base, { recursive: true, force: true });
});

/** The Dockerfiles of a project (each is linted with its directory as the context unless --context says otherwise). */
const DOCKERFILES = ['Dockerfile', 'sub/Dockerfile', 'other.Dockerfile'];

/** Lines the rules that read the build context have something to say about (DH001-DH003, CopyIgnoredFile). */
const LINES = [
  'COPY app.sh /app/',
  'COPY run.sh /app/',
  'COPY src /src',
  'COPY src/*.py /py/',
  'COPY conf/*.yml /conf/',
  'COPY . /all',
  'COPY --exclude=*.md . /ex',
  'COPY --exclude=deep src /s2',
  'ADD docs/readme.md /d',
  'COPY missing.txt /m',
  'COPY /key.pem /k',
  'COPY lnk /lnk',
  'COPY src/l* /l/',
  'COPY *.sh /s/',
  'COPY conf /conf2',
  'RUN --mount=type=bind,source=conf,target=/c cat /c/a.yml',
  'RUN --mount=type=bind,source=src/deep,target=/d ls /d',
  'COPY .env /e',
  'ARG F=app.sh\nCOPY ${F} /f',
  '# hadolint ignore=DH003\nCOPY nothere /n',
  'COPY sub /sub',
  'COPY docs/*.md /md/',
  'COPY conf/a.yml lnk /two/',
  'RUN apt-get install curl && cd /tmp',
  'FROM alpine:3.20 AS b\nONBUILD COPY app.sh /ob\nFROM b',
];

const dockerfileText = fc
  .record({
    check: fc.constantFrom('', '# check=skip=CopyIgnoredFile\n', '# check=error=true\n'),
    from: fc.constantFrom('FROM alpine:3.20', 'FROM alpine'),
    // A source that is an entry of the context root (a link to something deeper in the scenarios).
    first: fc.constantFrom('COPY lnk /lnk', 'COPY lnk /lnk', 'COPY app.sh /app/', 'COPY *.sh /s/', 'COPY lnk/* /l/', 'RUN --mount=type=bind,source=lnk,target=/l true'),
    lines: fc.subarray(LINES, { maxLength: 6 }),
  })
  .map(({ check, from, first, lines }) => `${check}${from}\n${[first, ...lines].join('\n')}\n`);

/** Context files (relative to the project, which is the cwd). */
const PATHS = [
  'app.sh', 'run.sh', 'src/main.py', 'src/util.py', 'src/deep/x.txt', 'conf/a.yml', 'conf/b.yml', '.env',
  'node_modules/m.js', '.git/HEAD', 'key.pem', 'docs/readme.md', 'sub/app.sh', 'sub/conf/a.yml', 'sub/src/main.py',
];
const LINKS = ['lnk', 'src/l', 'conf/c.yml', 'sub/lnk', 'docs', 'app.sh', 'src/deep/l2', 'sub/src'];
const TARGETS = ['app.sh', 'src', '../outside/o.txt', '/etc', 'missing', '../conf/a.yml', '..', 'a.yml', '../outside', 'main.py', 'src/main.py', 'conf/a.yml'];
/**
 * Links in the context root to something deeper (an answer about such an entry depends on more than
 * the root's listing): what their targets become changes nothing in the root directory itself.
 */
const ROOT_LINK_TARGETS = ['src/main.py', 'conf/a.yml', 'src/deep', 'src/deep/x.txt'];
const rootLink = fc.record({ path: fc.constantFrom('lnk', 'lnk', 'app.sh'), target: fc.constantFrom(...ROOT_LINK_TARGETS) });
const IGNORE_FILES = ['.dockerignore', 'sub/.dockerignore', 'Dockerfile.dockerignore', 'other.Dockerfile.dockerignore', 'sub/Dockerfile.dockerignore'];
const IGNORES = [
  '', '*.md\n', 'src/deep\n', '*\n!src\n!conf\n', 'conf\n', '.git\nnode_modules\n.env\n*.pem\n', '**/*.py\n', '[\n',
  'sub\n', 'app.sh\n', '*.sh\n!run.sh\n', 'lnk\n', '**\n', 'src\n!src/main.py\n',
];
const GITIGNORES = ['node_modules\n', '*.log\ndocs/\n', '', 'key.pem\n.env\n'];
const CONFIG_FILES = ['.dockhand.yaml', 'sub/.dockhand.yaml', '.hadolint.yaml', 'HOME/.hadolint.yaml', '../.dockhand.yaml', 'HOME/alt.yaml'];
const CONFIGS = [
  'ignored: [DH003]\n', 'failure-threshold: error\n', 'extends: strict\n', 'override:\n  error: [DH001, CopyIgnoredFile]\n',
  'no-fail: true\n', 'format: json\n', 'check: "skip=CopyIgnoredFile"\n', 'rules:\n  DH002: off\n', 'ignored: [DL3006]\n',
  'failure-threshold: warning\nextends: [recommended, security]\n', 'unknown-key: 1\n', 'format: gnu\n', 'ignored: 3\n',
];

/** What a run is given besides the files: its switches, the files named, where it runs, its environment. */
interface Switches {
  /** Paths relative to the project (`-`: stdin, read from the Dockerfile named by stdinName). */
  inputs: readonly string[];
  /** Where the CLI runs, relative to the project (paths are given relative to it). */
  cwd: string;
  stdinName: string;
  format?: string;
  ignore: string[];
  error: string[];
  trusted: boolean;
  preset?: string;
  context?: string;
  config?: string;
  threshold?: string;
  jobs?: string;
  noPragma: boolean;
  shellcheck: boolean;
  env: Record<string, string>;
}

const switches: fc.Arbitrary<Switches> = fc.record({
  inputs: fc.oneof(
    { weight: 5, arbitrary: fc.subarray(DOCKERFILES, { minLength: 1 }) },
    { weight: 1, arbitrary: fc.constantFrom(['.'], ['sub'], ['Dockerfile', 'Dockerfile'], ['sub/Dockerfile', 'Dockerfile', 'missing/Dockerfile'], ['-'], ['Dockerfile', '-'], ['ctx/Dockerfile', 'Dockerfile']) },
  ),
  cwd: fc.constantFrom('.', '.', '.', 'sub', '..'),
  stdinName: fc.constantFrom('Dockerfile', 'sub/Dockerfile'),
  format: fc.constantFrom(undefined, 'json', 'json', 'json', 'json', 'gnu', 'sarif', 'checkstyle'),
  ignore: fc.subarray(['DH002', 'DL3006', 'CopyIgnoredFile']),
  error: fc.subarray(['DH001', 'DH003']),
  trusted: fc.boolean(),
  preset: fc.constantFrom(undefined, undefined, undefined, 'strict', 'hadolint', 'security'),
  context: fc.constantFrom(undefined, undefined, undefined, 'sub', '.', 'ctx', 'nowhere'),
  config: fc.constantFrom(undefined, undefined, undefined, undefined, '.dockhand.yaml', 'HOME/alt.yaml'),
  threshold: fc.constantFrom(undefined, undefined, 'error', 'warning', 'none'),
  jobs: fc.constantFrom(undefined, '2', '2', '1'),
  noPragma: fc.boolean(),
  shellcheck: fc.boolean(),
  env: fc.record(
    {
      HADOLINT_IGNORE: fc.constantFrom('DH001', 'DL3006'),
      HADOLINT_FAILURE_THRESHOLD: fc.constantFrom('error', 'style'),
      HADOLINT_FORMAT: fc.constantFrom('json', 'gnu'),
      SHELLCHECK_OPTS: fc.constantFrom('--exclude=SC2164', '--bogus-option'),
      PATH: fc.constant('/nonexistent-dockhand-oracle'),
      NO_COLOR: fc.constant('1'),
    },
    { requiredKeys: [] },
  ),
});

function argsOf(s: Switches, cache: string[], proj: string, home: string): string[] {
  const cwd = resolve(proj, s.cwd);
  const rel = (p: string) => relative(cwd, p.startsWith('HOME/') ? join(home, p.slice(5)) : join(proj, p)) || '.';
  const a = ['lint', ...s.inputs.map((p) => (p === '-' ? p : rel(p))), ...cache];
  if (s.inputs.includes('-')) a.push('--stdin-filename', rel(s.stdinName));
  if (s.format) a.push('-f', s.format);
  for (const c of s.ignore) a.push('--ignore', c);
  for (const c of s.error) a.push('--error', c);
  if (s.trusted) a.push('--trusted-registry', 'docker.io');
  if (s.preset) a.push('--preset', s.preset);
  if (s.context) a.push('--context', rel(s.context));
  if (s.config) a.push('--config', rel(s.config));
  if (s.threshold) a.push('--failure-threshold', s.threshold);
  if (s.jobs) a.push('--jobs', s.jobs);
  if (s.noPragma) a.push('--disable-ignore-pragma');
  if (!s.shellcheck) a.push('--no-shellcheck');
  return a;
}

type Edit =
  | { kind: 'write'; path: string; text: string }
  | { kind: 'delete'; path: string }
  | { kind: 'move'; from: string; to: string }
  | { kind: 'chmod'; path: string; exec: boolean }
  | { kind: 'mkdir'; path: string }
  | { kind: 'link'; path: string; target: string }
  | { kind: 'ignore'; file: string; text: string | null }
  | { kind: 'gitignore'; text: string | null }
  | { kind: 'dockerfile'; file: string; text: string | null }
  | { kind: 'config'; file: string; text: string | null }
  | { kind: 'switches'; to: Switches }
  /** Rewritten with as many bytes, its modification time put back (an editor or a checkout that keeps it). */
  | { kind: 'sameSize'; path: string }
  | { kind: 'touch'; path: string }
  /** What the root's link points to deleted, or made again (a file, or a directory holding one). */
  | { kind: 'linkTarget'; restore: boolean }
  /** The context directory `ctx` (a link) or other.Dockerfile made a link elsewhere. */
  | { kind: 'relink'; path: 'ctx' | 'other.Dockerfile'; target: string };

const anyPath = fc.constantFrom(...PATHS, ...LINKS, ...DOCKERFILES, 'src', 'conf', 'sub', 'docs', 'src/deep', 'node_modules');
const edit: fc.Arbitrary<Edit> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('write' as const), path: fc.constantFrom(...PATHS), text: fc.constantFrom('1\n', '2\n', 'echo hi\n') }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('delete' as const), path: anyPath }) },
  // Below the root only: the root's own stat stays as it was.
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('delete' as const), path: fc.constantFrom('src/main.py', 'conf/a.yml', 'src/deep', 'src/deep/x.txt', 'conf/b.yml', 'sub/app.sh') }) },
  fc.record({ kind: fc.constant('move' as const), from: anyPath, to: anyPath }),
  fc.record({ kind: fc.constant('chmod' as const), path: anyPath, exec: fc.boolean() }),
  fc.record({ kind: fc.constant('mkdir' as const), path: fc.constantFrom('empty', 'src/deep', 'conf', 'docs', 'sub/conf', 'missing.txt', 'app.sh', 'node_modules') }),
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('link' as const), path: fc.constantFrom(...LINKS), target: fc.constantFrom(...TARGETS) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('ignore' as const), file: fc.constantFrom(...IGNORE_FILES), text: fc.option(fc.constantFrom(...IGNORES), { freq: 4 }) }) },
  fc.record({ kind: fc.constant('gitignore' as const), text: fc.option(fc.constantFrom(...GITIGNORES)) }),
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('dockerfile' as const), file: fc.constantFrom(...DOCKERFILES), text: fc.option(fc.oneof({ weight: 12, arbitrary: dockerfileText }, { weight: 1, arbitrary: fc.constant('FROM alpine\u0000binary\n') }), { freq: 8 }) }) },
  fc.record({ kind: fc.constant('config' as const), file: fc.constantFrom(...CONFIG_FILES), text: fc.option(fc.constantFrom(...CONFIGS)) }),
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('switches' as const), to: switches }) },
  fc.record({ kind: fc.constant('sameSize' as const), path: fc.constantFrom(...PATHS, ...DOCKERFILES, ...IGNORE_FILES, '.dockhand.yaml', '.gitignore') }),
  fc.record({ kind: fc.constant('touch' as const), path: anyPath }),
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('linkTarget' as const), restore: fc.boolean() }) },
  fc.oneof(
    fc.record({ kind: fc.constant('relink' as const), path: fc.constant('ctx' as const), target: fc.constantFrom('sub', 'src', '../outside', 'nowhere', '.') }),
    fc.record({ kind: fc.constant('relink' as const), path: fc.constant('other.Dockerfile' as const), target: fc.constantFrom('Dockerfile', 'sub/Dockerfile') }),
  ),
);

const scenario = fc.record({
  files: fc.subarray(PATHS, { minLength: 3 }),
  links: fc.tuple(fc.option(rootLink, { freq: 4 }), fc.array(fc.record({ path: fc.constantFrom(...LINKS), target: fc.constantFrom(...TARGETS) }), { maxLength: 2 })).map(([r, more]) => (r ? [r, ...more] : more)),
  dockerfiles: fc.tuple(dockerfileText, dockerfileText, dockerfileText),
  ignore: fc.option(fc.constantFrom(...IGNORES), { freq: 2 }),
  switches,
  // Each step: edits (none: the same run again), then a wait past the racy-clean window or not.
  steps: fc.array(fc.record({ edits: fc.array(edit, { maxLength: 3 }), settle: fc.oneof(fc.constant(true), fc.boolean()) }), { minLength: 2, maxLength: 7 }),
});

interface Ran {
  code: number | null;
  stdout: string;
  stderr: string;
}

function dh(args: string[], cwd: string, env: Record<string, string>, home: string, stdin: string): Ran {
  const clean: NodeJS.ProcessEnv = {};
  // The environment the CLI reads is the scenario's only (no HADOLINT_*, NO_COLOR or SHELLCHECK_OPTS of the caller).
  for (const [k, v] of Object.entries(process.env)) if (!/^(HADOLINT_|DOCKHAND_|SHELLCHECK_OPTS$|NO_COLOR$|XDG_)/.test(k)) clean[k] = v;
  const r = spawnSync(process.execPath, [bin, ...args], { cwd, input: stdin, encoding: 'utf8', timeout: 120_000, env: { ...clean, HOME: home, DOCKHAND_CACHE_DIR: join(home, 'default-cache'), ...env } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

let n = 0;

describe('a lint served from the results cache prints what a --no-cache lint prints', () => {
  it.skipIf(!built)('for random projects, edits and switches', async () => {
    let steps = 0;
    await fc.assert(
      fc.asyncProperty(scenario, async (sc) => {
        const dir = join(base, `s${n++}`);
        const proj = join(dir, 'proj');
        const home = join(dir, 'home');
        const cacheDir = join(dir, 'cache');
        mkdirSync(join(dir, 'outside'), { recursive: true });
        writeFileSync(join(dir, 'outside/o.txt'), 'o\n');
        mkdirSync(home, { recursive: true });
        mkdirSync(proj, { recursive: true });
        const at = (p: string) => (p.startsWith('HOME/') ? join(home, p.slice(5)) : join(proj, p));
        const put = (p: string, text: string) => {
          const f = at(p);
          try {
            mkdirSync(dirname(f), { recursive: true });
            if (lstatSync(f, { throwIfNoEntry: false })?.isSymbolicLink() || statSync(f, { throwIfNoEntry: false })?.isDirectory()) rmSync(f, { recursive: true, force: true });
            writeFileSync(f, text);
          } catch {
            // A parent is a file or a link: the edit does not happen.
          }
        };
        const drop = (p: string) => rmSync(at(p), { recursive: true, force: true });
        for (const f of sc.files) put(f, `${f}\n`);
        sc.dockerfiles.forEach((text, i) => put(DOCKERFILES[i]!, text));
        if (sc.ignore !== null) put('.dockerignore', sc.ignore);
        symlinkSync('sub', at('ctx'));
        for (const l of sc.links) {
          drop(l.path);
          try {
            mkdirSync(dirname(at(l.path)), { recursive: true });
            symlinkSync(l.target, at(l.path));
          } catch {
            /* a parent is a file */
          }
        }
        let sw = sc.switches;
        const apply = (e: Edit) => {
          try {
            switch (e.kind) {
              case 'write': return put(e.path, e.text);
              case 'delete': return drop(e.path);
              case 'move': if (e.from !== e.to && existsSync(at(e.from))) { drop(e.to); mkdirSync(dirname(at(e.to)), { recursive: true }); renameSync(at(e.from), at(e.to)); } return;
              case 'chmod': if (lstatSync(at(e.path), { throwIfNoEntry: false }) && !lstatSync(at(e.path)).isSymbolicLink()) chmodSync(at(e.path), statSync(at(e.path)).isDirectory() || e.exec ? 0o755 : 0o644); return;
              case 'mkdir': if (!existsSync(at(e.path))) mkdirSync(at(e.path), { recursive: true }); return;
              case 'link': drop(e.path); mkdirSync(dirname(at(e.path)), { recursive: true }); symlinkSync(e.target, at(e.path)); return;
              case 'ignore': return e.text === null ? drop(e.file) : put(e.file, e.text);
              case 'gitignore': return e.text === null ? drop('.gitignore') : put('.gitignore', e.text);
              case 'dockerfile': return e.text === null ? drop(e.file) : put(e.file, e.text);
              case 'config': return e.text === null ? drop(e.file) : put(e.file, e.text);
              case 'switches': sw = e.to; return;
              case 'sameSize': {
                const f = at(e.path);
                const st = lstatSync(f, { throwIfNoEntry: false });
                if (!st?.isFile()) return;
                // As many bytes, other ones: a Dockerfile stays one (a comment line of the same length).
                writeFileSync(f, `#${'x'.repeat(Math.max(st.size - 2, 0))}\n`.slice(0, st.size));
                utimesSync(f, st.atime, st.mtime);
                return;
              }
              case 'linkTarget': {
                const target = sc.links[0]?.target;
                if (target === undefined || !ROOT_LINK_TARGETS.includes(target)) return;
                if (!e.restore) return drop(target);
                return target === 'src/deep' ? put('src/deep/x.txt', 'again\n') : put(target, 'again\n');
              }
              case 'relink': drop(e.path); symlinkSync(e.target, at(e.path)); return;
              case 'touch': if (existsSync(at(e.path))) utimesSync(at(e.path), new Date(), new Date()); return;
            }
          } catch {
            // An edit the tree does not allow (a parent that is a file): it does not happen.
          }
        };
        const log: string[] = [];
        for (const step of sc.steps) {
          for (const e of step.edits) apply(e);
          if (step.settle) await sleep(60);
          // A step that deleted the directory the runs start in runs them in the project instead.
          if (!existsSync(resolve(proj, sw.cwd))) sw = { ...sw, cwd: '.' };
          const cwd = resolve(proj, sw.cwd);
          let stdin = '';
          try {
            stdin = readFileSync(join(proj, sw.stdinName), 'utf8');
          } catch {
            /* none: empty stdin */
          }
          const cached = dh(argsOf(sw, ['--cache-location', cacheDir], proj, home), cwd, sw.env, home, stdin);
          const oracle = dh(argsOf(sw, ['--no-cache'], proj, home), cwd, sw.env, home, stdin);
          steps++;
          log.push(JSON.stringify({ edits: step.edits, settle: step.settle, cwd: sw.cwd, args: argsOf(sw, [], proj, home), env: sw.env }));
          const what = `scenario ${dir}\nsteps:\n${log.join('\n')}`;
          expect(cached.stderr, what).toBe(oracle.stderr);
          expect(cached.stdout, what).toBe(oracle.stdout);
          expect(cached.code, what).toBe(oracle.code);
        }
        if (!process.env.LINT_CACHE_ORACLE_KEEP) rmSync(dir, { recursive: true, force: true });
      }),
      { numRuns: RUNS, ...(SEED !== undefined && { seed: SEED }), endOnFailure: !process.env.LINT_CACHE_ORACLE_SHRINK },
    );
    if (process.env.LINT_CACHE_ORACLE_RUNS) console.log(`lint-cache oracle: ${RUNS} scenarios, ${steps} steps (${2 * steps} runs of the CLI)`);
  }, 1_200_000);
});
