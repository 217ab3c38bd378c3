// Integration test against a real builder: buildah's layer cache (shared/tools/oracles/cache-oracle.sh).
// For each scenario where buildah and BuildKit agree (shared/tools/oracles/cache-experiments.md), the
// CLI saves a plan, the oracle builds before and after a change, and `dockhand explain` must predict
// exactly which cached steps buildah rebuilt.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const repo = resolve(__dirname, '..');
const oracle = resolve(repo, '../shared/tools/oracles/cache-oracle.sh');
const bin = resolve(repo, 'bin/dockhand.js');

function buildahUsable(): string | null {
  if (!existsSync(oracle)) return `${oracle} is absent`;
  const which = spawnSync('sh', ['-c', 'command -v buildah && command -v busybox'], { encoding: 'utf8' });
  if (which.status !== 0) return 'buildah or busybox-static is not installed (apt-get install buildah busybox-static)';
  if (process.getuid && process.getuid() !== 0) return 'the oracle needs root (buildah --isolation chroot)';
  const base = spawnSync(resolve(repo, '../shared/tools/oracles/make-base.sh'), { encoding: 'utf8', timeout: 120_000 });
  if (base.status !== 0) return `buildah cannot run here: ${(base.stderr || base.stdout).trim().split('\n').pop()}`;
  return null;
}

const skipReason = buildahUsable();
if (skipReason) console.warn(`planner-oracle: SKIPPED — ${skipReason}`);

const STD = `FROM localhost/base:1
RUN echo one > /one
COPY a.txt /app/a.txt
RUN cat /app/a.txt > /two
COPY dir/ /app/dir/
RUN ls -lR /app/dir > /three
COPY b.txt /app/b.txt
RUN cat /app/b.txt > /four
`;
const STD_FILES: Record<string, string> = {
  'a.txt': 'aaa\n', 'b.txt': 'bbb\n', 'other.txt': 'other\n', 'ignored.txt': 'ignored\n',
  'dir/x.txt': 'x\n', 'dir/y.txt': 'y\n', 'dir/sub/z.txt': 'z\n', '.dockerignore': 'ignored.txt\n*.log\n',
};
const ARGDF = `FROM localhost/base:1
RUN echo before-arg > /zero
ARG USED=d1
ARG UNUSED=d2
RUN echo one > /one
COPY a.txt /app/a.txt
RUN echo "used=$USED" > /two
RUN echo three > /three
`;
const MS = `FROM localhost/base:1 AS A
COPY a.txt /a.txt
RUN cat /a.txt > /out.txt
RUN echo constant > /const.txt
FROM localhost/base:1 AS B
COPY b.txt /b.txt
RUN echo b-run > /brun
COPY --from=A /out.txt /out.txt
RUN cat /out.txt > /final
`;

// COPY sources through symbolic links: a linked directory (lib -> dir) and a link as the source
// itself (dir/xl -> x.txt), which the builder follows inside the context.
const LINKS = `FROM localhost/base:1
RUN echo one > /one
COPY lib/x.txt /app/x.txt
RUN cat /app/x.txt > /two
COPY dir/xl /app/xl
RUN cat /app/xl > /three
`;
const LINKED = `FROM localhost/base:1
COPY dir/xl /app/xl
RUN cat /app/xl > /three
`;
const LINK_FILES: Record<string, string> = { 'dir/x.txt': 'x\n', 'dir/y.txt': 'y\n' };
const LINK_LINKS: Record<string, string> = { lib: 'dir', 'dir/xl': 'x.txt' };

interface Scenario {
  id: string;
  dockerfile: string;
  files?: Record<string, string>;
  /** Symbolic links made in the context beside the files: path -> target. */
  links?: Record<string, string>;
  mutate?: string;
  args1?: string[];
  args2?: string[];
}

