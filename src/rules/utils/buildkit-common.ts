// Small helpers shared by the BuildKit build-check rules: casing tests, doc URLs, stage lookups.
import type { Instruction } from '../../parser/ast.js';
import { mapEnd, mapStart } from '../../parser/lines.js';

/** BuildKit's docs URL for a check (`StageNameCasing` → `.../stage-name-casing/`). */
export function buildkitUrl(checkName: string): string {
  const kebab = checkName
    .replace(/JSON/g, 'Json')
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .toLowerCase();
  return `https://docs.docker.com/go/dockerfile/rule/${kebab}/`;
}

/** True when `s` has no upper-case letters (Go's `strings.ToLower(s) == s`). */
export function isLower(s: string): boolean {
  // ASCII (keywords, names) is decided by a scan; other text by the full Unicode mapping.
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 65 && c <= 90) return false;
    if (c >= 128) return s.toLowerCase() === s;
  }
  return true;
}

/** True when `s` has no lower-case letters. */
export function isUpper(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 97 && c <= 122) return false;
    if (c >= 128) return s.toUpperCase() === s;
  }
  return true;
}

/** Map an offset in `Instruction.original` to a document offset (the parser's own segment mapping). */
export function originalToSource(ins: Instruction, offset: number, isEnd = false): number {
  return isEnd ? mapEnd(ins.segments, offset, ins.range.start) : mapStart(ins.segments, offset, ins.range.start);
}

/** Levenshtein distance (insertions, deletions, substitutions). */
export function levenshtein(a: string, b: string): number {
  if (a === b) return 0;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      cur.push(Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost));
    }
    prev = cur;
  }
  return prev[b.length]!;
}

/**
 * BuildKit's `suggest.Search`: the closest option within edit distance 2, or '' when there is none
 * or when `value` itself is an option. Case-insensitive search keeps the case style of `value`.
 */
export function suggest(value: string, options: Iterable<string>, caseSensitive: boolean): string {
  if (value === '') return '';
  const v = caseSensitive ? value : value.toLowerCase();
  let match = '';
  let min = 3;
  for (const option of options) {
    const o = caseSensitive ? option : option.toLowerCase();
    if (o === v) return '';
    // The distance is at least the length difference: such options cannot beat `min`.
    if (Math.abs(o.length - v.length) >= min) continue;
    const d = levenshtein(v, o);
    if (d < min) {
      min = d;
      match = caseSensitive ? o : matchCase(o, value);
    }
  }
  return match;
}

function matchCase(val: string, orig: string): string {
  if (isLower(orig)) return val.toLowerCase();
  if (isUpper(orig)) return val.toUpperCase();
  return val;
}

/** BuildKit's automatic platform args, always defined in FROM lines and declarable in stages. */
export const AUTOMATIC_PLATFORM_ARGS = [
  'BUILDPLATFORM', 'BUILDOS', 'BUILDOSVERSION', 'BUILDARCH', 'BUILDVARIANT',
  'TARGETPLATFORM', 'TARGETOS', 'TARGETOSVERSION', 'TARGETARCH', 'TARGETVARIANT', 'TARGETSTAGE',
] as const;
