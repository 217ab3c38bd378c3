// Parser throughput on ../shared/corpus against dockerfile-ast in the same process, linearity
// (1x vs 10x input) and cold start of `dockhand parse` against `node -e 0`, run alternately.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { DockerfileParser } from 'dockerfile-ast';
import { parse } from '../src/parser/index.js';

const repo = process.cwd();
const corpusDir = path.resolve(repo, '../shared/corpus/files');
if (!existsSync(corpusDir)) {
  console.log(`parse bench skipped: ${corpusDir} is missing`);
  process.exit(0);
}

const names = readdirSync(corpusDir).sort();
const texts = names.map((n) => readFileSync(path.join(corpusDir, n), 'utf8'));
const bytes = names.reduce((sum, n) => sum + readFileSync(path.join(corpusDir, n)).length, 0);
const mb = bytes / 1e6;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

function gc(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

function time(fn: () => void): number {
  const t0 = performance.now();
  fn();
  return performance.now() - t0;
}

let sink = 0;
// The corpus is measured in chunks, alternating the two parsers chunk by chunk, so that load from
// other processes on the machine falls on both alike.
const CHUNK = 100;
const chunks: string[][] = [];
for (let i = 0; i < texts.length; i += CHUNK) chunks.push(texts.slice(i, i + CHUNK));
const runDockhand = (chunk: string[]): void => {
  for (const t of chunk) sink += parse(t).instructions.length;
};
const runPeer = (chunk: string[]): void => {
  for (const t of chunk) sink += DockerfileParser.parse(t).getInstructions().length;
};
function round(): [number, number] {
  let a = 0;
  let b = 0;
  chunks.forEach((c, i) => {
    if (i % 2 === 0) {
      a += time(() => runDockhand(c));
      b += time(() => runPeer(c));
    } else {
      b += time(() => runPeer(c));
      a += time(() => runDockhand(c));
    }
  });
  return [a, b];
}

for (let i = 0; i < 3; i++) round();
const ROUNDS = 7;
const ours: number[] = [];
const peer: number[] = [];
for (let i = 0; i < ROUNDS; i++) {
  const [a, b] = round();
  ours.push(a);
  peer.push(b);
}
const oursMBs = mb / (median(ours) / 1000);
const peerMBs = mb / (median(peer) / 1000);
console.log(`corpus: ${texts.length} files, ${mb.toFixed(2)} MB`);
console.log(`dockhand parse        ${oursMBs.toFixed(1).padStart(7)} MB/s  (median of ${ROUNDS}: ${median(ours).toFixed(0)} ms)`);
console.log(`dockerfile-ast parse  ${peerMBs.toFixed(1).padStart(7)} MB/s  (median of ${ROUNDS}: ${median(peer).toFixed(0)} ms)`);
console.log(`ratio                 ${(oursMBs / peerMBs).toFixed(1).padStart(7)}x  (target >= 10x)`);

// Linearity: one ~1 MB document (corpus files concatenated) against ten copies of it.
let one = '';
for (const t of texts) {
  if (one.length > 1_000_000) break;
  one += t.endsWith('\n') ? t : t + '\n';
}
const ten = one.repeat(10);
parse(one);
parse(ten);
const t1: number[] = [];
const t10: number[] = [];
for (let i = 0; i < 5; i++) {
  gc();
  t1.push(time(() => void parse(one)));
  gc();
  t10.push(time(() => void parse(ten)));
}
const lin = median(t10) / median(t1);
console.log(
  `linearity             1x ${(one.length / 1e6).toFixed(2)} MB: ${median(t1).toFixed(0)} ms, 10x: ${median(t10).toFixed(0)} ms, ratio ${lin.toFixed(2)} (target <= ~11)`,
);

// Shapes that would expose quadratic work: one huge word, long runs of lines of one kind.
const shapes: Record<string, (n: number) => string> = {
  'long shell word': (n) => 'FROM a\nRUN "q" <<EOF ' + 'a'.repeat(n * 20) + '\nEOF\n',
  'long continuation': (n) => 'FROM a\nRUN a \\\n' + '  b \\\n'.repeat(n) + '  c\n',
  'comment run': (n) => '# c\n'.repeat(n) + 'FROM a\n',
  'heredoc bodies': (n) => 'FROM a\n' + 'COPY <<A <<B /x\na\nA\nb\nB\n'.repeat(Math.ceil(n / 5)),
  'long JSON array': (n) => 'FROM a\nCMD [' + '"x",'.repeat(n) + '"y"]\n',
};
for (const [name, make] of Object.entries(shapes)) {
  const small = make(20_000);
  const large = make(200_000);
  parse(small);
  const a: number[] = [];
  const b: number[] = [];
  for (let i = 0; i < 3; i++) {
    gc();
    a.push(time(() => void parse(small)));
    gc();
    b.push(time(() => void parse(large)));
  }
  console.log(`linearity             ${name.padEnd(18)} 1x ${median(a).toFixed(1)} ms, 10x ${median(b).toFixed(1)} ms, ratio ${(median(b) / median(a)).toFixed(2)}`);
}

// Cold start: the CLI on the corpus's largest file against a bare node start, alternated.
const bin = path.join(repo, 'bin/dockhand.js');
const dist = path.join(repo, 'dist/cli.cjs');
if (!existsSync(dist)) {
  console.log('cold start            skipped: dist/cli.cjs is missing (run npm run build)');
} else {
  const largest = names.reduce((best, n, i) => (texts[i]!.length > texts[names.indexOf(best)]!.length ? n : best), names[0]!);
  const file = path.join(corpusDir, largest);
  const wall = (args: string[]): number => {
    const t0 = performance.now();
    const r = spawnSync(process.execPath, args, { stdio: ['ignore', 'ignore', 'ignore'] });
    const dt = performance.now() - t0;
    if (r.status !== 0 && args[0] === bin) throw new Error(`dockhand parse exited ${r.status}`);
    return dt;
  };
  const cli: number[] = [];
  const bare: number[] = [];
  wall([bin, 'parse', file]);
  wall(['-e', '0']);
  const RUNS = 11;
  for (let i = 0; i < RUNS; i++) {
    cli.push(wall([bin, 'parse', file]));
    bare.push(wall(['-e', '0']));
  }
  console.log(`cold start            dockhand parse ${largest} (${(texts[names.indexOf(largest)]!.length / 1024).toFixed(0)} KiB): ${median(cli).toFixed(0)} ms`);
  console.log(`                      node -e 0: ${median(bare).toFixed(0)} ms  (medians of ${RUNS}, alternated; overhead ${(median(cli) - median(bare)).toFixed(0)} ms)`);
}
if (sink < 0) console.log(sink);
