// The document a request speaks about: its parse and semantic model, memoised on the last text
// (an editor asks several questions about the same text per keystroke), plus the small offset
// helpers every feature shares. A memo of a pure function keeps the service pure.
import { tooLargeReason } from '../core/limits.js';
import type { Span } from '../core/range.js';
import type { Dockerfile, Instruction } from '../parser/ast.js';
import { parse, unparsed } from '../parser/index.js';
import { modelOf as lintedModel } from '../rules/utils/model.js';
import type { SemanticModel } from '../semantic/index.js';

/** One edit by offsets: replace text[start, end) with `text`. */
export interface Edit {
  start: number;
  end: number;
  text: string;
}

let lastText: string | undefined;
let lastFile: Dockerfile | undefined;
let lastModel: SemanticModel | undefined;
/** What features derive from the last text (symbol table, semantic tokens, ...), by feature. */
let derived = new Map<string, unknown>();

/** The parsed document (memoised on the last text). */
export function parsed(text: string): Dockerfile {
  if (text !== lastText || !lastFile) {
    lastFile = unanalysed(text) ?? parse(text);
    lastText = text;
    lastModel = undefined;
    derived = new Map();
  }
  return lastFile;
}

/**
 * A text past dockhand's size limits is not parsed (the parse and the lint would take gigabytes):
 * it stands as a document with no instructions and one error saying why, so every feature has
 * nothing to offer and formatting, which refuses a file with errors, leaves it alone.
 */
function unanalysed(text: string): Dockerfile | undefined {
  const why = tooLargeReason(text);
  return why ? unparsed(text, 'too-large', `Dockerfile ${why}`) : undefined;
}

/**
 * The semantic model of the document with the defaults (no build args, linux/amd64), memoised with
 * its parse. It is the model the rules read (one model per text for diagnostics, navigation and
 * the build plan): whichever asks first builds it.
 */
export function modelOf(text: string): SemanticModel {
  const file = parsed(text);
  return (lastModel ??= lintedModel(file));
}

/** A value derived from the text by `make`, computed once per text (the memo holds the last text only). */
export function derivedFrom<T>(text: string, key: string, make: (file: Dockerfile) => T): T {
  const file = parsed(text);
  if (derived.has(key)) return derived.get(key) as T;
  const value = make(file);
  derived.set(key, value);
  return value;
}

/** A SourceRange (or anything with offsets) as a Span. */
export const spanOf = (r: { start: number; end: number }): Span => ({ start: r.start, end: r.end });

/** True when `offset` is inside `r`, its end included (the cursor right after a word is on it). */
export const within = (offset: number, r: { start: number; end: number } | null | undefined): boolean => !!r && offset >= r.start && offset <= r.end;

/** The item of `list` (sorted, spans not overlapping) whose span holds `offset`, its end included. */
export function itemAt<T>(list: readonly T[], offset: number, span: (item: T) => Span): T | undefined {
  let lo = 0;
  let hi = list.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const r = span(list[mid]!);
    if (offset < r.start) hi = mid - 1;
    else if (offset > r.end) lo = mid + 1;
    else return list[mid];
  }
  return undefined;
}

/** The top-level instruction whose range holds `offset`. */
export function instructionAt(file: Dockerfile, offset: number): Instruction | undefined {
  return itemAt(file.instructions, offset, (i) => i.range);
}

/** The instruction at `offset`, or the ONBUILD trigger when the offset is inside one. */
export function innermostAt(file: Dockerfile, offset: number): Instruction | undefined {
  const top = instructionAt(file, offset);
  return top?.trigger && offset >= top.trigger.range.start ? top.trigger : top;
}
