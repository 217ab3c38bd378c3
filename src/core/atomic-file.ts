// Files that several processes read and write: whole-file atomic writes, a best-effort lock for
// savers that merge, and a stamp telling whether a file was saved again since it was read. Shared by
// the planner's stat cache and lint's results cache and run records.
import { closeSync, openSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { writeAllv } from './write-all.js';

/**
 * Writes `data` to `file` through a temporary file renamed over it, so a reader sees the old file or
 * the new one, never half of one. Throws what writing throws (the temporary file is removed).
 */
export function writeAtomically(file: string, data: Uint8Array | readonly Uint8Array[], mode?: number): void {
  const tmp = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  try {
    if (data instanceof Uint8Array) writeFileSync(tmp, data, mode === undefined ? undefined : { mode });
    else writeChunks(tmp, data, mode);
    renameSync(tmp, file);
  } catch (e) {
    try {
      unlinkSync(tmp);
    } catch {
      /* not written */
    }
    throw e;
  }
}

/** Writes `chunks` one after the other into a new file, without joining them into one copy. */
function writeChunks(file: string, chunks: readonly Uint8Array[], mode?: number): void {
  const fd = openSync(file, 'w', mode);
  try {
    writeAllv(fd, chunks);
  } finally {
    closeSync(fd);
  }
}

const sleeper = new Int32Array(new SharedArrayBuffer(4));

/**
 * A best-effort exclusive lock (O_EXCL lock file) so concurrent savers merge instead of
 * overwriting each other. A lock older than 10 s is stale and taken over; after ~10 s of waiting we
 * write anyway (the rename keeps the file whole; at worst some entries are re-hashed later). The
 * wait reaches the staleness age: with six lints saving one results cache on a loaded 2-core CI
 * machine, a 3 s wait ran out once and a writer went ahead unlocked, dropping two of the others'
 * entries (the next run linted those files again).
 */
export function lock(path: string): () => void {
  const deadline = Date.now() + 10_000;
  for (;;) {
    try {
      closeSync(openSync(path, 'wx'));
      return () => {
        try {
          unlinkSync(path);
        } catch {
          /* taken over as stale */
        }
      };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') return () => {};
      try {
        if (Date.now() - statSync(path).mtimeMs > 10_000) unlinkSync(path);
      } catch {
        /* released meanwhile */
      }
      if (Date.now() > deadline) return () => {};
      Atomics.wait(sleeper, 0, 0, 5);
    }
  }
}

/** size:mtime:inode of `file` ('' when it is missing): a file saved again has another stamp. */
export function stamp(file: string): string {
  try {
    const st = statSync(file);
    return `${st.size}:${st.mtimeMs}:${st.ino}`;
  } catch {
    return '';
  }
}
