// Opening a cache file that something replaced with a named pipe (or a device) must not hang: open
// without blocking, then read only a regular file. Shared by the caches dockhand keeps (lint's
// results and run records, the planner's stat cache).
import { closeSync, constants, fstatSync, openSync, readFileSync } from 'node:fs';

/**
 * The error for a path that is there but is no regular file (`code` ENOTREG, dockhand's own; the
 * message leaves the path to the caller, as errno messages of the callers' notes do).
 */
function notRegular(path: string): NodeJS.ErrnoException {
  const err: NodeJS.ErrnoException = new Error('not a regular file');
  err.code = 'ENOTREG';
  err.path = path;
  return err;
}

/**
 * Opens `path` for reading without waiting (a FIFO would block `open` until a writer came) and
 * returns the descriptor when it is a regular file; throws what opening throws, or ENOTREG.
 */
export function openRegular(path: string): number {
  // O_NONBLOCK changes nothing for a regular file's reads.
  const fd = openSync(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  let regular = false;
  try {
    regular = fstatSync(fd).isFile();
  } finally {
    if (!regular) closeSync(fd);
  }
  if (!regular) throw notRegular(path);
  return fd;
}

/** The whole of the regular file `path` (see openRegular for what it throws). */
export function readRegular(path: string): Buffer {
  const fd = openRegular(path);
  try {
    return readFileSync(fd);
  } finally {
    closeSync(fd);
  }
}
