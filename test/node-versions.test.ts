// The executable on the other Node versions users run (package.json says >= 20.19; 22 and 24 are
// common): the same output as on the Node running the tests, and no cost that only a newer V8 has.
// The other Nodes are those test/other-nodes.ts finds (DOCKHAND_TEST_NODES, or .ci/nodes/, which
// .ci/run fills); without any, these tests are skipped and say so. Peak memory is read with GNU time
// (/usr/bin/time, Debian's `time`).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { LspClient, type Message } from './lsp-client.js';
import { otherNodes, v8Loaded } from './other-nodes.js';

const repo = resolve(import.meta.dirname, '..');
const bin = join(repo, 'bin/dockhand.js');
const built = existsSync(join(repo, 'dist/cli.cjs'));

const nodes = built ? otherNodes() : [];
if (!built) console.warn('node-versions: dist/cli.cjs is missing (run `npm run build`); skipping');
else if (nodes.length === 0) console.warn('node-versions: no other Node found (set DOCKHAND_TEST_NODES, or run .ci/run, which fetches Node 22 and 24 into .ci/nodes); skipping');
const gnuTime = existsSync('/usr/bin/time') && spawnSync('/usr/bin/time', ['-f', '%M', 'true'], { encoding: 'utf8' }).stderr.trim().match(/^\d+$/) !== null;
if (nodes.length > 0 && !gnuTime) console.warn('node-versions: GNU time (/usr/bin/time) is missing; skipping the peak-memory test');

const dir = mkdtempSync(join(tmpdir(), 'dockhand-nodes-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
// The fast shell reader declines backticks, so this RUN loads tree-sitter's wasm.
writeFileSync(join(dir, 'Dockerfile'), 'FROM debian:12\nRUN echo `uname -m` `id -u` && sudo make && apt-get install -y curl\n');
writeFileSync(join(dir, 'Plain.Dockerfile'), 'FROM debian:12\nRUN apt-get update && apt-get install -y curl\nCOPY missing /x\n');
const args = ['lint', '--format', 'json', '--no-shellcheck', '--no-cache', 'Dockerfile', 'Plain.Dockerfile'];

/** The lint under `node`; under GNU time, which adds "peak-kb N" to stderr, when `timed`. */
function run(node: string, timed = false) {
  const argv = [bin, ...args];
  return spawnSync(timed ? '/usr/bin/time' : node, timed ? ['-f', 'peak-kb %M', node, ...argv] : argv, {
    cwd: dir,
    encoding: 'utf8',
    timeout: 60_000,
    env: { ...process.env, NODE_OPTIONS: '' },
  });
}

describe.skipIf(nodes.length === 0)('on other Node versions', () => {
  const here = built ? run(process.execPath) : undefined;

  it.each(nodes)('%s lints as this Node does (same json, same exit code, nothing on stderr)', (node) => {
    expect(here!.status).toBe(1);
    expect(JSON.parse(here!.stdout).flatMap((f: { diagnostics: { code: string }[] }) => f.diagnostics.map((d) => d.code))).toContain('DL3004');
    const r = run(node);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(here!.status);
    expect(r.stdout).toBe(here!.stdout);
  });

  it.each(nodes)('%s: a lint sets V8\'s tier-up threshold (node:v8 loaded), --version does not', (node) => {
    const loadsV8 = (...argv: string[]) => v8Loaded(node, bin, dir, argv).stderr;
    // Plain.Dockerfile loads no tree-sitter (whose loader loads node:v8 too).
    expect(loadsV8('lint', '--no-cache', '--no-shellcheck', 'Plain.Dockerfile')).toBe('v8: true\n');
    expect(loadsV8('--version')).toBe('v8: false\n');
  });

  // tree-sitter's wasm runs on V8's baseline compiler only in a CLI run (src/shell/loader.ts). On
  // Node 24, with --liftoff-only alone set at run time, V8 went on optimising the wasm in the
  // background: ~1.6 s and ~575 MB after a one-file lint, against ~70 MB here.
  it.skipIf(!gnuTime).each([process.execPath, ...nodes])('%s: a lint that loads tree-sitter peaks under 200 MB', (node) => {
    const r = run(node, true);
    expect(r.status).toBe(1);
    const peak = Number(/peak-kb (\d+)/.exec(r.stderr)?.[1]);
    expect(peak).toBeGreaterThan(0);
    expect(peak / 1024).toBeLessThan(200);
  });

  // The language server sets it too: with V8's optimising tier-up of tree-sitter, a server that
  // opened one such Dockerfile peaked at ~110 MB on Node 20 and ~580 MB on Node 24, against ~70 MB.
  it.skipIf(!gnuTime).each([process.execPath, ...nodes])('%s: the language server opening a Dockerfile that loads tree-sitter peaks under 200 MB', async (node) => {
    const ws = mkdtempSync(join(dir, 'ws-'));
    const file = join(ws, 'Dockerfile');
    writeFileSync(file, 'FROM debian:12\nRUN echo `uname -m` `id -u` && sudo make\n');
    const child = spawn('/usr/bin/time', ['-f', 'peak-kb %M', node, bin, 'lsp', '--stdio'], { cwd: ws, env: { ...process.env, NODE_OPTIONS: '' } });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const client = new LspClient(child);
    const uri = pathToFileURL(file).href;
    await client.request('initialize', { processId: null, rootUri: pathToFileURL(ws).href, capabilities: {} });
    client.notify('initialized', {});
    client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'dockerfile', version: 1, text: readFileSync(file, 'utf8') } });
    // Published once at once, and again with the RUN's findings when tree-sitter has loaded.
    const codes = (m: Message) => (m.params.diagnostics as { code: string }[]).map((d) => d.code);
    await client.wait((m) => m.method === 'textDocument/publishDiagnostics' && m.params.uri === uri && codes(m).includes('DL3004'), 'DL3004 (sudo) in the RUN tree-sitter reads');
    await client.request('shutdown', null);
    client.notify('exit', null);
    expect(await client.exited).toBe(0);
    const peak = Number(/peak-kb (\d+)/.exec(stderr)?.[1]);
    expect(peak).toBeGreaterThan(0);
    expect(peak / 1024).toBeLessThan(200);
  });
});