const SCENARIOS: Scenario[] = [
  { id: 'a unchanged', dockerfile: STD },
  { id: 'b last COPY source edited', dockerfile: STD, mutate: 'printf "BBB\\n" > b.txt' },
  { id: 'b2 first COPY source edited', dockerfile: STD, mutate: 'printf "AAA\\n" > a.txt' },
  { id: 'c mtime only', dockerfile: STD, mutate: 'touch -d 2001-01-01 a.txt' },
  { id: 'd chmod', dockerfile: STD, mutate: 'chmod 755 a.txt' },
  { id: 'e3 ignored file edited', dockerfile: STD, mutate: 'printf "new\\n" > ignored.txt' },
  { id: 'f uncopied file edited', dockerfile: STD, mutate: 'printf "x\\n" > other.txt' },
  { id: 'j file added in copied dir', dockerfile: STD, mutate: 'printf "n\\n" > dir/new.txt' },
  { id: 'j3 rename in copied dir', dockerfile: STD, mutate: 'mv dir/x.txt dir/x2.txt' },
  { id: 'g1 used ARG value', dockerfile: ARGDF, args1: ['USED=1'], args2: ['USED=2'] },
  { id: 'g2 unused ARG value', dockerfile: ARGDF, args1: ['UNUSED=1'], args2: ['UNUSED=2'] },
  { id: 'g4 undeclared build arg', dockerfile: ARGDF, args1: ['NOTDECLARED=1'], args2: ['NOTDECLARED=2'] },
  { id: 'k multi-stage, stage A input', dockerfile: MS, mutate: 'printf "A2\\n" > a.txt' },
  { id: 'k3 multi-stage, stage B input', dockerfile: MS, mutate: 'printf "B2\\n" > b.txt' },
  { id: 'l1 file copied through a linked directory edited', dockerfile: LINKS, files: LINK_FILES, links: LINK_LINKS, mutate: 'printf "X2\\n" > dir/x.txt' },
  { id: 'l2 file beside the linked one edited', dockerfile: LINKS, files: LINK_FILES, links: LINK_LINKS, mutate: 'printf "Y2\\n" > dir/y.txt' },
  { id: 'l3 target of a linked source edited', dockerfile: LINKED, files: LINK_FILES, links: LINK_LINKS, mutate: 'printf "X2\\n" > dir/x.txt' },
];

const CACHED_OPS = /^(RUN|COPY|ADD|WORKDIR)\b/i;

describe.skipIf(skipReason !== null)('explain agrees with buildah', () => {
  const work = mkdtempSync(join(tmpdir(), 'dockhand-oracle-'));
  afterAll(() => rmSync(work, { recursive: true, force: true }));
  // A private image store for this run: the oracle's --fresh removes every image and container of
  // the store it uses, which must be neither the user's own nor that of a test run alongside.
  const storageConf = join(work, 'storage.conf');
  writeFileSync(storageConf, `[storage]\ndriver = "vfs"\nrunroot = "${join(work, 'runroot')}"\ngraphroot = "${join(work, 'graphroot')}"\n`);
  const oracleEnv = { ...process.env, CONTAINERS_STORAGE_CONF: storageConf };

  for (const sc of SCENARIOS) {
    it(sc.id, () => {
      const dir = join(work, sc.id.replace(/\W+/g, '-'));
      const ctx = join(dir, 'ctx');
      for (const [p, content] of Object.entries(sc.files ?? STD_FILES)) {
        mkdirSync(join(ctx, p, '..'), { recursive: true });
        writeFileSync(join(ctx, p), content);
      }
      for (const [p, target] of Object.entries(sc.links ?? {})) symlinkSync(target, join(ctx, p));
      const df = join(dir, 'Dockerfile');
      writeFileSync(df, sc.dockerfile);
      const buildArgs = (list: string[] | undefined) => (list ?? []).flatMap((a) => ['--build-arg', a]);
      const base = join(dir, 'base.json');
      const saved = spawnSync(process.execPath, [bin, 'plan', df, '--context', ctx, '--save', base, '--format', 'json', ...buildArgs(sc.args1)], { encoding: 'utf8' });
      expect(saved.status, saved.stderr).toBe(0);

      const oracleArgs = ['--fresh', '--only2'];
      if (sc.mutate) oracleArgs.push('--mutate', sc.mutate);
      if (sc.args1) oracleArgs.push('--args1', buildArgs(sc.args1).join(' '));
      if (sc.args2) oracleArgs.push('--args2', buildArgs(sc.args2).join(' '));
      const run = spawnSync(oracle, [...oracleArgs, ctx, df], { encoding: 'utf8', timeout: 240_000, env: oracleEnv });
      expect(run.status, run.stdout + run.stderr).toBe(0);
      const steps = run.stdout.split('\n').filter((l) => /^STEP \d+: /.test(l)).map((l) => {
        const m = /^STEP (\d+): (.*) => (BASE|CACHED|BUILT)$/.exec(l)!;
        return { n: Number(m[1]), text: m[2]!, verdict: m[3]! };
      });
      const buildah = steps.filter((s) => CACHED_OPS.test(s.text)).map((s) => (s.verdict === 'CACHED' ? 'C' : 'B')).join('');

      const ex = spawnSync(process.execPath, [bin, 'explain', df, '--context', ctx, '--baseline', base, '--format', 'json', ...buildArgs(sc.args2)], { encoding: 'utf8' });
      expect(ex.status, ex.stderr).toBe(0);
      const predicted = (JSON.parse(ex.stdout).steps as { status: string }[]).map((s) => (s.status === 'cached' ? 'C' : 'B')).join('');
      expect(predicted).toBe(buildah);
    }, 300_000);
  }
});
