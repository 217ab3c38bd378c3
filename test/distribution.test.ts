// dockhand where users get it: the `npm pack` tarball installed into an empty prefix (what
// pre-commit's node hooks and the GitHub Action install too), the pre-commit hooks run the way
// pre-commit runs them, the GitHub Action's steps run as a script, and the GitLab CI job.
// npm installs from its cache (--prefer-offline: package metadata comes from the registry only
// when the cache has none).
import { execFileSync, spawn, spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { isDockerfileName } from '../src/cli/lint-inputs.js';
import { allRules } from '../src/linter/index.js';
import { LspClient } from './lsp-client.js';

const root = resolve(import.meta.dirname, '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { name: string; version: string };
const tmp = mkdtempSync(join(tmpdir(), 'dockhand-dist-'));
const hasShellcheck = spawnSync('shellcheck', ['--version']).status === 0;
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** npm with its cache first and no chatter. */
const npmEnv = { ...process.env, npm_config_prefer_offline: 'true', npm_config_update_notifier: 'false', npm_config_fund: 'false', npm_config_audit: 'false' };

let tarball = '';
let prefix = '';
/** PATH with the installed prefix's bin first. */
let installedPath = '';

beforeAll(() => {
  expect(existsSync(join(root, 'dist/cli.cjs')), 'run node scripts/build.mjs first').toBe(true);
  const out = join(tmp, 'pack');
  mkdirSync(out);
  // As pre-commit runs it: plain `npm pack`, whose whole stdout it takes for the tarball's name.
  // (So the package runs no script on pack: npm prints a lifecycle script's banner on stdout.)
  const stdout = execFileSync('npm', ['pack', '--pack-destination', out], { cwd: root, encoding: 'utf8', env: npmEnv, stdio: ['ignore', 'pipe', 'pipe'] });
  expect(stdout).toBe(`${pkg.name}-${pkg.version}.tgz\n`);
  tarball = join(out, stdout.trim());
  prefix = join(tmp, 'prefix');
  execFileSync('npm', ['install', '--global', '--prefix', prefix, '--loglevel=error', tarball], { cwd: tmp, env: npmEnv, stdio: 'pipe' });
  installedPath = `${join(prefix, 'bin')}${delimiter}${process.env.PATH}`;
}, 180_000);

/** A workspace outside the checkout: one service with findings, one clean. */
function workspace(name: string): string {
  const dir = join(tmp, name);
  mkdirSync(join(dir, 'services/api'), { recursive: true });
  mkdirSync(join(dir, 'services/web'), { recursive: true });
  writeFileSync(join(dir, 'services/api/Dockerfile'), 'FROM alpine:3.20\nRUN apk add --no-cache curl && echo $HOME/x*\nUSER 1000\n');
  writeFileSync(join(dir, 'services/web/web.Dockerfile'), 'FROM nginx:1.27\nCOPY site/ /usr/share/nginx/html/\n');
  mkdirSync(join(dir, 'services/web/site'), { recursive: true });
  return dir;
}

function installed(args: string[], cwd: string, input?: string): SpawnSyncReturns<string> {
  return spawnSync('dockhand', args, { cwd, input, encoding: 'utf8', env: { ...process.env, PATH: installedPath, NO_COLOR: '1', HOME: join(tmp, 'home') } });
}

describe('dependencies left outside the bundle', () => {
  // The results cache keys on the bundle's digest: what the bundle loads from node_modules and
  // what changes findings (the shell grammar and its runtime) must not move under it with an install.
  it('the shell parser and its grammar are pinned to exact versions', () => {
    const deps = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { dependencies: Record<string, string> }).dependencies;
    for (const name of ['web-tree-sitter', 'tree-sitter-bash']) expect(deps[name], name).toMatch(/^\d+\.\d+\.\d+$/);
  });
});

describe('npm pack → npm install --global --prefix (an empty one)', () => {
  it('the tarball holds the CLI, its docs and no test data', () => {
    const files = execFileSync('tar', ['tzf', tarball], { encoding: 'utf8' }).trim().split('\n').map((f) => f.replace(/^package\//, ''));
    for (const f of ['package.json', 'README.md', 'bin/dockhand.js', 'bin/package.json', 'dist/cli.cjs', 'docs/rules/README.md']) expect(files).toContain(f);
    expect(files.filter((f) => f.startsWith('docs/rules/'))).toHaveLength(allRules.length + 1);
    const testData = files.filter((f) => /^(test|fixtures|bench|src|scripts|\.ci|coverage)\/|^dist\/\.cache\/|\.test\.ts$|^\.|\/\./.test(f));
    expect(testData).toEqual([]);
    expect(statSync(tarball).size).toBeLessThan(3e6);
  });

  it('installs, of node_modules, only what the bundle leaves outside (and what those need)', () => {
    const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8')) as { packages: Record<string, { dependencies?: Record<string, string>; dev?: boolean }> };
    const want = new Set<string>();
    const queue = Object.keys(lock.packages['']!.dependencies ?? {});
    while (queue.length) {
      const n = queue.shift()!;
      if (want.has(n)) continue;
      want.add(n);
      queue.push(...Object.keys(lock.packages[`node_modules/${n}`]?.dependencies ?? {}));
    }
    const dir = join(prefix, 'lib/node_modules', pkg.name, 'node_modules');
    const got = readdirSync(dir).filter((n) => !n.startsWith('.')).flatMap((n) => (n.startsWith('@') ? readdirSync(join(dir, n)).map((m) => `${n}/${m}`) : [n]));
    expect(got.sort()).toEqual([...want].sort());
    for (const bundled of ['chevrotain', 'yargs', 'yaml', 'minimatch']) expect(got).not.toContain(bundled);
  });

  it('`dockhand --version` runs the installed copy, not the checkout', () => {
    const r = installed(['--version'], tmp);
    expect(r.stdout.trim()).toBe(pkg.version);
    const found = realpathSync(execFileSync('sh', ['-c', 'command -v dockhand'], { env: { ...process.env, PATH: installedPath }, encoding: 'utf8' }).trim());
    expect(found).toBe(join(realpathSync(prefix), 'lib/node_modules', pkg.name, 'bin/dockhand.js'));
  });

  it('`dockhand lint` (no path: the workspace\'s Dockerfiles), ShellCheck included when installed', () => {
    const ws = workspace('ws-lint');
    const r = installed(['lint', '-f', 'gnu'], ws);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/^services\/api\/Dockerfile:2:\d+: warning: Pin versions in apk add\..* \[DL3018\]$/m);
    if (hasShellcheck) expect(r.stdout).toMatch(/^services\/api\/Dockerfile:2:\d+: info: .* \[SC2086\]$/m);
    expect(r.stdout).not.toContain('web.Dockerfile');
    expect(r.status).toBe(1);
    // Links in the installed copy open its own pages.
    const rules = JSON.parse(installed(['rules', '-f', 'json'], ws).stdout) as { docs: { page: string } }[];
    const docs = pathToFileURL(join(realpathSync(prefix), 'lib/node_modules', pkg.name, 'docs/rules/')).href;
    for (const x of rules) {
      expect(x.docs.page.startsWith(docs), x.docs.page).toBe(true);
      expect(existsSync(fileURLToPath(x.docs.page))).toBe(true);
    }
  });

  it('`dockhand lsp --stdio` answers the initialize handshake and lints an opened document', async () => {
    const ws = workspace('ws-lsp');
    const client = new LspClient(spawn('dockhand', ['lsp', '--stdio'], { cwd: ws, env: { ...process.env, PATH: installedPath } }));
    try {
      const init = await client.request('initialize', { processId: process.pid, rootUri: pathToFileURL(ws).href, capabilities: {} });
      expect(init.capabilities).toMatchObject({ hoverProvider: true, documentFormattingProvider: true });
      client.notify('initialized', {});
      const uri = pathToFileURL(join(ws, 'services/api/Dockerfile')).href;
      client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'dockerfile', version: 1, text: 'FROM alpine\n' } });
      const diags = (await client.diagnosticsFor(uri, 1)).params.diagnostics as { code: string }[];
      expect(diags.map((d) => d.code)).toContain('DL3006');
      await client.request('shutdown', null);
      client.notify('exit', null);
      expect(await client.exited).toBe(0);
    } finally {
      client.child.kill();
    }
  });
});

