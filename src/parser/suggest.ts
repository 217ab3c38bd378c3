// BuildKit's util/suggest: the closest of some options to a misspelt word, for "did you mean"
// hints (unknown instructions, undefined variables). Distances count code points, as Go's runes.
import { goLower, goUpper } from './text.js';

/**
 * BuildKit's `suggest.Search`: the closest option within edit distance 2, or '' when there is none
 * or when `value` itself is an option. A case-insensitive search keeps the case style of `value`
 * (all lower, all upper, or the option as given).
 */
export function suggest(value: string, options: Iterable<string>, caseSensitive: boolean): string {
  if (value === '') return '';
  const v = caseSensitive ? value : goLower(value);
  const length = codePoints(v).length;
  let match = '';
  let min = 3;
  for (const option of options) {
    const o = caseSensitive ? option : goLower(option);
    if (o === v) return '';
    // The distance is at least the length difference: such options cannot beat `min`.
    if (Math.abs(codePoints(o).length - length) >= min) continue;
    const d = levenshtein(v, o);
    if (d < min) {
      min = d;
      match = caseSensitive || value === v ? o : value === goUpper(value) ? goUpper(o) : o;
    }
  }
  return match;
}

/** Levenshtein distance (insertions, deletions, substitutions) between the code points of two strings. */
export function levenshtein(a: string, b: string): number {
  if (a === b) return 0;
  const x = codePoints(a);
  const y = codePoints(b);
  let prev = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const cur = [i];
    for (let j = 1; j <= y.length; j++) {
      cur.push(Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (x[i - 1] === y[j - 1] ? 0 : 1)));
    }
    prev = cur;
  }
  return prev[y.length]!;
}

/** The string's code points; the string itself (indexable the same way) when it is all ASCII. */
function codePoints(s: string): ArrayLike<string> {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) >= 0x80) return [...s];
  return s;
}
