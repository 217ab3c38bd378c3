// The language server: a thin layer over src/service. It keeps the open documents, schedules
// diagnostics and the build plan's lenses as documents change, turns offsets into LSP positions
// and back (convert.ts), and reaches the disk only through the ServerEnvironment the `lsp` command
// gives it (config, build context, baseline, ShellCheck, file watches).
import { relative, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  CodeActionKind,
  DiagnosticSeverity,
  createConnection,
  DidChangeWatchedFilesNotification,
  DocumentHighlightKind,
  ErrorCodes,
  FoldingRangeKind,
  LSPErrorCodes,
  MarkupKind,
  MessageType,
  ResponseError,
  TextDocuments,
  TextDocumentSyncKind,
  type CodeAction,
  type CodeLens,
  type Connection,
  type InitializeParams,
  type ResponseMessage,
  StreamMessageReader,
  StreamMessageWriter,
  type TextDocumentContentChangeEvent,
  type TextDocumentsConfiguration,
  type DataCallback,
  type Disposable,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic } from '../core/diagnostic.js';
import type { Dockerfile } from '../parser/ast.js';
import type { ConfigReport } from '../linter/config.js';
import type { LintOptions } from '../linter/index.js';
import { needsShellParser } from '../linter/index.js';
import * as service from '../service/index.js';
import type { PlanInputs } from '../service/index.js';
import { completionOf, diagnosticOf, invalidParams, offsetOf, rangeOf, spanOf, symbolOf, uriOf } from './convert.js';

/** How the build plan is made (editor settings `dockhand.plan`, paths relative to the workspace root). */
export interface PlanSettings {
  /** A plan saved by `dockhand plan --save` to compare with; when absent (or missing), git HEAD. */
  baseline?: string;
  buildArgs?: Record<string, string>;
  target?: string;
  platform?: string;
  /** The build context (default: the Dockerfile's folder). */
  context?: string;
  /** Floating base tags count as re-resolved (`docker build --pull`). */
  pull?: boolean;
}

/** The build plan's inputs for a Dockerfile on disk, with where its context is (for links). */
export interface BuildInputs extends PlanInputs {
  /** URI of the context directory, without a trailing slash. */
  contextUri: string;
  /** Whether a context-relative path is sent to the builder. */
  has(path: string): boolean;
}

/** Where the server finds a document's config, build context and baseline (the CLI's own finders). */
export interface ServerEnvironment {
  /** Lint options for a Dockerfile at this path (config, build context); null path: an unsaved document. */
  optionsFor(path: string | null): Promise<LintOptions>;
  /**
   * The config file the last `optionsFor(path)` found and what is wrong with it (parts it leaves
   * out, or why it could not be used when optionsFor threw): the editor shows it once per state of
   * the file. Absent: nothing to show.
   */
  configReport?(path: string | null): ConfigReport | undefined;
  /** Loads tree-sitter for the rare RUN scripts the fast reader leaves to it. */
  initLinter(): Promise<void>;
  /**
   * ShellCheck's findings for the file's RUN scripts, already under the file's pragmas and config
   * (`lint`'s own merge), or null when ShellCheck cannot run. Absent: no ShellCheck.
   */
  shellcheck?(file: Dockerfile, found: Diagnostic[], options: LintOptions): Promise<Diagnostic[] | null>;
  /**
   * The build context and baseline of a Dockerfile on disk (absent: lenses show cache keys only);
   * `onChange` is called when they change on disk (context files, git's HEAD).
   */
  buildInputs?(path: string, settings: PlanSettings, root: string | null, onChange: () => void): Promise<BuildInputs>;
  /**
   * Calls `onChange` when a config or ignore file of the Dockerfile changes (looked for up to the
   * workspace root); returns a function that stops.
   */
  watchConfig?(path: string, root: string | null, onChange: () => void): () => void;
  /**
   * Calls `onChange` when a file of the build context the Dockerfile's diagnostics read changes
   * (and once when the watch is in place, as something may have changed before it was); returns
   * a function that stops.
   */
  watchContext?(path: string, onChange: () => void): () => void;
  /** The document at `path` closed: let go of what was kept for it. */
  release?(path: string): void;
}

/** Quiet time after the last change before ShellCheck (a process per run) checks the scripts. */
const SHELLCHECK_DELAY_MS = 300;
/**
 * Quiet time after a document's diagnostics before its build plan is made in the background:
 * typing (or opening and closing files in a row) never waits for a plan it would throw away.
 */
const LENS_DELAY_MS = 100;
/** The command a lens runs: the full explanation of its step. */
export const EXPLAIN_COMMAND = 'dockhand.explainStep';

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

/** Settings as the editor sends them: `{ dockhand: {...} }` or the object itself. */
interface Settings {
  codeLens: boolean;
  plan: PlanSettings;
}

