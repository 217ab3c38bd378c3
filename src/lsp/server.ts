// The language server: a thin layer over src/service. It keeps the open documents, finds each
// Dockerfile's config and build context on disk (the only I/O here), turns offsets into LSP
// positions and back, and publishes diagnostics as documents change.
import { fileURLToPath } from 'node:url';
import {
  CodeActionKind,
  CompletionItemKind,
  createConnection,
  DiagnosticSeverity,
  DocumentSymbol,
  InsertTextFormat,
  MarkupKind,
  SymbolKind,
  TextDocuments,
  TextDocumentSyncKind,
  type CodeAction,
  type CompletionItem,
  type Connection,
  type Diagnostic as LspDiagnostic,
  type Range,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic, Severity } from '../core/diagnostic.js';
import type { Dockerfile } from '../parser/ast.js';
import type { Span } from '../core/range.js';
import type { LintOptions } from '../linter/index.js';
import { needsShellParser } from '../linter/index.js';
import { codeActions, completions, definition, diagnostics, formatting, hover, outline, parsed, type CompletionKind, type OutlineSymbol } from '../service/index.js';

/** Where the server finds a document's config and build context (the CLI's own finders). */
export interface ServerEnvironment {
  /** Lint options for a Dockerfile at this path (config, build context); null path: an unsaved document. */
  optionsFor(path: string | null): Promise<LintOptions>;
  /** Loads tree-sitter for the rare RUN scripts the fast reader leaves to it. */
  initLinter(): Promise<void>;
  /**
   * ShellCheck's findings for the file's RUN scripts, already under the file's pragmas and config
   * (`lint`'s own merge), or null when ShellCheck cannot run. Absent: no ShellCheck.
   */
  shellcheck?(file: Dockerfile, found: Diagnostic[], options: LintOptions): Promise<Diagnostic[] | null>;
}

/** Quiet time after the last change before ShellCheck (a process per run) checks the scripts. */
const SHELLCHECK_DELAY_MS = 300;

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

/** A small Dockerfile touching the common rules (apt, COPY, RUN scripts, stages). */
const WARM_UP = [
  'FROM debian:bookworm AS build',
  'RUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*',
  'WORKDIR /src',
  'COPY . .',
  'RUN cd /src && make',
  'FROM scratch',
  'COPY --from=build /src/out /app',
  'CMD ["/app"]',
  '',
].join('\n');

