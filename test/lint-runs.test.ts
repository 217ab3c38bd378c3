// The record of a whole lint run (src/cli/lint-runs.ts), in-process: served only when every stat and
// context answer holds and the record is whole; its output is checked to the end before the first
// byte is written, also when it is larger than the buffer it is read through. Short of that, a
// sound record still says which inputs are unchanged and what their bytes' digests were. And core/crc32.ts,
// which checks it. test/cli-lint-cache.test.ts runs the real executable.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crc32 as zlibCrc32 } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { RunCache, type RunHit, type RunLookup } from '../src/cli/lint-runs.js';
import type { ContextAnswers, ContextRead } from '../src/cli/context-reads.js';
import { crc32, crc32Chunks } from '../src/core/crc32.js';
import { readsByContext } from '../src/cli/commands/lint.js';

const tmp = mkdtempSync(join(tmpdir(), 'dockhand-lint-runs-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
let n = 0;

/** Input files last changed a minute ago (a record trusts only stats older than its run). */
function inputs(count: number): string[] {
  const dir = join(tmp, `in${n++}`);
  mkdirSync(dir);
  const old = new Date(Date.now() - 60_000);
  return Array.from({ length: count }, (_, i) => {
    const f = join(dir, `Dockerfile.${i}`);
    writeFileSync(f, `FROM alpine:3.${i}\n`);
    utimesSync(f, old, old);
    return f;
  });
}

/** Everything `serve` writes, and whether a chunk was handed over before the previous one was done. */
async function served(hit: RunHit): Promise<{ out: Buffer; chunks: number }> {
  const parts: Buffer[] = [];
  let busy = false;
  let overlapped = false;
  await hit.serve(async (chunk) => {
    if (busy) overlapped = true;
    busy = true;
    parts.push(Buffer.from(chunk));
    await new Promise((r) => setTimeout(r, 1));
    busy = false;
  });
  expect(overlapped).toBe(false);
  return { out: Buffer.concat(parts), chunks: parts.length };
}

/** A made-up digest of input `i`'s bytes. */
const digestOf = (i: number) => Buffer.alloc(16, 0xa0 + i);

function cacheWith(files: string[], out: string | Buffer, reads: Record<string, ContextRead[]> = {}) {
  const cache = new RunCache(join(tmp, `cache${n++}`), 'test-build');
  const stats = files.map((f) => statSync(f));
  // As if the run had read the files 5 s after their last change (their ctime is now).
  cache.save('k', { stats, digests: files.map((_, i) => digestOf(i)), reads, roots: {}, exit: 1, findings: 3, out }, Date.now() + 5000);
  const file = join(cache.dir, 'run-k.bin');
  return { cache, file, stats };
}

describe('run records', () => {
  it('serves the output of a run whose files are unchanged, byte for byte', async () => {
    const files = inputs(3);
    const out = 'résumé ✓ findings\n'.repeat(50);
    const { cache } = cacheWith(files, out);
    const { hit, known } = cache.lookup('k', files.map((f) => statSync(f)), new Map());
    expect(hit).toBeDefined();
    expect(known).toBeUndefined();
    expect([hit!.exit, hit!.findings]).toEqual([1, 3]);
    expect((await served(hit!)).out.toString()).toBe(out);
    expect(cache.notes).toEqual([]);
    // Another key, another command line: nothing.
    expect(cache.lookup('other', files.map((f) => statSync(f)), new Map())).toEqual({});
  });

  it('an output larger than the read buffer is checked whole first, then written in chunks', async () => {
    const files = inputs(2);
    // ~3.5 MB, not a multiple of the buffer size.
    const out = Buffer.from(Array.from({ length: 90_000 }, (_, i) => `line ${i} of the output, \u00e9\n`).join(''));
    const { cache, file } = cacheWith(files, out);
    const stats = files.map((f) => statSync(f));
    const { out: got, chunks } = await served(cache.lookup('k', stats, new Map()).hit!);
    expect(got.equals(out)).toBe(true);
    expect(chunks).toBeGreaterThan(2);
    // One byte of the output changed near its end, the end cut off, a byte added: no hit (nothing
    // written), and a note. (The JSON part follows the output: its length is at byte 12.)
    const good = readFileSync(file);
    const flipped = Buffer.from(good);
    flipped[flipped.length - good.readUInt32LE(12) - 10] ^= 0x01;
    for (const bad of [flipped, good.subarray(0, good.length - 100_000), Buffer.concat([good, Buffer.from('x')])]) {
      writeFileSync(file, bad);
      expect(cache.lookup('k', stats, new Map())).toEqual({});
    }
    expect(cache.notes).toEqual([1, 2, 3].map(() => `the results cache file ${file} is damaged (checksum mismatch); ignored (it will be replaced)`));
    // A count that puts the header's end past the end of the file: refused as truncated (before a
    // buffer that size is made).
    const forged = Buffer.from(good);
    forged.writeUInt32LE(1_000_000, 8);
    writeFileSync(file, forged);
    expect(cache.lookup('k', stats, new Map())).toEqual({});
    expect(cache.notes.pop()).toBe(`the results cache file ${file} is truncated; ignored (it will be replaced)`);
    writeFileSync(file, good);
    expect((await served(cache.lookup('k', stats, new Map()).hit!)).out.equals(out)).toBe(true);
  });

  it('a changed stat, a damaged header or a foreign file is never served', () => {
    const files = inputs(3);
    const { cache, file } = cacheWith(files, 'out\n');
    const good = readFileSync(file);
    const stats = files.map((f) => statSync(f));
    expect(cache.lookup('k', stats, new Map()).hit).toBeDefined();
    // A file touched since: its stat differs. Not served; the others' digests are known.
    utimesSync(files[1]!, new Date(), new Date(Date.now() - 30_000));
    expect(cache.lookup('k', files.map((f) => statSync(f)), new Map())).toEqual({ known: [digestOf(0), undefined, digestOf(2)] });
    // Fewer inputs than recorded.
    expect(cache.lookup('k', stats.slice(0, 2), new Map())).toEqual({});
    expect(cache.notes).toEqual([]);
    // A flipped bit in the stats, in a digest, in an element, then in the JSON part of the header:
    // nothing known. (A header: 24 bytes, then 68 per input: stat 40, digest 16, element 12.)
    for (const at of [24 + 68 + 17, 24 + 68 + 40 + 3, 24 + 68 + 56 + 1, good.length - 6]) {
      const bad = Buffer.from(good);
      bad[at] ^= 0x08;
      writeFileSync(file, bad);
      expect(cache.lookup('k', stats, new Map())).toEqual({});
    }
    expect(cache.notes.every((m) => m.endsWith('is damaged (checksum mismatch); ignored (it will be replaced)'))).toBe(true);
    expect(cache.notes).toHaveLength(4);
    // A header length no record has (the prefix is outside the checksums).
    const huge = Buffer.from(good);
    huge.writeUInt32LE(0xffffffff, 8);
    writeFileSync(file, huge);
    expect(cache.lookup('k', stats, new Map())).toEqual({});
    expect(cache.notes.pop()).toBe(`the results cache file ${file} is damaged (its header length is impossible); ignored (it will be replaced)`);
    // An older record layout, or something else entirely.
    for (const bad of [Buffer.concat([Buffer.from('DHLR0002'), good.subarray(8)]), Buffer.from('{}')]) {
      writeFileSync(file, bad);
      expect(cache.lookup('k', stats, new Map())).toEqual({});
    }
    expect(cache.notes.slice(4)).toEqual([1, 2].map(() => `the results cache file ${file} is not a dockhand lint cache; ignored (it will be replaced)`));
    // Whole again: served.
    writeFileSync(file, good);
    expect(cache.lookup('k', stats, new Map()).hit).toBeDefined();
  });

  it('a context answer that changed: not served, every digest known (each file entry checks its own answers)', () => {
    const files = inputs(2);
    const reads: Record<string, ContextRead[]> = { ctx: [] };
    const { cache } = cacheWith(files, 'out\n', reads);
    const stats = files.map((f) => statSync(f));
    const answering = (holds: boolean) => new Map([['ctx', { holds: () => holds } as unknown as ContextAnswers]]);
    expect(cache.lookup('k', stats, answering(true)).hit).toBeDefined();
    expect(cache.lookup('k', stats, answering(false))).toEqual({ known: [digestOf(0), digestOf(1)] });
    // The context not open at all this time: the same.
    expect(cache.lookup('k', stats, new Map())).toEqual({ known: [digestOf(0), digestOf(1)] });
  });

  it('a json record whose files partly changed: the elements of the others, unless their context answers otherwise', () => {
    const files = inputs(4);
    const elements = [
      '{"file":"a","diagnostics":[]}',
      '{"file":"b","diagnostics":[{"code":"DL3006","severity":"warning"}]}',
      '{"file":"c ✓","diagnostics":[{"code":"DL4000","severity":"error"},{"code":"DL3059","severity":"info"}]}',
      '{"file":"d","diagnostics":[{"code":"DL3059","severity":"style"}]}',
    ];
    const out = `[\n${elements.join(',\n')}\n]\n`;
    const cache = new RunCache(join(tmp, `cache${n++}`), 'test-build');
    const recorded = [
      { length: Buffer.byteLength(elements[0]!), count: 0, worst: null, scripts: false },
      { length: Buffer.byteLength(elements[1]!), count: 1, worst: 'warning', scripts: true },
      { length: Buffer.byteLength(elements[2]!), count: 2, worst: 'error', scripts: false },
      { length: Buffer.byteLength(elements[3]!), count: 1, worst: 'style', scripts: false },
    ] as const;
    const reads: Record<string, ContextRead[]> = { x: [['exists', 'app.sh', '=true']], y: [['exists', 'lib', '=false']] };
    const record = { stats: files.map((f) => statSync(f)), digests: files.map((_, i) => digestOf(i)), reads, roots: {}, exit: 1, findings: 4, out, elements: [...recorded] };
    cache.save('k', record, Date.now() + 5000);
    const file = join(cache.dir, 'run-k.bin');
    // Inputs 0 and 1 in context x, 2 in y, 3 in none.
    const contextOf = (i: number) => [`x`, 'x', 'y', null][i]!;
    const answering = (failing: string[]) => new Map(['x', 'y'].map((c) => [c, { holds: () => !failing.includes(c) } as unknown as ContextAnswers]));
    /** The served elements' texts, copied from the record (which is then closed). */
    const texts = (found: RunLookup) => {
      const got = found.served!.map((e) => {
        if (!e) return undefined;
        const b = Buffer.alloc(e.length + 3, '.');
        found.source!.copy(e.offset, e.length, b, 3);
        return b.subarray(3).toString();
      });
      found.source!.close();
      return got;
    };
    // Nothing changed: the whole output, as before.
    expect(cache.lookup('k', files.map((f) => statSync(f)), answering([]), contextOf).hit).toBeDefined();
    // Input 2 changed: the others' elements, with their counts, worst and scripts; each context's
    // questions go with its first served input only.
    utimesSync(files[2]!, new Date(), new Date(Date.now() - 30_000));
    const stats = files.map((f) => statSync(f));
    const partly = cache.lookup('k', stats, answering([]), contextOf);
    expect(cache.notes).toEqual([]);
    expect(partly.hit).toBeUndefined();
    expect(partly.known).toEqual([digestOf(0), digestOf(1), undefined, digestOf(3)]);
    expect(partly.served!.map((e) => e && [e.count, e.worst, e.scripts, e.reads])).toEqual([
      [0, null, false, reads.x], [1, 'warning', true, []], undefined, [1, 'style', false, []],
    ]);
    expect(texts(partly)).toEqual([elements[0], elements[1], undefined, elements[3]]);
    // Context x answers otherwise now: its inputs are not served (their entries check their own answers).
    const otherwise = cache.lookup('k', stats, answering(['x']), contextOf);
    expect(texts(otherwise)).toEqual([undefined, undefined, undefined, elements[3]]);
    // Only x answering otherwise, nothing changed: the same, input 2 served too.
    const sameStats = record.stats;
    expect(texts(cache.lookup('k', sameStats, answering(['x']), contextOf))).toEqual([undefined, undefined, elements[2], elements[3]]);
    // Without the inputs' contexts (another format), or a record without elements: the digests only.
    expect(cache.lookup('k', stats, answering([]))).toEqual({ known: partly.known });
    cache.save('k', { ...record, elements: undefined }, Date.now() + 5000);
    expect(cache.lookup('k', stats, answering([]), contextOf)).toEqual({ known: partly.known });
    // Elements that do not add up to the output (the header's checksum made to match): a note, the digests only.
    cache.save('k', { ...record, elements: recorded.map((e, i) => ({ ...e, length: e.length + (i === 1 ? 1 : 0) })) }, Date.now() + 5000);
    expect(cache.lookup('k', stats, answering([]), contextOf)).toEqual({ known: partly.known });
    expect(cache.notes).toEqual([`the results cache file ${file} is damaged (its elements do not fit its output); ignored (it will be replaced)`]);
    // Its output damaged: the same.
    cache.save('k', record, Date.now() + 5000);
    const bad = readFileSync(file);
    bad[bad.length - bad.readUInt32LE(12) - 5] ^= 0x02;
    writeFileSync(file, bad);
    expect(cache.lookup('k', stats, answering([]), contextOf)).toEqual({ known: partly.known });
    expect(cache.notes.pop()).toMatch(/is damaged \(checksum mismatch\)/);
    expect(() => cache.save('k', { ...record, elements: recorded.slice(1) }, Date.now() + 5000)).toThrow(/one element per input/);
  });

  it('is written as the output comes, in pieces of any number of chunks; dropped without a trace', async () => {
    const files = inputs(2);
    const stats = files.map((f) => statSync(f));
    const cache = new RunCache(join(tmp, `cache${n++}`), 'test-build');
    const record = { stats, digests: [digestOf(0), digestOf(1)], reads: {}, roots: {}, exit: 0, findings: 0 };
    // More chunks in one piece than one writev call takes (1,024).
    const pieces = Array.from({ length: 3000 }, (_, i) => Buffer.from(`${i}:é,`));
    const w = cache.writer(2);
    w.write(pieces.slice(0, 10));
    w.write(pieces.slice(10));
    w.write([]);
    w.finish('k', record, Date.now() + 5000);
    expect(readdirSync(cache.dir)).toEqual(['run-k.bin']);
    expect((await served(cache.lookup('k', stats, new Map()).hit!)).out.toString()).toBe(pieces.join(''));
    // Dropped, or not kept because a file changed too recently: no file is left.
    const dropped = cache.writer(2);
    dropped.write(pieces);
    dropped.abort();
    const recent = cache.writer(2);
    recent.write(pieces);
    // Read at the moment the files were written (Date.now() could be past the 50 ms racy window on a busy machine).
    recent.finish('other', record, Math.max(...stats.map((st) => Math.max(st.mtimeMs, st.ctimeMs))));
    expect(readdirSync(cache.dir)).toEqual(['run-k.bin']);
    expect(cache.notes).toEqual([]);
  });

  it('needs a 16-byte digest for every input', () => {
    const files = inputs(2);
    const cache = new RunCache(join(tmp, `cache${n++}`), 'test-build');
    const record = { stats: files.map((f) => statSync(f)), reads: {}, roots: {}, exit: 0, findings: 0, out: '' };
    expect(() => cache.save('k', { ...record, digests: [digestOf(0)] }, Date.now() + 5000)).toThrow(/16-byte digest per input/);
    expect(() => cache.save('k', { ...record, digests: [digestOf(0), Buffer.alloc(8)] }, Date.now() + 5000)).toThrow(/16-byte digest per input/);
  });

  it('is not kept when a file changed too recently for its stat to prove anything', () => {
    const [file] = inputs(1);
    utimesSync(file!, new Date(), new Date());
    const cache = new RunCache(join(tmp, `cache${n++}`), 'test-build');
    cache.save('k', { stats: [statSync(file!)], digests: [digestOf(0)], reads: {}, roots: {}, exit: 0, findings: 0, out: '' }, Date.now());
    expect(existsSync(cache.dir) ? readdirSync(cache.dir) : []).toEqual([]);
  });
});

describe('crc32', () => {
  it('is zlib\'s CRC-32, at once or piece by piece, below and above the size where zlib computes it', () => {
    const data = Buffer.from(Array.from({ length: 200_000 }, (_, i) => (i * 7919) % 251));
    expect(crc32(Buffer.from('123456789'))).toBe(0xcbf43926);
    expect(crc32(new Uint8Array(0))).toBe(0);
    for (const size of [1, 1000, 65_535, 65_536, 200_000]) expect(crc32(data.subarray(0, size))).toBe(zlibCrc32(data.subarray(0, size)));
    let sum = 0;
    for (let at = 0; at < data.length; at += 30_000) sum = crc32(data.subarray(at, at + 30_000), sum);
    expect(sum).toBe(zlibCrc32(data));
    sum = crc32(data.subarray(0, 100_000));
    expect(crc32(data.subarray(100_000), sum)).toBe(zlibCrc32(data));
  });

  it('crc32Chunks sums chunks as one, small or adding up to more than zlib is loaded for', () => {
    const data = Buffer.from(Array.from({ length: 150_000 }, (_, i) => (i * 31) % 253));
    for (const [total, piece] of [[0, 10], [10, 3], [5000, 1000], [150_000, 4000], [150_000, 65_536]] as const) {
      const whole = data.subarray(0, total);
      const pieces: Buffer[] = [];
      for (let at = 0; at < total; at += piece) pieces.push(whole.subarray(at, at + piece), Buffer.alloc(0));
      expect(crc32Chunks(pieces), `${total} bytes in pieces of ${piece}`).toBe(zlibCrc32(whole));
      expect(crc32Chunks(pieces.slice(1), crc32(pieces[0] ?? Buffer.alloc(0)))).toBe(zlibCrc32(whole));
    }
  });
});

describe('the context questions a run record keeps', () => {
  // A slot as readsByContext sees it: its context's key and root stamp, and what its lint asked.
  const slot = (key: string, reads: [string, string, string][], cached = false) => {
    const context = { spec: { key }, answers: { rootStamp: [1, 2, 3, 4] } };
    return (cached ? { context, cached: { reads } } : { context, reads }) as unknown as Parameters<typeof readsByContext>[0][number];
  };

  it('keeps each question once, with the root stamps', () => {
    const got = readsByContext([
      slot('c1', [['exists', 'a', '=true'], ['isDirectory', 'd', '=false']]),
      slot('c1', [['exists', 'a', '=true']], true),
      slot('c2', [['exists', 'a', '=false']]),
    ]);
    expect(got).toEqual({
      reads: { c1: [['exists', 'a', '=true'], ['isDirectory', 'd', '=false']], c2: [['exists', 'a', '=false']] },
      roots: { c1: [1, 2, 3, 4], c2: [1, 2, 3, 4] },
    });
  });

  it('keeps none when one question of one context got two answers during the run (worker threads, a file created meanwhile)', () => {
    expect(readsByContext([slot('c1', [['exists', 'sub/x', '=false']], true), slot('c1', [['exists', 'sub/x', '=true']])])).toBeUndefined();
  });
});
