// Formatting: `dockhand format`'s rules (src/format) as edits — the whole document, a range of
// lines, or the line just finished when the user presses Enter.
import { formatFile, formatLines, type FormattedLine } from '../format/index.js';
import { parsed, type Edit } from './document.js';

/**
 * The edit that formats the document (`dockhand format`), as one replacement of the span that
 * differs (so an editor keeps the cursor where nothing moved); none when the text is already
 * formatted or has syntax errors (formatting is refused then, as by the CLI).
 */
export function formatting(text: string): Edit[] {
  const file = parsed(text);
  if (file.diagnostics.some((d) => d.severity === 'error')) return [];
  const after = formatFile(file);
  if (after === text) return [];
  let start = 0;
  while (start < text.length && start < after.length && text[start] === after[start]) start++;
  let endA = text.length;
  let endB = after.length;
  while (endA > start && endB > start && text[endA - 1] === after[endB - 1]) {
    endA--;
    endB--;
  }
  return [{ start, end: endA, text: after.slice(start, endB) }];
}

/**
 * Formatting of the lines that `span` touches only: each changed line is replaced by its formatted
 * text (dropped blank lines included). None for a file with syntax errors.
 */
export function rangeFormatting(text: string, span: { start: number; end: number }): Edit[] {
  const file = parsed(text);
  if (file.diagnostics.some((d) => d.severity === 'error')) return [];
  const edits: Edit[] = [];
  // A line is in the range when one of its characters is (a range ending where a line starts stops
  // before it); an empty range is the line holding it.
  const touched = span.start === span.end
    ? (l: FormattedLine) => l.start <= span.start && (span.start < l.end || l.end === text.length)
    : (l: FormattedLine) => l.start < span.end && l.end > span.start;
  for (const l of formatLines(file)) {
    if (!touched(l)) continue;
    const before = text.slice(l.start, l.end);
    if (before === l.text) continue;
    const last = edits[edits.length - 1];
    // Neighbouring changed lines become one edit.
    if (last && last.end === l.start) {
      last.end = l.end;
      last.text += l.text;
    } else edits.push({ start: l.start, end: l.end, text: l.text });
  }
  return edits;
}

/**
 * On-type formatting after Enter: the line just finished (the one before `offset`'s line) gets the
 * formatter's rules, keeping its line end (the new line, where the cursor is, is left alone).
 */
export function onTypeFormatting(text: string, offset: number, typed: string): Edit[] {
  if (typed !== '\n') return [];
  const file = parsed(text);
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  if (lineStart === 0) return [];
  const prevStart = text.lastIndexOf('\n', lineStart - 2) + 1;
  const edits = rangeFormatting(text, { start: prevStart, end: lineStart - 1 });
  // Keep the finished line's own line end: only its content may change here.
  return edits
    .filter((e) => e.start === prevStart && e.end === lineStart && file.text.slice(e.start, e.end).endsWith('\n') && e.text.endsWith('\n'))
    .map((e) => {
      const eol = /\r?\n$/.exec(file.text.slice(e.start, e.end))![0];
      return { start: e.start, end: e.end - eol.length, text: e.text.replace(/\r?\n$/, '') };
    });
}
