// Which build of dockhand is running. scripts/build.mjs defines __DOCKHAND_BUILD__ as a digest of
// the bundle it writes: the results cache keys on it (a rebuilt rule never meets stale findings),
// and only a bundle can start the lint workers. Run from source (tests), both are absent.
import { join } from 'node:path';

declare const __DOCKHAND_BUILD__: string | undefined;
declare const __dirname: string | undefined;

/** The bundle's digest; undefined when running from source. */
export const BUILD_ID: string | undefined = typeof __DOCKHAND_BUILD__ === 'string' ? __DOCKHAND_BUILD__ : undefined;

/** bin/dockhand.js, which starts the bundle (with its code cache) in a worker too; undefined from source. */
export function bundleEntry(): string | undefined {
  if (BUILD_ID === undefined || typeof __dirname !== 'string') return undefined;
  return join(__dirname, '..', 'bin', 'dockhand.js');
}
