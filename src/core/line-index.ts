// Converts between offsets and 1-based line/column positions for one text.
import type { SourceRange } from './range.js';

/** Line-start table for a text; the only place offsets become positions. */
export class LineIndex {
  /** Offset of the first character of each line (line n is lineStarts[n-1]). */
  readonly lineStarts: number[];

  constructor(readonly text: string) {
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
    let lo = 0;
    let hi = this.lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.lineStarts[mid]! <= o) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: o - this.lineStarts[lo]! + 1 };
  }

  /** Offset of a 1-based line/column (clamped to the line's end, newline excluded). */
  offset(line: number, column: number): number {
    const l = Math.max(1, Math.min(line, this.lineStarts.length));
    const start = this.lineStarts[l - 1]!;
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
    return this.text.slice(this.lineStarts[l - 1]!, this.lineEnd(l));
  }

  /** Build a full SourceRange from half-open offsets. */
  range(start: number, end: number): SourceRange {
    const s = this.position(start);
    const e = this.position(Math.max(start, end));
    return { start, end: Math.max(start, end), startLine: s.line, startColumn: s.column, endLine: e.line, endColumn: e.column };
  }

  /** The range covering whole lines `from`..`to` (1-based, inclusive), terminators excluded. */
  linesRange(from: number, to: number): SourceRange {
    return this.range(this.lineStarts[Math.max(1, from) - 1] ?? this.text.length, this.lineEnd(to));
  }
}
