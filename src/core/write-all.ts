// Writing many byte chunks to a descriptor without joining them first: a results cache shard (its
// index, then thousands of payloads where they lie) and standard output (json served from them).
import { writevSync } from 'node:fs';

/** At most this many buffers go to one writev(2) (Linux's IOV_MAX). */
const IOV_MAX = 1024;

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
