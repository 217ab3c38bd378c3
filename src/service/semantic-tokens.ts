// Semantic tokens: instruction keywords, flags and their values, variables (declarations marked;
// the builder's automatic arguments as "default library"), stage names, strings, comments, parser
// directives and heredocs, in LSP's relative integer encoding, plus the delta between two encodings.
import { parsed, derivedFrom } from './document.js';
import { symbolTable } from './symbols.js';

/** The token types, in legend order. */
export const TOKEN_TYPES = ['keyword', 'property', 'parameter', 'variable', 'namespace', 'string', 'comment', 'macro', 'operator'] as const;
/** The token modifiers, in legend order (bit n is modifier n). */
export const TOKEN_MODIFIERS = ['declaration', 'defaultLibrary'] as const;

export type TokenType = (typeof TOKEN_TYPES)[number];

/** One token on one line. */
export interface Token {
  start: number;
  end: number;
  type: TokenType;
  /** Bit set over TOKEN_MODIFIERS. */
  modifiers: number;
}

/** One edit of a previous encoding: replace `deleteCount` integers at `start` with `data`. */
export interface TokensEdit {
  start: number;
  deleteCount: number;
  data: number[];
}

// Tokens that may contain others (a string holding a variable) are cut around them.
const CONTAINERS = new Set<TokenType>(['string', 'parameter']);
const DECLARATION = 1;
const DEFAULT_LIBRARY = 2;

/** Every token of the document, sorted, non-overlapping, none crossing a line end. */
export function semanticTokens(text: string): Token[] {
  return derivedFrom(text, 'tokens', () => collect(text));
}

function collect(text: string): Token[] {
  const file = parsed(text);
  const found: Token[] = [];
  const add = (start: number, end: number, type: TokenType, modifiers = 0) => {
    if (end > start) found.push({ start, end, type, modifiers });
  };
  for (const d of file.directives) add(d.range.start, d.range.end, 'macro');
  for (const c of file.comments) add(c.range.start, c.range.end, 'comment');
  const quote = file.escapeChar;
  for (const top of file.instructions) {
    for (const ins of top.trigger ? [top, top.trigger] : [top]) {
      add(ins.keywordRange.start, ins.keywordRange.end, 'keyword');
      for (const f of ins.flags) {
        add(f.range.start, f.nameRange.end, 'property');
        if (f.valueRange) add(f.valueRange.start, f.valueRange.end, 'parameter');
      }
      if (ins.keyword === 'FROM' && ins.args.length === 3 && ins.args[1]!.value.toLowerCase() === 'as') add(ins.args[1]!.range.start, ins.args[1]!.range.end, 'keyword');
      if (ins.keyword === 'ONBUILD') continue; // its trigger is tokenised on its own
      if (ins.json) for (const a of ins.args) add(a.range.start, a.range.end, 'string');
      else for (const [s, e] of quotedSpans(text, ins.argsRange.start, ins.argsRange.end, quote)) add(s, e, 'string');
      for (const h of ins.heredocs) {
        add(h.markerRange.start, h.markerRange.end, 'operator');
        add(h.bodyRange.start, h.bodyRange.end, 'string');
        if (h.terminatorRange) add(h.terminatorRange.start, h.terminatorRange.end, 'operator');
      }
    }
  }
  const table = symbolTable(text);
  for (const s of table.symbols) {
    const type = s.kind === 'stage' ? 'namespace' : 'variable';
    for (const o of s.occurrences) add(o.start, o.end, type, (o.declaration ? DECLARATION : 0) | (s.automatic ? DEFAULT_LIBRARY : 0));
  }
  for (const r of table.unresolved) add(r.start, r.end, 'variable');

  // Solid tokens first (the first of two overlapping ones wins), then containers cut around them.
  const solid = found.filter((t) => !CONTAINERS.has(t.type)).sort((a, b) => a.start - b.start || b.end - a.end);
  const kept: Token[] = [];
  for (const t of solid) if (!kept.length || t.start >= kept[kept.length - 1]!.end) kept.push(t);
  const pieces: Token[] = [...kept];
  const containers = found.filter((t) => CONTAINERS.has(t.type)).sort((a, b) => a.start - b.start);
  let k = 0;
  let lastEnd = 0;
  for (const c of containers) {
    let at = Math.max(c.start, lastEnd);
    while (k < kept.length && kept[k]!.end <= at) k++;
    for (let j = k; j < kept.length && kept[j]!.start < c.end; j++) {
      if (kept[j]!.start > at) pieces.push({ ...c, start: at, end: kept[j]!.start });
      at = Math.max(at, kept[j]!.end);
    }
    if (at < c.end) pieces.push({ ...c, start: at, end: c.end });
    lastEnd = Math.max(lastEnd, c.end);
  }
  pieces.sort((a, b) => a.start - b.start);
  // One token per line: clients need not support tokens spanning lines.
  const out: Token[] = [];
  const starts = file.lineIndex.lineStarts;
  let line = 0;
  for (const t of pieces) {
    while (line + 1 < starts.length && starts[line + 1]! <= t.start) line++;
    let l = line;
    let s = t.start;
    while (s < t.end) {
      const next = l + 1 < starts.length ? starts[l + 1]! : text.length;
      let lineEnd = Math.min(t.end, next);
      while (lineEnd > s && (text[lineEnd - 1] === '\n' || text[lineEnd - 1] === '\r')) lineEnd--;
      if (lineEnd > s) out.push({ ...t, start: s, end: lineEnd });
      s = next;
      l++;
    }
  }
  return out;
}

/** `"…"` and `'…'` spans in `text[from, to)` (an escape character skips the next one). */
function quotedSpans(text: string, from: number, to: number, escape: string): [number, number][] {
  const out: [number, number][] = [];
  let i = from;
  while (i < to) {
    const c = text[i];
    if (c === escape) {
      i += 2;
      continue;
    }
    if (c === '"' || c === "'") {
      let j = i + 1;
      while (j < to && text[j] !== c) j += c === '"' && text[j] === escape ? 2 : 1;
      const end = Math.min(j + 1, to);
      out.push([i, end]);
      i = end;
      continue;
    }
    i++;
  }
  return out;
}

/**
 * LSP's encoding: five integers per token (line delta, start delta on the same line, length, type,
 * modifiers), lines and characters counted as the protocol counts them (UTF-16, from the line start).
 */
export function encodeTokens(text: string, tokens: readonly Token[]): number[] {
  const starts = parsed(text).lineIndex.lineStarts;
  const data: number[] = [];
  let line = 0;
  let prevLine = 0;
  let prevChar = 0;
  for (const t of tokens) {
    while (line + 1 < starts.length && starts[line + 1]! <= t.start) line++;
    const char = t.start - starts[line]!;
    data.push(line - prevLine, line === prevLine ? char - prevChar : char, t.end - t.start, TOKEN_TYPES.indexOf(t.type), t.modifiers);
    prevLine = line;
    prevChar = char;
  }
  return data;
}

/** The edits turning one encoding into another: one replacement between their common ends (whole tokens). */
export function tokensDelta(previous: readonly number[], next: readonly number[]): TokensEdit[] {
  let head = 0;
  const max = Math.min(previous.length, next.length);
  while (head < max && previous[head] === next[head]) head++;
  head -= head % 5;
  let tail = 0;
  while (tail < max - head && previous[previous.length - 1 - tail] === next[next.length - 1 - tail]) tail++;
  tail -= tail % 5;
  if (head === previous.length && head === next.length) return [];
  return [{ start: head, deleteCount: previous.length - head - tail, data: next.slice(head, next.length - tail) }];
}
