// Differential test against Moby's real patternmatcher: builds the shared oracle (Go) into a temp
// dir, generates seeded random .dockerignore files and trees, and compares verdicts per path
// (MatchesOrParentMatches and fsutil's walk) and the walker's file list with the oracle's walk.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { DockerignoreError, parseDockerignore, walkContext } from '../src/context/index.js';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const oracleSrc = resolve(repoRoot, '../shared/tools/oracles/dockerignore-oracle');

/** Builds the oracle once per source version into the OS temp dir; returns its path or a reason. */
function buildOracle(): { bin?: string; why?: string } {
  if (!existsSync(join(oracleSrc, 'main.go'))) return { why: `${oracleSrc} is missing` };
  if (spawnSync('go', ['version']).status !== 0) return { why: 'Go is not installed (apt-get install golang-go)' };
  if (!existsSync('/usr/share/gocode/src/github.com/moby/patternmatcher')) {
    return { why: 'golang-github-moby-patternmatcher-dev is not installed' };
  }
  const id = createHash('sha256').update(readFileSync(join(oracleSrc, 'main.go'))).digest('hex').slice(0, 12);
  const dir = join(tmpdir(), `dockhand-dockerignore-oracle-${id}`);
  const bin = join(dir, 'dockerignore-oracle');
  if (existsSync(bin)) return { bin };
  mkdirSync(dir, { recursive: true });
  const r = spawnSync('go', ['build', '-o', `${bin}.tmp`, '.'], {
    cwd: oracleSrc,
    env: { ...process.env, GO111MODULE: 'off', GOPATH: '/usr/share/gocode', GOCACHE: join(tmpdir(), 'dockhand-gocache'), GOFLAGS: '', GOPROXY: 'off' },
    encoding: 'utf8',
  });
  if (r.status !== 0) return { why: `go build failed: ${(r.stderr || '').trim().split('\n')[0]}` };
  spawnSync('mv', [`${bin}.tmp`, bin]);
  return { bin };
}

const oracle = buildOracle();
if (!oracle.bin) console.warn(`dockerignore oracle differential test skipped: ${oracle.why}`);

