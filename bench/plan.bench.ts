// Planner benchmark: plan time for the corpus's largest Dockerfiles, and `dockhand plan` on a
// generated 50,000-file context, cold (every file hashed) and warm (stat cache hits), beside
// `node -e 0` (the floor for any Node CLI) and `sha256sum` over the same files, all in this run.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse } from '../src/parser/index.js';
import { plan } from '../src/planner/plan.js';

const repo = resolve(import.meta.dirname ?? '.', '..');
const root = resolve(process.cwd());
const corpus = resolve(root, '../shared/corpus/files');
const work = resolve(root, 'bench/.work/plan');
const bin = resolve(root, 'bin/dockhand.js');
void repo;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const ms = (n: number) => `${n.toFixed(n < 10 ? 2 : 0)} ms`;

function time(fn: () => void): number {
  const t = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - t) / 1e6;
}

// 1. Largest corpus Dockerfiles, in process (parse + semantic model + plan, no context).
if (existsSync(corpus)) {
  const largest = readdirSync(corpus)
    .map((f) => ({ f, size: statSync(join(corpus, f)).size }))
    .sort((a, b) => b.size - a.size)
    .slice(0, 10);
  console.log('plan time, 10 largest corpus Dockerfiles (parse + model + plan, no context; median of 20):');
  for (const { f, size } of largest) {
    const text = readFileSync(join(corpus, f), 'utf8');
    for (let i = 0; i < 3; i++) plan(parse(text));
    const planTimes: number[] = [];
    const parseTimes: number[] = [];
    for (let i = 0; i < 20; i++) {
      parseTimes.push(time(() => parse(text)));
      const file = parse(text);
      planTimes.push(time(() => plan(file)));
    }
    console.log(`  ${f.padEnd(72)} ${String(size).padStart(6)} B  parse ${ms(median(parseTimes)).padStart(9)}  plan ${ms(median(planTimes)).padStart(9)}`);
  }
} else {
  console.log(`corpus not found at ${corpus}: skipping the corpus part`);
}

// 2. A 50,000-file context, through the CLI.
const FILES = 50_000;
const ctx = join(work, 'ctx');
const marker = join(work, `ready-${FILES}`);
if (!existsSync(marker)) {
  rmSync(work, { recursive: true, force: true });
  console.log(`\ngenerating a ${FILES}-file context in ${ctx} ...`);
  for (let i = 0; i < FILES; i++) {
    const dir = join(ctx, 'src', `pkg${i % 100}`, `mod${Math.floor(i / 100) % 50}`);
    if (i < 5000) mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, `file${i}.ts`), `export const v${i} = ${i};\n`.repeat(1 + (i % 40)));
  }
  writeFileSync(join(ctx, 'package.json'), '{"name":"bench"}\n');
  writeFileSync(join(ctx, 'package-lock.json'), '{}\n');
  writeFileSync(marker, '');
}
writeFileSync(join(work, 'Dockerfile'), 'FROM node:22 AS deps\nWORKDIR /app\nCOPY package.json package-lock.json ./\nRUN npm ci\nFROM deps AS build\nCOPY . .\nRUN npm run build\nFROM nginx:1.27\nCOPY --from=build /app/dist /usr/share/nginx/html\n');

const env = { ...process.env, XDG_CACHE_HOME: join(work, 'cache') };
const runPlan = () => {
  const r = spawnSync(process.execPath, [bin, 'plan', join(work, 'Dockerfile'), '--context', ctx, '--format', 'json'], { env, encoding: 'utf8', maxBuffer: 1 << 30 });
  if (r.status !== 0) throw new Error(`dockhand plan failed: ${r.stderr}`);
};
const nodeFloor = () => spawnSync(process.execPath, ['-e', '0']);

rmSync(join(work, 'cache'), { recursive: true, force: true });
const cold = time(runPlan);
const warm: number[] = [];
const floor: number[] = [];
for (let i = 0; i < 7; i++) {
  floor.push(time(nodeFloor));
  warm.push(time(runPlan));
}
const listFile = join(work, 'files.txt');
if (!existsSync(listFile)) {
  const r = spawnSync('find', ['.', '-type', 'f'], { cwd: ctx, encoding: 'utf8', maxBuffer: 1 << 30 });
  writeFileSync(listFile, r.stdout.split('\n').filter(Boolean).join('\0'));
}
const sha = time(() => spawnSync('sh', ['-c', `xargs -0 sha256sum < ${listFile} > /dev/null`], { cwd: ctx }));

console.log(`\ndockhand plan on a warm ${FILES}-file context (COPY . . selects every file; median of 7):`);
console.log(`  warm plan      ${ms(median(warm)).padStart(10)}   (target ≤ 1500 ms)`);
console.log(`  cold plan      ${ms(cold).padStart(10)}   (first run: every file hashed)   warm is ${(cold / median(warm)).toFixed(1)}× faster`);
console.log(`  node -e 0      ${ms(median(floor)).padStart(10)}   warm plan = ${(median(warm) / median(floor)).toFixed(1)}× node start-up`);
console.log(`  sha256sum      ${ms(sha).padStart(10)}   (all files, one pass)`);
