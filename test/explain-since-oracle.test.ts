// `explain --since REV` builds its baseline from today's files and what git says changed since REV
// (src/cli/git-baseline.ts). The oracle: the revision itself, checked out with `git archive` and
// planned with `plan --save`, then `explain --baseline` of that plan. For random trees and random
// edits (content, mode, added and deleted files, moves, empty directories, symbolic links, the
// .dockerignore and the Dockerfile; staged, committed or neither) both must give every step the same
// verdict and the same first cause.
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { runCaptured } from './cli-io.js';

const hasGit = !spawnSync('git', ['--version']).error;
const base = mkdtempSync(join(tmpdir(), 'dockhand-since-oracle-'));
afterAll(() => rmSync(base, { recursive: true, force: true }));

const DOCKERFILE = [
  'FROM alpine:3.20 AS a',
  'COPY a /a',
  'FROM alpine:3.20 AS txt',
  'COPY b/*.txt /b/',
  'FROM alpine:3.20 AS all',
  'COPY . /all',
  'FROM alpine:3.20 AS one',
  'COPY a/x.txt /x',
  'FROM scratch',
  'COPY --from=a /a /1',
  'COPY --from=txt /b /2',
  'COPY --from=all /all /3',
  'COPY --from=one /x /4',
  '',
].join('\n');

/** Edits of the Dockerfile: a line changed, one added, a source changed, a stage dropped. */
const VARIANTS = [
  DOCKERFILE.replace('COPY a /a', 'COPY a /aa'),
  DOCKERFILE.replace('COPY b/*.txt /b/', 'COPY b/*.txt /b/\nRUN echo more'),
  DOCKERFILE.replace('COPY a/x.txt /x', 'COPY top.txt /x'),
  DOCKERFILE.replace('COPY . /all', 'COPY --exclude=*.log . /all'),
];

const PATHS = ['a/x.txt', 'a/y.sh', 'a/c/z.txt', 'b/p.txt', 'b/q.log', 'b/d/r.txt', 'top.txt', 'new/n.txt'];
const IGNORES = ['', '*.log\n', 'b/d\n', 'a/c\n!a/c/z.txt\n', 'new\n'];

type Edit =
  | { kind: 'write'; path: string; text: string }
  | { kind: 'delete'; path: string }
  | { kind: 'move'; from: string; to: string }
  | { kind: 'chmod'; path: string; exec: boolean }
  | { kind: 'ignore'; text: string }
  | { kind: 'mkdir'; path: string }
  | { kind: 'link'; path: string; target: string }
  | { kind: 'dockerfile'; variant: number };

const path = fc.constantFrom(...PATHS);
const edit: fc.Arbitrary<Edit> = fc.oneof(
  fc.record({ kind: fc.constant('write' as const), path, text: fc.constantFrom('1\n', '2\n', '3\n') }),
  fc.record({ kind: fc.constant('delete' as const), path }),
  fc.record({ kind: fc.constant('move' as const), from: path, to: path }),
  fc.record({ kind: fc.constant('chmod' as const), path, exec: fc.boolean() }),
  fc.record({ kind: fc.constant('ignore' as const), text: fc.constantFrom(...IGNORES) }),
  // An empty directory: git knows none, so one that is new since the revision shows nowhere in git.
  fc.record({ kind: fc.constant('mkdir' as const), path: fc.constantFrom('a/e', 'new', 'b/d/f') }),
  fc.record({ kind: fc.constant('link' as const), path, target: fc.constantFrom('x.txt', '../top.txt', 'c', '/nonexistent/dockhand-oracle', 'missing') }),
  fc.record({ kind: fc.constant('dockerfile' as const), variant: fc.integer({ min: 0, max: VARIANTS.length - 1 }) }),
);
const scenario = fc.record({
  files: fc.subarray(PATHS.slice(0, 7), { minLength: 2 }),
  ignore: fc.constantFrom(...IGNORES),
  edits: fc.array(edit, { minLength: 1, maxLength: 4 }),
  stage: fc.boolean(),
  // The edits committed, and compared with the commit before.
  commit: fc.boolean(),
});

let n = 0;

