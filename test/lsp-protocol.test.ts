// The language server in process: src/lsp/server.ts over a pair of in-memory streams, spoken to by
// vscode-languageserver's own protocol connection, with an environment whose build context and
// baseline are in memory. Every capability is asked for once, and malformed requests must come
// back as InvalidParams errors.
import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import {
  createConnection,
  createMessageConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type MessageConnection,
} from 'vscode-languageserver/node';
import { memoryContext, type ContextReader } from '../src/planner/context.js';
import { plan } from '../src/planner/plan.js';
import { parse } from '../src/parser/index.js';
import { serve, type BuildInputs, type PlanSettings, type ServerEnvironment } from '../src/lsp/server.js';
import type { ConfigReport } from '../src/linter/config.js';

const URI = 'file:///project/Dockerfile';
const TEXT = [
  'FROM golang:1.22 AS build',
  'ARG VERSION=1.0',
  'COPY main.go ./',
  'RUN go build -ldflags "-X main.v=$VERSION" -o /app',
  'FROM alpine:3.20',
  'COPY --from=build /app /app',
  'CMD ["/app"]',
  '',
].join('\n');

interface Harness {
  client: MessageConnection;
  init: { capabilities: any }; // eslint-disable-line @typescript-eslint/no-explicit-any
  seen: { method: string; params: any }[]; // eslint-disable-line @typescript-eslint/no-explicit-any
  env: { settings: PlanSettings[]; optionsCalls: number; changed: (() => void)[]; context: ContextReader };
  close(): void;
}

let current: Harness | undefined;
afterEach(() => current?.close());

/** A server in process with an in-memory context whose baseline is `baselineText` with `baselineFiles`. */
async function start(capabilities: object = {}, initializationOptions?: unknown, overrides: Partial<ServerEnvironment> = {}): Promise<Harness> {
  const up = new PassThrough();
  const down = new PassThrough();
  const files = { 'main.go': 'package main\n' };
  const state = { settings: [] as PlanSettings[], optionsCalls: 0, changed: [] as (() => void)[], context: memoryContext(files) };
  const baseline = plan(parse(TEXT), { context: memoryContext(files), dockerfile: 'Dockerfile' });
  const env: ServerEnvironment = {
    optionsFor: async () => {
      state.optionsCalls++;
      return {};
    },
    initLinter: async () => undefined,
    buildInputs: async (_path, settings, _root, onChange): Promise<BuildInputs> => {
      state.settings.push(settings);
      state.changed.push(onChange);
      return {
        context: state.context,
        baseline: { plan: baseline, label: 'HEAD' },
        buildArgs: settings.buildArgs ?? {},
        target: settings.target ?? null,
        contextUri: 'file:///project',
        has: (p) => state.context.entries().some((e) => e.path === p),
      };
    },
    ...overrides,
  };
  serve(createConnection(new StreamMessageReader(up), new StreamMessageWriter(down)), env);
  const client = createMessageConnection(new StreamMessageReader(down), new StreamMessageWriter(up));
  const seen: Harness['seen'] = [];
  client.onNotification((method: string, params: unknown) => {
    seen.push({ method, params });
  });
  client.onRequest((method: string, params: unknown) => {
    seen.push({ method, params });
    return null;
  });
  client.listen();
  const init = await client.sendRequest('initialize', { processId: null, rootUri: 'file:///project', capabilities, initializationOptions }) as Harness['init'];
  client.sendNotification('initialized', {});
  current = { client, init, seen, env: state, close: () => client.dispose() };
  return current;
}

async function until<T>(what: string, fn: () => T | undefined): Promise<T> {
  for (let i = 0; i < 400; i++) {
    const v = fn();
    if (v !== undefined) return v;
    await new Promise((r) => setTimeout(r, 5));
  }
  throw new Error(`timed out waiting for ${what}`);
}

const diagnosticsOf = (h: Harness, version: number) =>
  until(`diagnostics v${version}`, () => h.seen.find((m) => m.method === 'textDocument/publishDiagnostics' && m.params.version === version));

async function open(h: Harness, text = TEXT): Promise<void> {
  h.client.sendNotification('textDocument/didOpen', { textDocument: { uri: URI, languageId: 'dockerfile', version: 1, text } });
  await diagnosticsOf(h, 1);
}

