import { describe, expect, it } from 'vitest';
import { MAX_DOCKERFILE_BYTES, MAX_DOCKERFILE_LINES, tooLargeReason } from '../src/core/limits.js';
import { LineIndex } from '../src/core/line-index.js';
import { applyFixes } from '../src/core/apply-fixes.js';
import { lazy } from '../src/core/lazy.js';

describe('LineIndex', () => {
  const idx = new LineIndex('FROM a\r\nRUN b\n\nCMD c');
  it('maps offsets to 1-based positions', () => {
    expect(idx.position(0)).toEqual({ line: 1, column: 1 });
    expect(idx.position(8)).toEqual({ line: 2, column: 1 });
    expect(idx.position(14)).toEqual({ line: 3, column: 1 });
    expect(idx.position(15)).toEqual({ line: 4, column: 1 });
    expect(idx.position(20)).toEqual({ line: 4, column: 6 });
  });
  it('excludes CRLF from line text', () => {
    expect(idx.lineText(1)).toBe('FROM a');
    expect(idx.lineText(4)).toBe('CMD c');
    expect(idx.lineCount).toBe(4);
  });
  it('round-trips offsets', () => {
    for (let o = 0; o <= idx.text.length; o++) {
      const p = idx.position(o);
      if (idx.text[o - 1] === '\r') continue;
      expect(idx.offset(p.line, p.column)).toBe(o);
    }
  });
});

describe('LineIndex with a byte-order mark', () => {
  const idx = new LineIndex('\uFEFFFROM a\nRUN b\n');
  it('counts line 1 columns after the BOM, as editors and BuildKit do', () => {
    expect(idx.position(1)).toEqual({ line: 1, column: 1 });
    expect(idx.position(6)).toEqual({ line: 1, column: 6 });
    expect(idx.position(0)).toEqual({ line: 1, column: 1 });
    expect(idx.offset(1, 6)).toBe(6);
    expect(idx.lineText(1)).toBe('FROM a');
    expect(idx.position(8)).toEqual({ line: 2, column: 1 });
  });
});

describe('applyFixes', () => {
  const idx = new LineIndex('from a\nrun b\n');
  const fix = (s: number, e: number, text: string) => ({ title: 't', safety: 'safe' as const, edits: [{ range: idx.range(s, e), text }] });
  it('applies non-overlapping edits from the end', () => {
    expect(applyFixes(idx.text, [fix(0, 4, 'FROM'), fix(7, 10, 'RUN')])).toEqual({ text: 'FROM a\nRUN b\n', applied: 2 });
  });
  it('skips a fix that overlaps one already accepted', () => {
    expect(applyFixes(idx.text, [fix(0, 4, 'FROM'), fix(2, 6, 'X')])).toEqual({ text: 'FROM a\nrun b\n', applied: 1 });
  });
});

describe('lazy', () => {
  it('makes its value on the first call only, and keeps falsy values too', () => {
    let calls = 0;
    const zero = lazy(() => {
      calls++;
      return 0;
    });
    expect(calls).toBe(0);
    expect([zero(), zero(), zero()]).toEqual([0, 0, 0]);
    expect(calls).toBe(1);
  });
});

describe('tooLargeReason', () => {
  it('counts lines as an editor does, a final line feed ending the last line', () => {
    const lines = (n: number, end = '\n') => 'x\n'.repeat(n - 1) + 'x' + end;
    expect(tooLargeReason(lines(MAX_DOCKERFILE_LINES))).toBeNull();
    expect(tooLargeReason(lines(MAX_DOCKERFILE_LINES, ''))).toBeNull();
    expect(tooLargeReason(lines(MAX_DOCKERFILE_LINES + 1, ''))).toBe('too large to analyse: 200,001 lines (dockhand reads Dockerfiles of up to 200,000 lines)');
    // A line feed after the last line, then another: an empty line more.
    expect(tooLargeReason(lines(MAX_DOCKERFILE_LINES) + '\n')).toMatch(/200,001 lines/);
  });

  it('measures text in UTF-8 bytes, so bytes and their decoded text agree', () => {
    const at = (n: number, ch: string) => ch.repeat(n / Buffer.byteLength(ch));
    for (const ch of ['a', 'é', '€', '😀']) {
      const fits = at(MAX_DOCKERFILE_BYTES - (MAX_DOCKERFILE_BYTES % Buffer.byteLength(ch)), ch);
      const over = fits + ch;
      expect(tooLargeReason(fits)).toBeNull();
      expect(tooLargeReason(Buffer.from(fits))).toBeNull();
      expect(tooLargeReason(over)).toMatch(/^too large to analyse: 8\.0 MiB \(dockhand reads Dockerfiles of up to 8 MiB\)$/);
      expect(tooLargeReason(Buffer.from(over))).toBe(tooLargeReason(over));
    }
  });
});
