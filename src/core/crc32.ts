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

/** CRC-32 of `data`, continuing from `value` (the sum of what came before it; 0 to start). */
export function crc32(data: Uint8Array, value = 0): number {
  if (data.length >= NATIVE_FROM) {
    native ??= process.getBuiltinModule('node:zlib').crc32;
    return native(data, value);
  }
  const t = (table ??= tableOf());
  let c = ~value;
  for (let i = 0; i < data.length; i++) c = t[(c ^ data[i]!) & 0xff]! ^ (c >>> 8);
  return ~c >>> 0;
}