function readSettings(raw: unknown): Settings {
  const root = raw && typeof raw === 'object' ? ((raw as { dockhand?: unknown }).dockhand ?? raw) : {};
  const s = (root && typeof root === 'object' ? root : {}) as { codeLens?: unknown; plan?: unknown };
  const p = (s.plan && typeof s.plan === 'object' ? s.plan : {}) as Record<string, unknown>;
  const str = (v: unknown) => (typeof v === 'string' && v !== '' ? v : undefined);
  const args = p.buildArgs && typeof p.buildArgs === 'object' ? Object.fromEntries(Object.entries(p.buildArgs).filter(([, v]) => typeof v === 'string')) : undefined;
  const plan: PlanSettings = {};
  if (str(p.baseline)) plan.baseline = str(p.baseline);
  if (args && Object.keys(args).length) plan.buildArgs = args as Record<string, string>;
  if (str(p.target)) plan.target = str(p.target);
  if (str(p.platform)) plan.platform = str(p.platform);
  if (str(p.context)) plan.context = str(p.context);
  if (p.pull === true) plan.pull = true;
  return { codeLens: s.codeLens !== false, plan };
}

/** A whole number, 0 or more (positions and versions as the protocol has them). */
const isIndex = (n: unknown): n is number => Number.isInteger(n) && (n as number) >= 0;

/** A content change as the protocol has it: text, and (for an incremental change) a range of positions. */
function isContentChange(c: unknown): c is TextDocumentContentChangeEvent {
  if (!c || typeof c !== 'object' || typeof (c as { text?: unknown }).text !== 'string') return false;
  const range = (c as { range?: unknown }).range;
  if (range === undefined) return true;
  const pos = (p: unknown) => !!p && typeof p === 'object' && isIndex((p as { line?: unknown }).line) && isIndex((p as { character?: unknown }).character);
  return !!range && typeof range === 'object' && pos((range as { start?: unknown }).start) && pos((range as { end?: unknown }).end);
}

/**
 * TextDocument's factory for the open documents, taking notifications as a client may get them
 * wrong: text that is not a string opens an empty document, and changes that are not text with a
 * range of positions are left out. Notifications have no answer to refuse them with, and what
 * vscode-languageserver hands over unchecked would otherwise reach the diagnostics, which run on a
 * timer: one `"text": 42` used to end the server with a stack trace.
 */
const DOCUMENTS: TextDocumentsConfiguration<TextDocument> = {
  create: (uri, languageId, version, content) =>
    TextDocument.create(String(uri), typeof languageId === 'string' ? languageId : 'dockerfile', Number.isInteger(version) ? version : 0, typeof content === 'string' ? content : ''),
  update: (doc, changes, version) =>
    TextDocument.update(doc, Array.isArray(changes) ? changes.filter(isContentChange) : [], Number.isInteger(version) ? version : doc.version),
};

