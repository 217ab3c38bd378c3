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

  constructor(word: string, reason: string) {
    super(`failed to process ${goQuote(word)}: ${reason}`);
    this.name = 'ExpansionError';
    this.word = word;
    this.reason = reason;
  }
}
