// A 128-bit non-cryptographic hash (MurmurHash3, x86 128-bit variant) for the results cache's keys
// and checksums. It needs no node:crypto, whose loading costs a `dockhand lint` of one file more
// than all its hashing; it is as fast as sha256 on large inputs once optimised. It guards against
// accidents (changed files, damaged cache files), not against someone forging collisions — whoever
// can write the cache directory can write anything into it anyway.

const C1 = 0x239b961b;
const C2 = 0xab0e9789;
const C3 = 0x38b34ae5;
const C4 = 0xa1e38b93;

const rotl = (x: number, r: number) => (x << r) | (x >>> (32 - r));
/** Int32Array reads words in the machine's byte order; MurmurHash3 reads them little-endian. */
const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

function fmix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
}

const encoder = new TextEncoder();
const scratch = new Uint8Array(256);

/** UTF-8 bytes of `s`; short ASCII strings (most keys' parts) without an encoder call. */
function utf8(s: string): Uint8Array {
  if (s.length > scratch.length) return encoder.encode(s);
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0x80) return encoder.encode(s);
    scratch[i] = c;
  }
  return scratch.subarray(0, s.length);
}

/** An incremental MurmurHash3_x86_128: `update` with bytes or strings (UTF-8), then `digest`. */
export class Hash128 {
  private h1: number;
  private h2: number;
  private h3: number;
  private h4: number;
  private length = 0;
  /** Bytes not yet making a whole 16-byte block. */
  private readonly tail = new Uint8Array(16);
  private pending = 0;

  constructor(seed = 0) {
    this.h1 = this.h2 = this.h3 = this.h4 = seed | 0;
  }

  update(data: Uint8Array | string): this {
    const b = typeof data === 'string' ? utf8(data) : data;
    let i = 0;
    const n = b.length;
    this.length += n;
    if (this.pending > 0) {
      while (this.pending < 16 && i < n) this.tail[this.pending++] = b[i++]!;
      if (this.pending < 16) return this;
      this.blocks(this.tail, 0, 16);
      this.pending = 0;
    }
    const end = i + ((n - i) & ~15);
    this.blocks(b, i, end);
    i = end;
    while (i < n) this.tail[this.pending++] = b[i++]!;
    return this;
  }

  /** The 16-byte digest. */
  digest(): Buffer {
    let k1 = 0;
    let k2 = 0;
    let k3 = 0;
    let k4 = 0;
    const t = this.tail;
    const r = this.pending;
    let { h1, h2, h3, h4 } = this;
    if (r > 12) {
      for (let j = Math.min(r, 16) - 1; j >= 12; j--) k4 = (k4 << 8) | t[j]!;
      k4 = Math.imul(k4, C4); k4 = rotl(k4, 18); k4 = Math.imul(k4, C1); h4 ^= k4;
    }
    if (r > 8) {
      for (let j = Math.min(r, 12) - 1; j >= 8; j--) k3 = (k3 << 8) | t[j]!;
      k3 = Math.imul(k3, C3); k3 = rotl(k3, 17); k3 = Math.imul(k3, C4); h3 ^= k3;
    }
    if (r > 4) {
      for (let j = Math.min(r, 8) - 1; j >= 4; j--) k2 = (k2 << 8) | t[j]!;
      k2 = Math.imul(k2, C2); k2 = rotl(k2, 16); k2 = Math.imul(k2, C3); h2 ^= k2;
    }
    if (r > 0) {
      for (let j = Math.min(r, 4) - 1; j >= 0; j--) k1 = (k1 << 8) | t[j]!;
      k1 = Math.imul(k1, C1); k1 = rotl(k1, 15); k1 = Math.imul(k1, C2); h1 ^= k1;
    }
    // The length as x86_128 takes it: its low 32 bits.
    const len = this.length | 0;
    h1 ^= len; h2 ^= len; h3 ^= len; h4 ^= len;
    h1 = (h1 + h2 + h3 + h4) | 0;
    h2 = (h2 + h1) | 0; h3 = (h3 + h1) | 0; h4 = (h4 + h1) | 0;
    h1 = fmix(h1); h2 = fmix(h2); h3 = fmix(h3); h4 = fmix(h4);
    h1 = (h1 + h2 + h3 + h4) | 0;
    h2 = (h2 + h1) | 0; h3 = (h3 + h1) | 0; h4 = (h4 + h1) | 0;
    const out = Buffer.allocUnsafe(16);
    out.writeInt32LE(h1, 0);
    out.writeInt32LE(h2, 4);
    out.writeInt32LE(h3, 8);
    out.writeInt32LE(h4, 12);
    return out;
  }