describe('explain --since agrees with explain --baseline of the revision planned as checked out', () => {
  it.skipIf(!hasGit)('for random trees and edits', async () => {
    await fc.assert(
      fc.asyncProperty(scenario, async ({ files, ignore, edits, stage, commit }) => {
        const repo = join(base, `r${n++}`);
        const old = `${repo}-old`;
        mkdirSync(repo);
        const git = (...a: string[]) => execFileSync('git', ['-c', 'user.email=t@t', '-c', 'user.name=t', ...a], { cwd: repo, stdio: 'pipe' });
        const present = new Set<string>();
        // Modes as git checks files out (0644, 0755): git keeps only the executable bit.
        const links = new Set<string>();
        const put = (p: string, text: string, exec = false) => {
          mkdirSync(dirname(join(repo, p)), { recursive: true });
          // A link is replaced by the file, never written through.
          if (links.delete(p)) rmSync(join(repo, p));
          writeFileSync(join(repo, p), text);
          chmodSync(join(repo, p), exec ? 0o755 : 0o644);
          present.add(p);
        };
        put('Dockerfile', DOCKERFILE);
        // The ignore file excludes itself and the Dockerfile, so only what it selects shows its edits.
        put('.dockerignore', `.git\n.dockerignore\nDockerfile\n${ignore}`);
        for (const f of files) put(f, `${f}\n`);
        git('init', '-q');
        git('add', '.');
        git('commit', '-qm', 'base');
        for (const e of edits) {
          if (e.kind === 'write') put(e.path, e.text);
          else if (e.kind === 'ignore') put('.dockerignore', `.git\n.dockerignore\nDockerfile\n${e.text}`);
          else if (e.kind === 'mkdir') mkdirSync(join(repo, e.path), { recursive: true });
          else if (e.kind === 'dockerfile') put('Dockerfile', VARIANTS[e.variant]!);
          else if (e.kind === 'link' && !present.has(e.path)) {
            mkdirSync(dirname(join(repo, e.path)), { recursive: true });
            symlinkSync(e.target, join(repo, e.path));
            present.add(e.path);
            links.add(e.path);
          }
          else if (e.kind === 'chmod' && present.has(e.path) && !links.has(e.path)) chmodSync(join(repo, e.path), e.exec ? 0o755 : 0o644);
          else if (e.kind === 'delete' && present.has(e.path)) {
            rmSync(join(repo, e.path));
            present.delete(e.path);
            links.delete(e.path);
          } else if (e.kind === 'move' && present.has(e.from) && !present.has(e.to) && e.from !== e.to) {
            mkdirSync(dirname(join(repo, e.to)), { recursive: true });
            execFileSync('mv', [join(repo, e.from), join(repo, e.to)]);
            present.delete(e.from);
            present.add(e.to);
            if (links.delete(e.from)) links.add(e.to);
          }
        }
        if (stage || commit) git('add', '-A');
        if (commit) git('commit', '-qm', 'edits', '--allow-empty');
        const rev = commit ? 'HEAD~1' : 'HEAD';
        // The revision as a build of it saw it.
        mkdirSync(old);
        execFileSync('sh', ['-c', `git -c tar.umask=022 archive ${rev} | tar -x -C '${old}'`], { cwd: repo });
        const env = { XDG_CACHE_HOME: join(base, 'cache') };
        const saved = await runCaptured(['plan', 'Dockerfile', '--save', join(old, 'plan.json'), '--format', 'json'], { cwd: old, stdin: '', env });
        expect(saved.code, saved.stderr).toBe(0);
        const verdicts = async (...mode: string[]) => {
          const r = await runCaptured(['explain', 'Dockerfile', ...mode, '--format', 'json'], { cwd: repo, stdin: '', env });
          expect(r.code, r.stderr).toBe(0);
          const steps = JSON.parse(r.stdout).steps as { line: number; status: string; cause?: { kind: string; detail?: string; before?: string } }[];
          return steps.map((s) => `${s.line} ${s.status} ${s.cause ? `${s.cause.kind} ${s.cause.detail ?? ''} ${s.cause.before ?? ''}` : ''}`);
        };
        const since = await verdicts('--since', rev);
        const oracle = await verdicts('--baseline', join(old, 'plan.json'));
        rmSync(repo, { recursive: true, force: true });
        rmSync(old, { recursive: true, force: true });
        expect(since, JSON.stringify({ files, ignore, edits, stage, commit })).toEqual(oracle);
      }),
      { numRuns: 60 },
    );
  }, 300_000);
});
