// Formatting: `dockhand format`'s rules (src/format) as edits — the whole document, a range of
// lines, or the line just finished when the user presses Enter.
import { formatFile } from '../format/index.js';
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
