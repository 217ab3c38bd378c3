// Language server latency: dockhand's server against rcjsuen's docker-langserver (the server of
// VS Code's Docker extension), both running at once and asked alternately, in the same run.
//   - start: spawn → the answer to `initialize`, and spawn → the first diagnostics of a small file
//     (what opening an editor costs; median of 7, alternated);
//   - open: didOpen → publishDiagnostics, for 300 corpus Dockerfiles, each alone in a folder;
//   - edit: didChange → publishDiagnostics on the largest corpus file, 40 edits 100 ms apart.
import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { allRules } from '../src/rules/index.js';
import { LspClient } from '../test/lsp-client.js';

const corpusDir = resolve('../shared/corpus/files');
const FILES = 300;
const EDITS = 40;

interface Server {
  name: string;
  argv: string[];
}

const require = createRequire(import.meta.url);
const servers: Server[] = [
  { name: 'dockhand lsp', argv: [resolve('bin/dockhand.js'), 'lsp', '--stdio'] },
  { name: 'docker-langserver', argv: [require.resolve('dockerfile-language-server-nodejs/bin/docker-langserver'), '--stdio'] },
];

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))]!;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function started(s: Server): Promise<{ client: LspClient; ms: number }> {
  const t0 = performance.now();
  const client = new LspClient(spawn(process.execPath, s.argv, { stdio: 'pipe' }));
  await client.request('initialize', { processId: process.pid, rootUri: null, capabilities: {} });
  const ms = performance.now() - t0;
  client.notify('initialized', {});
  return { client, ms };
}

async function stop(client: LspClient): Promise<void> {
  await client.request('shutdown', null);
  client.notify('exit', null);
  await client.exited;
}

async function main(): Promise<void> {
  if (!existsSync(corpusDir)) {
    console.log(`lsp bench skipped: ${corpusDir} is absent`);
    return;
  }
  const names = readdirSync(corpusDir).sort();
  const step = Math.max(1, Math.floor(names.length / FILES));
  const picked = names.filter((_, i) => i % step === 0).slice(0, FILES);
  const largest = names.reduce((a, b) => (statSync(join(corpusDir, b)).size > statSync(join(corpusDir, a)).size ? b : a));
  const work = mkdtempSync(join(tmpdir(), 'dockhand-lsp-bench-'));
  try {
    // Start-up, alternated.
    const startMs = new Map(servers.map((s) => [s.name, [] as number[]]));
    const firstMs = new Map(servers.map((s) => [s.name, [] as number[]]));
    const small = resolve('fixtures/lint/basic/Dockerfile');
    const smallUri = pathToFileURL(small).href;
    const smallText = readFileSync(small, 'utf8');
    for (let i = 0; i < 7; i++) {
      for (const s of i % 2 ? [...servers].reverse() : servers) {
        const t0 = performance.now();
        const { client, ms } = await started(s);
        startMs.get(s.name)!.push(ms);
        const published = client.nextDiagnostics(smallUri);
        client.notify('textDocument/didOpen', { textDocument: { uri: smallUri, languageId: 'dockerfile', version: 1, text: smallText } });
        await published;
        firstMs.get(s.name)!.push(performance.now() - t0);
        await stop(client);
      }
    }
    const live = await Promise.all(servers.map(async (s) => ({ s, client: (await started(s)).client, open: [] as number[], edit: [] as number[] })));
    // Open each file in each server in turn (a Dockerfile alone in its folder, like a small project).
    for (let i = 0; i < picked.length; i++) {
      const dir = join(work, `p${i}`);
      mkdirSync(dir);
      const path = join(dir, 'Dockerfile');
      copyFileSync(join(corpusDir, picked[i]!), path);
      const text = readFileSync(path, 'utf8');
      const uri = pathToFileURL(path).href;
      for (const l of i % 2 ? [...live].reverse() : live) {
        const t0 = performance.now();
        const published = l.client.nextDiagnostics(uri);
        l.client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'dockerfile', version: 1, text } });
        await published;
        l.open.push(performance.now() - t0);
        l.client.notify('textDocument/didClose', { textDocument: { uri } });
      }
    }
    // Typing in the largest file: an edit every 100 ms, each answered before the next.
    const dir = join(work, 'edit');
    mkdirSync(dir);
    const path = join(dir, 'Dockerfile');
    copyFileSync(join(corpusDir, largest), path);
    const text = readFileSync(path, 'utf8');
    const uri = pathToFileURL(path).href;
    for (const l of live) {
      const published = l.client.nextDiagnostics(uri);
      l.client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'dockerfile', version: 1, text } });
      await published;
    }
    const lines = text.split('\n').length;
    for (let v = 2; v < EDITS + 2; v++) {
      const line = (v * 37) % lines;
      for (const l of v % 2 ? [...live].reverse() : live) {
        const t0 = performance.now();
        const published = l.client.nextDiagnostics(uri);
        l.client.notify('textDocument/didChange', {
          textDocument: { uri, version: v },
          contentChanges: [{ range: { start: { line, character: 0 }, end: { line, character: 0 } }, text: ' ' }],
        });
        await published;
        l.edit.push(performance.now() - t0);
      }
      await sleep(100);
    }
    for (const l of live) await stop(l.client);

    const [mine, peer] = live;
    console.log(`language servers: ${picked.length} corpus Dockerfiles opened, ${EDITS} edits of ${largest} (${text.length.toLocaleString('en-US')} bytes)`);
    const row = (label: string, a: number[], b: number[]) =>
      console.log(`  ${label.padEnd(34)} ${mine!.s.name} ${median(a).toFixed(1)} ms (p95 ${pct(a, 0.95).toFixed(1)})   ${peer!.s.name} ${median(b).toFixed(1)} ms (p95 ${pct(b, 0.95).toFixed(1)})   ratio ${(median(b) / median(a)).toFixed(2)}x`);
    row('start → initialize answered', startMs.get(mine!.s.name)!, startMs.get(peer!.s.name)!);
    row('start → first diagnostics', firstMs.get(mine!.s.name)!, firstMs.get(peer!.s.name)!);
    row('didOpen → diagnostics (median)', mine!.open, peer!.open);
    row('didChange → diagnostics (median)', mine!.edit, peer!.edit);
    console.log(`  (dockhand runs ${allRules.length} rules; docker-langserver runs dockerfile-utils' checks; ratio > 1 means dockhand is faster)`);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

await main();
