// The outline (document symbols): global ARGs, then each stage with its instructions.
import type { Span } from '../core/range.js';
import type { Instruction } from '../parser/ast.js';
import { parsed, spanOf } from './document.js';

/** An outline entry: stages with their instructions; global ARGs at the top level. */
export interface OutlineSymbol {
  name: string;
  detail: string;
  kind: 'stage' | 'instruction' | 'arg';
  span: Span;
  selection: Span;
  children: OutlineSymbol[];
}

/** The outline: global ARGs, then each stage with its instructions. */
export function outline(text: string): OutlineSymbol[] {
  const file = parsed(text);
  const leaf = (i: Instruction, kind: OutlineSymbol['kind'] = 'instruction'): OutlineSymbol => ({
    name: `${i.keyword} ${i.argsText.length > 50 ? `${i.argsText.slice(0, 49)}…` : i.argsText}`.trim(),
    detail: `line ${i.range.startLine}`,
    kind,
    span: spanOf(i.range),
    selection: spanOf(i.keywordRange),
    children: [],
  });
  const out: OutlineSymbol[] = file.globalArgs.map((i) => leaf(i, 'arg'));
  for (const s of file.stages) {
    out.push({
      name: s.nameRaw ?? `stage ${s.index}`,
      detail: `FROM ${s.base}`,
      kind: 'stage',
      span: spanOf(s.range),
      selection: spanOf(s.nameRange ?? s.from.keywordRange),
      children: s.instructions.map((i) => leaf(i)),
    });
  }
  return out;
}
