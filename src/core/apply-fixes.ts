// Applies fixes to a text: skips overlapping edits so the result is always well-formed.
import type { Fix, TextEdit } from './diagnostic.js';

/** Result of applying fixes: the new text and how many fixes were applied. */
export interface ApplyResult {
  text: string;
  applied: number;
}

/**
 * Apply `fixes` to `text`. A fix is applied whole or not at all: when any of its edits
 * overlaps an edit already accepted, the whole fix is skipped (the next lint run picks it up).
 */
export function applyFixes(text: string, fixes: readonly Fix[]): ApplyResult {
  const accepted: TextEdit[] = [];
  let applied = 0;
  const ordered = [...fixes].sort((a, b) => (a.edits[0]?.range.start ?? 0) - (b.edits[0]?.range.start ?? 0));
  for (const fix of ordered) {
    const clashes = fix.edits.some((e) => accepted.some((a) => overlaps(a, e)));
    if (clashes || fix.edits.length === 0) continue;
    accepted.push(...fix.edits);
    applied++;
  }
  accepted.sort((a, b) => b.range.start - a.range.start || b.range.end - a.range.end);
  let out = text;
  for (const e of accepted) out = out.slice(0, e.range.start) + e.text + out.slice(e.range.end);
  return { text: out, applied };
}

function overlaps(a: TextEdit, b: TextEdit): boolean {
  if (a.range.start === a.range.end && b.range.start === b.range.end) return a.range.start === b.range.start;
  return a.range.start < b.range.end && b.range.start < a.range.end;
}
