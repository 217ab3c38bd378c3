// Letter case as BuildKit's casing checks test it: a word with no upper-case (or no lower-case)
// letters, decided by a scan for ASCII and by the full Unicode mapping otherwise.

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
