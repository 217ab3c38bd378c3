// `dockhand lint` as users run it: whole processes, the command line a user types, each figure beside
// its peer measured in the same run (runs alternated, medians), then the in-process throughput.
//   1. one process over the whole corpus (../shared/corpus/files), --format json, ShellCheck off:
//      dockhand with a cold and a warm results cache, without one, and with one file changed since the
//      last run, against one dockerfile-utils process doing the same (bench/peers/dockerfile-utils-lint.cjs:
//      read each file, validate(), print JSON); peak memory;
//   2. moby's Dockerfile, cold and warm, against `node -e 0` and `dockerfile-utils lint`; with
//      ShellCheck when it is on the PATH;
//   3. generated Dockerfiles of 25,000, 50,000 and 100,000 instructions (time and peak memory);
//   4. in-process throughput against dockerfile-utils' validate() (warm JIT, texts in memory);
//   5. under the other Node versions in .ci/nodes/ (or DOCKHAND_TEST_NODES): the corpus run and a
//      one-file lint that loads tree-sitter, time and peak memory, beside this Node's.
import { spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { validate } from 'dockerfile-utils';
import { allRules, initLinter, lint, needsShellParser } from '../src/linter/index.js';
import { parse } from '../src/parser/index.js';
import { otherNodes } from '../test/other-nodes.js';
import { defaultJobs } from '../src/cli/commands/lint.js';

// bench/run.mjs runs every benchmark from the repository root.
const root = process.cwd();
const corpusDir = resolve(root, '../shared/corpus/files');
const bin = join(root, 'bin/dockhand.js');
const peer = join(root, 'bench/peers/dockerfile-utils-lint.cjs');
const duBin = join(root, 'node_modules/.bin/dockerfile-utils');
const CORPUS_ROUNDS = Number(process.env.BENCH_CORPUS_ROUNDS ?? 5);
const COLD_RUNS = Number(process.env.BENCH_COLD_RUNS ?? 11);
const ROUNDS = 9;
const work = mkdtempSync(join(tmpdir(), 'dockhand-lint-bench-'));
// Every dockhand run below names its cache (--cache-location); nothing else is read or written.
const env = { ...process.env, DOCKHAND_CACHE_DIR: join(work, 'unused-cache') };

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

interface Run {
  ms: number;
  stdout: string;
  status: number | null;
}

function run(cmd: string, args: string[], extraEnv: NodeJS.ProcessEnv = {}): Run {
  const t0 = performance.now();
  const r = spawnSync(cmd, args, { cwd: root, env: { ...env, ...extraEnv }, encoding: 'utf8', maxBuffer: 1 << 30, stdio: ['ignore', 'pipe', 'pipe'] });
  const ms = performance.now() - t0;
  if (r.error) throw r.error;
  if (r.status !== 0 && r.status !== 1) throw new Error(`${cmd} ${args.slice(0, 4).join(' ')} ... exited ${r.status}: ${r.stderr.slice(0, 500)}`);
  return { ms, stdout: r.stdout, status: r.status };
}

const gnuTime = existsSync('/usr/bin/time') && spawnSync('/usr/bin/time', ['-f', '%M', 'true'], { encoding: 'utf8' }).status === 0;

/** Peak resident memory of one run (GNU time's %M, in MB), or undefined without /usr/bin/time. */
function peakMb(cmd: string, args: string[]): number | undefined {
  if (!gnuTime) return undefined;
  const r = spawnSync('/usr/bin/time', ['-f', '%M', cmd, ...args], { cwd: root, env, encoding: 'utf8', maxBuffer: 1 << 30, stdio: ['ignore', 'ignore', 'pipe'] });
  const kb = Number(r.stderr.trim().split('\n').pop());
  return Number.isFinite(kb) ? kb / 1024 : undefined;
}

const mb = (x: number | undefined) => (x === undefined ? 'n/a (no /usr/bin/time)' : `${x.toFixed(0)} MB`);
const load = () => readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');

let fresh = 0;
const coldCache = () => join(work, `cold-${fresh++}`);

/** One process over every corpus file: dockhand (cold and warm cache) against the dockerfile-utils peer. */
function corpusProcesses(files: string[]): void {
  const lintArgs = [bin, 'lint', '--format', 'json', '--no-shellcheck'];
  const warm = join(work, 'warm');
  const reference = run(process.execPath, [...lintArgs, '--no-cache', '--jobs', '1', ...files]);
  run(process.execPath, [...lintArgs, '--cache-location', warm, ...files]);
  // A copy of the corpus in which one file changes before each run (a CI rerun after a small edit).
  const copyDir = join(work, 'edited');
  mkdirSync(copyDir);
  const copies = files.map((f) => {
    const to = join(copyDir, basename(f));
    copyFileSync(f, to);
    return to;
  });
  const edited = join(work, 'edited-cache');
  run(process.execPath, [...lintArgs, '--cache-location', edited, ...copies]);
  let lastEdited = '';
  const times = { cold: [] as number[], one: [] as number[], none: [] as number[], warm: [] as number[], edit: [] as number[], peer: [] as number[] };
  let same = true;
  for (let i = 0; i < CORPUS_ROUNDS; i++) {
    const cold = run(process.execPath, [...lintArgs, '--cache-location', coldCache(), ...files]);
    const one = run(process.execPath, [...lintArgs, '--jobs', '1', '--cache-location', coldCache(), ...files]);
    const hot = run(process.execPath, [...lintArgs, '--cache-location', warm, ...files]);
    const none = run(process.execPath, [...lintArgs, '--no-cache', ...files]);
    const target = copies[(i * 797 + 13) % copies.length]!;
    writeFileSync(target, `${readFileSync(target, 'utf8')}\n# edited before round ${i}\n`);
    const edit = run(process.execPath, [...lintArgs, '--cache-location', edited, ...copies]);
    lastEdited = edit.stdout;
    times.peer.push(run(process.execPath, [peer, ...files]).ms);
    times.none.push(none.ms);
    times.edit.push(edit.ms);
    times.cold.push(cold.ms);
    times.one.push(one.ms);
    times.warm.push(hot.ms);
    same &&= cold.stdout === reference.stdout && one.stdout === reference.stdout && hot.stdout === reference.stdout && none.stdout === reference.stdout;
  }
  const [c, c1, n, w, e, p] = [median(times.cold), median(times.one), median(times.none), median(times.warm), median(times.edit), median(times.peer)];
  same &&= lastEdited === run(process.execPath, [...lintArgs, '--no-cache', '--jobs', '1', ...copies]).stdout;
  const memCold = peakMb(process.execPath, [...lintArgs, '--cache-location', coldCache(), ...files]);
  const memWarm = peakMb(process.execPath, [...lintArgs, '--cache-location', warm, ...files]);
  const memPeer = peakMb(process.execPath, [peer, ...files]);
  console.log(`one process over ${files.length} corpus files, --format json, ShellCheck off (median of ${CORPUS_ROUNDS}, alternated):`);
  const threads = defaultJobs(availableParallelism(), Number(load().split(' ')[0]));
  console.log(`  dockhand lint, cold cache      ${c.toFixed(0).padStart(6)} ms   ${(p / c).toFixed(2)}x dockerfile-utils (target >= 3x)   peak ${mb(memCold)}   (default --jobs: ${threads} at the load at the end)`);
  console.log(`  same, --jobs 1                 ${c1.toFixed(0).padStart(6)} ms   ${(p / c1).toFixed(2)}x dockerfile-utils`);
  console.log(`  same, --no-cache               ${n.toFixed(0).padStart(6)} ms   ${(p / n).toFixed(2)}x dockerfile-utils   (filling the cache costs the cold run ${(c - n).toFixed(0)} ms)`);
  console.log(`  dockhand lint, warm cache      ${w.toFixed(0).padStart(6)} ms   ${(p / w).toFixed(2)}x dockerfile-utils (target >= 10x)  peak ${mb(memWarm)}`);
  console.log(`  same, one file changed         ${e.toFixed(0).padStart(6)} ms   ${(p / e).toFixed(2)}x dockerfile-utils   (a copy of the corpus; one file edited before each run)`);
  console.log(`  dockerfile-utils (one process) ${p.toFixed(0).padStart(6)} ms                                          peak ${mb(memPeer)}`);
  console.log(`  output of every run identical to --no-cache --jobs 1: ${same ? 'yes' : 'NO'}`);
}

/** moby's Dockerfile where it lies (the corpus directory is its build context): start-up as a user sees it. */
function coldStart(file: string, label: string): void {
  const hasShellcheck = spawnSync('shellcheck', ['--version']).status === 0;
  const lintArgs = [bin, 'lint', '--format', 'json'];
  const warm = join(work, 'warm-one');
  const warmSc = join(work, 'warm-one-sc');
  // The first run after a build compiles the bundle and leaves V8's code cache in dist/.cache
  // (bin/dockhand.js); every later run starts from it. Time that first run on its own, on a copy
  // of bin/ and dist/ without the cache (the build's own cache stays as it is).
  const copy = join(work, `first-${fresh++}`);
  for (const d of ['bin', 'dist']) cpSync(join(root, d), join(copy, d), { recursive: true, filter: (src) => !src.includes('.cache') });
  copyFileSync(join(root, 'package.json'), join(copy, 'package.json'));
  symlinkSync(join(root, 'node_modules'), join(copy, 'node_modules'));
  const first = run(process.execPath, [join(copy, 'bin/dockhand.js'), 'lint', '--format', 'json', '--no-shellcheck', '--no-cache', file]).ms;
  run(process.execPath, [...lintArgs, '--no-shellcheck', '--cache-location', warm, file]);
  if (hasShellcheck) run(process.execPath, [...lintArgs, '--cache-location', warmSc, file]);
  const t = { node: [] as number[], cold: [] as number[], warm: [] as number[], du: [] as number[], scWarm: [] as number[], scCold: [] as number[] };
  for (let i = 0; i < COLD_RUNS; i++) {
    // Alternated, so that load coming and going weighs on all of them alike.
    t.node.push(run(process.execPath, ['-e', '0']).ms);
    t.cold.push(run(process.execPath, [...lintArgs, '--no-shellcheck', '--cache-location', coldCache(), file]).ms);
    t.warm.push(run(process.execPath, [...lintArgs, '--no-shellcheck', '--cache-location', warm, file]).ms);
    if (existsSync(duBin)) t.du.push(run(duBin, ['lint', file]).ms);
    if (hasShellcheck) {
      t.scWarm.push(run(process.execPath, [...lintArgs, '--cache-location', warmSc, file]).ms);
      t.scCold.push(run(process.execPath, [...lintArgs, '--cache-location', coldCache(), file]).ms);
    }
  }
  const n = median(t.node);
  const row = (name: string, ms: number, note = '') => console.log(`  ${name.padEnd(42)} ${ms.toFixed(0).padStart(5)} ms  ${(ms / n).toFixed(2)}x node -e 0${note}`);
  console.log(`${label}, median of ${COLD_RUNS}, alternated (load ${load()}):`);
  row('node -e 0', n);
  row('dockhand lint --format json, cold cache', median(t.cold), '   (target <= 1.6x)');
  row('dockhand lint --format json, warm cache', median(t.warm));
  if (t.du.length) row('dockerfile-utils lint', median(t.du), `   (dockhand cold is ${(median(t.du) / median(t.cold)).toFixed(2)}x as fast; target > 1x)`);
  if (hasShellcheck) {
    row('with ShellCheck, warm cache', median(t.scWarm), '   (target <= 2x)');
    row('with ShellCheck, cold cache', median(t.scCold), `   (ShellCheck adds ${(median(t.scCold) - median(t.cold)).toFixed(0)} ms, ${((1 - median(t.cold) / median(t.scCold)) * 100).toFixed(0)}% of it)`);
  } else console.log('  (shellcheck is not on the PATH: the ShellCheck rows are skipped)');
  console.log(`  first run after a build (compiles the bundle, writes V8's code cache; once): ${first.toFixed(0)} ms`);
}

/**
 * The corpus run and a one-file lint that loads tree-sitter under each other Node version, beside
 * this Node's, alternated. Not against a peer: this is what users of Node 22 and 24 get.
 */
function otherNodeVersions(files: string[], treeSitterFile: string | undefined): void {
  const nodes = otherNodes(root);
  if (nodes.length === 0) {
    console.log('other Node versions: none found (.ci/run fetches Node 22 and 24 into .ci/nodes/); skipped');
    return;
  }
  const all = [process.execPath, ...nodes];
  const version = (node: string) => spawnSync(node, ['--version'], { encoding: 'utf8' }).stdout.trim();
  const lintArgs = [bin, 'lint', '--format', 'json', '--no-shellcheck'];
  const rounds = Math.max(3, Math.ceil(CORPUS_ROUNDS / 2));
  const t = all.map(() => ({ corpus: [] as number[], one: [] as number[], node: [] as number[] }));
  const reference = run(process.execPath, [...lintArgs, '--no-cache', '--jobs', '1', ...files]).stdout;
  let same = true;
  for (const node of nodes) same &&= run(node, [...lintArgs, '--no-cache', ...files]).stdout === reference; // also writes its code cache
  for (let i = 0; i < rounds; i++) {
    all.forEach((node, k) => {
      const r = run(node, [...lintArgs, '--cache-location', coldCache(), ...files]);
      same &&= r.stdout === reference;
      t[k]!.corpus.push(r.ms);
    });
  }
  for (let i = 0; treeSitterFile && i < COLD_RUNS; i++) {
    all.forEach((node, k) => {
      t[k]!.node.push(run(node, ['-e', '0']).ms);
      t[k]!.one.push(run(node, [...lintArgs, '--cache-location', coldCache(), treeSitterFile]).ms);
    });
  }
  console.log(`other Node versions: ${files.length} corpus files, cold cache (median of ${rounds}), and ${treeSitterFile ? basename(treeSitterFile) : 'no file'} (a RUN that loads tree-sitter), cold cache (median of ${COLD_RUNS}); alternated:`);
  all.forEach((node, k) => {
    const one = treeSitterFile ? median(t[k]!.one) : NaN;
    const mem = treeSitterFile ? peakMb(node, [...lintArgs, '--cache-location', coldCache(), treeSitterFile]) : undefined;
    const corpusMem = peakMb(node, [...lintArgs, '--cache-location', coldCache(), ...files]);
    const oneFile = treeSitterFile ? `   one file ${one.toFixed(0).padStart(4)} ms = ${(one / median(t[k]!.node)).toFixed(2)}x its node -e 0, peak ${mb(mem)}` : '';
    console.log(`  ${version(node).padEnd(9)} corpus ${median(t[k]!.corpus).toFixed(0).padStart(5)} ms, peak ${mb(corpusMem)}${oneFile}`);
  });
  console.log(`  output identical to this Node's --no-cache --jobs 1: ${same ? 'yes' : 'NO'}`);
}

/** A Dockerfile of `n` instructions: stages of 1,000 with the common instructions of real files. */
function generated(n: number): string {
  const kinds = [
    (i: number) => `RUN apt-get update && apt-get install -y curl${i % 7} && rm -rf /var/lib/apt/lists/*`,
    (i: number) => `ENV VAR_${i}=value${i}`,
    (i: number) => `COPY src${i % 50}/ /app/src${i % 50}/`,
    (i: number) => `ARG BUILD_${i}=x`,
    (i: number) => `LABEL com.example.k${i}="v${i}"`,
    (i: number) => `RUN cd /app && make target${i % 13} | tee log${i}.txt`,
    (i: number) => `WORKDIR /app/w${i % 10}`,
    (i: number) => `EXPOSE ${1000 + (i % 5000)}`,
    (i: number) => `RUN echo "$VAR_${i - 1}" > /tmp/f${i}`,
    (i: number) => `USER app${i % 3}`,
  ];
  const lines: string[] = [];
  for (let i = 0; i < n; i++) lines.push(i % 1000 === 0 ? `FROM debian:bookworm-slim AS s${i / 1000}` : kinds[i % kinds.length]!(i));
  return `${lines.join('\n')}\n`;
}

function hugeFiles(): void {
  console.log('generated Dockerfiles (--no-cache, ShellCheck off; median of 3; the file alone in its directory):');
  for (const n of [25_000, 50_000, 100_000]) {
    const dir = join(work, `huge-${n}`);
    mkdirSync(dir);
    const file = join(dir, 'Dockerfile');
    writeFileSync(file, generated(n));
    const args = [bin, 'lint', '--format', 'json', '--no-shellcheck', '--no-cache', file];
    const runs = [run(process.execPath, args), run(process.execPath, args), run(process.execPath, args)];
    const findings = (JSON.parse(runs[0]!.stdout) as { diagnostics: unknown[] }[])[0]!.diagnostics.length;
    const ms = median(runs.map((r) => r.ms));
    const peak = peakMb(process.execPath, args);
    console.log(`  ${n.toLocaleString('en-US').padStart(7)} instructions  ${ms.toFixed(0).padStart(6)} ms (${(ms / (n / 1000)).toFixed(1)} ms per 1,000)  peak ${mb(peak)}  ${findings} findings`);
  }
}

/**
 * Shapes of file that were quadratic once (s29): an ignore pragma before every other instruction
 * with findings on most, thousands of stages, a SHELL and a `# hadolint shell=` pragma in every
 * stage (pwsh, so nothing is sent to ShellCheck; the table of shells is built all the same). Each at
 * n and 2n stages: linear time doubles, the ratio is what to watch.
 */
function hugeShapes(): void {
  const shapes: { name: string; stage: (i: number) => string; args: string[] }[] = [
    {
      name: 'pragmas and findings',
      stage: (i) => `FROM alpine:3.19 AS s${i}\n# hadolint ignore=DL3003\nRUN cd /x && make\n# hadolint stage ignore=DL3059\nRUN echo a\nRUN echo b\nWORKDIR rel${i}\nCOPY --from=s${Math.max(0, i - 1)} /o /i`,
      args: ['--no-shellcheck'],
    },
    { name: 'stages and comments', stage: (i) => `FROM debian AS s${i}\n# one\n# two\nRUN echo ${i}\n# three\nFROM s${i} AS t${i}`, args: ['--no-shellcheck'] },
    { name: 'SHELL and shell pragmas (ShellCheck on)', stage: (i) => `FROM alpine:3 AS s${i}\n# hadolint shell=pwsh\nRUN Write-Host a\nSHELL ["pwsh", "-c"]\nRUN Write-Host b`, args: [] },
  ];
  console.log('generated shapes that were quadratic (--no-cache; one run each, n and 2n stages):');
  for (const shape of shapes) {
    const row: string[] = [];
    let last = 0;
    for (const n of [10_000, 20_000]) {
      const dir = join(work, `shape-${fresh++}`);
      mkdirSync(dir);
      const file = join(dir, 'Dockerfile');
      writeFileSync(file, `${Array.from({ length: n }, (_, i) => shape.stage(i)).join('\n')}\n`);
      const ms = run(process.execPath, [bin, 'lint', '--format', 'json', ...shape.args, '--no-cache', file]).ms;
      row.push(`${n.toLocaleString('en-US')} stages ${ms.toFixed(0)} ms`);
      if (last) row.push(`x${(ms / last).toFixed(2)} for twice the stages`);
      last = ms;
    }
    console.log(`  ${shape.name.padEnd(40)} ${row.join(', ')}`);
  }
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

async function inProcess(texts: string[]): Promise<void> {
  const bytes = texts.reduce((a, t) => a + Buffer.byteLength(t), 0);
  await initLinter();
  let findings = 0;
  for (const t of texts) findings += lint(t).diagnostics.length;
  console.log(`in-process throughput (one process, warm JIT, texts already in memory; not what a CLI run gets): ${texts.length} files, ${(bytes / 1e6).toFixed(2)} MB, ${allRules.length} rules (${findings} findings, no build context), ShellCheck off`);
  const [ours, theirs] = throughput(texts, bytes, [
    { name: 'dockhand lint()', fn: (t) => lint(t), times: [] },
    { name: 'dockerfile-utils validate()', fn: (t) => validate(t), times: [] },
  ]) as [number, number];
  console.log(`  ratio: dockhand is ${(ours / theirs).toFixed(2)}x dockerfile-utils in-process`);
}

async function main(): Promise<void> {
  if (!existsSync(join(root, 'dist/cli.cjs'))) {
    console.log('lint bench: dist/cli.cjs is missing (npm run bench builds it); skipped');
    return;
  }
  console.log(`load average at start: ${load()} (2-core machines shared with other work give noisy figures: compare the ratios)`);
  try {
    if (existsSync(corpusDir)) {
      const names = readdirSync(corpusDir).sort();
      corpusProcesses(names.map((n) => join(corpusDir, n)));
      // moby's main Dockerfile, in the corpus directory (its build context then holds 4,000 entries).
      const moby = join(corpusDir, 'moby__moby__Dockerfile');
      if (existsSync(moby)) {
        coldStart(moby, 'moby/moby Dockerfile in the corpus directory');
        const alone = join(work, 'alone');
        mkdirSync(alone);
        copyFileSync(moby, join(alone, 'Dockerfile'));
        coldStart(join(alone, 'Dockerfile'), 'the same file alone in a directory');
      }
    } else console.warn(`lint.bench: ${corpusDir} is missing; the corpus figures are skipped`);
    hugeFiles();
    hugeShapes();
    if (existsSync(corpusDir)) {
      const files = readdirSync(corpusDir).sort().map((n) => join(corpusDir, n));
      // Asked before inProcess loads tree-sitter (after that, no file needs loading it).
      const treeSitterFile = files.find((f) => needsShellParser(parse(readFileSync(f, 'utf8'))));
      await inProcess(files.map((f) => readFileSync(f, 'utf8')));
      otherNodeVersions(files, treeSitterFile);
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

await main();
