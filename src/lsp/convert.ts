// LSP ⇄ service types: offsets to positions and back (through the open document), dockhand's
// diagnostics, symbols, completions and the other answers as the protocol spells them, and the
// checks that turn a malformed request into an InvalidParams error instead of a crash.
import {
  CompletionItemKind,
  DiagnosticSeverity,
  DocumentSymbol,
  ErrorCodes,
  InsertTextFormat,
  MarkupKind,
  ResponseError,
  SymbolKind,
  type CompletionItem,
  type Diagnostic as LspDiagnostic,
  type Position,
  type Range,
} from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic, Severity } from '../core/diagnostic.js';
import type { Span } from '../core/range.js';
import type { Completion, CompletionKind, OutlineSymbol } from '../service/index.js';

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
  style: DiagnosticSeverity.Hint,
};

const COMPLETION_KIND: Record<CompletionKind, CompletionItemKind> = {
  keyword: CompletionItemKind.Keyword,
  flag: CompletionItemKind.Property,
  stage: CompletionItemKind.Module,
  variable: CompletionItemKind.Variable,
  directive: CompletionItemKind.Keyword,
};

const SYMBOL_KIND: Record<OutlineSymbol['kind'], SymbolKind> = { stage: SymbolKind.Module, instruction: SymbolKind.Function, arg: SymbolKind.Variable };

/** A span of the document as an LSP range. */
export const rangeOf = (doc: TextDocument, s: Span): Range => ({ start: doc.positionAt(s.start), end: doc.positionAt(s.end) });

/** A dockhand finding as an LSP diagnostic. */
export function diagnosticOf(doc: TextDocument, d: Diagnostic): LspDiagnostic {
  return {
    range: rangeOf(doc, d.range),
    severity: SEVERITY[d.severity],
    code: d.code,
    source: 'dockhand',
    message: d.message,
    ...(d.url ? { codeDescription: { href: d.url } } : {}),
  };
}

/** A completion as an LSP item (kept in the service's order). */
export function completionOf(doc: TextDocument, c: Completion, i: number): CompletionItem {
  return {
    label: c.label,
    kind: COMPLETION_KIND[c.kind],
    detail: c.detail,
    documentation: c.documentation ? { kind: MarkupKind.Markdown, value: c.documentation } : undefined,
    textEdit: { range: rangeOf(doc, c.replace), newText: c.insert },
    insertTextFormat: InsertTextFormat.PlainText,
    sortText: String(i).padStart(4, '0'),
  };
}

/** An outline entry as an LSP document symbol. */
export function symbolOf(doc: TextDocument, s: OutlineSymbol): DocumentSymbol {
  return DocumentSymbol.create(s.name || ' ', s.detail, SYMBOL_KIND[s.kind], rangeOf(doc, s.span), rangeOf(doc, s.selection), s.children.map((c) => symbolOf(doc, c)));
}

/** A request the server cannot answer as asked: InvalidParams, with what was wrong. */
export function invalidParams(message: string): ResponseError<void> {
  return new ResponseError(ErrorCodes.InvalidParams, message);
}

/** `params.textDocument.uri`, checked. */
export function uriOf(params: unknown): string {
  if (!params || typeof params !== 'object') throw invalidParams('the request has no params');
  const td = (params as { textDocument?: { uri?: unknown } }).textDocument;
  if (!td || typeof td !== 'object' || typeof td.uri !== 'string') throw invalidParams('params.textDocument.uri is missing');
  return td.uri;
}

/** A position of the document as an offset; a line outside it is refused (a character past the line's end is its end, as the protocol says). */
export function offsetOf(doc: TextDocument, position: unknown, what = 'position'): number {
  const p = position as Position | undefined;
  if (!p || typeof p !== 'object' || !isCount(p.line) || !isCount(p.character)) {
    throw invalidParams(`params.${what} must be { line, character } with non-negative integers`);
  }
  if (p.line >= doc.lineCount) throw invalidParams(`params.${what}.line ${p.line} is outside the document (${doc.lineCount} line${doc.lineCount === 1 ? '' : 's'})`);
  return doc.offsetAt(p);
}

/** A range of the document as a span (start before end). */
export function spanOf(doc: TextDocument, range: unknown, what = 'range'): Span {
  const r = range as Range | undefined;
  if (!r || typeof r !== 'object') throw invalidParams(`params.${what} is missing`);
  const start = offsetOf(doc, r.start, `${what}.start`);
  const end = offsetOf(doc, r.end, `${what}.end`);
  if (end < start) throw invalidParams(`params.${what} ends before it starts`);
  return { start, end };
}

const isCount = (n: unknown): n is number => typeof n === 'number' && Number.isInteger(n) && n >= 0;
