// Letter case as BuildKit's casing checks test it: a word with no upper-case (or no lower-case)
// letters, decided by a scan for ASCII and by the full Unicode mapping otherwise.

/** True when `s` has no upper-case letters (Go's `strings.ToLower(s) == s`). */
export function isLower(s: string): boolean {
  return asciiWithout(s, 65, 90) ?? s.toLowerCase() === s;
}

/** True when `s` has no lower-case letters. */
export function isUpper(s: string): boolean {
  return asciiWithout(s, 97, 122) ?? s.toUpperCase() === s;
}

/**
 * False at the first character coded `from`..`to` (A–Z or a–z), undefined at the first non-ASCII
 * character before that (the full case mapping must decide), else true.
 */
function asciiWithout(s: string, from: number, to: number): boolean | undefined {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= from && c <= to) return false;
    if (c >= 128) return undefined;
  }
  return true;
}
