// The language server's first build plan of a large context: moby's Dockerfile (whose `COPY . .`
// and bind mount of `.` select the whole context) in a git repository holding a copy of the corpus
// (4,000 files), with a fresh stat cache. Once the document's diagnostics are out, the client types
// a character every 30 ms while the server makes its first plan (walk, hashing, the HEAD baseline and
// the plan of the text), timing each edit's diagnostics; then how long the first code lens took.
// Run it alone: `npm run bench -- editor-context`.
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { LspClient } from '../test/lsp-client.js';

const corpus = resolve('../shared/corpus/files');
const moby = join(corpus, 'moby__moby__Dockerfile');
const EDITS = 40;
const RUNS = 3;

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))]!;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function once(dir: string, text: string): Promise<{ edits: number[]; lens: number }> {
  const cache = mkdtempSync(join(tmpdir(), 'dockhand-context-cache-'));
  try {
    const child = spawn(process.execPath, [resolve('bin/dockhand.js'), 'lsp', '--stdio'], { cwd: dir, stdio: 'pipe', env: { ...process.env, DOCKHAND_CACHE_DIR: cache } });
    const client = new LspClient(child);
    await client.request('initialize', { processId: process.pid, rootUri: pathToFileURL(dir).href, capabilities: {} });
    client.notify('initialized', {});
    const uri = pathToFileURL(join(dir, 'Dockerfile')).href;
    const opened = client.nextDiagnostics(uri);
    client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'dockerfile', version: 1, text } });
    await opened;
    const t0 = performance.now();
    // The server's own plan starts 100 ms after the diagnostics; the lens request waits for it.
    const lens = sleep(130).then(() => client.request('textDocument/codeLens', { textDocument: { uri } })).then(() => performance.now() - t0);
    const line = text.split('\n').findIndex((l) => l.startsWith('# '));
    const edits: number[] = [];
    for (let v = 2; v < EDITS + 2; v++) {
      await sleep(30);
      const t = performance.now();
      client.notify('textDocument/didChange', { textDocument: { uri, version: v }, contentChanges: [{ range: { start: { line, character: 2 }, end: { line, character: 2 } }, text: 'z' }] });
      await client.diagnosticsFor(uri, v);
      edits.push(performance.now() - t);
    }
    const lensMs = await lens;
    await client.request('shutdown', null);
    client.notify('exit', null);
    await client.exited;
    return { edits, lens: lensMs };
  } finally {
    rmSync(cache, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  if (!existsSync(moby)) {
    console.log(`editor-context skipped: ${moby} is absent`);
    return;
  }
  const dir = mkdtempSync(join(tmpdir(), 'dockhand-context-'));
  try {
    const text = readFileSync(moby, 'utf8');
    writeFileSync(join(dir, 'Dockerfile'), text);
    mkdirSync(join(dir, 'corpus'));
    const names = readdirSync(corpus);
    for (const name of names) copyFileSync(join(corpus, name), join(dir, 'corpus', name));
    const env = { ...process.env, GIT_AUTHOR_NAME: 'b', GIT_AUTHOR_EMAIL: 'b@b', GIT_COMMITTER_NAME: 'b', GIT_COMMITTER_EMAIL: 'b@b' };
    const git = ['init -q', 'add -A', 'commit -qm context'].every((a) => spawnSync('git', a.split(' '), { cwd: dir, env }).status === 0);
    const edits: number[] = [];
    const lenses: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const r = await once(dir, text);
      edits.push(...r.edits);
      lenses.push(r.lens);
    }
    console.log(`first plan of a large context: moby's Dockerfile over ${names.length.toLocaleString('en-US')} corpus files (${git ? 'baseline git HEAD' : 'no baseline: git is not available'}), fresh stat cache, ${RUNS} runs`);
    console.log(`  didChange → diagnostics while it is made, an edit every 30 ms: p50 ${pct(edits, 0.5).toFixed(1)} ms, p95 ${pct(edits, 0.95).toFixed(1)} ms, max ${Math.max(...edits).toFixed(1)} ms`);
    console.log(`  first code lens answered ${lenses.map((ms) => `${ms.toFixed(0)} ms`).join(', ')} after the first diagnostics`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