/** mulberry32: small seeded PRNG so failures reproduce. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const NAMES = ['a', 'b', 'c', 'ab', 'abc', 'a.txt', 'b.log', 'c.md', '.env', '.git', 'x y', 'node_modules', 'foo', 'README.md', 'd', 'e.go', '[x]', 'b-c', '.hidden.txt'];

interface Tree {
  files: string[];
  dirs: string[];
}

function genTree(rnd: () => number): Tree {
  const files = new Set<string>();
  const dirs = new Set<string>();
  const n = 8 + Math.floor(rnd() * 30);
  for (let i = 0; i < n; i++) {
    const depth = 1 + Math.floor(rnd() * 4);
    const segs: string[] = [];
    for (let d = 0; d < depth; d++) segs.push(NAMES[Math.floor(rnd() * NAMES.length)]!);
    const path = segs.join('/');
    const parents = segs.slice(0, -1).map((_, k) => segs.slice(0, k + 1).join('/'));
    if (parents.some((p) => files.has(p)) || dirs.has(path) || files.has(path)) continue;
    parents.forEach((p) => dirs.add(p));
    files.add(path);
  }
  return { files: [...files], dirs: [...dirs] };
}

function pick<T>(rnd: () => number, xs: readonly T[]): T {
  return xs[Math.floor(rnd() * xs.length)]!;
}

function wildSegment(rnd: () => number, seg: string): string {
  const r = rnd();
  if (r < 0.35) return seg;
  if (r < 0.45) return '*';
  if (r < 0.52) return '**';
  if (r < 0.6) return seg.length > 0 ? `${seg[0]}*` : '*';
  if (r < 0.66) return seg.replace(/^./, '?');
  if (r < 0.72) return `[${seg[0] === ']' ? 'a' : seg[0]}bc]${seg.slice(1)}`;
  if (r < 0.77) return `[^a]${seg.slice(1)}`;
  if (r < 0.81) return `[a-c]*`;
  if (r < 0.85) return '*.txt';
  if (r < 0.88) return `*${seg.slice(-2)}`;
  if (r < 0.91) return `**${seg}`;
  if (r < 0.94) return seg.replace(/\./g, '\\.');
  if (r < 0.97) return '.*';
  return `${seg}?`;
}

function genIgnore(rnd: () => number, tree: Tree): string {
  const all = [...tree.files, ...tree.dirs];
  const lines: string[] = [];
  const n = 1 + Math.floor(rnd() * 6);
  for (let i = 0; i < n; i++) {
    const r = rnd();
    if (r < 0.06) {
      lines.push(pick(rnd, ['# comment', '', '   ', '#!not-an-exception']));
      continue;
    }
    const base = all.length > 0 && rnd() < 0.85 ? pick(rnd, all) : pick(rnd, NAMES);
    let segs = base.split('/');
    if (rnd() < 0.3 && segs.length > 1) segs = segs.slice(0, 1 + Math.floor(rnd() * (segs.length - 1)));
    let p = segs.map((s) => wildSegment(rnd, s)).join('/');
    if (rnd() < 0.12) p = `**/${p}`;
    if (rnd() < 0.08) p = `${p}/**`;
    if (rnd() < 0.1) p = `${p}/`;
    if (rnd() < 0.1) p = `/${p}`;
    if (rnd() < 0.06) p = `./${p}`;
    if (rnd() < 0.05) p = `zz/../${p}`;
    if (rnd() < 0.05) p = `${p}/..`;
    if (rnd() < 0.35) p = rnd() < 0.2 ? `! ${p}` : `!${p}`;
    if (rnd() < 0.1) p = ` ${p}\t`;
    if (rnd() < 0.01) p = pick(rnd, ['!', '[', 'a[', '[]a]']);
    lines.push(p);
  }
  const eol = rnd() < 0.15 ? '\r\n' : '\n';
  return (rnd() < 0.05 ? '\uFEFF' : '') + lines.join(eol) + (rnd() < 0.7 ? eol : '');
}

interface OracleAnswer {
  error: boolean;
  parents: Map<string, boolean>;
  walk: Map<string, boolean>;
}

/** Runs the oracle; mode `parents` alone for patterns that may fail (a second use of a bad pattern panics). */
function askOracle(bin: string, ignoreFile: string, paths: string[], mode: 'both' | 'parents' = 'both'): OracleAnswer {
  const r = spawnSync(bin, ['-mode', mode, ignoreFile], { input: paths.join('\n') + '\n', encoding: 'utf8' });
  if (r.status === 3) return { error: true, parents: new Map(), walk: new Map() };
  if (r.status !== 0) throw new Error(`oracle failed (${r.status}): ${r.stderr}`);
  const parents = new Map<string, boolean>();
  const walk = new Map<string, boolean>();
  for (const line of r.stdout.split('\n')) {
    if (!line) continue;
    const [p, a, b] = line.split('\t');
    parents.set(p!, a === 'excluded');
    if (b !== undefined) walk.set(p!, b === 'excluded');
  }
  return { error: false, parents, walk };
}

