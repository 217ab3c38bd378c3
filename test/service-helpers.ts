// What the language-service tests share: a cursor marker in a text, and applying edits.
import type { Edit } from '../src/service/index.js';

/** The offset of the `|` marker, and the text without it. */
export function at(marked: string): { text: string; offset: number } {
  const offset = marked.indexOf('|');
  return { text: marked.slice(0, offset) + marked.slice(offset + 1), offset };
}

/** The text after the edits (non-overlapping, in any order). */
export function apply(text: string, edits: readonly Edit[]): string {
  let out = text;
  for (const e of [...edits].sort((a, b) => b.start - a.start)) out = out.slice(0, e.start) + e.text + out.slice(e.end);
  return out;
}