/** Starts serving on `connection` (stdio for `dockhand lsp --stdio`). */
export function serve(connection: Connection, env: ServerEnvironment): void {
  const documents = new TextDocuments(DOCUMENTS);
  let settings = readSettings(undefined);
  let root: string | null = null;
  let lensRefresh = false;
  let hintRefresh = false;

  const pathOf = (uri: string): string | null => {
    try {
      return typeof uri === 'string' && uri.startsWith('file:') ? fileURLToPath(uri) : null;
    } catch {
      return null;
    }
  };
  /** The open document a request names; InvalidParams when it names none. */
  const docOf = (params: unknown): TextDocument => {
    const uri = uriOf(params);
    const doc = documents.get(uri);
    if (!doc) throw invalidParams(`${uri} is not open (send textDocument/didOpen first)`);
    return doc;
  };
  /** A request handler whose failures are protocol errors, never an exception's text. */
  const guard = <P, R>(method: string, fn: (params: P) => Promise<R> | R) =>
    async (params: P): Promise<R> => {
      try {
        return await fn(params);
      } catch (err) {
        if (err instanceof ResponseError) throw err;
        connection.console.error(`dockhand: ${method} failed: ${(err as Error)?.stack ?? String(err)}`);
        throw new ResponseError(ErrorCodes.InternalError, `dockhand could not answer ${method} (an internal error; the server log has the details)`);
      }
    };
  const options = async (doc: TextDocument): Promise<LintOptions> => {
    try {
      return await env.optionsFor(pathOf(doc.uri));
    } catch (err) {
      const message = `dockhand: ${(err as Error).message}; linting ${doc.uri} with the defaults`;
      connection.console.warn(message);
      // An environment that reports no config problems: the failure is still said, once.
      if (!env.configReport && !shownOnce.has(message)) {
        shownOnce.add(message);
        void connection.sendNotification('window/showMessage', { type: MessageType.Error, message });
      }
      return {};
    }
  };

  // ---- config problems ----------------------------------------------------------------------------
  // What is wrong with the files a document is linted with (its config, its .dockerignore): one
  // window/showMessage per state of each file (not at every lint), and the problems as diagnostics
  // of the file itself, until it is fixed. The CLI prints the same on stderr.

  const shownOnce = new Set<string>();
  /** File → the problems last published for it ('' when none). */
  const configShown = new Map<string, string>();
  /** Open document → the files its last lint read besides it. */
  const configOf = new Map<string, readonly string[]>();
  const shownPath = (file: string) => (root && file.startsWith(root + sep) ? relative(root, file) : file);
  const publishConfig = (file: string, problems: ConfigReport['problems']) => {
    void connection.sendDiagnostics({
      uri: pathToFileURL(file).href,
      diagnostics: problems.map((p) => {
        const line = Math.max((p.line ?? 1) - 1, 0);
        const character = p.line === undefined ? 0 : Math.max((p.column ?? 1) - 1, 0);
        return {
          range: { start: { line, character }, end: { line: line + 1, character: 0 } },
          severity: p.severity === 'error' ? DiagnosticSeverity.Error : DiagnosticSeverity.Warning,
          code: 'config',
          source: 'dockhand',
          message: p.message,
        };
      }),
    });
  };
  /** A file no open document reads any more: its diagnostics go. */
  const forgetConfig = (file: string) => {
    for (const files of configOf.values()) if (files.includes(file)) return;
    if (configShown.get(file)) publishConfig(file, []);
    configShown.delete(file);
  };
  const reportConfig = (uri: string, report: ConfigReport | undefined) => {
    if (!report) return;
    for (const p of report.problems) {
      if (p.file !== null || shownOnce.has(p.message)) continue;
      shownOnce.add(p.message);
      void connection.sendNotification('window/showMessage', { type: p.severity === 'error' ? MessageType.Error : MessageType.Warning, message: `dockhand: ${p.severity}: ${p.message}` });
    }
    const previous = configOf.get(uri) ?? [];
    configOf.set(uri, report.files);
    for (const file of previous) if (!report.files.includes(file)) forgetConfig(file);
    for (const file of report.files) {
      const mine = report.problems.filter((p) => p.file === file);
      const lines = mine.map((p) => `${shownPath(file)}${p.line === undefined ? '' : `:${p.line}${p.column === undefined ? '' : `:${p.column}`}`}: ${p.message}`);
      const text = lines.join('\n');
      const before = configShown.get(file);
      if (before === text) continue;
      configShown.set(file, text);
      if (text !== '' || before) publishConfig(file, mine);
      if (text === '') continue;
      const failed = mine.some((p) => p.severity === 'error');
      void connection.sendNotification('window/showMessage', {
        type: failed ? MessageType.Error : MessageType.Warning,
        message: failed ? `dockhand: ${lines.join('; ')}` : `dockhand: ${lines.length === 1 ? 'a setting is' : `${lines.length} settings are`} ignored: ${lines.join('; ')}`,
      });
    }
  };

  // ---- diagnostics ------------------------------------------------------------------------------

  const pending = new Map<string, { timer?: NodeJS.Timeout; immediate?: NodeJS.Immediate }>();
  const cancel = (uri: string) => {
    const p = pending.get(uri);
    if (p?.timer) clearTimeout(p.timer);
    if (p?.immediate) clearImmediate(p.immediate);
    pending.delete(uri);
  };
  let shellParser: Promise<void> | null = null;

  const validate = async (uri: string): Promise<void> => {
    pending.delete(uri);
    const doc = documents.get(uri);
    if (!doc) return;
    const version = doc.version;
    const opts = await options(doc);
    if (env.configReport && documents.get(uri)) reportConfig(uri, env.configReport(pathOf(uri)));
    const current = documents.get(uri);
    if (!current || current.version !== version) return; // a newer edit is on its way
    const text = current.getText();
    const found = service.diagnostics(text, { ...opts, filename: pathOf(uri) ?? uri });
    const sent = connection.sendDiagnostics({ uri, version, diagnostics: found.map((d) => diagnosticOf(current, d)) });
    // The build plan comes after the diagnostics, off the typing path: once they are written, as a
    // plan that holds the event loop would also hold a long message half-written to the client.
    void sent.then(
      () => {
        watchContextOf(uri);
        if (documents.get(uri)?.version === version) scheduleLenses(uri, version);
      },
      () => undefined,
    );
    if (env.shellcheck && shellcheckWorks && service.parsed(text).instructions.some((i) => i.keyword === 'RUN' || i.trigger?.keyword === 'RUN')) {
      clearTimeout(shellcheckTimers.get(uri));
      shellcheckTimers.set(uri, setTimeout(() => void withShellcheck(uri, version, found, { ...opts, filename: pathOf(uri) ?? uri }), SHELLCHECK_DELAY_MS));
    }
    // The ~1% of RUN scripts the fast reader declines need tree-sitter: load it only when a
    // document has one (it costs tens of milliseconds), then lint the open documents again.
    if (!shellParser && needsShellParser(service.parsed(text))) {
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
    const merged = await env.shellcheck!(service.parsed(doc.getText()), found, opts);
    if (merged === null) {
      shellcheckWorks = false;
      connection.console.info('dockhand: ShellCheck is not available; RUN scripts are checked by the rules only');
      return;
    }
    const now = documents.get(uri);
    if (!now || now.version !== version || merged.length === found.length) return;
    void connection.sendDiagnostics({ uri, version, diagnostics: merged.map((d) => diagnosticOf(now, d)) });
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
    cancelLenses(uri);
    // (setTimeout's shortest delay is 1 ms; an immediate runs as soon as the message is handled.)
    pending.set(uri, quiet ? { immediate: setImmediate(run) } : { timer: setTimeout(run, 40) });
  };

  // ---- the build plan's lenses --------------------------------------------------------------------

  /** Lenses computed for a version of a document, and the inputs they came from. */
  const lensCache = new Map<string, { version: number; inputs: PlanInputs; lenses: service.PlanLens[] }>();
  const lensJobs = new Map<string, NodeJS.Timeout>();
  const configWatches = new Map<string, () => void>();
  const contextWatches = new Map<string, () => void>();
  /**
   * Watches the build context a document's diagnostics read, from its first diagnostics on: the
   * watch walks the context and loads the planner's code, which would hold up the first answer.
   * The walk ends with a lint of its own, so a change made before the watch is seen.
   */
  const watchContextOf = (uri: string) => {
    const path = pathOf(uri);
    if (!path || !env.watchContext || contextWatches.has(uri) || !documents.get(uri)) return;
    contextWatches.set(uri, env.watchContext(path, onDiskChange(uri)));
  };
  const cancelLenses = (uri: string) => {
    clearTimeout(lensJobs.get(uri));
    lensJobs.delete(uri);
  };
  /** A document's files changed on disk: lint again (config, .dockerignore) and re-plan. */
  const onDiskChange = (uri: string) => () => {
    lensCache.delete(uri);
    if (documents.get(uri)) schedule(uri);
  };
  const inputsFor = async (doc: TextDocument): Promise<PlanInputs & Partial<BuildInputs>> => {
    const path = pathOf(doc.uri);
    if (!path || !env.buildInputs) {
      return { context: null, baseline: { plan: null, reason: path ? 'no baseline in this editor' : 'an unsaved document has no build context or baseline' } };
    }
    try {
      return await env.buildInputs(path, settings.plan, root, onDiskChange(doc.uri));
    } catch (err) {
      return { context: null, baseline: { plan: null, reason: `the build context could not be read (${(err as Error).message})` } };
    }
  };
  /** The lenses of the document's current version (computed now when the background job has not run). */
  const lensesOf = async (doc: TextDocument): Promise<{ inputs: PlanInputs; lenses: service.PlanLens[] } | null> => {
    const inputs = await inputsFor(doc);
    // Same text and same inputs (a change on disk gives new inputs, not a new version): still good.
    const hit = lensCache.get(doc.uri);
    if (hit && hit.version === doc.version && hit.inputs === inputs) return hit;
    // The plan is of the text as it is now (an edit may have come while the inputs were read).
    let now = documents.get(doc.uri);
    if (!now) return null;
    // Context files the plan reads that are not hashed yet (a large context's first plan) are
    // hashed in slices first, so diagnostics of the next edit never wait behind them.
    const probe = service.planLensesIfRead(now.getText(), inputs);
    let entry = { version: now.version, inputs, lenses: 'lenses' in probe ? probe.lenses : [] };
    if ('unread' in probe) {
      await inputs.context?.prefetch?.(probe.unread);
      now = documents.get(doc.uri);
      if (!now) return null;
      entry = { version: now.version, inputs, lenses: service.planLenses(now.getText(), inputs) };
    }
    lensCache.set(doc.uri, entry);
    return entry;
  };
  const scheduleLenses = (uri: string, version: number) => {
    if (!settings.codeLens) return;
    cancelLenses(uri);
    lensJobs.set(uri, setTimeout(() => {
      lensJobs.delete(uri);
      const doc = documents.get(uri);
      if (!doc || doc.version !== version) return;
      const before = lensCache.get(uri);
      void lensesOf(doc).then((entry) => {
        const refresh = planAsHints ? (hintRefresh ? 'workspace/inlayHint/refresh' : null) : lensRefresh ? 'workspace/codeLens/refresh' : null;
        if (!entry || !refresh) return;
        const same = before && before.lenses.length === entry.lenses.length && before.lenses.every((l, i) => l.title === entry.lenses[i]!.title && l.line === entry.lenses[i]!.line);
        if (!same) void connection.sendRequest(refresh).catch(() => undefined);
      });
    }, LENS_DELAY_MS));
  };

  // ---- lifecycle ----------------------------------------------------------------------------------

  connection.onInitialize((params: InitializeParams) => {
    // Compile the linter's hot paths now, before the client opens its first document.
    service.diagnostics(WARM_UP);
    settings = readSettings(params.initializationOptions);
    root = params.rootUri ? pathOf(params.rootUri) : typeof params.rootPath === 'string' ? params.rootPath : null;
    lensRefresh = params.capabilities.workspace?.codeLens?.refreshSupport === true;
    hintRefresh = params.capabilities.workspace?.inlayHint?.refreshSupport === true;
    // Clients that draw inlay hints but no code lenses (Helix, Emacs' eglot) get the plan as hints
    // at the end of each line instead; clients that say they draw lenses (or say nothing, as
    // Neovim 0.7 does) get lenses only.
    planAsHints = !!params.capabilities.textDocument?.inlayHint && !params.capabilities.textDocument?.codeLens;
    watchedFilesRegistration = params.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
        hoverProvider: true,
        definitionProvider: true,
        referencesProvider: true,
        documentHighlightProvider: true,
        documentSymbolProvider: true,
        documentFormattingProvider: true,
        documentRangeFormattingProvider: true,
        documentOnTypeFormattingProvider: { firstTriggerCharacter: '\n' },
        renameProvider: { prepareProvider: true },
        documentLinkProvider: { resolveProvider: false },
        foldingRangeProvider: true,
        signatureHelpProvider: { triggerCharacters: [' ', '=', ',', '['], retriggerCharacters: [' ', '=', ','] },
        semanticTokensProvider: { legend: { tokenTypes: [...service.TOKEN_TYPES], tokenModifiers: [...service.TOKEN_MODIFIERS] }, full: { delta: true }, range: false },
        completionProvider: { triggerCharacters: ['$', '{', '-', '='] },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, CodeActionKind.SourceFixAll] },
        codeLensProvider: { resolveProvider: false },
        ...(planAsHints ? { inlayHintProvider: { resolveProvider: false } } : {}),
        executeCommandProvider: { commands: [EXPLAIN_COMMAND] },
      },
      serverInfo: { name: 'dockhand' },
    };
  });
  let watchedFilesRegistration = false;
  let planAsHints = false;
  connection.onInitialized(() => {
    // Clients that watch files for servers: config and ignore files anywhere in the workspace.
    if (watchedFilesRegistration) {
      void connection.client.register(DidChangeWatchedFilesNotification.type, {
        watchers: ['**/.dockhand.{yaml,yml}', '**/.hadolint.{yaml,yml}', '**/.dockerignore', '**/*.dockerignore'].map((globPattern) => ({ globPattern })),
      }).catch(() => undefined);
    }
  });

  // (TextDocuments reports an opened document as changed too.)
  documents.onDidChangeContent((e) => schedule(e.document.uri));
  documents.onDidOpen((e) => {
    const path = pathOf(e.document.uri);
    if (!path || configWatches.has(e.document.uri)) return;
    if (env.watchConfig) configWatches.set(e.document.uri, env.watchConfig(path, root, onDiskChange(e.document.uri)));
  });
  // A saved Dockerfile may be part of its own context (COPY . .), and git sees it anew.
  documents.onDidSave((e) => onDiskChange(e.document.uri)());
  documents.onDidClose((e) => {
    const uri = e.document.uri;
    cancel(uri);
    cancelLenses(uri);
    lensCache.delete(uri);
    tokenCache.delete(uri);
    configWatches.get(uri)?.();
    configWatches.delete(uri);
    contextWatches.get(uri)?.();
    contextWatches.delete(uri);
    const path = pathOf(uri);
    if (path) env.release?.(path);
    clearTimeout(shellcheckTimers.get(uri));
    shellcheckTimers.delete(uri);
    lastRun.delete(uri);
    const files = configOf.get(uri) ?? [];
    configOf.delete(uri);
    for (const file of files) forgetConfig(file);
    void connection.sendDiagnostics({ uri, diagnostics: [] });
  });
  // A config or .dockerignore changed on disk: every open document may read differently.
  connection.onDidChangeWatchedFiles(() => documents.all().forEach((d) => onDiskChange(d.uri)()));
  connection.onDidChangeConfiguration((params) => {
    settings = readSettings(params?.settings);
    lensCache.clear();
    documents.all().forEach((d) => schedule(d.uri));
  });

  // ---- requests -----------------------------------------------------------------------------------

  connection.onHover(guard('textDocument/hover', (params) => {
    const doc = docOf(params);
    const h = service.hover(doc.getText(), offsetOf(doc, params.position));
    return h ? { contents: { kind: MarkupKind.Markdown, value: h.markdown }, range: rangeOf(doc, h.span) } : null;
  }));

  connection.onDefinition(guard('textDocument/definition', (params) => {
    const doc = docOf(params);
    const span = service.definition(doc.getText(), offsetOf(doc, params.position));
    return span ? { uri: doc.uri, range: rangeOf(doc, span) } : null;
  }));

  connection.onReferences(guard('textDocument/references', (params) => {
    const doc = docOf(params);
    const include = params.context?.includeDeclaration !== false;
    return service.references(doc.getText(), offsetOf(doc, params.position), include).map((s) => ({ uri: doc.uri, range: rangeOf(doc, s) }));
  }));

  connection.onDocumentHighlight(guard('textDocument/documentHighlight', (params) => {
    const doc = docOf(params);
    return service.highlights(doc.getText(), offsetOf(doc, params.position)).map((s) => ({
      range: rangeOf(doc, s),
      kind: s.write ? DocumentHighlightKind.Write : DocumentHighlightKind.Read,
    }));
  }));

  connection.onPrepareRename(guard('textDocument/prepareRename', (params) => {
    const doc = docOf(params);
    const r = service.prepareRename(doc.getText(), offsetOf(doc, params.position));
    if ('error' in r) throw new ResponseError(LSPErrorCodes.RequestFailed, r.error);
    return { range: rangeOf(doc, r.span), placeholder: r.placeholder };
  }));

  connection.onRenameRequest(guard('textDocument/rename', (params) => {
    const doc = docOf(params);
    if (typeof params.newName !== 'string') throw invalidParams('params.newName must be a string');
    const r = service.rename(doc.getText(), offsetOf(doc, params.position), params.newName);
    if ('error' in r) throw new ResponseError(LSPErrorCodes.RequestFailed, r.error);
    return { changes: { [doc.uri]: r.edits.map((e) => ({ range: rangeOf(doc, e), newText: e.text })) } };
  }));

  connection.onCompletion(guard('textDocument/completion', (params) => {
    const doc = docOf(params);
    return service.completions(doc.getText(), offsetOf(doc, params.position)).map((c, i) => completionOf(doc, c, i));
  }));

  connection.onSignatureHelp(guard('textDocument/signatureHelp', (params) => {
    const doc = docOf(params);
    const help = service.signatureHelp(doc.getText(), offsetOf(doc, params.position));
    if (!help) return null;
    return {
      signatures: help.signatures.map((s) => ({
        label: s.label,
        documentation: s.documentation ? { kind: MarkupKind.Markdown, value: s.documentation } : undefined,
        parameters: s.parameters.map((p) => ({ label: p.label, documentation: p.documentation ? { kind: MarkupKind.Markdown, value: p.documentation } : undefined })),
      })),
      activeSignature: help.activeSignature,
      // The protocol's "no active parameter": an index outside the list.
      activeParameter: help.activeParameter ?? help.signatures[help.activeSignature]!.parameters.length,
    };
  }));

  connection.onCodeAction(guard('textDocument/codeAction', async (params): Promise<CodeAction[]> => {
    const doc = docOf(params);
    const span = spanOf(doc, params.range);
    const text = doc.getText();
    const opts = { ...(await options(doc)), filename: pathOf(doc.uri) ?? doc.uri };
    const only = params.context?.only;
    return service.codeActions(text, span, opts)
      .filter((a) => !only || only.some((k) => a.kind === k || a.kind.startsWith(`${k}.`)))
      .map((a) => ({
        title: a.title,
        kind: a.kind === 'quickfix' ? CodeActionKind.QuickFix : CodeActionKind.SourceFixAll,
        isPreferred: a.preferred || undefined,
        diagnostics: a.diagnostic ? [diagnosticOf(doc, a.diagnostic)] : undefined,
        edit: { changes: { [doc.uri]: a.edits.map((e) => ({ range: rangeOf(doc, e), newText: e.text })) } },
      }));
  }));

  const edits = (doc: TextDocument, list: service.Edit[]) => list.map((e) => ({ range: rangeOf(doc, e), newText: e.text }));
  connection.onDocumentFormatting(guard('textDocument/formatting', (params) => {
    const doc = docOf(params);
    return edits(doc, service.formatting(doc.getText()));
  }));
  connection.onDocumentRangeFormatting(guard('textDocument/rangeFormatting', (params) => {
    const doc = docOf(params);
    return edits(doc, service.rangeFormatting(doc.getText(), spanOf(doc, params.range)));
  }));
  connection.onDocumentOnTypeFormatting(guard('textDocument/onTypeFormatting', (params) => {
    const doc = docOf(params);
    if (typeof params.ch !== 'string') throw invalidParams('params.ch must be the typed character');
    return edits(doc, service.onTypeFormatting(doc.getText(), offsetOf(doc, params.position), params.ch));
  }));

  connection.onDocumentSymbol(guard('textDocument/documentSymbol', (params) => {
    const doc = docOf(params);
    return service.outline(doc.getText()).map((s) => symbolOf(doc, s));
  }));

  connection.onFoldingRanges(guard('textDocument/foldingRange', (params) => {
    const doc = docOf(params);
    return service.foldingRanges(doc.getText()).map((f) => ({
      startLine: doc.positionAt(f.start).line,
      endLine: doc.positionAt(f.end).line,
      ...(f.kind === 'comment' ? { kind: FoldingRangeKind.Comment } : {}),
    }));
  }));

  connection.onDocumentLinks(guard('textDocument/documentLink', async (params) => {
    const doc = docOf(params);
    const inputs = await inputsFor(doc);
    const { contextUri, has } = inputs;
    return service.documentLinks(doc.getText(), contextUri && has ? { uri: contextUri, has } : undefined).map((l) => ({
      range: rangeOf(doc, l),
      target: l.target,
      tooltip: l.tooltip,
    }));
  }));

  // Semantic tokens: the last encoding sent per document, for deltas.
  const tokenCache = new Map<string, { id: string; data: number[] }>();
  let tokenSeq = 0;
  const encoded = (doc: TextDocument) => {
    const text = doc.getText();
    const data = service.encodeTokens(text, service.semanticTokens(text));
    const entry = { id: String(++tokenSeq), data };
    tokenCache.set(doc.uri, entry);
    return entry;
  };
  connection.languages.semanticTokens.on(guard('textDocument/semanticTokens/full', (params) => {
    const { id, data } = encoded(docOf(params));
    return { resultId: id, data };
  }));
  connection.languages.semanticTokens.onDelta(guard('textDocument/semanticTokens/full/delta', (params) => {
    const doc = docOf(params);
    const previous = tokenCache.get(doc.uri);
    const next = encoded(doc);
    if (!previous || previous.id !== params.previousResultId) return { resultId: next.id, data: next.data };
    return { resultId: next.id, edits: service.tokensDelta(previous.data, next.data) };
  }));

  connection.onCodeLens(guard('textDocument/codeLens', async (params): Promise<CodeLens[]> => {
    const doc = docOf(params);
    if (!settings.codeLens) return [];
    const entry = await lensesOf(doc);
    if (!entry) return [];
    return entry.lenses.map((l) => ({
      range: rangeOf(doc, l.span),
      command: { title: l.title, command: EXPLAIN_COMMAND, arguments: [doc.uri, l.line] },
    }));
  }));

  connection.languages.inlayHint.on(guard('textDocument/inlayHint', async (params) => {
    const doc = docOf(params);
    if (!settings.codeLens || !planAsHints) return [];
    const span = spanOf(doc, params.range);
    const entry = await lensesOf(doc);
    if (!entry) return [];
    const text = doc.getText();
    return entry.lenses
      .filter((l) => l.span.start >= span.start && l.span.start <= span.end)
      .map((l) => {
        // At the end of the instruction's first line.
        let end = text.indexOf('\n', l.span.start);
        if (end < 0) end = text.length;
        if (text[end - 1] === '\r') end--;
        return { position: doc.positionAt(end), label: l.title, paddingLeft: true };
      });
  }));

  connection.onExecuteCommand(guard('workspace/executeCommand', async (params) => {
    if (!params || params.command !== EXPLAIN_COMMAND) throw invalidParams(`unknown command ${JSON.stringify(params?.command)}; this server runs ${EXPLAIN_COMMAND}`);
    const [uri, line] = (Array.isArray(params.arguments) ? params.arguments : []) as unknown[];
    if (typeof uri !== 'string' || typeof line !== 'number' || !Number.isInteger(line) || line < 1) {
      throw invalidParams(`${EXPLAIN_COMMAND} takes [document URI, 1-based line]`);
    }
    const doc = docOf({ textDocument: { uri } });
    const entry = await lensesOf(doc);
    const text = service.explainStep(doc.getText(), line, entry?.inputs ?? (await inputsFor(doc)));
    void connection.sendNotification('window/showMessage', { type: MessageType.Info, message: text });
    return text;
  }));

  documents.listen(connection);
  connection.listen();
}