describe.skipIf(!oracle.bin)('dockerignore vs moby/patternmatcher (oracle)', () => {
  const work = mkdtempSync(join(tmpdir(), 'dockhand-di-diff-'));
  afterAll(() => rmSync(work, { recursive: true, force: true }));
  const SEEDS = Number(process.env.DOCKHAND_ORACLE_SEEDS ?? 400);

  it(`agrees with the oracle on ${SEEDS} random pattern sets (per-path verdicts, both modes)`, () => {
    let compared = 0;
    let errors = 0;
    for (let seed = 1; seed <= SEEDS; seed++) {
      const rnd = prng(seed);
      const tree = genTree(rnd);
      const text = genIgnore(rnd, tree);
      const file = join(work, `ignore-${seed}`);
      writeFileSync(file, text);
      const paths = [...tree.dirs, ...tree.files];
      const ans = askOracle(oracle.bin!, file, paths);
      const ctx = `seed ${seed}, .dockerignore ${JSON.stringify(text)}`;
      if (ans.error) {
        errors++;
        expect(() => parseDockerignore(text), ctx).toThrow(DockerignoreError);
        continue;
      }
      const m = parseDockerignore(text);
      for (const p of paths) {
        expect(m.matches(p), `${ctx}: parents verdict for ${p}`).toBe(ans.parents.get(p));
        expect(m.excludedInWalk(p), `${ctx}: walk verdict for ${p}`).toBe(ans.walk.get(p));
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(SEEDS * 10);
    console.info(`oracle differential: ${compared} path verdicts compared, ${errors} invalid pattern sets agreed`);
  });

  it('agrees on odd single patterns: classes, escapes, ^, - and ] in every position (errors included)', () => {
    const ALPHABET = ['a', 'b', '*', '?', '[', ']', '^', '-', '\\', '/', '.', ':', 'a', 'b', '**', '[a-b]', '[^a]', '[[:alpha:]]', '\\d', '\\*', '\\]', '[]', '[^]', '[a-]', '$', '(', '+', '{', '|', 'é', '\\w', '\\b', '[:', ':]', '\\x41', '\\1', '{2}', '{1,}', '{1001}', '}', '|', '\\Q', '\\E', '\\A', '(', ')'];
    const PATHS = ['a', 'b', 'ab', 'ba', 'a/b', 'a/b/c', '[', ']', '^', '-', '\\', 'a.b', '*', '?', 'a]', ':', '7', 'a-b', '[a]', 'xa'];
    let errors = 0;
    const SEEDS = Number(process.env.DOCKHAND_ODD_SEEDS ?? 600);
    for (let seed = 5001; seed <= 5000 + SEEDS; seed++) {
      const rnd = prng(seed);
      const len = 1 + Math.floor(rnd() * 7);
      let p = '';
      for (let i = 0; i < len; i++) p += pick(rnd, ALPHABET);
      if (p.startsWith('!') || p.startsWith('#')) continue;
      const file = join(work, `odd-${seed}`);
      writeFileSync(file, `${p}\n`);
      const ans = askOracle(oracle.bin!, file, PATHS, 'parents');
      const ctx = `seed ${seed}, pattern ${JSON.stringify(p)}`;
      if (ans.error) {
        errors++;
        expect(() => parseDockerignore(`${p}\n`), ctx).toThrow(DockerignoreError);
        continue;
      }
      const m = parseDockerignore(`${p}\n`);
      for (const path of PATHS) expect(m.matches(path), `${ctx}: ${path}`).toBe(ans.parents.get(path));
    }
    console.info(`odd patterns: ${errors} rejected by both`);
  });

  it('the walker sends exactly the files the oracle walk includes (real trees)', () => {
    for (let seed = 1001; seed <= 1050; seed++) {
      const rnd = prng(seed);
      const tree = genTree(rnd);
      const text = genIgnore(rnd, tree);
      const root = join(work, `tree-${seed}`);
      for (const d of tree.dirs) mkdirSync(join(root, d), { recursive: true });
      mkdirSync(root, { recursive: true });
      for (const f of tree.files) writeFileSync(join(root, f), f);
      const file = join(work, `ignore-${seed}`);
      writeFileSync(file, text);
      const ans = askOracle(oracle.bin!, file, [...tree.dirs, ...tree.files]);
      if (ans.error) continue;
      const got = [...walkContext(root, { matcher: parseDockerignore(text) })];
      const gotFiles = got.filter((e) => e.type === 'file').map((e) => e.path).sort();
      const wantFiles = tree.files.filter((f) => !ans.walk.get(f)).sort();
      const ctx = `seed ${seed}, .dockerignore ${JSON.stringify(text)}`;
      expect(gotFiles, ctx).toEqual(wantFiles);
      // Directories: those the walk includes, plus parents back-filled for included entries.
      const want = new Set(tree.dirs.filter((d) => !ans.walk.get(d)));
      for (const p of [...wantFiles, ...want]) {
        const segs = p.split('/');
        for (let k = 1; k < segs.length; k++) want.add(segs.slice(0, k).join('/'));
      }
      const gotDirs = got.filter((e) => e.type === 'dir').map((e) => e.path).sort();
      expect(gotDirs, ctx).toEqual([...want].sort());
      rmSync(root, { recursive: true, force: true });
    }
  });
});