const td = { textDocument: { uri: URI } };
const pos = (line: number, character: number) => ({ ...td, position: { line, character } });

describe('dockhand language server (in process)', () => {
  it('announces every capability', async () => {
    const h = await start();
    expect(h.init.capabilities).toMatchObject({
      hoverProvider: true, definitionProvider: true, referencesProvider: true, documentHighlightProvider: true, documentSymbolProvider: true,
      documentFormattingProvider: true, documentRangeFormattingProvider: true, documentOnTypeFormattingProvider: { firstTriggerCharacter: '\n' },
      renameProvider: { prepareProvider: true }, documentLinkProvider: {}, foldingRangeProvider: true, signatureHelpProvider: {},
      semanticTokensProvider: { full: { delta: true } }, completionProvider: {}, codeActionProvider: {}, codeLensProvider: {},
      executeCommandProvider: { commands: ['dockhand.explainStep'] },
    });
    expect(h.init.capabilities.semanticTokensProvider.legend.tokenTypes).toContain('namespace');
  });

  it('serves rename, references, highlights, links, folding, signature help, tokens and formatting', async () => {
    const h = await start();
    await open(h);
    const { client } = h;

    const prepared = await client.sendRequest('textDocument/prepareRename', pos(0, 22));
    expect(prepared).toEqual({ range: { start: { line: 0, character: 20 }, end: { line: 0, character: 25 } }, placeholder: 'build' });
    const edit = await client.sendRequest('textDocument/rename', { ...pos(5, 14), newName: 'compile' }) as { changes: Record<string, { range: unknown; newText: string }[]> };
    expect(edit.changes[URI]!.map((e) => e.range)).toEqual([
      { start: { line: 0, character: 20 }, end: { line: 0, character: 25 } },
      { start: { line: 5, character: 12 }, end: { line: 5, character: 17 } },
    ]);
    const refused = await client.sendRequest('textDocument/prepareRename', pos(0, 8)).catch((e: { code: number; message: string }) => e);
    expect(refused).toMatchObject({ message: expect.stringMatching(/Only stage names and ARG\/ENV variables/) });
    const taken = await client.sendRequest('textDocument/rename', { ...pos(1, 5), newName: 'PATH' }).catch((e: { message: string }) => e);
    expect(taken).toMatchObject({ message: expect.stringMatching(/PATH has a meaning of its own/) });

    const refs = await client.sendRequest('textDocument/references', { ...pos(1, 6), context: { includeDeclaration: false } }) as { range: { start: { line: number } } }[];
    expect(refs.map((r) => r.range.start.line)).toEqual([3]);
    const hl = await client.sendRequest('textDocument/documentHighlight', pos(3, 40)) as { kind: number }[];
    expect(hl.map((x) => x.kind)).toEqual([3, 2]); // Write (ARG), Read ($VERSION)

    const links = await client.sendRequest('textDocument/documentLink', td) as { target: string }[];
    expect(links.map((l) => l.target)).toEqual(['https://hub.docker.com/_/golang', 'file:///project/main.go', 'https://hub.docker.com/_/alpine']);

    const folds = await client.sendRequest('textDocument/foldingRange', td);
    expect(folds).toEqual([{ startLine: 0, endLine: 3 }, { startLine: 4, endLine: 6 }]);

    const sig = await client.sendRequest('textDocument/signatureHelp', pos(5, 5)) as { signatures: { label: string }[]; activeParameter: number };
    expect(sig.signatures[0]!.label).toMatch(/^COPY \[--from=<stage\|image>\]/);

    const full = await client.sendRequest('textDocument/semanticTokens/full', td) as { resultId: string; data: number[] };
    expect(full.data.length % 5).toBe(0);
    expect(full.data.slice(0, 5)).toEqual([0, 0, 4, 0, 0]); // FROM: a keyword at 0:0
    client.sendNotification('textDocument/didChange', { textDocument: { uri: URI, version: 2 }, contentChanges: [{ range: { start: { line: 6, character: 0 }, end: { line: 6, character: 0 } }, text: 'ENV MODE=prod\n' }] });
    await diagnosticsOf(h, 2);
    const delta = await client.sendRequest('textDocument/semanticTokens/full/delta', { ...td, previousResultId: full.resultId }) as { edits: { start: number; deleteCount: number; data: number[] }[] };
    const patched = [...full.data];
    for (const e of delta.edits) patched.splice(e.start, e.deleteCount, ...e.data);
    const again = await client.sendRequest('textDocument/semanticTokens/full', td) as { data: number[] };
    expect(patched).toEqual(again.data);
    // An unknown previous result gets the whole encoding.
    const stale = await client.sendRequest('textDocument/semanticTokens/full/delta', { ...td, previousResultId: 'nope' }) as { data: number[] };
    expect(stale.data).toEqual(again.data);

    client.sendNotification('textDocument/didChange', { textDocument: { uri: URI, version: 3 }, contentChanges: [{ text: 'from alpine\nrun   echo hi   \n' }] });
    await diagnosticsOf(h, 3);
    const ranged = await client.sendRequest('textDocument/rangeFormatting', { ...td, range: { start: { line: 1, character: 0 }, end: { line: 1, character: 3 } }, options: { tabSize: 4, insertSpaces: true } });
    expect(ranged).toEqual([{ range: { start: { line: 1, character: 0 }, end: { line: 2, character: 0 } }, newText: 'RUN echo hi\n' }]);
    const typed = await client.sendRequest('textDocument/onTypeFormatting', { ...pos(1, 0), ch: '\n', options: { tabSize: 4, insertSpaces: true } });
    expect(typed).toEqual([{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 11 } }, newText: 'FROM alpine' }]);
  });

  it('shows the build plan as code lenses and explains a step on command', async () => {
    const h = await start({ workspace: { codeLens: { refreshSupport: true } } });
    await open(h);
    const { client } = h;
    const lenses = await client.sendRequest('textDocument/codeLens', td) as { range: { start: { line: number } }; command: { title: string; command: string; arguments: unknown[] } }[];
    expect(lenses.map((l) => `${l.range.start.line} ${l.command.title.replace(/key [0-9a-f]{12}/, 'key K')}`)).toEqual([
      '0 stage build · 2 steps, all cached (vs HEAD)',
      '2 cached · key K',
      '3 cached · key K',
      '4 stage #1 · 1 step, all cached (vs HEAD)',
      '5 cached · key K',
    ]);
    expect(lenses[1]!.command).toMatchObject({ command: 'dockhand.explainStep', arguments: [URI, 3] });

    // An edit: the lenses come after the diagnostics, and the client is asked to refresh.
    client.sendNotification('textDocument/didChange', { textDocument: { uri: URI, version: 2 }, contentChanges: [{ range: { start: { line: 1, character: 12 }, end: { line: 1, character: 15 } }, text: '2.0' }] });
    await diagnosticsOf(h, 2);
    await until('a code lens refresh', () => h.seen.find((m) => m.method === 'workspace/codeLens/refresh'));
    const after = await client.sendRequest('textDocument/codeLens', td) as { command: { title: string } }[];
    expect(after[2]!.command.title).toMatch(/^rebuild: build arg VERSION changed: "1\.0" → "2\.0" · key/);

    const text = await client.sendRequest('workspace/executeCommand', { command: 'dockhand.explainStep', arguments: [URI, 4] });
    expect(text).toMatch(/^RUN go build .* \(line 4, stage build\) — vs HEAD\nREBUILD: build arg VERSION changed/);
    const shown = await until('the explanation shown', () => h.seen.find((m) => m.method === 'window/showMessage'));
    expect(shown.params.message).toBe(text);

    // Files changed on disk: the environment says so, and the lenses follow.
    h.env.context = memoryContext({ 'main.go': 'package main // edited\n' });
    h.env.changed[h.env.changed.length - 1]!();
    await diagnosticsOf(h, 2).then(() => until('diagnostics again', () => h.seen.filter((m) => m.method === 'textDocument/publishDiagnostics' && m.params.version === 2).length > 1 ? true : undefined));
    const edited = await client.sendRequest('textDocument/codeLens', td) as { command: { title: string } }[];
    expect(edited[1]!.command.title).toMatch(/^rebuild: main\.go modified/);
  });

  it('makes the plan off the typing path: never during a burst of edits, once after it', async () => {
    const h = await start({ workspace: { codeLens: { refreshSupport: true } } });
    await open(h);
    await until('the first plan', () => (h.env.settings.length > 0 ? true : undefined));
    const planned = h.env.settings.length;
    for (let v = 2; v <= 11; v++) {
      const at = { line: 1, character: 15 };
      h.client.sendNotification('textDocument/didChange', { textDocument: { uri: URI, version: v }, contentChanges: [{ range: { start: at, end: at }, text: v % 2 ? '' : ' ' }] });
      await new Promise((r) => setTimeout(r, 20));
      // Diagnostics keep coming while typing; the plan does not.
      expect(h.env.settings.length).toBe(planned);
    }
    await diagnosticsOf(h, 11);
    await until('the plan after the burst', () => (h.env.settings.length > planned ? true : undefined));
    await new Promise((r) => setTimeout(r, 300));
    expect(h.env.settings.length).toBe(planned + 1);
  });

  it('gives the plan as inlay hints to clients that draw hints but no lenses', async () => {
    const h = await start({ textDocument: { inlayHint: {} } });
    expect(h.init.capabilities.inlayHintProvider).toEqual({ resolveProvider: false });
    await open(h);
    const hints = await h.client.sendRequest('textDocument/inlayHint', { ...td, range: { start: { line: 0, character: 0 }, end: { line: 7, character: 0 } } }) as { position: unknown; label: string }[];
    // At the end of each stage's FROM line and each RUN/COPY line.
    const end = (line: number) => ({ line, character: TEXT.split('\n')[line]!.length });
    expect(hints.map((x) => [x.position, x.label.replace(/key [0-9a-f]{12}/, 'key K')])).toEqual([
      [end(0), 'stage build · 2 steps, all cached (vs HEAD)'],
      [end(2), 'cached · key K'],
      [end(3), 'cached · key K'],
      [end(4), 'stage #1 · 1 step, all cached (vs HEAD)'],
      [end(5), 'cached · key K'],
    ]);
    // A changed plan asks the client to fetch the hints again.
    const refreshing = await start({ textDocument: { inlayHint: {} }, workspace: { inlayHint: { refreshSupport: true } } });
    await open(refreshing);
    refreshing.client.sendNotification('textDocument/didChange', { textDocument: { uri: URI, version: 2 }, contentChanges: [{ range: { start: { line: 1, character: 12 }, end: { line: 1, character: 15 } }, text: '2.0' }] });
    await until('an inlay hint refresh', () => refreshing.seen.find((m) => m.method === 'workspace/inlayHint/refresh'));
    expect(refreshing.seen.some((m) => m.method === 'workspace/codeLens/refresh')).toBe(false);
    refreshing.close();
    const both = await start({ textDocument: { inlayHint: {}, codeLens: {} } });
    expect(both.init.capabilities.inlayHintProvider).toBeUndefined();
    both.close();
  });

  it('takes settings at start and when they change', async () => {
    const h = await start({}, { dockhand: { plan: { buildArgs: { VERSION: '9' } } } });
    await open(h);
    await h.client.sendRequest('textDocument/codeLens', td);
    expect(h.env.settings[h.env.settings.length - 1]).toEqual({ buildArgs: { VERSION: '9' } });
    h.client.sendNotification('workspace/didChangeConfiguration', { settings: { dockhand: { codeLens: false } } });
    // Notifications and requests are handled in order: the next request sees the new settings.
    expect(await h.client.sendRequest('textDocument/codeLens', td)).toEqual([]);
    h.client.sendNotification('workspace/didChangeConfiguration', { settings: { dockhand: { plan: { target: 'build' } } } });
    const lenses = await h.client.sendRequest('textDocument/codeLens', td) as { command: { title: string } }[];
    expect(lenses[lenses.length - 2]!.command.title).toMatch(/not built for target build/);
  });

  it('lints again when config or ignore files change on disk', async () => {
    const h = await start({ workspace: { didChangeWatchedFiles: { dynamicRegistration: true } } });
    await until('a registration', () => h.seen.find((m) => m.method === 'client/registerCapability'));
    await open(h);
    const before = h.env.optionsCalls;
    h.client.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: 'file:///project/.hadolint.yaml', type: 2 }] });
    await until('diagnostics again', () => (h.seen.filter((m) => m.method === 'textDocument/publishDiagnostics').length > 1 ? true : undefined));
    expect(h.env.optionsCalls).toBeGreaterThan(before);
  });

  it('says once that a config could not be used when the environment has no report of it, and lints with the defaults', async () => {
    const h = await start({}, undefined, { optionsFor: async () => Promise.reject(new Error("invalid config /project/.dockhand.yaml:1:1: unknown key 'bogus'")) });
    await open(h, 'FROM alpine\n');
    expect((await diagnosticsOf(h, 1)).params.diagnostics.map((d: { code: string }) => d.code)).toContain('DL3006');
    h.client.sendNotification('textDocument/didChange', { textDocument: { uri: URI, version: 2 }, contentChanges: [{ text: 'FROM alpine\n\n' }] });
    await diagnosticsOf(h, 2);
    const shown = h.seen.filter((m) => m.method === 'window/showMessage').map((m) => m.params);
    expect(shown).toEqual([{ type: 1, message: `dockhand: invalid config /project/.dockhand.yaml:1:1: unknown key 'bogus'; linting ${URI} with the defaults` }]);
  });

  it('shows a config report once per state, updates it when watched files change, and clears the config file\'s diagnostics', async () => {
    const file = '/project/.hadolint.yaml';
    let report: ConfigReport = { files: [file], problems: [{ file, line: 3, column: 1, severity: 'warning', message: "'rules' is a .dockhand.yaml key; ignored in a hadolint config file" }] };
    const h = await start({}, undefined, { configReport: () => report });
    await open(h);
    const shown = () => h.seen.filter((m) => m.method === 'window/showMessage').map((m) => m.params);
    const onConfig = () => h.seen.filter((m) => m.method === 'textDocument/publishDiagnostics' && m.params.uri === 'file:///project/.hadolint.yaml').map((m) => m.params.diagnostics);
    await until('the message', () => shown()[0]);
    expect(shown()).toEqual([{ type: 2, message: "dockhand: a setting is ignored: .hadolint.yaml:3:1: 'rules' is a .dockhand.yaml key; ignored in a hadolint config file" }]);
    expect(onConfig()).toEqual([[{ range: { start: { line: 2, character: 0 }, end: { line: 3, character: 0 } }, severity: 2, code: 'config', source: 'dockhand', message: "'rules' is a .dockhand.yaml key; ignored in a hadolint config file" }]]);
    // The same report at the next lint: nothing new.
    h.client.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: 'file:///project/.dockerignore', type: 2 }] });
    h.client.sendNotification('textDocument/didChange', { textDocument: { uri: URI, version: 2 }, contentChanges: [{ text: TEXT }] });
    await diagnosticsOf(h, 2);
    expect(shown()).toHaveLength(1);
    // The file changed and cannot be used now.
    report = { files: [file], problems: [{ file, line: 1, column: 9, severity: 'error', message: 'unexpected end of the stream; linted with the defaults' }] };
    h.client.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: 'file:///project/.hadolint.yaml', type: 2 }] });
    await until('the second message', () => shown()[1]);
    expect(shown()[1]).toEqual({ type: 1, message: 'dockhand: .hadolint.yaml:1:9: unexpected end of the stream; linted with the defaults' });
    expect(onConfig()[1]).toMatchObject([{ severity: 1, range: { start: { line: 0, character: 8 } }, message: 'unexpected end of the stream; linted with the defaults' }]);
    // Fixed: its diagnostics are cleared, and nothing is said.
    report = { files: [file], problems: [] };
    h.client.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: 'file:///project/.hadolint.yaml', type: 2 }] });
    await until('cleared diagnostics of the config file', () => (onConfig()[2] ? true : undefined));
    expect(onConfig()[2]).toEqual([]);
    expect(shown()).toHaveLength(2);
  });

  it('puts a finding of a document that starts with a byte-order mark where lint\'s column 1 is: after the mark', async () => {
    // lint counts line 1's columns from after a BOM, so its 1:1 is the character after it; an editor
    // that keeps the mark in the text has it at character 0. "No instructions" was at offset 0,
    // before the mark, where every other finding of line 1 starts after it.
    const h = await start();
    const other = 'file:///project/bom.Dockerfile';
    h.client.sendNotification('textDocument/didOpen', { textDocument: { uri: other, languageId: 'dockerfile', version: 1, text: '\ufeff# only a comment\n' } });
    const published = await until('diagnostics of the document with a BOM', () => h.seen.find((m) => m.method === 'textDocument/publishDiagnostics' && m.params.uri === other));
    expect(published.params.diagnostics.map((d: { message: string; range: unknown }) => [d.message, d.range])).toEqual([
      ['file with no instructions', { start: { line: 0, character: 1 }, end: { line: 0, character: 1 } }],
    ]);
  });

  it('takes malformed document notifications without falling over: text that is not a string, changes that are not changes', async () => {
    const h = await start();
    const other = 'file:///project/other.Dockerfile';
    h.client.sendNotification('textDocument/didOpen', { textDocument: { uri: other, languageId: 'dockerfile', version: 1, text: 42 } });
    // An empty document: BuildKit's "no instructions", at the start.
    const empty = await until('diagnostics of the document opened with a number', () => h.seen.find((m) => m.method === 'textDocument/publishDiagnostics' && m.params.uri === other));
    expect(empty.params.diagnostics.map((d: { message: string }) => d.message)).toEqual(['file with no instructions']);
    h.client.sendNotification('textDocument/didChange', {
      textDocument: { uri: other, version: 2 },
      contentChanges: [{ text: 7 }, { range: { start: { line: 'a', character: 0 }, end: { line: 0, character: 0 } }, text: 'x' }, null, { text: 'FROM alpine:3.20\n' }],
    });
    await until('diagnostics of version 2', () => h.seen.find((m) => m.method === 'textDocument/publishDiagnostics' && m.params.uri === other && m.params.version === 2));
    expect(await h.client.sendRequest('textDocument/formatting', { textDocument: { uri: other }, options: { tabSize: 2, insertSpaces: true } })).toEqual([]);
    // The server still serves the documents that were opened properly.
    await open(h);
    expect(await h.client.sendRequest('textDocument/documentSymbol', td)).toHaveLength(2);
  });

  it('answers malformed requests with InvalidParams, never an exception\'s text', async () => {
    const h = await start();
    await open(h);
    const err = (p: Promise<unknown>) => p.then(() => ({ code: 0, message: 'answered' }), (e: { code: number; message: string }) => ({ code: e.code, message: e.message }));
    const cases: [string, unknown][] = [
      ['textDocument/hover', null],
      ['textDocument/hover', {}],
      ['textDocument/hover', { textDocument: { uri: 'file:///nope' }, position: { line: 0, character: 0 } }],
      ['textDocument/hover', { ...td, position: { line: 99, character: 0 } }],
      ['textDocument/hover', { ...td, position: { line: -1, character: 0 } }],
      ['textDocument/definition', { ...td, position: { line: 'a', character: 0 } }],
      ['textDocument/rename', { ...pos(0, 22), newName: 7 }],
      ['textDocument/codeAction', { ...td, range: { start: { line: 2, character: 0 }, end: { line: 1, character: 0 } }, context: { diagnostics: [] } }],
      ['textDocument/rangeFormatting', { ...td }],
      ['textDocument/codeLens', { textDocument: {} }],
      ['workspace/executeCommand', { command: 'rm -rf' }],
      ['workspace/executeCommand', { command: 'dockhand.explainStep', arguments: [URI, 'x'] }],
      ['textDocument/semanticTokens/full', undefined],
    ];
    for (const [method, params] of cases) {
      const e = await err(h.client.sendRequest(method, params));
      expect(e.code, `${method} ${JSON.stringify(params)}: ${e.message}`).toBe(-32602);
      expect(e.message).not.toMatch(/TypeError|Cannot read|undefined/);
    }
    // A character past the line's end is the line's end, as the protocol says.
    expect(await h.client.sendRequest('textDocument/hover', pos(1, 500))).toBeNull();
  });
});
