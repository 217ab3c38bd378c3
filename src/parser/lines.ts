// BuildKit's line-oriented rules: what kind each physical line is (blank, comment, continued, text)
// and how the physical lines of one instruction join into its logical line (BuildKit's `Original`).
import type { EscapeChar, Segment } from './ast.js';
import { skipGoSpace } from './text.js';

/** What a physical line is, judged on its own (the classification never depends on context). */
export const enum LineKind {
  Blank = 0,
  Comment = 1,
  Continuation = 2,
  Text = 3,
}

/** End of the line content: BuildKit's `trimNewline` strips every trailing `\r` and `\n`. */
export function contentEnd(text: string, start: number, end: number): number {
  let j = end;
  while (j > start) {
    const c = text.charCodeAt(j - 1);
    if (c !== 10 && c !== 13) break;
    j--;
  }
  return j;
}

/** Offset just past the physical line starting at `start` (its `\n` included), or the text end. */
export function lineEndAt(text: string, start: number): number {
  const nl = text.indexOf('\n', start);
  return nl === -1 ? text.length : nl + 1;
}

/**
 * Index of the escape character that continues the line `text[start, cEnd)`, or -1. This is
 * BuildKit's `([^E])E[ \t]*$|^E[ \t]*$`: the escape must be the last non-blank character and must not
 * itself be escaped (`\\` at the end does not continue).
 */
export function continuationIndex(text: string, start: number, cEnd: number, escape: number): number {
  let j = cEnd;
  while (j > start) {
    const c = text.charCodeAt(j - 1);
    if (c !== 0x20 && c !== 9) break;
    j--;
  }
  if (j === start || text.charCodeAt(j - 1) !== escape) return -1;
  if (j - 1 === start || text.charCodeAt(j - 2) !== escape) return j - 1;
  return -1;
}

/** Classifies the physical line `text[start, cEnd)` (content without its terminator). */
export function classifyLine(text: string, start: number, cEnd: number, escape: number): LineKind {
  const first = skipGoSpace(text, start, cEnd);
  if (first === cEnd) return LineKind.Blank;
  if (text.charCodeAt(first) === 0x23 /* # */) return LineKind.Comment;
  return continuationIndex(text, start, cEnd, escape) >= 0 ? LineKind.Continuation : LineKind.Text;
}

/** The logical line of one instruction and how it maps back to the source. */
export interface JoinedLine {
  original: string;
  segments: Segment[];
  /** Start offsets of the comment lines dropped from the continuation. */
  commentLines: number[];
  /** Whether a whitespace-only line occurred inside the continuation. */
  emptyContinuation: boolean;
  /** Where the instruction starts: its first line, left-trimmed. */
  start: number;
  /** Start offset of the last physical line that was read. */
  lastLineStart: number;
  /** End of the last physical line's content (terminator excluded). */
  lastLineEnd: number;
  /** Offset just past the last physical line (terminator included). */
  end: number;
}

/**
 * Reads the instruction whose first physical line starts at `start`, joining its lines as BuildKit's
 * Parse loop does: the first line is left-trimmed, later lines are not, comment lines are skipped,
 * whitespace-only lines are skipped (and flagged), and each continued line loses its escape and
 * trailing blanks. Stops after the first line that does not continue (or at the end of the text).
 */
export function joinLines(text: string, start: number, escapeChar: EscapeChar, firstEnd = -1, firstCEnd = -1): JoinedLine {
  const escape = escapeChar.charCodeAt(0);
  const segments: Segment[] = [];
  const commentLines: number[] = [];
  let original = '';
  let emptyContinuation = false;
  let pos = start;
  let first = true;
  let lastLineStart = start;
  let lastLineEnd = start;
  let trimmedStart = start;
  const n = text.length;
  while (pos < n) {
    // The caller may already know where the first line ends.
    const known = first && firstEnd >= 0;
    const lEnd = known ? firstEnd : lineEndAt(text, pos);
    const cEnd = known ? firstCEnd : contentEnd(text, pos, lEnd);
    lastLineStart = pos;
    lastLineEnd = cEnd;
    let from = pos;
    let to = cEnd;
    if (first) {
      from = skipGoSpace(text, pos, cEnd);
      trimmedStart = from;
    } else {
      const kind = classifyLine(text, pos, cEnd, escape);
      if (kind === LineKind.Comment) {
        commentLines.push(pos);
        pos = lEnd;
        continue;
      }
      if (kind === LineKind.Blank) {
        emptyContinuation = true;
        pos = lEnd;
        continue;
      }
    }
    const cont = continuationIndex(text, pos, cEnd, escape);
    if (cont >= 0) to = cont;
    if (to > from) {
      segments.push({ logicalStart: original.length, sourceStart: from, length: to - from });
      original += text.slice(from, to);
    }
    first = false;
    pos = lEnd;
    if (cont < 0) break;
  }
  return { original, segments, commentLines, emptyContinuation, start: trimmedStart, lastLineStart, lastLineEnd, end: pos };
}

/** The segment of the last {@link mapStart} lookup, for callers that map many offsets in order. */
export interface SegmentHint {
  index: number;
}

/**
 * Maps a logical offset (start of a range) to a source offset. With a `hint`, the segment of the
 * previous lookup is tried before a binary search (a script's words are mapped in order).
 */
export function mapStart(segments: readonly Segment[], offset: number, fallback: number, hint?: SegmentHint): number {
  const n = segments.length;
  if (n === 0) return fallback;
  let lo = hint ? hint.index : 0;
  // The hint holds when its segment is the last one starting at or before `offset`.
  if (!hint || lo >= n || segments[lo]!.logicalStart > offset || (lo + 1 < n && segments[lo + 1]!.logicalStart <= offset)) {
    lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (segments[mid]!.logicalStart <= offset) lo = mid;
      else hi = mid - 1;
    }
    if (hint) hint.index = lo;
  }
  const seg = segments[lo]!;
  if (offset < seg.logicalStart) return seg.sourceStart;
  const within = offset - seg.logicalStart;
  if (within < seg.length) return seg.sourceStart + within;
  // Past this segment: the next one starts there, or this is the end of the line.
  const next = segments[lo + 1];
  return next ? next.sourceStart : seg.sourceStart + seg.length;
}

/** Maps a logical offset used as an exclusive end to a source offset (stays on the earlier line). */
export function mapEnd(segments: readonly Segment[], offset: number, fallback: number): number {
  const n = segments.length;
  if (n === 0) return fallback;
  let lo = 0;
  let hi = n - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (segments[mid]!.logicalStart < offset) lo = mid;
    else hi = mid - 1;
  }
  const seg = segments[lo]!;
  if (offset <= seg.logicalStart) return seg.sourceStart;
  return seg.sourceStart + Math.min(offset - seg.logicalStart, seg.length);
}
