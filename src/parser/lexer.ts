// The chevrotain lexer: one reusable instance over the line tokens and modes of tokens.ts.
import { Lexer, type ILexingResult } from 'chevrotain';
import { lexerDefinition, resetLineMemo } from './tokens.js';

let lexer: Lexer | undefined;

/** Tokenizes a whole document into line tokens (BOM skipped; escape and heredoc modes applied). */
export function tokenize(text: string): ILexingResult {
  // Offsets are all we need: LineIndex turns them into lines and columns later.
  lexer ??= new Lexer(lexerDefinition, { positionTracking: 'onlyOffset', ensureOptimizations: false, skipValidations: true });
  resetLineMemo();
  const result = lexer.tokenize(text);
  resetLineMemo();
  return result;
}
