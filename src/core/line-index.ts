// Converts between offsets and 1-based line/column positions for one text.
import type { SourceRange } from './range.js';

/** Line-start table for a text; the only place offsets become positions. */
export class LineIndex {
  /** Offset of the first character of each line (line n is lineStarts[n-1]). */
  readonly lineStarts: number[];

  /**
   * 1 when the text starts with a byte-order mark: BuildKit (and every editor) drops it, so line 1's
   * columns count from the character after it; offsets still include it.
   */
  private readonly bom: number;

  constructor(readonly text: string) {
    this.bom = text.charCodeAt(0) === 0xfeff ? 1 : 0;
    const starts = [0];
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
    this.lineStarts = starts;
  }

  /** Number of lines (a trailing newline starts an empty last line). */
  get lineCount(): number {
    return this.lineStarts.length;
  }

  /** 1-based line and column of an offset (clamped into the text). */
  position(offset: number): { line: number; column: number } {
    const o = Math.max(0, Math.min(offset, this.text.length));
    const l = this.lineAt(o);
    return { line: l + 1, column: o - this.columnBase(l, o) + 1 };
  }

  // Lookups mostly move forward through the text (the parser builds ranges in order), so the line
  // of the previous lookup is tried before a binary search.
  private hint = 0;

  /** 0-based line of a clamped offset. */
  private lineAt(o: number): number {
    const starts = this.lineStarts;
    const n = starts.length;
    const h = this.hint;
    if (starts[h]! <= o && (h + 1 === n || starts[h + 1]! > o)) return h;
    if (h + 1 < n && starts[h + 1]! <= o && (h + 2 === n || starts[h + 2]! > o)) return (this.hint = h + 1);
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= o) lo = mid;
      else hi = mid - 1;
    }
    return (this.hint = lo);
  }

  /** Offset where column 1 of 0-based line `l` is (after a BOM on the first line). */
  private columnBase(l: number, o: number): number {
    return l === 0 ? Math.min(this.bom, o) : this.lineStarts[l]!;
  }

  /** Offset of a 1-based line/column (clamped to the line's end, newline excluded). */
  offset(line: number, column: number): number {
    const l = Math.max(1, Math.min(line, this.lineStarts.length));
    const start = this.lineStarts[l - 1]! + (l === 1 ? this.bom : 0);
    const end = this.lineEnd(l);
    return Math.min(start + Math.max(0, column - 1), end);
  }

  /** Offset just past the last character of a line, before its `\r\n` or `\n`. */
  lineEnd(line: number): number {
    const l = Math.max(1, Math.min(line, this.lineStarts.length));
    let end = l < this.lineStarts.length ? this.lineStarts[l]! - 1 : this.text.length;
    if (end > this.lineStarts[l - 1]! && this.text.charCodeAt(end - 1) === 13 && l < this.lineStarts.length) end--;
    return end;
  }

  /** The text of a 1-based line without its line terminator. */
  lineText(line: number): string {
    const l = Math.max(1, Math.min(line, this.lineStarts.length));
    return this.text.slice(this.lineStarts[l - 1]! + (l === 1 ? this.bom : 0), this.lineEnd(l));
  }

  /** Build a full SourceRange from half-open offsets. */
  range(start: number, end: number): SourceRange {
    const len = this.text.length;
    const e0 = Math.max(start, end);
    const so = Math.max(0, Math.min(start, len));
    const eo = Math.max(0, Math.min(e0, len));
    const sl = this.lineAt(so);
    const el = this.lineAt(eo);
    return {
      start, end: e0,
      startLine: sl + 1, startColumn: so - this.columnBase(sl, so) + 1,
      endLine: el + 1, endColumn: eo - this.columnBase(el, eo) + 1,
    };
  }

  /** The range covering whole lines `from`..`to` (1-based, inclusive), terminators excluded. */
  linesRange(from: number, to: number): SourceRange {
    return this.range(this.lineStarts[Math.max(1, from) - 1] ?? this.text.length, this.lineEnd(to));
  }
}
