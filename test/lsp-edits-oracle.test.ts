// The language server's incremental edits, against two oracles. A random Dockerfile is opened in
// the real server (`dockhand lsp --stdio`) and changed by random incremental `didChange` events:
// ranges in UTF-16 code units next to astral characters, across line ends (CRLF, lone CR), ends
// written past a line's end, several changes per notification, notifications sent without
// waiting, edits that make or break a line continuation, a heredoc, the `# escape=` or `# syntax=`
// line; the folder's config, .dockerignore and context files change on disk meanwhile. The
// diagnostics published for the last version must equal
//   (a) `dockhand lint --format json` of the final text written to the document's file (same
//       folder, so the same config and build context), converted to LSP ranges here: lines split
//       at CR, LF and CRLF, characters in UTF-16 units counted from the line's start (a BOM
//       included), 0-based;
//   (b) the diagnostics of the final text opened fresh as another document of the same folder.
// Meanwhile the server must never exit, never log an internal failure, answer every request kind
// below (hover, completion, documentSymbol, codeLens, documentLink and the others) at random
// positions without an error, and publish versions that never go back, the last one being the
// document's last version.
//
// By hand: LSP_ORACLE_RUNS=500 npx vitest run test/lsp-edits-oracle.test.ts (the default, 20,
// keeps CI at ~10 s); LSP_ORACLE_SEED=N replays a run; LSP_ORACLE_SHELLCHECK=1 and
// LSP_ORACLE_CLI_CACHE=1 below; LSP_ORACLE_KEEP=1 keeps each run's folder.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCaptured } from './cli-io.js';
import { LspClient, type Message } from './lsp-client.js';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const bin = join(repoRoot, 'bin/dockhand.js');
const base = mkdtempSync(join(tmpdir(), 'dockhand-lsp-oracle-'));
const RUNS = Number(process.env.LSP_ORACLE_RUNS ?? 20);
const SEED = process.env.LSP_ORACLE_SEED === undefined ? undefined : Number(process.env.LSP_ORACLE_SEED);
// With LSP_ORACLE_SHELLCHECK=1, ShellCheck's findings are compared too (the server publishes them
// 300 ms after typing pauses, so each run waits for them: by hand only).
const SHELLCHECK = process.env.LSP_ORACLE_SHELLCHECK === '1';
// With LSP_ORACLE_CLI_CACHE=1, `lint` keeps its results cache (one for all runs) and each run's
// output is also compared with a `--no-cache` run: a key that leaves out what changed shows as a
// difference. The cache needs a build's identity (a lint run from source has none and never caches),
// so with the knob `lint` runs as the built bin/dockhand.js in a process of its own, not in-process.
const CLI_CACHE = process.env.LSP_ORACLE_CLI_CACHE === '1';
// The same environment for the server and the CLI: no user config, no HADOLINT_* variables, and
// (by default) no ShellCheck on the PATH.
const ENV = { XDG_CONFIG_HOME: join(base, 'xdg'), XDG_CACHE_HOME: join(base, 'cache'), HOME: join(base, 'home'), PATH: SHELLCHECK ? (process.env.PATH ?? '') : join(base, 'bin') };

// ---- the client's own model of the text (independent of vscode-languageserver-textdocument) ------

/** Offsets where each line starts, lines ending at CRLF, CR or LF (LSP's line ends). */
function lspLineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 13 && text.charCodeAt(i + 1) === 10) {
      starts.push(i + 2);
      i++;
    } else if (c === 13 || c === 10) starts.push(i + 1);
  }
  return starts;
}

interface Position { line: number; character: number }
interface Range { start: Position; end: Position }

function positionAt(text: string, offset: number): Position {
  const starts = lspLineStarts(text);
  let line = 0;
  while (line + 1 < starts.length && starts[line + 1]! <= offset) line++;
  return { line, character: offset - starts[line]! };
}

/** dockhand's 1-based line/column (lines end at LF; line 1's columns start after a BOM) as an offset. */
function offsetOfCli(text: string, line: number, column: number): number {
  let start = 0;
  for (let l = 1; l < line; l++) start = text.indexOf('\n', start) + 1;
  if (line === 1 && text.charCodeAt(0) === 0xfeff) start++;
  return start + column - 1;
}

