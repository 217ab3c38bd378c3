// The results cache's hash (src/core/hash128.ts): MurmurHash3_x86_128, checked against reference
// values (the well-known one for the quick brown fox, the rest from a separate implementation of the
// reference algorithm), fed whole or in pieces.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Hash128, hash128 } from '../src/core/hash128.js';

const bytes = (s: string) => Buffer.from(s, 'latin1');
const counting = Buffer.concat([Buffer.from(Array.from({ length: 256 }, (_, i) => i)), Buffer.from(Array.from({ length: 256 }, (_, i) => i)), Buffer.from(Array.from({ length: 256 }, (_, i) => i)), bytes('xyz')]);

describe('hash128', () => {
  it('gives MurmurHash3_x86_128', () => {
    const cases: [Buffer, string, string][] = [
      [bytes(''), '00000000000000000000000000000000', 'b62c6dafba0cc895ba0cc895ba0cc895'],
      [bytes('a'), '3c9394a71bb056551bb056551bb05655', '524f7b51c60f4694c60f4694c60f4694'],
      [bytes('hello'), 'a044242bf7de91dbb631db9ab631db9a', '019a4f9cf6043405959b6f88959b6f88'],
      // h1..h4 = 2f1583c3 ecee2c67 5d7bf66c e5e91d2c, the published value, written little-endian.
      [bytes('The quick brown fox jumps over the lazy dog'), 'c383152f672ceeec6cf67b5d2c1de9e5', '199cc6b0c795fdb1bd46c704eccf4fb6'],
      [counting, '7c77d89df6604da0ee67256e06c5e66b', 'cbb39d0c3bd6e0cbda0ae8159c6d8125'],
    ];
    for (const [input, seed0, seed42] of cases) {
      expect(hash128(input).toString('hex')).toBe(seed0);
      expect(hash128(input, 42).toString('hex')).toBe(seed42);
    }
    expect(hash128('hello').toString('hex')).toBe('a044242bf7de91dbb631db9ab631db9a');
  });

  it('is the same whatever the alignment of the bytes in their buffer', () => {
    // Word-aligned input is read four bytes at a time, the rest byte by byte: both give the reference value.
    for (let offset = 0; offset < 8; offset++) {
      const buf = new Uint8Array(new ArrayBuffer(counting.length + 8), offset, counting.length);
      buf.set(counting);
      expect(hash128(buf).toString('hex')).toBe('7c77d89df6604da0ee67256e06c5e66b');
      expect(new Hash128(42).update(buf.subarray(0, 5)).update(buf.subarray(5)).digest().toString('hex')).toBe('cbb39d0c3bd6e0cbda0ae8159c6d8125');
    }
  });

  it('is the same fed in any pieces', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 200 }), fc.array(fc.nat(200), { maxLength: 6 }), (data, cuts) => {
      const at = [...new Set(cuts.map((c) => Math.min(c, data.length)))].sort((a, b) => a - b);
      const h = new Hash128(7);
      let from = 0;
      for (const c of [...at, data.length]) {
        h.update(data.subarray(from, c));
        from = c;
      }
      expect(h.digest()).toEqual(hash128(data, 7));
    }), { numRuns: 300, seed: 18 });
  });
});