/**
 * The largest message body the server reads: 256 MiB. vscode-jsonrpc reads a header's Content-Length
 * and then keeps what follows until that many bytes came, with no limit of its own, so a header
 * announcing 10^12 bytes left the server waiting (and holding every later message) for ever. An editor
 * sends nothing near it: VS Code does not give extensions documents over 50 MB at all, and a body is
 * their text escaped as JSON. It also stays below the longest string V8 makes (512 MiB on Node 20),
 * which every body must become to be parsed.
 */
export const MAX_MESSAGE_BYTES = 256 * 1024 * 1024;

/**
 * vscode-jsonrpc's stream reader with checks before anything reaches the connection: a header whose
 * Content-Length is no byte count or more than MAX_MESSAGE_BYTES is an error of the stream (the
 * `onError` handler stops the server: nothing after it can be found); an `initialize` request whose
 * params are no object is answered with InvalidParams by `refuse` and goes no further, and one
 * without capabilities gets empty ones (vscode-languageserver reads `params.processId` and
 * `capabilities.workspace` before any handler of ours runs: both were internal errors, -32603).
 */
export class ClientReader extends StreamMessageReader {
  constructor(readable: NodeJS.ReadableStream, private readonly refuse: (id: number | string | null, message: string) => void, max = MAX_MESSAGE_BYTES) {
    super(readable);
    // The library's message buffer, read by its onData; a throw from here reaches its error event.
    const buffer = (this as unknown as { buffer?: { tryReadHeaders?: (lowerCase: boolean) => Map<string, string> | undefined } }).buffer;
    const read = buffer?.tryReadHeaders?.bind(buffer);
    if (!buffer || !read) return;
    buffer.tryReadHeaders = (lowerCase) => {
      const headers = read(lowerCase);
      const length = headers?.get('content-length')?.trim();
      if (length === undefined) return headers;
      if (!/^\d+$/.test(length)) throw new Error(`Content-Length ${JSON.stringify(length)} is not a number of bytes`);
      if (Number(length) > max) throw new Error(`a message of ${length} bytes announced, over the ${max / 1048576} MiB this server reads`);
      return headers;
    };
  }

