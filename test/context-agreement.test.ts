// The linter and the planner read a build context through different code: the linter's view asks
// the disk one path at a time (context/view.ts), the planner walks the context once and selects
// from the entries the walk sends (planner/context.ts). For any tree (files, directories, links
// inside and out of the context, named pipes, a .dockerignore with exceptions) they must agree on
// whether a COPY source reaches anything the builder receives.
import { execFileSync } from 'node:child_process';
import { lstatSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { openPlannerContext } from '../src/cli/planner-context.js';
import { openBuildContext } from '../src/context/index.js';
import { selectSource } from '../src/planner/context.js';
import { capturedIo } from './cli-io.js';

const base = mkdtempSync(join(tmpdir(), 'dockhand-agree-'));
afterAll(() => rmSync(base, { recursive: true, force: true }));
let n = 0;

const NAMES = ['a', 'b', 'c.txt', 'd.log'];
const segment = fc.constantFrom(...NAMES);
const relPath = fc.array(segment, { minLength: 1, maxLength: 3 }).map((s) => s.join('/'));
type Node = { kind: 'file' } | { kind: 'dir' } | { kind: 'fifo' } | { kind: 'link'; target: string };
const node: fc.Arbitrary<Node> = fc.oneof(
  { weight: 4, arbitrary: fc.constant({ kind: 'file' as const }) },
  { weight: 2, arbitrary: fc.constant({ kind: 'dir' as const }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'fifo' as const }) },
  {
    weight: 3,
    arbitrary: fc.oneof(relPath, relPath.map((p) => `/${p}`), relPath.map((p) => `../${p}`), fc.constant('..'), fc.constant('.')).map((target) => ({ kind: 'link' as const, target })),
  },
);
const ignoreLine = fc.oneof(relPath, relPath.map((p) => `!${p}`), fc.constantFrom('*.log', '**/*.txt', '!**/c.txt', 'a/*'));
const source = fc.oneof(relPath, relPath.map((p) => p.replace(/[^/]+$/, '*')), fc.constantFrom('*', 'a/*', '*/c.txt', '.'));

/** Makes the tree; entries whose parent is not a directory by then are skipped. */
function make(entries: [string, Node][], ignore: string[]): string {
  const root = join(base, `t${++n}`, 'ctx');
  mkdirSync(root, { recursive: true });
  // Something outside the context for links to leave towards.
  mkdirSync(join(root, '..', 'a'), { recursive: true });
  writeFileSync(join(root, '..', 'a', 'c.txt'), 'outside');
  for (const [p, e] of entries) {
    const abs = join(root, p);
    try {
      // Never write to what is there already (a named pipe would block the write).
      if (lstatSync(abs, { throwIfNoEntry: false })) continue;
      mkdirSync(dirname(abs), { recursive: true });
      if (e.kind === 'file') writeFileSync(abs, p);
      else if (e.kind === 'dir') mkdirSync(abs);
      else if (e.kind === 'fifo') execFileSync('mkfifo', [abs]);
      else symlinkSync(e.target, abs);
    } catch {
      // taken already, or under a file or link: leave it
    }
  }
  if (ignore.length) writeFileSync(join(root, '.dockerignore'), `${ignore.join('\n')}\n`);
  return root;
}

describe('the linter and the planner agree on what a COPY source reaches', () => {
  it('for random trees, .dockerignore files and sources', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(relPath, node), { maxLength: 12 }), fc.array(ignoreLine, { maxLength: 3 }), fc.array(source, { minLength: 1, maxLength: 4 }), async (entries, ignore, sources) => {
        const root = make(entries, ignore);
        const view = openBuildContext(root);
        const planner = await openPlannerContext(root, join(root, 'Dockerfile'), capturedIo({ cwd: root, env: { DOCKHAND_CACHE_DIR: join(base, 'cache') } }));
        try {
          for (const src of sources) {
            const wildcard = /[*?[]/.test(src);
            // What DH003 checks: the source matches something, and something it matches is sent.
            const matches = wildcard ? view.glob(src) : view.exists(src) ? [src] : [];
            const lint = matches.some((p) => view.isSent(p));
            const planned = selectSource(planner, src).found;
            expect({ src, lint }).toEqual({ src, lint: planned });
          }
        } finally {
          planner.close();
          rmSync(join(root, '..'), { recursive: true, force: true });
        }
      }),
      { numRuns: 500, seed: 20261207 },
    );
  });
});
