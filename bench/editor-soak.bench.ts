// Soak: 10,000 incremental edits of moby's Dockerfile in `dockhand lsp --stdio` with the code lens
// on (the Dockerfile in a git repository, so every lens compares with HEAD). Edits come in bursts
// of ten, as typing does; after each burst the client waits for the diagnostics, then asks for the
// code lens (before the server's own background plan, so the request plans the new text) and a
// hover, timing both. The server's resident memory (VmRSS) is read at the start
// and after 5,000 and 10,000 edits. Run it alone: `npm run bench -- soak`.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { LspClient } from '../test/lsp-client.js';

const EDITS = Number(process.env.SOAK_EDITS ?? 10_000);
const BURST = 10;
const moby = resolve('../shared/corpus/files/moby__moby__Dockerfile');

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))]!;

/** Resident memory of a process, in MB (Linux /proc). */
function rssMb(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : NaN;
}

async function main(): Promise<void> {
  if (!existsSync(moby)) {
    console.log(`soak skipped: ${moby} is absent`);
    return;
  }
  if (!existsSync('/proc/self/status')) {
    console.log('soak skipped: no /proc to read the server\'s memory from');
    return;
  }
  const dir = mkdtempSync(join(tmpdir(), 'dockhand-soak-'));
  try {
    const text = readFileSync(moby, 'utf8');
    const path = join(dir, 'Dockerfile');
    writeFileSync(path, text);
    const env = { ...process.env, GIT_AUTHOR_NAME: 's', GIT_AUTHOR_EMAIL: 's@s', GIT_COMMITTER_NAME: 's', GIT_COMMITTER_EMAIL: 's@s' };
    const git = ['init -q', 'add -A', 'commit -qm moby'].every((a) => spawnSync('git', a.split(' '), { cwd: dir, env }).status === 0);
    const child = spawn(process.execPath, [resolve('bin/dockhand.js'), 'lsp', '--stdio'], { cwd: dir, stdio: 'pipe' });
    const client = new LspClient(child);
    await client.request('initialize', { processId: process.pid, rootUri: pathToFileURL(dir).href, capabilities: {} });
    client.notify('initialized', {});
    const uri = pathToFileURL(path).href;
    const td = { textDocument: { uri } };
    const opened = client.nextDiagnostics(uri);
    client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'dockerfile', version: 1, text } });
    await opened;
    const first = await client.request('textDocument/codeLens', td);
    const rss: [string, number][] = [['start (opened, first lenses)', rssMb(child.pid!)]];

    // Edits: a burst types ten characters into an ARG value or a comment, the next burst takes
    // them out again, so the text keeps its size while every burst leaves a new text to lint and
    // to plan (the service keeps only the last text's answers).
    const lines = text.split('\n');
    const targets = lines.flatMap((l, i) => (/^(ARG \w+=|# )/.test(l) ? [{ line: i, character: l.indexOf(l.startsWith('ARG') ? '=' : ' ') + 1 }] : []));
    const lensMs: number[] = [];
    const hoverMs: number[] = [];
    const hoverAt = { line: lines.findIndex((l) => l.startsWith('FROM')), character: 1 };
    let version = 1;
    let lenses = first.length;
    const t0 = performance.now();
    for (let done = 0; done < EDITS; ) {
      const burst = done / BURST | 0;
      const at = targets[(burst >> 1) % targets.length]!;
      const typing = burst % 2 === 0;
      for (let k = 0; k < BURST && done < EDITS; k++, done++) {
        const col = at.character + (typing ? k : BURST - 1 - k);
        const change = typing
          ? { range: { start: { line: at.line, character: col }, end: { line: at.line, character: col } }, text: 'z' }
          : { range: { start: { line: at.line, character: col }, end: { line: at.line, character: col + 1 } }, text: '' };
        client.notify('textDocument/didChange', { textDocument: { uri, version: ++version }, contentChanges: [change] });
      }
      await client.diagnosticsFor(uri, version);
      let t = performance.now();
      lenses = (await client.request('textDocument/codeLens', td)).length;
      lensMs.push(performance.now() - t);
      t = performance.now();
      await client.request('textDocument/hover', { ...td, position: hoverAt });
      hoverMs.push(performance.now() - t);
      if (done === EDITS / 2) rss.push([`after ${done.toLocaleString('en-US')} edits`, rssMb(child.pid!)]);
    }
    rss.push([`after ${EDITS.toLocaleString('en-US')} edits`, rssMb(child.pid!)]);
    const seconds = (performance.now() - t0) / 1000;
    await client.request('shutdown', null);
    client.notify('exit', null);
    await client.exited;

    console.log(`soak: ${EDITS.toLocaleString('en-US')} edits of moby's Dockerfile in bursts of ${BURST}, code lens on (${lenses} lenses, baseline ${git ? 'git HEAD' : 'none: git is not available'}), ${seconds.toFixed(1)} s`);
    for (const [when, mb] of rss) console.log(`  server RSS ${when.padEnd(30)} ${mb.toFixed(1)} MB`);
    console.log(`  after each burst: code lens p50 ${pct(lensMs, 0.5).toFixed(2)} ms, p95 ${pct(lensMs, 0.95).toFixed(2)} ms, max ${Math.max(...lensMs).toFixed(2)} ms; hover p50 ${pct(hoverMs, 0.5).toFixed(2)} ms, p95 ${pct(hoverMs, 0.95).toFixed(2)} ms`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
