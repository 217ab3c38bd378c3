// core/write-all.ts and core/atomic-file.ts: writes from many chunks (the results cache writes a
// shard as its index and then every payload where it lies, through writev; json goes to stdout so).
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeAtomically } from '../src/core/atomic-file.js';
import { writeAllv } from '../src/core/write-all.js';

const tmp = mkdtempSync(join(tmpdir(), 'dockhand-atomic-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** Chunks of assorted sizes (some empty), numbered so that any loss, repeat or reordering shows. */
function chunks(n: number): Buffer[] {
  return Array.from({ length: n }, (_, i) => (i % 7 === 3 ? Buffer.alloc(0) : Buffer.from(`<${i}:${'x'.repeat(i % 13)}>`)));
}

describe('writeAllv', () => {
  it('writes every chunk in order when writev takes only part of what it is given', () => {
    const given = chunks(3000);
    for (const most of [1, 5, 64, 1 << 20]) {
      const out: Buffer[] = [];
      let calls = 0;
      let widest = 0;
      writeAllv(7, given, (fd, buffers) => {
        expect(fd).toBe(7);
        if (++calls > 200_000) throw new Error('writev called again and again for the same bytes');
        widest = Math.max(widest, buffers.length);
        // Takes at most `most` bytes, which may end inside a chunk.
        let room = most;
        for (const b of buffers) {
          if (room === 0) break;
          const part = b.subarray(0, room);
          out.push(Buffer.from(part));
          room -= part.length;
        }
        return most - room;
      });
      expect(Buffer.concat(out).equals(Buffer.concat(given)), `at most ${most} bytes a call`).toBe(true);
      expect(widest).toBeLessThanOrEqual(1024);
      if (most === 1 << 20) expect(calls).toBe(Math.ceil(given.filter((c) => c.length > 0).length / 1024));
    }
  });

  it('stops at an error the caller accepts (EAGAIN on standard output) and gives back what is left', () => {
    const given = [Buffer.from('abc'), Buffer.from('defg'), Buffer.from('h')];
    let calls = 0;
    const again = Object.assign(new Error('EAGAIN'), { code: 'EAGAIN' });
    const rest = writeAllv(1, given, () => {
      if (++calls === 1) return 5; // "abc" and "de"
      throw again;
    }, (e) => (e as NodeJS.ErrnoException).code === 'EAGAIN');
    expect(rest.map((c) => Buffer.from(c).toString())).toEqual(['fg', 'h']);
    // Any other error is thrown.
    expect(() => writeAllv(1, given, () => { throw new Error('EIO'); }, (e) => (e as NodeJS.ErrnoException).code === 'EAGAIN')).toThrow('EIO');
    expect(writeAllv(1, given, (fd, buffers) => buffers.reduce((n, b) => n + b.length, 0))).toEqual([]);
  });

  it('fails instead of looping when nothing can be written', () => {
    expect(() => writeAllv(7, [Buffer.from('a')], () => 0)).toThrow(/nothing was written/);
  });
});

describe('writeAtomically', () => {
  it('a file written from thousands of chunks holds them one after the other', () => {
    const file = join(tmp, 'many');
    const given = chunks(5000);
    writeAtomically(file, given, 0o600);
    expect(readFileSync(file).equals(Buffer.concat(given))).toBe(true);
    writeAtomically(file, Buffer.from('whole'));
    expect(readFileSync(file, 'utf8')).toBe('whole');
  });
});