/** A position an LSP client can address: not inside a surrogate pair nor between CR and LF. */
function addressable(text: string, offset: number, forward: boolean): number {
  let o = Math.max(0, Math.min(offset, text.length));
  const splits = (i: number) =>
    i > 0 && i < text.length && ((text.charCodeAt(i - 1) === 13 && text.charCodeAt(i) === 10) || (/[\uD800-\uDBFF]/.test(text[i - 1]!) && /[\uDC00-\uDFFF]/.test(text[i]!)));
  while (splits(o)) o += forward ? 1 : -1;
  return o;
}

// ---- generated documents and edits --------------------------------------------------------------

const FRAGMENTS = [
  'FROM alpine',
  'FROM ubuntu:latest AS build',
  'FROM --platform=linux/amd64 debian:bookworm AS deps',
  'FROM build AS Étape',
  'FROM scratch',
  'ARG VERSION=1.0',
  'ARG A',
  'ENV PATH=/usr/local/bin:$PATH',
  'ENV NAME="café ☕" OTHER=😀',
  'RUN apt-get update && apt-get install -y curl',
  'RUN apk add --update curl',
  'RUN cd /src && make',
  'RUN pip install flask',
  'RUN npm install',
  'RUN curl -sSL https://example.com/😀.sh | sh',
  'RUN echo "héllo 😀" > /tmp/x',
  'RUN set -e; \\\n    echo a \\\n    && echo b',
  'RUN echo a `\n    echo b',
  'RUN <<EOF\necho one\ncd /x\nEOF',
  'RUN <<-EOT bash\n\techo 👋 $A\nEOT',
  'COPY <<EOT /etc/motd\nhi 👋\nEOT',
  'COPY app.py /app/',
  'COPY missing.txt /x',
  'COPY . .',
  'ADD https://example.com/a.tar.gz /tmp/',
  'ADD local.tar.gz /tmp/',
  'COPY --from=build /src /app',
  'COPY --from=nowhere /a /b',
  'WORKDIR relative',
  'WORKDIR /ü',
  'EXPOSE 80/tcp 99999',
  'USER root',
  'CMD echo hi',
  'CMD ["node", "app.js"]',
  'ENTRYPOINT node app.js',
  'HEALTHCHECK CMD curl -f http://localhost/ || exit 1',
  'MAINTAINER me <me@example.com>',
  'LABEL org.opencontainers.image.version="1" description="🐳 ünïcödé"',
  '# hadolint ignore=DL3008,DL3018',
  '# a comment with ünïcödé 🐳',
  '# check=skip=StageNameCasing',
  'SHELL ["/bin/bash", "-o", "pipefail", "-c"]',
  'ONBUILD RUN echo hi && cd /x',
  'RUN --mount=type=cache,target=/root/.cache pip install x',
  '\tRUN echo tab\t',
  'run echo lower case',
  'RUN echo $A ${VERSION} ${UNDEFINED:-x}',
  'COPY --chmod=755 a b',
  'STOPSIGNAL SIGKILL',
  'VOLUME /data',
  '',
  '   ',
];
const PREFIXES = ['', '# syntax=docker/dockerfile:1\n', '# escape=`\n', '# escape=\\\n', '# check=error=true\n', '# syntax=docker/dockerfile:1.4\n# escape=`\n'];
const INSERTS = [
  '', ' ', '\t', '\n', '\r\n', '\r', '\\', '\\\n', '\\\r\n', '`', '`\n', '😀', 'é', '👋🏽', '\u200b', '\ufeff',
  '<<EOF\n', 'EOF', '\nEOF\n', '<<-EOT\n', '# escape=`\n', '# escape=\\\n', '# syntax=docker/dockerfile:1\n', '#', '# hadolint ignore=DL3006\n',
  'RUN apt-get install curl\n', 'FROM alpine:3.20 AS x\n', 'FROM x\n', '$', '${A}', '$VERSION', 'AS ', '--from=build ', '"', "'", 'ARG ', 'sudo ', 'COPY a.txt 😀/\n',
];

/** The folder's config (the same file for the server and the CLI): none, hadolint's, or dockhand's. */
const CONFIGS: [string, string][] = [
  ['', ''],
  ['.hadolint.yaml', 'ignored: [DL3006, DL3008]\noverride:\n  error: [DL3018]\n  style: [DL3059]\n'],
  ['.hadolint.yaml', 'trustedRegistries: [docker.io]\nstrict-labels: true\nlabel-schema:\n  description: text\n  maintainer: email\n'],
  ['.dockhand.yaml', 'extends: strict\nrules:\n  DL3059: off\n  DL3057: warning\n'],
  ['.dockhand.yaml', 'extends: [security, hadolint]\ndisable-ignore-pragma: true\ncheck: "skip=JSONArgsRecommended"\n'],
];