/** One hook of .pre-commit-hooks.yaml. */
interface Hook {
  id: string;
  name: string;
  entry: string;
  language: string;
  files?: string;
  exclude?: string;
  args?: string[];
  types?: string[];
  pass_filenames?: boolean;
}

/** A Python `re` pattern as a JavaScript RegExp (these patterns use a leading `(?i)` at most). */
function pyRegExp(pattern: string): RegExp {
  const ci = pattern.startsWith('(?i)');
  const body = ci ? pattern.slice(4) : pattern;
  expect(body, 'a construct JavaScript reads differently').not.toMatch(/\(\?[a-zP<]|\\[AZz]/);
  return new RegExp(body, ci ? 'i' : '');
}

describe('pre-commit hooks (.pre-commit-hooks.yaml)', () => {
  const hooks = parseYaml(readFileSync(join(root, '.pre-commit-hooks.yaml'), 'utf8')) as Hook[];
  /** The staged files pre-commit would pass to a hook: re.search on `files`, not on `exclude`. */
  const selects = (h: Hook, path: string) => pyRegExp(h.files ?? '').test(path) && !(h.exclude && pyRegExp(h.exclude).test(path));

  it('lint, format --check and format --write, as node hooks on every staged file', () => {
    expect(hooks.map((h) => [h.id, h.entry, h.language])).toEqual([
      ['dockhand-lint', 'dockhand lint', 'node'],
      ['dockhand-format', 'dockhand format --check', 'node'],
      ['dockhand-format-fix', 'dockhand format --write', 'node'],
    ]);
    for (const h of hooks) expect(h.pass_filenames ?? true).toBe(true);
  });

  it("select exactly the names `dockhand lint DIR` searches for", () => {
    const names = [
      'Dockerfile', 'Containerfile', 'api.Dockerfile', 'Dockerfile.dev', 'Dockerfile.prod.arm64', 'Containerfile.fedora', '.Dockerfile',
      'Dockerfile.png', 'Dockerfile.md', 'Dockerfile.MD', 'Containerfile.5.gz', 'Dockerfile.dockerignore', 'Dockerfile~', 'Dockerfile.orig',
      'dockerfile', 'Dockerfiles', 'MyDockerfile', 'api.dockerfile', 'Dockerfile.tar', 'README.md', 'Dockerfile.html', 'x.Dockerfile.bak',
    ];
    for (const h of hooks) {
      for (const n of names) {
        expect(selects(h, n), `${h.id}: ${n}`).toBe(isDockerfileName(n));
        expect(selects(h, `services/api/${n}`), `${h.id}: services/api/${n}`).toBe(isDockerfileName(n));
      }
      // A directory's name never selects the files inside it.
      expect(selects(h, 'Dockerfile.d/notes.txt')).toBe(false);
    }
    const piece = fc.constantFrom('Dockerfile', 'Containerfile', 'docker', 'file', '.', '.Dockerfile', '.md', '.gz', '~', 'a', '-', '.dev', '.PNG', 'dockerignore');
    fc.assert(
      fc.property(fc.array(piece, { minLength: 1, maxLength: 5 }), fc.constantFrom('', 'svc/', 'a/b/'), (parts, dir) => {
        const name = parts.join('');
        for (const h of hooks) expect(selects(h, dir + name), `${h.id}: ${dir + name}`).toBe(isDockerfileName(name));
      }),
      { numRuns: 500 },
    );
  });

  describe('run on staged files, with the command line pre-commit builds (entry + args + files)', () => {
    let repo = '';
    beforeAll(() => {
      repo = join(tmp, 'precommit-repo');
      mkdirSync(join(repo, 'services/api'), { recursive: true });
      mkdirSync(join(repo, 'docs'), { recursive: true });
      writeFileSync(join(repo, 'Dockerfile'), 'from alpine\nrun   echo hi\nUSER 1000\n');
      writeFileSync(join(repo, 'services/api/api.Dockerfile'), 'FROM alpine:3.20\nUSER 1000\nCMD ["sh"]\n');
      writeFileSync(join(repo, 'docs/Dockerfile.md'), '# not a Dockerfile: `FROM` here is prose\n');
      writeFileSync(join(repo, 'app.py'), 'print("hi")\n');
      execFileSync('git', ['init', '-q'], { cwd: repo });
      execFileSync('git', ['add', '.'], { cwd: repo });
    });
    const staged = () => execFileSync('git', ['diff', '--cached', '--name-only'], { cwd: repo, encoding: 'utf8' }).trim().split('\n');
    const runHook = (id: string, files = staged()) => {
      const h = hooks.find((x) => x.id === id)!;
      expect(h.entry).not.toMatch(/["'\\]/); // plain words: shlex.split is split on spaces
      const argv = [...h.entry.split(/\s+/), ...(h.args ?? []), ...files.filter((f) => selects(h, f))];
      return { argv, r: spawnSync(argv[0]!, argv.slice(1), { cwd: repo, encoding: 'utf8', env: { ...process.env, PATH: installedPath, NO_COLOR: '1', HOME: join(tmp, 'home') } }) };
    };

    it('dockhand-lint: the Dockerfiles only; exit 1 on findings, 0 when the staged ones are clean', () => {
      const { argv, r } = runHook('dockhand-lint');
      expect(argv).toEqual(['dockhand', 'lint', 'Dockerfile', 'services/api/api.Dockerfile']);
      expect(r.stdout).toMatch(/^Dockerfile$/m);
      expect(r.stdout).toContain('DL3006');
      expect(r.stdout).not.toContain('api.Dockerfile');
      expect(r.status).toBe(1);
      expect(runHook('dockhand-lint', ['services/api/api.Dockerfile', 'app.py']).r.status).toBe(0);
    });

    it('dockhand-format: lists the unformatted file, exit 1, changes nothing', () => {
      const before = readFileSync(join(repo, 'Dockerfile'), 'utf8');
      const { r } = runHook('dockhand-format');
      expect(r.status).toBe(1);
      expect(`${r.stdout}${r.stderr}`).toContain('Dockerfile');
      expect(`${r.stdout}${r.stderr}`).not.toContain('api.Dockerfile');
      expect(readFileSync(join(repo, 'Dockerfile'), 'utf8')).toBe(before);
    });

    it('dockhand-format-fix: rewrites the file in place; the check then passes', () => {
      const { r } = runHook('dockhand-format-fix');
      expect(r.status).toBe(0);
      expect(readFileSync(join(repo, 'Dockerfile'), 'utf8')).toBe('FROM alpine\nRUN echo hi\nUSER 1000\n');
      expect(readFileSync(join(repo, 'docs/Dockerfile.md'), 'utf8')).toContain('prose');
      expect(runHook('dockhand-format').r.status).toBe(0);
      expect(execFileSync('git', ['diff', '--name-only'], { cwd: repo, encoding: 'utf8' }).trim()).toBe('Dockerfile');
    });
  });
});

/** One step of a composite action. */
interface Step {
  name?: string;
  id?: string;
  if?: string;
  uses?: string;
  run?: string;
  shell?: string;
  env?: Record<string, string>;
  with?: Record<string, string>;
}

interface Action {
  inputs: Record<string, { description: string; default?: string; required?: boolean }>;
  outputs: Record<string, { description: string; value: string }>;
  runs: { using: string; steps: Step[] };
}

describe('GitHub Action (action.yml), its steps run as a script', () => {
  const action = parseYaml(readFileSync(join(root, 'action.yml'), 'utf8')) as Action;
  let actionPath = '';
  let runnerTemp = '';
  let pathAdditions: string[] = [];

  /** What one run of the action saw and did. */
  interface ActionRun {
    outputs: Record<string, string>;
    steps: { name: string; uses?: string; ran: boolean; code: number; stdout: string; summary?: string; with?: Record<string, string> }[];
    /** The action's result: the first failing step's code, else 0. */
    code: number;
  }

  /** `${{ expr }}` for the contexts the action uses; anything else is an error of the test. */
  function evaluate(expr: string, ctx: { inputs: Record<string, string>; steps: Record<string, Record<string, string>> }): string {
    const e = expr.trim();
    let m: RegExpExecArray | null;
    if ((m = /^inputs\.([\w-]+)$/.exec(e))) {
      expect(action.inputs[m[1]!], `input ${m[1]}`).toBeDefined();
      // A default may itself be an expression (github-token's is `${{ github.token }}`).
      return ctx.inputs[m[1]!] ?? substitute(action.inputs[m[1]!]!.default ?? '', ctx);
    }
    if ((m = /^steps\.([\w-]+)\.outputs\.([\w-]+)$/.exec(e))) return ctx.steps[m[1]!]?.[m[2]!] ?? '';
    if (e === 'github.action_path') return actionPath;
    if (e === 'github.token') return 'token-of-the-run';
    if (e === 'runner.temp') return runnerTemp;
    throw new Error(`action.yml: expression the test does not know: ${e}`);
  }
  const substitute = (s: string, ctx: Parameters<typeof evaluate>[1]) => s.replace(/\$\{\{(.*?)\}\}/g, (_m, e: string) => evaluate(e, ctx));

  /** A step's `if:`: `always()`, `A == 'x'`, `A != 'x'`, joined by `&&`. */
  function condition(cond: string | undefined, ctx: Parameters<typeof evaluate>[1], failed: boolean): boolean {
    if (!cond) return !failed;
    let always = false;
    const ok = cond.split('&&').every((term) => {
      const t = term.trim();
      if (t === 'always()') return (always = true);
      const m = /^(.+?)\s*(==|!=)\s*'([^']*)'$/.exec(t);
      if (!m) throw new Error(`action.yml: condition the test does not know: ${t}`);
      const v = evaluate(m[1]!, ctx);
      return m[2] === '==' ? v === m[3] : v !== m[3];
    });
    return ok && (always || !failed);
  }

  /** Runs every step as GitHub's runner would (`uses:` steps are recorded, not run). */
  function runAction(inputs: Record<string, string>, workspaceDir: string, only?: (s: Step) => boolean, runnerEnv: Record<string, string> = {}): ActionRun {
    const ctx = { inputs, steps: {} as Record<string, Record<string, string>> };
    const result: ActionRun = { outputs: {}, steps: [], code: 0 };
    for (const step of action.runs.steps) {
      if (only && !only(step)) continue;
      const name = step.name ?? step.uses ?? step.id ?? '?';
      if (!condition(step.if, ctx, result.code !== 0)) {
        result.steps.push({ name, uses: step.uses, ran: false, code: 0, stdout: '' });
        continue;
      }
      if (step.uses) {
        const w = Object.fromEntries(Object.entries(step.with ?? {}).map(([k, v]) => [k, substitute(String(v), ctx)]));
        result.steps.push({ name, uses: step.uses, ran: true, code: 0, stdout: '', with: w });
        continue;
      }
      const files = Object.fromEntries(['GITHUB_OUTPUT', 'GITHUB_PATH', 'GITHUB_ENV', 'GITHUB_STEP_SUMMARY'].map((k) => [k, join(runnerTemp, `${k.toLowerCase()}-${Math.random().toString(36).slice(2)}`)]));
      for (const f of Object.values(files)) writeFileSync(f, '');
      const env = Object.fromEntries(Object.entries(step.env ?? {}).map(([k, v]) => [k, substitute(String(v), ctx)]));
      expect(step.shell).toBe('bash');
      const script = join(runnerTemp, 'step.sh');
      writeFileSync(script, step.run!);
      const r = spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', script], {
        cwd: workspaceDir,
        encoding: 'utf8',
        env: {
          ...npmEnv,
          ...files,
          ...env,
          PATH: [...pathAdditions, process.env.PATH].join(delimiter),
          RUNNER_TEMP: runnerTemp,
          GITHUB_ACTION_PATH: actionPath,
          GITHUB_WORKSPACE: workspaceDir,
          GITHUB_ACTIONS: 'true',
          HOME: join(tmp, 'home'),
          ...runnerEnv,
        },
      });
      if (r.status !== 0 && result.code === 0) result.code = r.status ?? 1;
      result.steps.push({ name, ran: true, code: r.status ?? 1, stdout: r.stdout + r.stderr, summary: readFileSync(files.GITHUB_STEP_SUMMARY!, 'utf8') });
      pathAdditions = [...readFileSync(files.GITHUB_PATH!, 'utf8').split('\n').filter(Boolean).reverse(), ...pathAdditions];
      const outputs: Record<string, string> = {};
      for (const line of readFileSync(files.GITHUB_OUTPUT!, 'utf8').split('\n')) {
        const i = line.indexOf('=');
        if (i > 0) outputs[line.slice(0, i)] = line.slice(i + 1);
      }
      if (step.id) ctx.steps[step.id] = outputs;
    }
    for (const [k, o] of Object.entries(action.outputs)) result.outputs[k] = substitute(o.value, ctx);
    return result;
  }

  beforeAll(() => {
    // The action's own checkout: this repository's files (tracked, or new and not ignored).
    actionPath = join(tmp, 'action');
    const files = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard'], { cwd: root, encoding: 'utf8' }).trim().split('\n');
    for (const f of files) {
      if (!existsSync(join(root, f))) continue;
      mkdirSync(dirname(join(actionPath, f)), { recursive: true });
      cpSync(join(root, f), join(actionPath, f));
    }
    runnerTemp = join(tmp, 'runner-temp');
    mkdirSync(runnerTemp);
    // Install only: npm ci + build + pack + install, as on a runner (setup-node is the runner's node here).
    const install = runAction({}, tmp, (s) => s.uses === undefined && s.id === undefined && /Install/.test(s.name ?? ''));
    const step = install.steps.find((s) => s.ran)!;
    expect(step.code, step.stdout).toBe(0);
    expect(step.stdout).toContain(`dockhand ${pkg.version}`);
    expect(pathAdditions).toEqual([join(runnerTemp, 'dockhand/bin')]);
  }, 300_000);

  it('has the inputs and outputs it documents; inputs reach scripts only through env', () => {
    for (const i of ['paths', 'config', 'preset', 'failure-threshold', 'format', 'sarif-file', 'upload-sarif', 'explain', 'explain-base', 'explain-comment', 'github-token']) expect(action.inputs[i], i).toBeDefined();
    expect(Object.keys(action.outputs).sort()).toEqual(['exit-code', 'sarif-file']);
    expect(action.runs.using).toBe('composite');
    for (const s of action.runs.steps) if (s.run) expect(s.run, s.name).not.toContain('${{');
    const upload = action.runs.steps.find((s) => s.uses?.startsWith('github/codeql-action/upload-sarif@'));
    expect(upload?.with?.sarif_file).toBe('${{ steps.lint.outputs.sarif-file }}');
  });

  it.runIf(hasShellcheck)("its scripts pass ShellCheck", () => {
    for (const s of action.runs.steps.filter((x) => x.run)) {
      const f = join(tmp, 'action-step.sh');
      writeFileSync(f, `#!/bin/bash\n${s.run}`);
      const r = spawnSync('shellcheck', ['-s', 'bash', f], { encoding: 'utf8' });
      expect(r.stdout, s.name).toBe('');
    }
  });

  it('findings: annotations in the log, a SARIF report, uploaded on request, and the job fails', () => {
    const ws = workspace('ws-action');
    const run = runAction({ 'upload-sarif': 'true' }, ws, (s) => !/Install/.test(s.name ?? ''));
    const lint = run.steps.find((s) => s.name === 'Lint')!;
    expect(lint.stdout).toMatch(/^::warning file=services\/api\/Dockerfile,line=2,col=\d+,endLine=2,endColumn=\d+,title=DL3018::/m);
    expect(run.outputs).toEqual({ 'exit-code': '1', 'sarif-file': 'dockhand.sarif' });
    const sarif = JSON.parse(readFileSync(join(ws, 'dockhand.sarif'), 'utf8'));
    expect(sarif.version).toBe('2.1.0');
    expect(sarif.runs[0].results.map((r: { ruleId: string }) => r.ruleId)).toContain('DL3018');
    const upload = run.steps.find((s) => s.uses?.startsWith('github/codeql-action/upload-sarif@'))!;
    expect(upload.ran).toBe(true);
    expect(upload.with).toEqual({ sarif_file: 'dockhand.sarif', category: 'dockhand' });
    expect(run.steps.at(-1)!.name).toBe('Verdict');
    expect(run.steps.at(-1)!.code).toBe(1);
    expect(run.code).toBe(1);
  });

  it('inputs: paths (words, globs left to dockhand), threshold, preset, config, no SARIF, no upload', () => {
    const ws = workspace('ws-action2');
    writeFileSync(join(ws, 'strict.yaml'), 'rules:\n  DL3018: error\n');
    const pass = runAction({ paths: 'services/web\n services/*/Dockerfile', 'failure-threshold': 'error', 'sarif-file': '', format: 'gnu' }, ws, (s) => !/Install/.test(s.name ?? ''));
    const lint = pass.steps.find((s) => s.name === 'Lint')!;
    expect(lint.stdout).toMatch(/^services\/api\/Dockerfile:2:\d+: warning: .*\[DL3018\]$/m);
    expect(pass.outputs).toEqual({ 'exit-code': '0', 'sarif-file': '' });
    expect(existsSync(join(ws, 'dockhand.sarif'))).toBe(false);
    expect(pass.steps.find((s) => s.uses?.startsWith('github/codeql-action/upload-sarif@'))!.ran).toBe(false);
    expect(pass.code).toBe(0);
    const config = runAction({ config: 'strict.yaml', 'failure-threshold': 'error', 'sarif-file': 'reports/dockhand.sarif' }, ws, (s) => !/Install/.test(s.name ?? ''));
    expect(config.outputs['exit-code']).toBe('1');
    expect(existsSync(join(ws, 'reports/dockhand.sarif'))).toBe(true);
    const preset = runAction({ preset: 'security', 'sarif-file': '' }, ws, (s) => !/Install/.test(s.name ?? ''));
    expect(preset.steps.find((s) => s.name === 'Lint')!.stdout).toContain('title=DL3057::');
    expect(preset.code).toBe(1);
  });

  describe('explain: the rebuild report in the job summary and as one pull-request comment', () => {
    /** A workspace that is a git repository: a commit, then an edit of a file a COPY selects. */
    function gitWorkspace(name: string): { dir: string; base: string } {
      const dir = join(tmp, name);
      mkdirSync(join(dir, 'src'), { recursive: true });
      const git = (...args: string[]) => execFileSync('git', args, { cwd: dir, encoding: 'utf8', env: { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@example.com', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@example.com' } }).trim();
      writeFileSync(join(dir, 'Dockerfile'), 'FROM alpine:3.20\nRUN apk add --no-cache make\nCOPY src/ /app/\nRUN make -C /app\nUSER 1000\n');
      writeFileSync(join(dir, 'src/main.c'), 'int main(void) { return 0; }\n');
      git('init', '-q', '-b', 'main');
      git('add', '.');
      git('commit', '-q', '-m', 'base');
      const base = git('rev-parse', 'HEAD');
      writeFileSync(join(dir, 'src/main.c'), 'int main(void) { return 1; }\n');
      git('commit', '-q', '-am', 'edit');
      return { dir, base };
    }

    /** A stand-in for GitHub's REST API in its own process (the action's steps run synchronously). */
    async function fakeGithub(): Promise<{ url: string; log: () => { method: string; url: string; body?: string }[]; stop: () => void }> {
      const logFile = join(tmp, `api-${Math.random().toString(36).slice(2)}.jsonl`);
      writeFileSync(logFile, '');
      const code = `
        const http = require('node:http'); const fs = require('node:fs');
        const comments = [{ id: 1, body: 'unrelated' }]; let next = 2;
        http.createServer((req, res) => {
          let data = ''; req.on('data', (c) => (data += c)); req.on('end', () => {
            fs.appendFileSync(${JSON.stringify(logFile)}, JSON.stringify({ method: req.method, url: req.url, auth: req.headers.authorization, body: data ? JSON.parse(data).body : undefined }) + '\\n');
            const send = (status, obj) => { res.writeHead(status, { 'content-type': 'application/json' }); res.end(JSON.stringify(obj)); };
            let m;
            if (req.method === 'GET' && (m = /^\\/repos\\/o\\/r\\/issues\\/7\\/comments\\?per_page=100&page=(\\d+)$/.exec(req.url))) return send(200, m[1] === '1' ? comments : []);
            if (req.method === 'POST' && req.url === '/repos/o/r/issues/7/comments') { const c = { id: next++, body: JSON.parse(data).body }; comments.push(c); return send(201, c); }
            if (req.method === 'PATCH' && (m = /^\\/repos\\/o\\/r\\/issues\\/comments\\/(\\d+)$/.exec(req.url))) { const c = comments.find((x) => x.id === Number(m[1])); c.body = JSON.parse(data).body; return send(200, c); }
            send(404, { message: 'Not Found' });
          });
        }).listen(0, '127.0.0.1', function () { process.stdout.write(this.address().port + '\\n'); });`;
      const child = spawn(process.execPath, ['-e', code], { stdio: ['ignore', 'pipe', 'inherit'] });
      const port = await new Promise<string>((res) => child.stdout!.once('data', (d: Buffer) => res(d.toString().trim())));
      return {
        url: `http://127.0.0.1:${port}`,
        log: () => readFileSync(logFile, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l)),
        stop: () => child.kill(),
      };
    }

    const notInstall = (s: Step) => !/Install/.test(s.name ?? '');
    const runActionAll = runAction;

    it('posts one comment on a pull request, then updates it in place; the summary has the report', async () => {
      const { dir, base } = gitWorkspace('ws-explain');
      const api = await fakeGithub();
      try {
        const event = join(tmp, 'event.json');
        writeFileSync(event, JSON.stringify({ pull_request: { number: 7 } }));
        const runnerEnv = { GITHUB_API_URL: api.url, GITHUB_REPOSITORY: 'o/r', GITHUB_EVENT_PATH: event };
        const inputs = { explain: 'Dockerfile', 'explain-base': base, 'sarif-file': '' };
        const first = runAction(inputs, dir, notInstall, runnerEnv);
        const step = first.steps.find((s) => s.name === 'Explain')!;
        expect(step.code, step.stdout).toBe(0);
        expect(step.summary).toMatch(/^<!-- dockhand-explain: Dockerfile -->\n/);
        expect(step.summary).toContain('| 3 |');
        expect(step.summary).toContain('src/main.c modified');
        expect(step.stdout).toContain('dockhand: posted comment 2');
        const posted = api.log().filter((r) => r.method !== 'GET');
        expect(posted).toEqual([{ method: 'POST', url: '/repos/o/r/issues/7/comments', auth: 'Bearer token-of-the-run', body: step.summary }]);
        // Unchanged: nothing written. Then a new commit changes the report: the same comment is replaced.
        const again = runAction(inputs, dir, notInstall, runnerEnv).steps.find((s) => s.name === 'Explain')!;
        expect(again.stdout).toContain('dockhand: comment 2 is up to date');
        writeFileSync(join(dir, 'Dockerfile'), readFileSync(join(dir, 'Dockerfile'), 'utf8').replace('make\n', 'make gcc\n'));
        const third = runAction(inputs, dir, notInstall, runnerEnv).steps.find((s) => s.name === 'Explain')!;
        expect(third.stdout).toContain('dockhand: updated comment 2');
        const writes = api.log().filter((r) => r.method !== 'GET');
        expect(writes.map((r) => `${r.method} ${r.url}`)).toEqual(['POST /repos/o/r/issues/7/comments', 'PATCH /repos/o/r/issues/comments/2']);
        expect(writes[1]!.body).toBe(third.summary);
        expect(third.summary).not.toBe(step.summary);
      } finally {
        api.stop();
      }
    });

    it('outside a pull request: the summary only; without a base: skipped; never fails the job', async () => {
      const { dir, base } = gitWorkspace('ws-explain2');
      // The lint's own verdict out of the way (its one finding is a warning): what is checked is that Explain never fails the job.
      const runAction = (inputs: Record<string, string>, ws: string, only: (s: Step) => boolean, env: Record<string, string> = {}) =>
        runActionAll({ 'failure-threshold': 'error', ...inputs }, ws, only, env);
      const noPr = runAction({ explain: 'Dockerfile', 'explain-base': base, 'sarif-file': '' }, dir, notInstall, { GITHUB_EVENT_PATH: join(tmp, 'none.json') });
      const step = noPr.steps.find((s) => s.name === 'Explain')!;
      expect(step.stdout).toContain('not a pull request: no comment posted');
      expect(step.summary).toContain('dockhand-explain: Dockerfile');
      const noBase = runAction({ explain: 'Dockerfile', 'sarif-file': '' }, dir, notInstall, { GITHUB_BASE_REF: '' });
      expect(noBase.steps.find((s) => s.name === 'Explain')!.stdout).toContain('nothing to compare with');
      const shallow = runAction({ explain: 'Dockerfile', 'sarif-file': '' }, dir, notInstall, { GITHUB_BASE_REF: 'main' });
      expect(shallow.steps.find((s) => s.name === 'Explain')!.stdout).toContain('::warning::dockhand: explain: no common history with origin/main');
      const missing = runAction({ explain: 'nope/Dockerfile', 'explain-base': base, 'sarif-file': '' }, dir, notInstall);
      expect(missing.steps.find((s) => s.name === 'Explain')!.stdout).toContain('::warning::dockhand: explain nope/Dockerfile');
      for (const r of [noPr, noBase, shallow, missing]) expect(r.code, JSON.stringify(r.steps.map((s) => [s.name, s.code, s.stdout.slice(0, 300)]))).toBe(0);
      const off = runAction({ 'sarif-file': '' }, dir, notInstall);
      expect(off.steps.find((s) => s.name === 'Explain')!.ran).toBe(false);
    });
  });

  it('a usage error is exit 2, reported as such', () => {
    const ws = workspace('ws-action3');
    const run = runAction({ paths: 'no/such/Dockerfile', 'sarif-file': '' }, ws, (s) => !/Install/.test(s.name ?? ''));
    expect(run.outputs['exit-code']).toBe('2');
    expect(run.steps.at(-1)!.stdout).toContain('could not run as asked (exit 2)');
    expect(run.code).toBe(2);
  });
});

