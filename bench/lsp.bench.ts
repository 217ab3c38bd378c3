// Language server latency: dockhand's server against rcjsuen's docker-langserver (the server of
// VS Code's Docker extension), both running at once and asked alternately, in the same run.
//   - start: spawn → the answer to `initialize`, and spawn → the first diagnostics of a small file
//     (what opening an editor costs; median of 7, alternated);
//   - open: didOpen → publishDiagnostics, for 300 corpus Dockerfiles, each alone in a folder;
//   - edit: didChange → publishDiagnostics on the largest corpus file, 40 edits 100 ms apart;
//   - requests on moby's Dockerfile (in a git repository, so the code lens compares with HEAD):
//     rename, references, completion, hover — each request answered before the next, the two
//     servers asked alternately — and the code lens (an edit, its diagnostics, then codeLens before
//     the server's background plan: the answer is the plan of the new text), and the same plan as
//     inlay hints (a server started for a client that draws hints, not lenses). Where
//     docker-langserver lacks a request it says so.
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { allRules } from '../src/rules/index.js';
import { LspClient } from '../test/lsp-client.js';

const corpusDir = resolve('../shared/corpus/files');
const FILES = 300;
const EDITS = 40;
/** Requests of each kind on moby's Dockerfile, per server. */
const REQUESTS = 200;

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

