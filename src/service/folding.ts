// Folding ranges: each stage (FROM to its last instruction), instructions continued over several
// lines, heredoc bodies, and blocks of two or more comment lines.
import type { Span } from '../core/range.js';
import { parsed } from './document.js';

/** A foldable region: from the line of `start` to the line of `end`. */
export interface Fold extends Span {
  kind: 'region' | 'comment';
}

/** The document's folds, outermost first; never two starting on the same line. */
export function foldingRanges(text: string): Fold[] {
  const file = parsed(text);
  const line = (o: number) => file.lineIndex.position(o).line;
  const candidates: Fold[] = [];
  for (const s of file.stages) candidates.push({ start: s.range.start, end: s.range.end, kind: 'region' });
  for (const top of file.instructions) {
    candidates.push({ start: top.range.start, end: top.range.end, kind: 'region' });
    for (const ins of top.trigger ? [top, top.trigger] : [top]) {
      for (const h of ins.heredocs) {
        // From the line holding `<<EOF` to the terminator, so the fold line still shows the marker.
        const end = h.terminatorRange?.end ?? h.bodyRange.end;
        candidates.push({ start: h.markerRange.start, end, kind: 'region' });
      }
    }
  }
  // Comment blocks: consecutive comment lines (a blank line ends a block).
  let block: { start: number; end: number; first: number; last: number } | null = null;
  const flush = () => {
    if (block && block.last > block.first) candidates.push({ start: block.start, end: block.end, kind: 'comment' });
  };
  for (const c of file.comments) {
    const l = c.range.startLine;
    if (block && l === block.last + 1) {
      block.end = c.range.end;
      block.last = l;
    } else {
      flush();
      block = { start: c.range.start, end: c.range.end, first: l, last: l };
    }
  }
  flush();
  const byLine = new Map<number, Fold>();
  for (const f of candidates) {
    const first = line(f.start);
    if (line(f.end) <= first) continue; // one line: nothing to fold
    const known = byLine.get(first);
    if (!known || f.end > known.end) byLine.set(first, f);
  }
  return [...byLine.values()].sort((a, b) => a.start - b.start || b.end - a.end);
}
