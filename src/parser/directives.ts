// Parser directives (`# syntax=`, `# escape=`, `# check=`): the line grammar of BuildKit's
// DirectiveParser (parser/directives.go). Where directives stop is decided by the lexer.
import type { Directive, Dockerfile } from './ast.js';
import { contentEnd, lineEndAt } from './lines.js';
import { isGoSpace } from './text.js';

/** Directive keys BuildKit recognises. */
export const DIRECTIVE_KEYS: readonly string[] = ['syntax', 'escape', 'check'];

/** A directive line split into its parts (offsets in the document). */
export interface DirectiveMatch {
  /** Key lower-cased. */
  name: string;
  value: string;
  /** Offset of the `#`. */
  hash: number;
  nameStart: number;
  nameEnd: number;
  valueStart: number;
  valueEnd: number;
}

// After `#` and leading spaces: `^([a-zA-Z][a-zA-Z0-9]*)\s*=\s*(.+?)\s*$` with Go's \s = [\t\n\f\r ].
const DIRECTIVE = /^([a-zA-Z][a-zA-Z0-9]*)[\t\n\f\r ]*=[\t\n\f\r ]*(.+?)[\t\n\f\r ]*$/ds;

/**
 * Parses `text[start, cEnd)` as a directive line (BuildKit offers it after left-trimming the line);
 * returns null when it is not a directive with a known key. `prefix` is the comment marker (`//` in
 * the other form DetectSyntax reads).
 */
export function parseDirectiveLine(text: string, start: number, cEnd: number, prefix = '#'): DirectiveMatch | null {
  let i = start;
  while (i < cEnd && isGoSpace(text.charCodeAt(i))) i++;
  if (!text.startsWith(prefix, i) || i + prefix.length > cEnd) return null;
  const hash = i;
  i += prefix.length;
  while (i < cEnd && isGoSpace(text.charCodeAt(i))) i++;
  // A directive line is short; anything long cannot match the key grammar cheaply, so cap the work.
  const body = text.slice(i, Math.min(cEnd, i + 4096));
  if (cEnd - i > 4096) return null;
  const m = DIRECTIVE.exec(body);
  if (!m) return null;
  const name = m[1]!.toLowerCase();
  if (!DIRECTIVE_KEYS.includes(name)) return null;
  const value = m[2]!;
  const nameStart = i;
  const nameEnd = i + m[1]!.length;
  const valueStart = i + m.indices![2]![0];
  return { name, value, hash, nameStart, nameEnd, valueStart, valueEnd: valueStart + value.length };
}

/**
 * The directive `name` as BuildKit's ParseDirective reads it (how it finds `# check=` and the
 * frontend's `# syntax=`): the parser's own directives, except that a first line starting with `#!`
 * (a shebang, after a BOM) is skipped there, where the parser takes it for the comment that ends
 * the directives. After a shebang each line must start with `#` itself (ParseDirective does not
 * left-trim), and the first occurrence of a key counts.
 */
export function directiveOf(file: Dockerfile, name: string): Directive | undefined {
  const own = file.directives.find((d) => d.name === name);
  if (own || file.directives.length > 0) return own;
  const { text } = file;
  const first = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  if (!text.startsWith('#!', first)) return undefined;
  for (let start = lineEndAt(text, first); start < text.length; start = lineEndAt(text, start)) {
    if (text.charCodeAt(start) !== 0x23) return undefined;
    const cEnd = contentEnd(text, start, lineEndAt(text, start));
    const d = parseDirectiveLine(text, start, cEnd);
    if (!d) return undefined;
    if (d.name !== name) continue;
    const li = file.lineIndex;
    return { name: d.name, value: d.value, range: li.range(d.hash, cEnd), nameRange: li.range(d.nameStart, d.nameEnd), valueRange: li.range(d.valueStart, d.valueEnd) };
  }
  return undefined;
}

/**
 * The `syntax` directive as BuildKit's DetectSyntax finds the frontend a build uses: the first one
 * of the leading `#` lines (after a BOM and a `#!` first line), else of leading `//` lines, else the
 * `syntax` key of a file that is one JSON object. Unlike the parser's own directives, a line must
 * start with its `#` (DirectiveParser cuts the prefix before it trims): with a blank before it, `#
 * syntax=` names no frontend and the builder's own Dockerfile frontend builds the file. BuildKit
 * takes the image from the value's first space-separated word.
 */
export function syntaxDirectiveOf(file: Dockerfile): Directive | undefined {
  const { text } = file;
  let first = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  if (text.startsWith('#!', first)) first = lineEndAt(text, first);
  return prefixedSyntax(file, first, '#') ?? prefixedSyntax(file, first, '//') ?? jsonSyntax(file, first);
}

function prefixedSyntax(file: Dockerfile, first: number, prefix: string): Directive | undefined {
  const { text } = file;
  for (let start = first; start < text.length; start = lineEndAt(text, start)) {
    if (!text.startsWith(prefix, start)) return undefined;
    const cEnd = contentEnd(text, start, lineEndAt(text, start));
    const d = parseDirectiveLine(text, start, cEnd, prefix);
    if (!d) return undefined;
    if (d.name !== 'syntax') continue;
    const li = file.lineIndex;
    return { name: d.name, value: d.value, range: li.range(d.hash, cEnd), nameRange: li.range(d.nameStart, d.nameEnd), valueRange: li.range(d.valueStart, d.valueEnd) };
  }
  return undefined;
}

/** `{"syntax": "..."}`: the whole file is a JSON object with a string `syntax`. */
function jsonSyntax(file: Dockerfile, first: number): Directive | undefined {
  const { text } = file;
  let i = first;
  while (i < text.length && isGoSpace(text.charCodeAt(i))) i++;
  if (text.charCodeAt(i) !== 0x7b) return undefined;
  let value: unknown;
  try {
    const parsed: unknown = JSON.parse(text.slice(first));
    value = parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, unknown>).syntax : undefined;
  } catch {
    return undefined;
  }
  if (typeof value !== 'string') return undefined;
  const li = file.lineIndex;
  const key = text.indexOf('"syntax"', first);
  const keyRange = key < 0 ? li.range(i, i + 1) : li.range(key, key + 8);
  const quoted = key < 0 ? -1 : text.indexOf(JSON.stringify(value), key + 8);
  const valueRange = quoted < 0 ? keyRange : li.range(quoted + 1, quoted + 1 + value.length);
  return { name: 'syntax', value, range: li.range(key < 0 ? i : key, valueRange.end), nameRange: keyRange, valueRange };
}