async function started(s: Server, cwd?: string, capabilities: Record<string, unknown> = {}): Promise<{ client: LspClient; ms: number; capabilities: Record<string, unknown> }> {
  const t0 = performance.now();
  const client = new LspClient(spawn(process.execPath, s.argv, { stdio: 'pipe', ...(cwd ? { cwd } : {}) }));
  const init = await client.request('initialize', { processId: process.pid, rootUri: cwd ? pathToFileURL(cwd).href : null, capabilities });
  const ms = performance.now() - t0;
  client.notify('initialized', {});
  return { client, ms, capabilities: init.capabilities };
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
    const perRequest = await requests(work);

    const [mine, peer] = live;
    console.log(`language servers: ${picked.length} corpus Dockerfiles opened, ${EDITS} edits of ${largest} (${text.length.toLocaleString('en-US')} bytes)`);
    const row = (label: string, a: number[], b: number[]) =>
      console.log(`  ${label.padEnd(34)} ${mine!.s.name} ${median(a).toFixed(1)} ms (p95 ${pct(a, 0.95).toFixed(1)})   ${peer!.s.name} ${median(b).toFixed(1)} ms (p95 ${pct(b, 0.95).toFixed(1)})   ratio ${(median(b) / median(a)).toFixed(2)}x`);
    row('start → initialize answered', startMs.get(mine!.s.name)!, startMs.get(peer!.s.name)!);
    row('start → first diagnostics', firstMs.get(mine!.s.name)!, firstMs.get(peer!.s.name)!);
    row('didOpen → diagnostics (median)', mine!.open, peer!.open);
    row('didChange → diagnostics (median)', mine!.edit, peer!.edit);
    console.log(`  (dockhand runs ${allRules.length} rules; docker-langserver runs dockerfile-utils' checks; ratio > 1 means dockhand is faster)`);
    if (perRequest) {
      console.log(`requests on moby's Dockerfile (${REQUESTS} of each per server, answered one at a time; p50 / p95):`);
      for (const [label, a, b] of perRequest) {
        const peerText = b ? `${peer!.s.name} ${pct(b, 0.5).toFixed(2)} / ${pct(b, 0.95).toFixed(2)} ms   ratio ${(pct(b, 0.5) / pct(a, 0.5)).toFixed(2)}x` : `${peer!.s.name} —  (no such request)`;
        console.log(`  ${label.padEnd(34)} ${mine!.s.name} ${pct(a, 0.5).toFixed(2)} / ${pct(a, 0.95).toFixed(2)} ms   ${peerText}`);
      }
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** Positions (0-based line, character) of `pattern`'s group 1 in the text, one per match. */
function positions(text: string, pattern: RegExp): { line: number; character: number }[] {
  const starts = [0, ...[...text.matchAll(/\n/g)].map((m) => m.index! + 1)];
  const out: { line: number; character: number }[] = [];
  for (const m of text.matchAll(pattern)) {
    const at = m.index! + m[0].indexOf(m[1]!);
    let line = 0;
    while (line + 1 < starts.length && starts[line + 1]! <= at) line++;
    out.push({ line, character: at - starts[line]! });
  }
  return out;
}

type Row = [label: string, mine: number[], peer: number[] | null];

/** p50/p95 of single requests on moby's Dockerfile, in a git repository of its own. */
async function requests(work: string): Promise<Row[] | null> {
  const moby = join(corpusDir, 'moby__moby__Dockerfile');
  if (!existsSync(moby)) {
    console.log(`requests skipped: ${moby} is absent`);
    return null;
  }
  const dir = join(work, 'moby');
  mkdirSync(dir);
  const path = join(dir, 'Dockerfile');
  const text = readFileSync(moby, 'utf8');
  writeFileSync(path, text);
  const gitEnv = { ...process.env, GIT_AUTHOR_NAME: 'b', GIT_AUTHOR_EMAIL: 'b@b', GIT_COMMITTER_NAME: 'b', GIT_COMMITTER_EMAIL: 'b@b' };
  const inGit = ['init -q', 'add -A', 'commit -qm moby'].every((a) => spawnSync('git', a.split(' '), { cwd: dir, env: gitEnv }).status === 0);
  if (!inGit) console.log('  (git is not available: the code lens shows cache keys without a baseline)');
  const uri = pathToFileURL(path).href;
  const servers2 = await Promise.all(servers.map(async (s) => ({ s, ...(await started(s, dir)) })));
  for (const l of servers2) {
    const published = l.client.nextDiagnostics(uri);
    l.client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'dockerfile', version: 1, text } });
    await published;
  }
  const td = { textDocument: { uri } };
  // Where each request is asked: ARG names and stage names (rename, references), `$NAME`s and
  // keywords (hover), after `${` and `--from=` (completion).
  const names = [...positions(text, /^ARG ([A-Z_]+)/gm), ...positions(text, /\bAS ([\w-]+)$/gm)];
  const hovers = [...positions(text, /\$\{?([A-Z_]+)/g), ...positions(text, /^([A-Z]+) /gm)];
  const completes = [...positions(text, /\$\{([A-Z])/g), ...positions(text, /--from=([\w-])/g)];
  const kinds: [string, string, (i: number) => unknown][] = [
    ['rename', 'textDocument/rename', (i) => ({ ...td, position: names[i % names.length], newName: 'RENAMED_X' })],
    ['references', 'textDocument/references', (i) => ({ ...td, position: names[i % names.length], context: { includeDeclaration: true } })],
    ['completion', 'textDocument/completion', (i) => ({ ...td, position: completes[i % completes.length] })],
    ['hover', 'textDocument/hover', (i) => ({ ...td, position: hovers[i % hovers.length] })],
  ];
  const rows: Row[] = [];
  for (const [label, method, params] of kinds) {
    const times = servers2.map(() => [] as number[]);
    const provider = `${method.split('/')[1]}Provider`;
    const able = servers2.map((l) => !!l.capabilities[provider]);
    for (let i = 0; i < REQUESTS; i++) {
      for (const k of i % 2 ? [1, 0] : [0, 1]) {
        if (!able[k]) continue;
        const t0 = performance.now();
        await servers2[k]!.client.request(method, params(i)).catch(() => null); // a refused rename is an answer too
        times[k]!.push(performance.now() - t0);
      }
    }
    rows.push([label, times[0]!, able[1] ? times[1]! : null]);
  }
  // The code lens of a text just edited: the answer is the plan of the new version.
  const mine = servers2[0]!.client;
  // Typing into a global ARG's value: the keys of the stages that use it change.
  const values = positions(text, /^ARG \w+=(\S)/gm);
  const planned = async (client: LspClient, method: string, params: unknown, shown: (answer: any) => string): Promise<number[]> => { // eslint-disable-line @typescript-eslint/no-explicit-any
    const times: number[] = [];
    for (let i = 0; i < REQUESTS; i++) {
      // Type a character, then take it out again.
      const at = values[(i >> 1) % values.length]!;
      const end = i % 2 ? { line: at.line, character: at.character + 1 } : at;
      client.notify('textDocument/didChange', { textDocument: { uri, version: i + 2 }, contentChanges: [{ range: { start: at, end }, text: i % 2 ? '' : 'x' }] });
      // Once the edit's diagnostics are out, and before the server's own background plan (100 ms
      // later): the request plans the new text.
      await client.diagnosticsFor(uri, i + 2);
      const t0 = performance.now();
      const answer = await client.request(method, params);
      times.push(performance.now() - t0);
      if (i === 0) console.log(`  (moby's Dockerfile: ${shown(answer)})`);
      await sleep(150);
    }
    return times;
  };
  rows.push(['code lens (a new text, planned)', await planned(mine, 'textDocument/codeLens', td, (a) => `${a.length} lenses, e.g. "${a[1]?.command?.title}"`), null]);
  for (const l of servers2) await stop(l.client);
  // The same plan as inlay hints, for a client that draws hints and no lenses (Helix, eglot).
  const hinted = (await started(servers[0]!, dir, { textDocument: { inlayHint: {} } })).client;
  const opened = hinted.nextDiagnostics(uri);
  hinted.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'dockerfile', version: 1, text } });
  await opened;
  const whole = { ...td, range: { start: { line: 0, character: 0 }, end: { line: text.split('\n').length - 1, character: 0 } } };
  rows.push(['inlay hints (a new text, planned)', await planned(hinted, 'textDocument/inlayHint', whole, (a) => `${a.length} inlay hints`), null]);
  await stop(hinted);
  return rows;
}

await main();
