// Lint throughput over ../shared/corpus (dockhand with every rule, ShellCheck off, vs
// dockerfile-utils' validate, same process, same run) and cold-start wall time of the CLI.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { validate } from 'dockerfile-utils';
import { allRules, initLinter, lint } from '../src/linter/index.js';

// bench/run.mjs runs every benchmark from the repository root.
const root = process.cwd();
const corpusDir = resolve(process.cwd(), '../shared/corpus/files');
const ROUNDS = 9;
const COLD_RUNS = 11;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

interface Contender {
  name: string;
  fn: (t: string) => unknown;
  times: number[];
}

/**
 * Time each contender over every text, ROUNDS times, alternating contender by contender within
 * each round: on a shared machine, load that comes and goes then weighs on both sides alike.
 */
function throughput(texts: string[], bytes: number, contenders: Contender[]): number[] {
  for (const c of contenders) for (const t of texts.slice(0, 200)) c.fn(t); // warm-up
  for (let r = 0; r < ROUNDS; r++) {
    for (const c of contenders) {
      // No forced gc() between rounds: a forced collection also shrinks the young generation,
      // which no real process does, and every contender then ran 1.5-2.5x slower than in use.
      const t0 = performance.now();
      for (const t of texts) c.fn(t);
      c.times.push(performance.now() - t0);
    }
  }
  return contenders.map((c) => {
    const ms = median(c.times);
    const fps = texts.length / (ms / 1000);
    const mbps = bytes / 1e6 / (ms / 1000);
    console.log(`  ${c.name.padEnd(30)} ${ms.toFixed(0).padStart(6)} ms/round  ${fps.toFixed(0).padStart(7)} files/s  ${mbps.toFixed(2).padStart(6)} MB/s  (median of ${ROUNDS}, rounds alternated)`);
    return fps;
  });
}

function wall(cmd: string, args: string[]): number {
  const t0 = performance.now();
  const r = spawnSync(cmd, args, { cwd: root, stdio: ['ignore', 'ignore', 'pipe'] });
  const ms = performance.now() - t0;
  if (r.error) throw r.error;
  return ms;
}

async function main() {
  if (!existsSync(corpusDir)) {
    console.warn(`lint.bench: ${corpusDir} is missing; skipping (the shared corpus is needed)`);
    return;
  }
  const names = readdirSync(corpusDir).sort();
  const texts = names.map((n) => readFileSync(join(corpusDir, n), 'utf8'));
  const bytes = texts.reduce((a, t) => a + Buffer.byteLength(t), 0);
  await initLinter();
  let findings = 0;
  for (const t of texts) findings += lint(t).diagnostics.length;
  console.log(`corpus: ${texts.length} files, ${(bytes / 1e6).toFixed(2)} MB; dockhand runs ${allRules.length} rules (${findings} findings); ShellCheck off`);

  console.log('throughput:');
  const [ours, theirs] = throughput(texts, bytes, [
    { name: 'dockhand lint()', fn: (t) => lint(t), times: [] },
    { name: 'dockerfile-utils validate()', fn: (t) => validate(t), times: [] },
  ]) as [number, number];
  console.log(`  ratio: dockhand is ${(ours / theirs).toFixed(2)}x dockerfile-utils (target >= 5x)`);

  const largest = names.map((n) => ({ n, size: statSync(join(corpusDir, n)).size })).sort((a, b) => b.size - a.size)[0]!;
  const file = join(corpusDir, largest.n);
  const bin = join(root, 'bin/dockhand.js');
  const du = join(root, 'node_modules/.bin/dockerfile-utils');
  if (!existsSync(join(root, 'dist/cli.cjs'))) {
    console.log('cold start: dist/cli.cjs missing (run npm run build); skipped');
    return;
  }
  // The file where it lies has the whole corpus directory (4,000 entries) as its build context,
  // which context-aware rules list; a copy alone in a directory shows a typical project's start-up.
  const alone = mkdtempSync(join(tmpdir(), 'dockhand-bench-'));
  const aloneFile = join(alone, 'Dockerfile');
  copyFileSync(file, aloneFile);
  // The first run after a build compiles the bundle and leaves V8's code cache in dist/.cache
  // (bin/dockhand.js); every later run starts from it. Time that first run on its own.
  rmSync(join(root, 'dist/.cache'), { recursive: true, force: true });
  const first = wall(process.execPath, [bin, 'lint', aloneFile, '--no-shellcheck']);
  const runs = { dockhand: [] as number[], alone: [] as number[], node: [] as number[], du: [] as number[] };
  for (let i = 0; i < COLD_RUNS; i++) {
    // Alternate so that machine noise spreads evenly over all of them.
    runs.dockhand.push(wall(process.execPath, [bin, 'lint', file, '--no-shellcheck']));
    runs.alone.push(wall(process.execPath, [bin, 'lint', aloneFile, '--no-shellcheck']));
    runs.node.push(wall(process.execPath, ['-e', '0']));
    if (existsSync(du)) runs.du.push(wall(du, ['lint', file]));
  }
  rmSync(alone, { recursive: true, force: true });
  const md = median(runs.dockhand);
  const ma = median(runs.alone);
  const mn = median(runs.node);
  console.log(`cold start on ${largest.n} (${largest.size} bytes), median of ${COLD_RUNS}, alternated:`);
  console.log(`  dockhand lint --no-shellcheck   ${md.toFixed(0).padStart(5)} ms   (${(md / mn).toFixed(2)}x node -e 0; target <= 2x)  context: the corpus directory`);
  console.log(`  same, file alone in a directory ${ma.toFixed(0).padStart(5)} ms   (${(ma / mn).toFixed(2)}x node -e 0)`);
  console.log(`  first run after a build          ${first.toFixed(0).padStart(5)} ms   (compiles the bundle and writes V8's code cache; once)`);
  console.log(`  node -e 0                       ${mn.toFixed(0).padStart(5)} ms`);
  if (runs.du.length) {
    const mdu = median(runs.du);
    console.log(`  dockerfile-utils lint           ${mdu.toFixed(0).padStart(5)} ms   (dockhand is ${(mdu / md).toFixed(2)}x as fast, ${(mdu / ma).toFixed(2)}x alone; target > 1x)`);
  }
}

await main();
