#!/usr/bin/env node
// Asks a language server about one file, the way an editor would, and prints each answer as one
// JSON line: the README's examples of `dockhand lsp` come from it.
//
//   node scripts/lsp-request.mjs FILE 'METHOD [LINE:COL] [JSON]'... [-- SERVER COMMAND]
//
// LINE and COL are 1-based (as an editor shows them); JSON is merged into the request's params
// (e.g. '{"newName":"compile"}'; "URI" in it stands for the file's URI). The server defaults to
// `node bin/dockhand.js lsp --stdio`. Each request is sent after the file's first diagnostics
// arrive; answers are printed briefly, positions 1-based (`--json` prints them as they came), and so
// are the messages the server shows and the diagnostics it publishes for other files (a config file).
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const args = process.argv.slice(2);
const cut = args.indexOf('--');
const own = cut < 0 ? args : args.slice(0, cut);
const here = dirname(fileURLToPath(import.meta.url));
const server = cut < 0 ? [process.execPath, resolve(here, '../bin/dockhand.js'), 'lsp', '--stdio'] : args.slice(cut + 1);
const json = own.includes('--json');
const [file, ...asks] = own.filter((a) => a !== '--json');
if (!file || asks.length === 0) {
  process.stderr.write("usage: node scripts/lsp-request.mjs FILE 'METHOD [LINE:COL] [JSON]'... [-- SERVER COMMAND]\n");
  process.exit(1);
}
const path = resolve(file);
const uri = pathToFileURL(path).href;
const child = spawn(server[0], server.slice(1), { stdio: ['pipe', 'pipe', 'inherit'], cwd: dirname(path) });
let buf = Buffer.alloc(0);
let id = 0;
const waiting = new Map();
let diagnosed;
const diagnostics = new Promise((r) => (diagnosed = r));
child.stdout.on('data', (d) => {
  buf = Buffer.concat([buf, d]);
  for (;;) {
    const head = buf.indexOf('\r\n\r\n');
    if (head < 0) return;
    const len = Number(/Content-Length: (\d+)/i.exec(buf.subarray(0, head).toString())[1]);
    if (buf.length < head + 4 + len) return;
    const msg = JSON.parse(buf.subarray(head + 4, head + 4 + len).toString('utf8'));
    buf = buf.subarray(head + 4 + len);
    if (msg.method === 'textDocument/publishDiagnostics' && msg.params.uri === uri) diagnosed(msg.params);
    // What the server tells the user on its own: messages, and diagnostics of other files (a config file's).
    else if (msg.method === 'window/showMessage') console.log(`window/showMessage (${['', 'error', 'warning', 'info', 'log'][msg.params.type] ?? msg.params.type})\n  ${msg.params.message}`);
    else if (msg.method === 'textDocument/publishDiagnostics') {
      console.log(`textDocument/publishDiagnostics ${relative(dirname(path), fileURLToPath(msg.params.uri))}`);
      for (const d of msg.params.diagnostics) console.log(`  ${d.range.start.line + 1}:${d.range.start.character + 1} ${['', 'error', 'warning', 'info', 'hint'][d.severity]} ${d.code ?? ''} ${d.message}`);
    }
    else if (msg.id !== undefined && msg.method) send({ id: msg.id, result: null });
    else if (msg.id !== undefined && waiting.has(msg.id)) waiting.get(msg.id)(msg);
  }
});
function send(msg) {
  const body = Buffer.from(JSON.stringify({ jsonrpc: '2.0', ...msg }));
  child.stdin.write(`Content-Length: ${body.length}\r\n\r\n`);
  child.stdin.write(body);
}
function request(method, params) {
  const n = ++id;
  send({ id: n, method, params });
  return new Promise((r) => waiting.set(n, r));
}