/** Starts serving on `connection` (stdio for `dockhand lsp --stdio`). */
export function serve(connection: Connection, env: ServerEnvironment): void {
  const documents = new TextDocuments(TextDocument);
  const pending = new Map<string, { timer?: NodeJS.Timeout; immediate?: NodeJS.Immediate }>();
  const cancel = (uri: string) => {
    const p = pending.get(uri);
    if (p?.timer) clearTimeout(p.timer);
    if (p?.immediate) clearImmediate(p.immediate);
    pending.delete(uri);
  };
  let shellParser: Promise<void> | null = null;
  const range = (doc: TextDocument, s: Span): Range => ({ start: doc.positionAt(s.start), end: doc.positionAt(s.end) });
  const pathOf = (uri: string): string | null => {
    try {
      return uri.startsWith('file:') ? fileURLToPath(uri) : null;
    } catch {
      return null;
    }
  };
  const options = async (doc: TextDocument): Promise<LintOptions> => {
    try {
      return await env.optionsFor(pathOf(doc.uri));
    } catch (err) {
      connection.console.warn(`dockhand: ${(err as Error).message}; linting ${doc.uri} with the defaults`);
      return {};
    }
  };

  const toLsp = (doc: TextDocument, d: Diagnostic): LspDiagnostic => ({
    range: range(doc, d.range),
    severity: SEVERITY[d.severity],
    code: d.code,
    source: 'dockhand',
    message: d.message,
    ...(d.url ? { codeDescription: { href: d.url } } : {}),
  });

  const validate = async (uri: string): Promise<void> => {
    pending.delete(uri);
    const doc = documents.get(uri);
    if (!doc) return;
    const version = doc.version;
    const opts = await options(doc);
    const current = documents.get(uri);
    if (!current || current.version !== version) return; // a newer edit is on its way
    const found = diagnostics(current.getText(), { ...opts, filename: pathOf(uri) ?? uri });
    void connection.sendDiagnostics({ uri, version, diagnostics: found.map((d) => toLsp(current, d)) });
    if (env.shellcheck && shellcheckWorks && parsed(current.getText()).instructions.some((i) => i.keyword === 'RUN' || i.trigger?.keyword === 'RUN')) {
      clearTimeout(shellcheckTimers.get(uri));
      shellcheckTimers.set(uri, setTimeout(() => void withShellcheck(uri, version, found, { ...opts, filename: pathOf(uri) ?? uri }), SHELLCHECK_DELAY_MS));
    }
    // The ~1% of RUN scripts the fast reader declines need tree-sitter: load it only when a
    // document has one (it costs tens of milliseconds), then lint the open documents again.
    if (!shellParser && needsShellParser(parsed(current.getText()))) {
      shellParser = env.initLinter().then(
        () => documents.all().forEach((d) => schedule(d.uri)),
        (err: unknown) => connection.console.warn(`dockhand: the shell parser could not load (${(err as Error)?.message}); a few RUN scripts go unchecked`),
      );
    }
  };
  // ShellCheck runs after the rules' findings are out, once typing pauses; its findings are
  // published with them for the same version, never for a newer text.
  const shellcheckTimers = new Map<string, NodeJS.Timeout>();
  let shellcheckWorks = true;
  const withShellcheck = async (uri: string, version: number, found: Diagnostic[], opts: LintOptions): Promise<void> => {
    shellcheckTimers.delete(uri);
    const doc = documents.get(uri);
    if (!doc || doc.version !== version) return;
    const merged = await env.shellcheck!(parsed(doc.getText()), found, opts);
    if (merged === null) {
      shellcheckWorks = false;
      connection.console.info('dockhand: ShellCheck is not available; RUN scripts are checked by the rules only');
      return;
    }
    const now = documents.get(uri);
    if (!now || now.version !== version || merged.length === found.length) return;
    void connection.sendDiagnostics({ uri, version, diagnostics: merged.map((d) => toLsp(now, d)) });
  };

  // Typing fires a change per keystroke: the first change of a burst is linted at once, the rest
  // once the burst pauses for 40 ms.
  const lastRun = new Map<string, number>();
  const schedule = (uri: string) => {
    const quiet = !pending.has(uri) && performance.now() - (lastRun.get(uri) ?? -Infinity) > 40;
    const run = () => {
      lastRun.set(uri, performance.now());
      void validate(uri);
    };
    cancel(uri);
    // (setTimeout's shortest delay is 1 ms; an immediate runs as soon as the message is handled.)
    pending.set(uri, quiet ? { immediate: setImmediate(run) } : { timer: setTimeout(run, 40) });
  };

  connection.onInitialize(() => {
    // Compile the linter's hot paths now, before the client opens its first document.
    diagnostics(WARM_UP);
    return {
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        hoverProvider: true,
        definitionProvider: true,
        documentSymbolProvider: true,
        documentFormattingProvider: true,
        completionProvider: { triggerCharacters: ['$', '{', '-', '='] },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, CodeActionKind.SourceFixAll] },
      },
      serverInfo: { name: 'dockhand' },
    };
  });

  // (TextDocuments reports an opened document as changed too.)
  documents.onDidChangeContent((e) => schedule(e.document.uri));
  documents.onDidClose((e) => {
    cancel(e.document.uri);
    clearTimeout(shellcheckTimers.get(e.document.uri));
    shellcheckTimers.delete(e.document.uri);
    lastRun.delete(e.document.uri);
    void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
  });
  // A config or .dockerignore changed on disk: every open document may read differently.
  connection.onDidChangeWatchedFiles(() => documents.all().forEach((d) => schedule(d.uri)));

  connection.onHover(({ textDocument, position }) => {
    const doc = documents.get(textDocument.uri);
    if (!doc) return null;
    const h = hover(doc.getText(), doc.offsetAt(position));
    return h ? { contents: { kind: MarkupKind.Markdown, value: h.markdown }, range: range(doc, h.span) } : null;
  });

  connection.onDefinition(({ textDocument, position }) => {
    const doc = documents.get(textDocument.uri);
    if (!doc) return null;
    const span = definition(doc.getText(), doc.offsetAt(position));
    return span ? { uri: textDocument.uri, range: range(doc, span) } : null;
  });

  connection.onCompletion(({ textDocument, position }): CompletionItem[] => {
    const doc = documents.get(textDocument.uri);
    if (!doc) return [];
    return completions(doc.getText(), doc.offsetAt(position)).map((c, i) => ({
      label: c.label,
      kind: COMPLETION_KIND[c.kind],
      detail: c.detail,
      documentation: c.documentation ? { kind: MarkupKind.Markdown, value: c.documentation } : undefined,
      textEdit: { range: range(doc, c.replace), newText: c.insert },
      insertTextFormat: InsertTextFormat.PlainText,
      sortText: String(i).padStart(4, '0'),
    }));
  });

  connection.onCodeAction(async ({ textDocument, range: r, context }): Promise<CodeAction[]> => {
    const doc = documents.get(textDocument.uri);
    if (!doc) return [];
    const text = doc.getText();
    const opts = { ...(await options(doc)), filename: pathOf(textDocument.uri) ?? textDocument.uri };
    const actions = codeActions(text, { start: doc.offsetAt(r.start), end: doc.offsetAt(r.end) }, opts);
    const only = context.only;
    return actions
      .filter((a) => !only || only.some((k) => a.kind === k || a.kind.startsWith(`${k}.`)))
      .map((a) => ({
        title: a.title,
        kind: a.kind === 'quickfix' ? CodeActionKind.QuickFix : CodeActionKind.SourceFixAll,
        isPreferred: a.preferred || undefined,
        diagnostics: a.diagnostic ? [toLsp(doc, a.diagnostic)] : undefined,
        edit: { changes: { [textDocument.uri]: a.edits.map((e) => ({ range: range(doc, e), newText: e.text })) } },
      }));
  });

  connection.onDocumentFormatting(({ textDocument }) => {
    const doc = documents.get(textDocument.uri);
    if (!doc) return [];
    return formatting(doc.getText()).map((e) => ({ range: range(doc, e), newText: e.text }));
  });

  connection.onDocumentSymbol(({ textDocument }) => {
    const doc = documents.get(textDocument.uri);
    if (!doc) return [];
    const kinds: Record<OutlineSymbol['kind'], SymbolKind> = { stage: SymbolKind.Module, instruction: SymbolKind.Function, arg: SymbolKind.Variable };
    const convert = (s: OutlineSymbol): DocumentSymbol =>
      DocumentSymbol.create(s.name || ' ', s.detail, kinds[s.kind], range(doc, s.span), range(doc, s.selection), s.children.map(convert));
    return outline(doc.getText()).map(convert);
  });

  documents.listen(connection);
  connection.listen();
}

/** The server on standard input and output, with the CLI's config and context finders. */
export function serveStdio(env: ServerEnvironment): void {
  const connection = createConnection(process.stdin, process.stdout);
  serve(connection, env);
}