  override listen(callback: DataCallback): Disposable {
    return super.listen((message) => {
      const m = message as { id?: unknown; method?: unknown; params?: unknown };
      if (m.method === 'initialize' && (typeof m.id === 'number' || typeof m.id === 'string') && (!m.params || typeof m.params !== 'object' || Array.isArray(m.params))) {
        this.refuse(m.id, "initialize needs its params: an object with the client's capabilities");
        return;
      }
      // No capabilities (null, or none at all): served as a client that has none, where the library
      // would read null's fields.
      if (m.method === 'initialize') {
        const params = m.params as { capabilities?: unknown };
        if (!params.capabilities || typeof params.capabilities !== 'object') params.capabilities = {};
      }
      callback(message);
    });
  }
}

/**
 * The server on standard input and output, with the CLI's config and context finders. A message
 * whose body is not JSON gets JSON-RPC's parse error (id null) and the stream reads on; a header
 * that cannot be read (no Content-Length, not a number) leaves no way to find where the next
 * message starts, so the server says so on stderr and exits 1, for the editor to start it again,
 * instead of staying up and deaf to everything after it.
 */
export function serveStdio(env: ServerEnvironment): void {
  const writer = new StreamMessageWriter(process.stdout);
  const reader = new ClientReader(process.stdin, (id, message) => void writer.write({ jsonrpc: '2.0', id, error: { code: ErrorCodes.InvalidParams, message } } as ResponseMessage));
  let broken = false;
  reader.onError((err) => {
    if (err instanceof SyntaxError) {
      process.stderr.write(`dockhand lsp: a message is not JSON (${err.message}); answered with a parse error\n`);
      void writer.write({ jsonrpc: '2.0', id: null, error: { code: ErrorCodes.ParseError, message: `Parse error: ${err.message}` } } as ResponseMessage);
      return;
    }
    if (broken) return;
    broken = true;
    process.stderr.write(`dockhand lsp: cannot read the client's messages (${err.message.split('\n')[0]}); stopping, as nothing after it can be read\n`);
    // Read nothing more; the requests read before it get their answers first.
    process.stdin.pause();
    setTimeout(() => process.exit(1), 1000);
  });
  const connection = createConnection(reader, writer);
  // As vscode-languageserver does for a stream it reads itself: the client closing the pipe ends
  // the server, with 0 only after a shutdown request.
  let shutdown = false;
  connection.onShutdown(() => {
    shutdown = true;
  });
  const ended = () => process.exit(shutdown ? 0 : 1);
  process.stdin.once('end', ended);
  process.stdin.once('close', ended);
  serve(connection, env);
}
