// One .dockerignore pattern compiled the way moby/patternmatcher (v0.5/v0.6) compiles it: exact,
// prefix (`foo/**`), suffix (`**/foo`) or a regular expression, with the same quirks.
import { compileGoRegexp } from './go-regexp.js';

/** How a pattern is matched (patternmatcher's matchType). */
export type MatchKind = 'exact' | 'prefix' | 'suffix' | 'regexp';

/** A compiled pattern: `test(path)` answers whether the cleaned, `/`-separated path matches. */
export interface CompiledGlob {
  kind: MatchKind;
  test(path: string): boolean;
}

/**
 * Characters patternmatcher escapes when building its regexp. It means to escape `.+()|{}$`, but its
 * 8-byte bitmap (`escapeBytes[b%8] |= 1 << (b/8)`) cannot hold bits for bytes >= 64, so `{`, `|`
 * and `}` reach the regexp raw: `a|b*` is an alternation and `x{2}*` a repeat. We do the same.
 */
const ESCAPED = new Set(['.', '+', '(', ')', '$']);

/** Builds the Go regexp source and match kind exactly as patternmatcher's Pattern.compile does. */
export function mobyRegexpSource(pattern: string): { kind: MatchKind; source: string } {
  const cps = [...pattern];
  let re = '^';
  let kind: MatchKind = 'exact';
  let pos = 0;
  for (let i = 0; pos < cps.length; i++) {
    const ch = cps[pos++]!;
    if (ch === '*') {
      if (cps[pos] === '*') {
        pos++;
        if (cps[pos] === '/') pos++; // `**/` behaves as `**`
        if (pos >= cps.length) {
          if (kind === 'exact') kind = 'prefix';
          else {
            re += '.*';
            kind = 'regexp';
          }
        } else {
          re += '(.*/)?';
          kind = 'regexp';
        }
        if (i === 0) kind = 'suffix';
      } else {
        re += '[^/]*';
        kind = 'regexp';
      }
    } else if (ch === '?') {
      re += '[^/]';
      kind = 'regexp';
    } else if (ESCAPED.has(ch)) {
      re += `\\${ch}`;
    } else if (ch === '\\') {
      if (pos < cps.length) {
        re += `\\${cps[pos++]}`;
        kind = 'regexp';
      } else re += '\\';
    } else if (ch === '[' || ch === ']') {
      re += ch;
      kind = 'regexp';
    } else {
      re += ch;
    }
  }
  return { kind, source: `${re}$` };
}

/**
 * Compiles a cleaned pattern (no leading `!`). Throws GoRegexpError when Go's regexp.Compile
 * would reject the generated expression (patternmatcher reports that as ErrBadPattern).
 */
export function compileMobyPattern(pattern: string): CompiledGlob {
  const { kind, source } = mobyRegexpSource(pattern);
  switch (kind) {
    case 'exact':
      return { kind, test: (p) => p === pattern };
    case 'prefix': {
      const prefix = pattern.slice(0, -2);
      return { kind, test: (p) => p.startsWith(prefix) };
    }
    case 'suffix': {
      const suffix = pattern.slice(2);
      // `**/foo` also matches `foo` itself
      const bare = suffix.startsWith('/') ? suffix.slice(1) : null;
      return { kind, test: (p) => p.endsWith(suffix) || p === bare };
    }
    default: {
      const rx = compileGoRegexp(source);
      // A path matches only if it starts and ends with the pattern's literal ends: checked first,
      // most paths never run the expression (V8 compiles each one on its first run, which made a
      // .dockerignore of many patterns slow to match even a few paths against).
      const { prefix, suffix } = literalEnds(pattern);
      if (prefix === '' && suffix === '') return { kind, test: (p) => rx.test(p) };
      return { kind, test: (p) => p.startsWith(prefix) && p.endsWith(suffix) && rx.test(p) };
    }
  }
}

/**
 * What the generated expression takes literally (regexp syntax `.+()$` escaped), or gives a meaning
 * that ends a literal run: the glob's `*?[]\`, and `{}|^` that reach the expression raw.
 */
const NOT_LITERAL = new Set(['*', '?', '[', ']', '\\', '{', '}', '|', '^']);

/**
 * The text every path the pattern matches starts with and ends with (either may be empty). None
 * when the pattern has a `|` (an alternation: the expression's anchors no longer hold its ends);
 * the character before a `{` may be repeated any number of times (`x{0}`), the one after a
 * backslash may be a class (`\d`) and a slash right after `**` is taken with the stars, so none counts.
 */
export function literalEnds(pattern: string): { prefix: string; suffix: string } {
  if (pattern.includes('|')) return { prefix: '', suffix: '' };
  const cps = [...pattern];
  let p = 0;
  while (p < cps.length && !NOT_LITERAL.has(cps[p]!)) p++;
  if (p < cps.length && cps[p] === '{' && p > 0) p--;
  let q = cps.length;
  // (A slash right after a star may end a double star, which the expression takes with it.)
  while (q > p && !NOT_LITERAL.has(cps[q - 1]!) && cps[q - 2] !== '\\' && !(cps[q - 1] === '/' && cps[q - 2] === '*')) q--;
  return { prefix: cps.slice(0, p).join(''), suffix: cps.slice(q).join('') };
}
