// Files that several processes read and write: whole-file atomic writes, a best-effort lock for
// savers that merge, and a stamp telling whether a file was saved again since it was read. Shared by
// the planner's stat cache and lint's results cache and run records.
import { closeSync, openSync, renameSync, statSync, unlinkSync, writeFileSync, writevSync } from 'node:fs';

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

/** At most this many buffers go to one writev(2) (Linux's IOV_MAX). */
const IOV_MAX = 1024;

/** Writes `chunks` one after the other into a new file, without joining them into one copy. */
function writeChunks(file: string, chunks: readonly Uint8Array[], mode?: number): void {
  const fd = openSync(file, 'w', mode);
  try {
    writeAllv(fd, chunks);
  } finally {
    closeSync(fd);
  }
}

/**
 * Writes all of `chunks` to `fd` in order: writev(2) takes up to IOV_MAX of them at a time (a results
 * cache shard is thousands of small payloads), and a chunk written in part goes again from where it
 * stopped. `writev` is fs.writevSync (another one in tests). An error `stop` accepts (EAGAIN, for
 * standard output) ends the writing: what is left is returned, else [] once all is written.
 */
export function writeAllv(
  fd: number,
  chunks: readonly Uint8Array[],
  writev: (fd: number, buffers: readonly Uint8Array[]) => number = writevSync,
  stop?: (err: unknown) => boolean,
): Uint8Array[] {
  const left = chunks.filter((c) => c.length > 0);
  let i = 0;
  while (i < left.length) {
    let written: number;
    try {
      written = writev(fd, left.slice(i, i + IOV_MAX));
    } catch (err) {
      if (stop?.(err)) return left.slice(i);
      throw err;
    }
    if (!(written > 0)) throw new Error('nothing was written (writev returned 0)');
    while (i < left.length && written >= left[i]!.length) written -= left[i++]!.length;
    if (written > 0) left[i] = left[i]!.subarray(written);
  }
  return [];
}

const sleeper = new Int32Array(new SharedArrayBuffer(4));

/**
 * A best-effort exclusive lock (O_EXCL lock file) so concurrent savers merge instead of
 * overwriting each other. A lock older than 10 s is stale and taken over; after ~3 s of waiting we
 * write anyway (the rename keeps the file whole; at worst some entries are re-hashed later).
 */
export function lock(path: string): () => void {
  const deadline = Date.now() + 3000;
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
