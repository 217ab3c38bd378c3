// Where threads start to pay for `dockhand lint`: one process over N corpus files, --no-cache,
// ShellCheck off, with --jobs 1 (the main thread alone) against --jobs 2 (the main thread and one
// worker; the CLI uses threads from 64 files, POOL_MIN_FILES in src/cli/commands/lint.ts). Runs
// alternated, medians; ratio > 1 means the threads were faster.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';

const root = process.cwd();
const corpusDir = resolve(root, '../shared/corpus/files');
const bin = join(root, 'bin/dockhand.js');
const RUNS = Number(process.env.BENCH_JOBS_RUNS ?? 5);

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

function wall(args: string[]): number {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, [bin, ...args], { cwd: root, stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
  if (r.status !== 0 && r.status !== 1) throw new Error(`dockhand exited ${r.status}: ${r.stderr}`);
  return performance.now() - t0;
}

function main(): void {
  if (!existsSync(corpusDir) || !existsSync(join(root, 'dist/cli.cjs'))) {
    console.log('lint-jobs bench skipped: the corpus or dist/cli.cjs is missing');
    return;
  }
  const names = readdirSync(corpusDir).sort();
  const load = readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
  console.log(`threads against one thread, --no-cache, ShellCheck off (${availableParallelism()} CPUs; load ${load}; median of ${RUNS}, alternated):`);
  for (const n of [16, 32, 64, 128, 256, 512, 1024, 4000]) {
    // Files spread over the whole corpus, not its first names only.
    const step = Math.max(1, Math.floor(names.length / n));
    const files = names.filter((_, i) => i % step === 0).slice(0, n).map((f) => join(corpusDir, f));
    const base = ['lint', '--format', 'json', '--no-shellcheck', '--no-cache'];
    const one: number[] = [];
    const two: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      one.push(wall([...base, '--jobs', '1', ...files]));
      two.push(wall([...base, '--jobs', '2', ...files]));
    }
    const [a, b] = [median(one), median(two)];
    console.log(`  ${String(files.length).padStart(5)} files   --jobs 1 ${a.toFixed(0).padStart(6)} ms   --jobs 2 ${b.toFixed(0).padStart(6)} ms   ${(a / b).toFixed(2)}x`);
  }
}

main();
