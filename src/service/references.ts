// References and document highlights for the symbol under the cursor (a stage name or an ARG/ENV
// variable): every place it is written, declarations marked.
import type { Span } from '../core/range.js';
import { symbolTable } from './symbols.js';

/** One place a symbol is written; `write` for its declarations (FROM … AS, ARG, ENV). */
export interface Highlight extends Span {
  write: boolean;
}

/** Every occurrence of the symbol at `offset` (declarations only when `includeDeclaration`). */
export function references(text: string, offset: number, includeDeclaration = true): Span[] {
  const hit = symbolTable(text).at(offset);
  if (!hit) return [];
  return hit.symbol.occurrences.filter((o) => includeDeclaration || !o.declaration).map((o) => ({ start: o.start, end: o.end }));
}

/** The occurrences of the symbol at `offset`, for an editor to highlight. */
export function highlights(text: string, offset: number): Highlight[] {
  const hit = symbolTable(text).at(offset);
  if (!hit) return [];
  return hit.symbol.occurrences.map((o) => ({ start: o.start, end: o.end, write: o.declaration }));
}
