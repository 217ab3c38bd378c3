// The error BuildKit's shell lexer raises for a word it cannot expand.
import { goQuote } from './unicode.js';

/**
 * A word BuildKit refuses to expand (bad substitution, unterminated quote, `${v:?msg}` on an unset
 * variable...). `message` is BuildKit's full text, `failed to process "<word>": <reason>`.
 */
export class ExpansionError extends Error {
  /** The word that was being processed, as given. */
  readonly word: string;
  /** BuildKit's inner message, e.g. `syntax error: bad substitution`. */
  readonly reason: string;
  /** Names found before the error (BuildKit still reports lookups made before failing). */
  readonly matched: ReadonlySet<string>;
  /** Names not found before the error. */
  readonly unmatched: ReadonlySet<string>;

  constructor(word: string, reason: string, matched: ReadonlySet<string> = new Set(), unmatched: ReadonlySet<string> = new Set()) {
    super(`failed to process ${goQuote(word)}: ${reason}`);
    this.name = 'ExpansionError';
    this.word = word;
    this.reason = reason;
    this.matched = matched;
    this.unmatched = unmatched;
  }
}