const documentText = fc
  .record({
    bom: fc.boolean(),
    prefix: fc.constantFrom(...PREFIXES),
    lines: fc.array(fc.constantFrom(...FRAGMENTS), { minLength: 1, maxLength: 12 }),
    // Line ends: LF, CRLF, or a mix.
    eol: fc.constantFrom('lf', 'crlf', 'mixed'),
    mix: fc.array(fc.boolean(), { minLength: 64, maxLength: 64 }),
    final: fc.boolean(),
  })
  .map(({ bom, prefix, lines, eol, mix, final }) => {
    const body = `${prefix}FROM alpine:3.20\n${lines.join('\n')}${final ? '\n' : ''}`;
    let k = 0;
    const text = eol === 'lf' ? body : body.replace(/\n/g, () => (eol === 'crlf' || mix[k++ % mix.length] ? '\r\n' : '\n'));
    return (bom ? '\ufeff' : '') + text;
  });

/** Where an edit starts: anywhere, next to an astral character, or at a line's start or end. */
type Anchor = { at: 'any'; n: number } | { at: 'astral'; n: number; side: number } | { at: 'line'; n: number; end: boolean };
interface EditSpec {
  anchor: Anchor;
  /** UTF-16 units deleted from the anchor (a range across lines when long). */
  length: number;
  text: string;
  /**
   * An end at a line's end written past it, as the protocol allows (the character is clamped to
   * the line's length), and an end at the text's end as the line after the last (0: as is).
   */
  overshoot: number;
}
const anchor: fc.Arbitrary<Anchor> = fc.oneof(
  fc.record({ at: fc.constant('any' as const), n: fc.nat() }),
  fc.record({ at: fc.constant('astral' as const), n: fc.nat(), side: fc.integer({ min: -1, max: 3 }) }),
  fc.record({ at: fc.constant('line' as const), n: fc.nat(), end: fc.boolean() }),
);
/**
 * Text the CLI reads as a Dockerfile: no lone surrogates (an editor sends none) and no NUL, which
 * `lint` refuses as a binary file where the editor has text to lint: a refusal of the input, not a
 * finding to compare.
 */
const isText = (s: string) => !s.includes('\0') && !/[\uD800-\uDFFF]/.test(s.replace(/[\uD800-\uDBFF][\uDC00-\uDFFF]/g, ''));
const editSpec: fc.Arbitrary<EditSpec> = fc.record({
  anchor,
  length: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 3 }), fc.integer({ min: 4, max: 60 })),
  text: fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...INSERTS) }, { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 4 }).filter(isText) }),
  overshoot: fc.oneof({ weight: 3, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: fc.integer({ min: 1, max: 5 }) }),
});
/**
 * Changes of the folder on disk while the document is edited, which the server must follow by
 * itself: the config rewritten or removed, the .dockerignore (one BuildKit cannot use among them),
 * a context file removed or added.
 */
const DISK: ((dir: string) => void)[] = [
  ...CONFIGS.map(([name, text]) => (dir: string) => {
    for (const other of ['.hadolint.yaml', '.dockhand.yaml']) rmSync(join(dir, other), { force: true });
    if (name) writeFileSync(join(dir, name), text);
  }),
  ...['*.log\n', 'app.py\n', '**\n!Dockerfile\n', 'a[\n'].map((text) => (dir: string) => writeFileSync(join(dir, '.dockerignore'), text)),
  (dir) => rmSync(join(dir, '.dockerignore'), { force: true }),
  (dir) => rmSync(join(dir, 'app.py'), { force: true }),
  (dir) => writeFileSync(join(dir, 'app.py'), 'print(2)\n'),
];

/** One didChange notification: its changes, and what the client does before the next one. */
interface Step {
  changes: EditSpec[];
  /** Replace the whole text instead (a change without a range). */
  full: boolean;
  then: 'send' | 'wait' | 'ask';
  /** With 'ask': which request, and where. */
  ask: { method: number; n: number };
  /** A change on disk before the notification (`DISK[n % DISK.length]`), or none. */
  disk: number | null;
}
const step = fc.record({
  changes: fc.array(editSpec, { minLength: 1, maxLength: 4 }),
  full: fc.nat({ max: 19 }).map((n) => n === 0),
  then: fc.constantFrom<Step['then'][]>('send', 'send', 'wait', 'ask'),
  ask: fc.record({ method: fc.nat(), n: fc.nat() }),
  disk: fc.option(fc.nat(), { freq: 6 }),
}) satisfies fc.Arbitrary<Step>;