  /**
   * Mixes in the 16-byte blocks of b[from, to). The state stays in locals for the whole run, and the
   * words are read four bytes at a time where the bytes allow it: a lint hashes every file it reads
   * and every cache entry it writes with code V8 has not optimised yet, so each step counts.
   */
  private blocks(b: Uint8Array, from: number, to: number): void {
    if (from >= to) return;
    let { h1, h2, h3, h4 } = this;
    const words = LITTLE_ENDIAN && (b.byteOffset + from) % 4 === 0 ? new Int32Array(b.buffer, b.byteOffset + from, (to - from) >> 2) : undefined;
    for (let i = from, w = 0; i < to; i += 16, w += 4) {
      let k1: number, k2: number, k3: number, k4: number;
      if (words) {
        k1 = words[w]!; k2 = words[w + 1]!; k3 = words[w + 2]!; k4 = words[w + 3]!;
      } else {
        k1 = b[i]! | (b[i + 1]! << 8) | (b[i + 2]! << 16) | (b[i + 3]! << 24);
        k2 = b[i + 4]! | (b[i + 5]! << 8) | (b[i + 6]! << 16) | (b[i + 7]! << 24);
        k3 = b[i + 8]! | (b[i + 9]! << 8) | (b[i + 10]! << 16) | (b[i + 11]! << 24);
        k4 = b[i + 12]! | (b[i + 13]! << 8) | (b[i + 14]! << 16) | (b[i + 15]! << 24);
      }
      k1 = Math.imul(k1, C1); k1 = (k1 << 15) | (k1 >>> 17); k1 = Math.imul(k1, C2); h1 ^= k1;
      h1 = (h1 << 19) | (h1 >>> 13); h1 = (h1 + h2) | 0; h1 = (Math.imul(h1, 5) + 0x561ccd1b) | 0;
      k2 = Math.imul(k2, C2); k2 = (k2 << 16) | (k2 >>> 16); k2 = Math.imul(k2, C3); h2 ^= k2;
      h2 = (h2 << 17) | (h2 >>> 15); h2 = (h2 + h3) | 0; h2 = (Math.imul(h2, 5) + 0x0bcaa747) | 0;
      k3 = Math.imul(k3, C3); k3 = (k3 << 17) | (k3 >>> 15); k3 = Math.imul(k3, C4); h3 ^= k3;
      h3 = (h3 << 15) | (h3 >>> 17); h3 = (h3 + h4) | 0; h3 = (Math.imul(h3, 5) + 0x96cd1c35) | 0;
      k4 = Math.imul(k4, C4); k4 = (k4 << 18) | (k4 >>> 14); k4 = Math.imul(k4, C1); h4 ^= k4;
      h4 = (h4 << 13) | (h4 >>> 19); h4 = (h4 + h1) | 0; h4 = (Math.imul(h4, 5) + 0x32ac3b17) | 0;
    }
    this.h1 = h1;
    this.h2 = h2;
    this.h3 = h3;
    this.h4 = h4;
  }

}

/** The 16-byte digest of `data`. */
export function hash128(data: Uint8Array | string, seed = 0): Buffer {
  return new Hash128(seed).update(data).digest();
}