await request('initialize', { processId: process.pid, rootUri: pathToFileURL(dirname(path)).href, capabilities: {} });
send({ method: 'initialized', params: {} });
send({ method: 'textDocument/didOpen', params: { textDocument: { uri, languageId: 'dockerfile', version: 1, text: readFileSync(path, 'utf8') } } });
await diagnostics;
for (const ask of asks) {
  const m = /^(\S+)(?:\s+(\d+):(\d+))?(?:\s+(\{.*\}))?$/.exec(ask.trim());
  if (!m) {
    process.stderr.write(`lsp-request: cannot read ${JSON.stringify(ask)}\n`);
    continue;
  }
  const params = { textDocument: { uri }, ...(m[2] ? { position: { line: Number(m[2]) - 1, character: Number(m[3]) - 1 } } : {}), ...(m[4] ? JSON.parse(m[4].replaceAll('"URI"', JSON.stringify(uri))) : {}) };
  const reply = await request(m[1], params);
  console.log(`${m[1]}${m[2] ? ` ${m[2]}:${m[3]}` : ''}`);
  if (json || reply.error) console.log(`  ${JSON.stringify(reply.error ? { error: reply.error } : reply.result)}`);
  else for (const line of brief(m[1], reply.result)) console.log(`  ${line}`);
}
/** An answer in a few readable lines (positions 1-based). */
function brief(method, r) {
  const p = (x) => `${x.line + 1}:${x.character + 1}`;
  // Ranges as an editor selects them: first and last character, both 1-based.
  const range = (x) => (x.start.line === x.end.line ? `${p(x.start)}-${x.end.character}` : `${p(x.start)}-${x.end.line + 1}:${x.end.character}`);
  const text = readFileSync(path, 'utf8').split('\n');
  if (r === null || r === undefined) return ['null'];
  switch (method) {
    case 'textDocument/codeLens':
      return r.map((l) => `${p(l.range.start)}  ${l.command.title}`);
    case 'textDocument/rename':
      return Object.values(r.changes).flat().map((e) => `${range(e.range)} → ${e.newText}`);
    case 'textDocument/prepareRename':
      return [`${range(r.range)} ${JSON.stringify(r.placeholder)}`];
    case 'textDocument/references':
      return r.map((l) => range(l.range));
    case 'textDocument/documentHighlight':
      return r.map((h) => `${range(h.range)} ${h.kind === 3 ? 'write' : 'read'}`);
    case 'textDocument/documentLink':
      return r.map((l) => `${range(l.range)} ${l.target.replace(pathToFileURL(dirname(path)).href, 'file://…')}`);
    case 'textDocument/foldingRange':
      return r.map((f) => `lines ${f.startLine + 1}-${f.endLine + 1}${f.kind ? ` (${f.kind})` : ''}`);
    case 'textDocument/signatureHelp': {
      const sig = r.signatures[r.activeSignature];
      const a = sig.parameters[r.activeParameter];
      return [a ? `${sig.label.slice(0, a.label[0])}«${sig.label.slice(a.label[0], a.label[1])}»${sig.label.slice(a.label[1])}` : sig.label];
    }
    case 'textDocument/semanticTokens/full': {
      const out = [];
      let line = 0;
      let ch = 0;
      for (let i = 0; i < r.data.length; i += 5) {
        const [dl, dc, len, type, mods] = r.data.slice(i, i + 5);
        ch = dl === 0 ? ch + dc : dc;
        line += dl;
        out.push(`${line + 1}:${ch + 1} ${['keyword', 'property', 'parameter', 'variable', 'namespace', 'string', 'comment', 'macro', 'operator'][type]}${mods & 1 ? '.declaration' : ''}${mods & 2 ? '.defaultLibrary' : ''} ${JSON.stringify(text[line].slice(ch, ch + len))}`);
      }
      return out;
    }
    case 'textDocument/hover':
      return r.contents.value.split('\n');
    case 'workspace/executeCommand':
      return String(r).split('\n');
    default:
      if (Array.isArray(r) && r.every((e) => e.range && 'newText' in e)) return r.map((e) => `${range(e.range)} → ${JSON.stringify(e.newText)}`);
      return [JSON.stringify(r)];
  }
}

await request('shutdown', null);
send({ method: 'exit', params: null });