/** The offset an anchor names in `text`. */
function anchorOffset(text: string, a: Anchor): number {
  if (a.at === 'any') return a.n % (text.length + 1);
  if (a.at === 'astral') {
    const astral = [...text.matchAll(/[\uD800-\uDBFF][\uDC00-\uDFFF]/g)].map((m) => m.index);
    if (astral.length === 0) return a.n % (text.length + 1);
    // -1: the unit before the pair; 0: before it; 2: after it; 1 (inside) is moved out by addressable.
    return Math.max(0, Math.min(text.length, astral[a.n % astral.length]! + a.side));
  }
  const starts = lspLineStarts(text);
  const line = a.n % starts.length;
  if (!a.end) return starts[line]!;
  let end = line + 1 < starts.length ? starts[line + 1]! : text.length;
  if (line + 1 < starts.length) end -= text.slice(0, end).endsWith('\r\n') ? 2 : 1;
  return end;
}

/** An edit as the client sends it (positions in the text before it) and the text after it. */
function applyEdit(text: string, e: EditSpec): { change: { range: Range; text: string }; text: string } {
  const start = addressable(text, anchorOffset(text, e.anchor), false);
  const end = addressable(text, Math.max(start, Math.min(text.length, start + e.length)), true);
  let endPosition = positionAt(text, end);
  if (e.overshoot > 0) {
    const starts = lspLineStarts(text);
    if (end === text.length && e.overshoot % 2 === 1) endPosition = { line: starts.length, character: 0 };
    else if (end === text.length || /^[\r\n]/.test(text.slice(end))) endPosition = { line: endPosition.line, character: endPosition.character + e.overshoot };
  }
  return { change: { range: { start: positionAt(text, start), end: endPosition }, text: e.text }, text: text.slice(0, start) + e.text + text.slice(end) };
}

// ---- the server ---------------------------------------------------------------------------------

let client: LspClient;
let stderr = '';
beforeAll(async () => {
  mkdirSync(ENV.XDG_CONFIG_HOME, { recursive: true });
  mkdirSync(ENV.HOME, { recursive: true });
  const child = spawn(process.execPath, [bin, 'lsp', '--stdio'], { cwd: base, env: ENV });
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  client = new LspClient(child);
  await client.request('initialize', { processId: process.pid, rootUri: pathToFileURL(base).href, capabilities: {} });
  client.notify('initialized', {});
  // tree-sitter loads on the first RUN script the fast reader declines, and the open documents are
  // linted again once it is there: load it now, so each version's first publish is its last.
  const warm = pathToFileURL(join(base, 'warm.Dockerfile')).href;
  client.notify('textDocument/didOpen', { textDocument: { uri: warm, languageId: 'dockerfile', version: 1, text: 'FROM alpine\nRUN case $x in (a) echo "$(( 1 + $(cat <<EOF\n2\nEOF\n) ))";; esac\n' } });
  await client.diagnosticsFor(warm, 1);
  await new Promise((r) => setTimeout(r, 1500));
  client.notify('textDocument/didClose', { textDocument: { uri: warm } });
}, 30_000);
afterAll(async () => {
  if (client) {
    await client.request('shutdown', null).catch(() => undefined);
    client.notify('exit', null);
    await Promise.race([client.exited, new Promise((r) => setTimeout(r, 2000))]);
    client.child.kill();
  }
  if (!process.env.LSP_ORACLE_KEEP) rmSync(base, { recursive: true, force: true });
});

/** `dockhand ARGS` as the built executable, in `cwd`, with the server's environment (LSP_ORACLE_CLI_CACHE). */
function runBin(args: string[], cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [bin, ...args], { cwd, env: ENV, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', fail);
    child.on('close', (code) => done({ code: code ?? -1, stdout, stderr }));
  });
}

interface Published { range: Range; severity: number; code: string; message: string }
const SEVERITY: Record<string, number> = { error: 1, warning: 2, info: 3, style: 4 };
const show = (list: Published[]) => list.map((d) => `${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character} ${d.code} ${d.severity} ${d.message}`);

