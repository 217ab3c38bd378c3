// Runs every benchmark (bench/*.bench.ts) in sequence: each is bundled with esbuild and run in
// its own Node process, so one benchmark's warm caches never flatter another's figures.
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const work = join(here, '.work');
mkdirSync(work, { recursive: true });
const only = process.argv.slice(2);
const benches = readdirSync(here)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => only.length === 0 || only.some((o) => f.includes(o)))
  .sort();
// Every process a benchmark starts (ours, the peers, `node -e 0`) inherits this environment. An
// extra CA bundle (NODE_EXTRA_CA_CERTS, set on some CI images and VMs) is parsed at every Node start,
// ~40 ms here: it would inflate every start-up figure alike and flatter ratios against `node -e 0`.
// No benchmark makes a TLS connection, so it is dropped, and said so.
if (process.env.NODE_EXTRA_CA_CERTS !== undefined) {
  console.log(`NODE_EXTRA_CA_CERTS unset for the benchmarks (was ${process.env.NODE_EXTRA_CA_CERTS}): each Node start parses it otherwise`);
  delete process.env.NODE_EXTRA_CA_CERTS;
}
let failed = 0;
for (const file of benches) {
  const out = join(work, file.replace(/\.ts$/, '.mjs'));
  await build({
    entryPoints: [join(here, file)],
    outfile: out,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    logLevel: 'warning',
  });
  console.log(`\n=== ${file} ===`);
  const r = spawnSync(process.execPath, ['--expose-gc', out], { stdio: 'inherit', cwd: join(here, '..') });
  if (r.status !== 0) {
    failed++;
    console.log(`(${file} exited with ${r.status})`);
  }
}
if (benches.length === 0) console.log('no benchmarks found');
process.exitCode = failed ? 1 : 0;