describe('GitLab CI job (docs/ci/gitlab-ci.yml): a code-quality report', () => {
  const job = (parseYaml(readFileSync(join(root, 'docs/ci/gitlab-ci.yml'), 'utf8')) as Record<string, { image: string; before_script: string[]; script: string[]; artifacts: { when: string; reports: { codequality: string } } }>).dockhand!;

  it('installs DOCKHAND_PACKAGE, writes the report whatever it finds, then fails on findings', () => {
    expect(job.artifacts.when).toBe('always');
    const ws = workspace('ws-gitlab');
    const env = { ...npmEnv, DOCKHAND_PACKAGE: tarball, npm_config_prefix: join(tmp, 'gitlab-prefix'), PATH: `${join(tmp, 'gitlab-prefix/bin')}${delimiter}${process.env.PATH}`, HOME: join(tmp, 'home') };
    // Every line but the distribution's ShellCheck package (apt-get needs root and a network).
    const lines = [...job.before_script, ...job.script].filter((l) => !l.startsWith('apt-get '));
    expect(lines.length).toBe(job.before_script.length + job.script.length - 1);
    const codes = lines.map((l) => spawnSync('sh', ['-c', l], { cwd: ws, env, encoding: 'utf8' }).status);
    expect(codes).toEqual([0, 0, 1]);
    const report = JSON.parse(readFileSync(join(ws, job.artifacts.reports.codequality), 'utf8')) as { check_name: string; description: string; fingerprint: string; severity: string; location: { path: string; lines: { begin: number } } }[];
    const dl3018 = report.find((i) => i.check_name === 'DL3018')!;
    expect(dl3018).toMatchObject({ severity: 'major', location: { path: 'services/api/Dockerfile', lines: { begin: 2 } } });
    expect(dl3018.fingerprint).toMatch(/^[0-9a-f]{32,}$/);
    expect(new Set(report.map((i) => i.fingerprint)).size).toBe(report.length);
  });

  it('the README shows this job as it is', () => {
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    expect(readme).toContain(readFileSync(join(root, 'docs/ci/gitlab-ci.yml'), 'utf8').replace(/^#.*\n/gm, ''));
  });
});