/** A failure the server logged (the guard's `failed`, an uncaught error) since `from`. */
const failures = (from: number) =>
  client.seen.slice(from).filter((m) => m.method === 'window/logMessage' && m.params.type === 1).map((m) => m.params.message as string);

let runNo = 0;
/** Diagnostics compared over all runs (printed at the end: the oracle is not vacuous). */
let compared = 0;

/** Waits until the server has published nothing for `uri` for `quiet` ms (ShellCheck's late findings, a lint after a change on disk). */
async function settled(uri: string, quiet: number): Promise<void> {
  const count = () => client.seen.filter((m) => m.method === 'textDocument/publishDiagnostics' && m.params.uri === uri).length;
  for (let before = -1; before !== count(); ) {
    before = count();
    await new Promise((r) => setTimeout(r, quiet));
  }
}
/** The requests asked at random positions: each must get an answer, not an error. */
const METHODS = [
  'textDocument/hover', 'textDocument/completion', 'textDocument/documentSymbol', 'textDocument/codeLens', 'textDocument/documentLink',
  'textDocument/definition', 'textDocument/references', 'textDocument/documentHighlight', 'textDocument/signatureHelp', 'textDocument/foldingRange',
  'textDocument/semanticTokens/full', 'textDocument/codeAction', 'textDocument/formatting', 'textDocument/rangeFormatting', 'textDocument/onTypeFormatting',
];

/** The request `METHODS[k]` at a position (or range) chosen by `n` in `text`. */
async function ask(uri: string, text: string, k: number, n: number): Promise<void> {
  const method = METHODS[k % METHODS.length]!;
  const a = addressable(text, n % (text.length + 1), false);
  const b = addressable(text, Math.min(text.length, a + (n % 37)), true);
  const position = positionAt(text, a);
  const range = { start: position, end: positionAt(text, b) };
  const textDocument = { uri };
  const options = { tabSize: 4, insertSpaces: true };
  const params = {
    'textDocument/codeAction': { textDocument, range, context: { diagnostics: [] } },
    'textDocument/formatting': { textDocument, options },
    'textDocument/rangeFormatting': { textDocument, range, options },
    'textDocument/onTypeFormatting': { textDocument, position, ch: '\n', options },
    'textDocument/references': { textDocument, position, context: { includeDeclaration: true } },
  }[method] ?? (/hover|completion|definition|Highlight|signature/.test(method) ? { textDocument, position } : { textDocument });
  await client.request(method, params).catch((err: Error) => {
    throw new Error(`${method} at ${JSON.stringify(range)} answered an error: ${err.message}`);
  });
}

