// Quote removal for Dockerfile words the rules compare: one pair of surrounding quotes, or the
// shell-style reading of quotes and backslash escapes that LABEL, ENV and USER values get.

/** Removes one pair of matching surrounding quotes (`"x"`, `'x'`). */
export function stripQuotes(s: string): string {
  if (s.length >= 2 && (s[0] === '"' || s[0] === "'") && s[s.length - 1] === s[0]) return s.slice(1, -1);
  return s;
}

/** Removes shell-style quotes and backslash escapes as a Dockerfile LABEL or ENV value is read. */
export function unquote(s: string): string {
  // Nothing to remove without quotes or backslashes (most keys and values).
  if (s.indexOf('"') < 0 && s.indexOf("'") < 0 && s.indexOf('\\') < 0) return s;
  let out = '';
  let quote: '"' | "'" | null = null;
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (quote === "'") {
      if (c === "'") quote = null;
      else out += c;
    } else if (c === '\\' && i + 1 < s.length) {
      out += s[++i];
    } else if (quote === '"' && c === '"') {
      quote = null;
    } else if (!quote && (c === '"' || c === "'")) {
      quote = c;
    } else {
      out += c;
    }
  }
  return out;
}
