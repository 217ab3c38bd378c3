// CRC-32 (the one of zlib, gzip and PNG) for checksums of cache files read in bounded chunks: it
// continues from an earlier value, so a file checked piece by piece gets the same sum as at once.
// zlib's crc32 (node:zlib, native) runs at several GB/s but costs ~1 ms to load; small inputs are
// summed here instead (same function, same results), so a run that only saves a small record does
// not load zlib.

const NATIVE_FROM = 64 * 1024;

let table: Int32Array | undefined;
let native: ((data: Uint8Array, value?: number) => number) | undefined;

function tableOf(): Int32Array {
  const t = new Int32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c;
  }
  return t;
}

/**
 * CRC-32 of `data`, continuing from `value` (the sum of what came before it; 0 to start). zlib's
 * from NATIVE_FROM bytes on, or for any size once loaded (useNativeCrc32).
 */
export function crc32(data: Uint8Array, value = 0): number {
  if (native || data.length >= NATIVE_FROM) return useNativeCrc32()(data, value);
  const t = (table ??= tableOf());
  let c = ~value;
  for (let i = 0; i < data.length; i++) c = t[(c ^ data[i]!) & 0xff]! ^ (c >>> 8);
  return ~c >>> 0;
}

/**
 * zlib's crc32, loaded now: for a caller about to sum many small pieces that add up to more than
 * NATIVE_FROM (a results cache file's entries, a run's output in chunks).
 */
export function useNativeCrc32(): (data: Uint8Array, value?: number) => number {
  return (native ??= process.getBuiltinModule('node:zlib').crc32);
}

/** Loads zlib's crc32 when a caller is about to sum `bytes` in small pieces (NATIVE_FROM or more in all). */
export function useNativeCrc32For(bytes: number): void {
  if (bytes >= NATIVE_FROM) useNativeCrc32();
}

/** CRC-32 of `chunks` one after the other (zlib's when they add up to NATIVE_FROM bytes or more). */
export function crc32Chunks(chunks: readonly Uint8Array[], value = 0): number {
  let total = 0;
  for (const c of chunks) total += c.length;
  useNativeCrc32For(total);
  for (const c of chunks) value = crc32(c, value);
  return value;
}