describe('dockhand lsp: diagnostics after random incremental edits', () => {
  it('equal `lint --format json` of the final text and a fresh open of it', async () => {
    await fc.assert(
      fc.asyncProperty(documentText, fc.array(step, { minLength: 1, maxLength: 8 }), fc.nat(), fc.nat({ max: CONFIGS.length - 1 }), fc.option(fc.nat(), { freq: 8 }), async (initial, steps, seed, config, diskAfter) => {
        const dir = join(base, `r${runNo++}`);
        mkdirSync(dir);
        // A small build context for the rules that read it.
        writeFileSync(join(dir, 'app.py'), 'print(1)\n');
        writeFileSync(join(dir, 'local.tar.gz'), '');
        writeFileSync(join(dir, '.dockerignore'), '*.log\n');
        const [configName, configText] = CONFIGS[config]!;
        if (configName) writeFileSync(join(dir, configName), configText);
        const path = join(dir, 'Dockerfile');
        writeFileSync(path, initial);
        const uri = pathToFileURL(path).href;
        const freshUri = pathToFileURL(join(dir, 'fresh.Dockerfile')).href;
        const from = client.seen.length;
        const context = () => JSON.stringify({ initial, steps, config: CONFIGS[config], diskAfter });
        try {
          client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'dockerfile', version: 1, text: initial } });
          let text = initial;
          let version = 1;
          for (const [i, s] of steps.entries()) {
            if (s.disk !== null) DISK[s.disk % DISK.length]!(dir);
            const changes: unknown[] = [];
            if (s.full) {
              for (const e of s.changes) text = applyEdit(text, e).text;
              changes.push({ text });
            } else {
              for (const e of s.changes) {
                const r = applyEdit(text, e);
                changes.push(r.change);
                text = r.text;
              }
            }
            client.notify('textDocument/didChange', { textDocument: { uri, version: ++version }, contentChanges: changes });
            if (s.then === 'wait') await client.diagnosticsFor(uri, version);
            else if (s.then === 'ask') await ask(uri, text, s.ask.method, s.ask.n + i + seed);
          }
          const last = await client.diagnosticsFor(uri, version);
          // A change on disk after the last edit: the server lints again by itself (a file watch).
          if (diskAfter !== null) DISK[diskAfter % DISK.length]!(dir);
          if (SHELLCHECK || diskAfter !== null) await settled(uri, SHELLCHECK ? 700 : 250);
          // Requests at random positions of the final text.
          for (let k = 0; k < METHODS.length; k++) await ask(uri, text, k, seed * (k + 1));

          // (a) the CLI on the same text, in the same folder.
          writeFileSync(path, text);
          const lintArgs = ['lint', '--format', 'json', ...(SHELLCHECK ? [] : ['--no-shellcheck'])];
          const ran = CLI_CACHE ? await runBin([...lintArgs, '--cache-location', join(base, 'lint-cache'), 'Dockerfile'], dir) : await runCaptured([...lintArgs, '--no-cache', 'Dockerfile'], { cwd: dir, env: ENV, stdin: '' });
          // 2 with findings: a .dockerignore BuildKit cannot use (the rules that read the context are skipped).
          expect(ran.code < 2 || /\.dockerignore: /.test(ran.stderr), ran.stderr).toBe(true);
          if (CLI_CACHE) {
            const uncached = await runBin([...lintArgs, '--no-cache', 'Dockerfile'], dir);
            expect(ran.stdout, `lint with its cache vs without, in ${dir}\n${context()}`).toBe(uncached.stdout);
          }
          const cli = (JSON.parse(ran.stdout) as { diagnostics: { code: string; severity: string; message: string; line: number; column: number; endLine: number; endColumn: number }[] }[])[0]!.diagnostics;
          const expected: Published[] = cli.map((d) => ({
            range: { start: positionAt(text, offsetOfCli(text, d.line, d.column)), end: positionAt(text, offsetOfCli(text, d.endLine, d.endColumn)) },
            severity: SEVERITY[d.severity]!,
            code: d.code,
            message: d.message,
          }));
          // (b) the final text opened fresh.
          client.notify('textDocument/didOpen', { textDocument: { uri: freshUri, languageId: 'dockerfile', version: 1, text } });
          await client.diagnosticsFor(freshUri, 1);
          if (SHELLCHECK) await settled(freshUri, 700);
          const freshes = client.seen.filter((m) => m.method === 'textDocument/publishDiagnostics' && m.params.uri === freshUri);
          const fresh = freshes[freshes.length - 1]!.params.diagnostics as Published[];
          // Published after the requests (a late publish of the last version counts, too).
          const mine = client.seen.slice(from).filter((m): m is Message => m.method === 'textDocument/publishDiagnostics' && m.params.uri === uri);
          const final = mine[mine.length - 1]!;
          const got = (final.params.diagnostics as Published[]).map(({ range, severity, code, message }) => ({ range, severity, code, message }));
          const why = `${context()}\nfinal text: ${JSON.stringify(text)}`;
          expect(show(got), `published vs lint --format json\n${why}`).toEqual(show(expected));
          expect(show(got), `published vs a fresh open\n${why}`).toEqual(show(fresh.map(({ range, severity, code, message }) => ({ range, severity, code, message }))));
          // Versions never go back, and the last publish is of the last version.
          const versions = mine.map((m) => m.params.version as number);
          expect(versions.every((v, j) => j === 0 || v >= versions[j - 1]!), `versions ${versions}`).toBe(true);
          expect(final.params.version).toBe(version);
          expect(last.params.version).toBe(version);
          expect(failures(from), why).toEqual([]);
          expect(client.child.exitCode, stderr).toBeNull();
          compared += got.length;
        } finally {
          client.notify('textDocument/didClose', { textDocument: { uri } });
          client.notify('textDocument/didClose', { textDocument: { uri: freshUri } });
          if (!process.env.LSP_ORACLE_KEEP) rmSync(dir, { recursive: true, force: true });
        }
      }),
      { numRuns: RUNS, ...(SEED === undefined ? {} : { seed: SEED }) },
    );
    if (process.env.LSP_ORACLE_RUNS) console.log(`${RUNS} runs, ${compared} diagnostics compared`);
  }, Math.max(120_000, RUNS * 5_000));
});
