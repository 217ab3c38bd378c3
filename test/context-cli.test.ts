// `dockhand context` through the CLI entry point with captured streams: the JSON contract of
// design.md, the text report, and one-line errors with exit code 2.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { run } from '../src/cli/main.js';
import type { Io } from '../src/cli/io.js';
import { capturedIo } from './cli-io.js';

const base = mkdtempSync(join(tmpdir(), 'dockhand-ctxcli-'));
afterAll(() => rmSync(base, { recursive: true, force: true }));

function capture(cwd: string, tty = false): Io & { out: string; err: string } {
  return capturedIo({ cwd, tty, stderrTty: tty });
}

function write(root: string, spec: Record<string, string>): void {
  for (const [p, c] of Object.entries(spec)) {
    mkdirSync(dirname(join(root, p)), { recursive: true });
    writeFileSync(join(root, p), c);
  }
}

describe('dockhand context', () => {
  const root = join(base, 'app');
  const spec: Record<string, string> = {
    '.dockerignore': '# build outputs\nnode_modules\n*.log\n!keep.log\n',
    'Dockerfile': 'FROM node:22\nCOPY . .\n',
    'src/index.ts': 'console.log(1)\n',
    'keep.log': 'k',
    'debug.log': 'dddd',
    'node_modules/x/index.js': 'module.exports = 1\n',
    'docker/web.Dockerfile': 'FROM nginx\n',
    'docker/web.Dockerfile.dockerignore': 'src\n',
  };
  write(root, spec);
  const sent = ['.dockerignore', 'Dockerfile', 'docker/web.Dockerfile', 'docker/web.Dockerfile.dockerignore', 'keep.log', 'src/index.ts'];
  const total = sent.reduce((t, p) => t + Buffer.byteLength(spec[p]!), 0);

  it('prints the JSON contract, files sorted by path', async () => {
    const io = capture(base);
    expect(await run(['context', 'app', '--format', 'json'], io)).toBe(0);
    const out = JSON.parse(io.out);
    expect(Object.keys(out)).toEqual(['root', 'dockerignore', 'files', 'totalBytes', 'excluded']);
    expect(out.root).toBe(root);
    expect(out.dockerignore).toBe('.dockerignore');
    expect(out.files).toEqual(sent.map((path) => ({ path, size: Buffer.byteLength(spec[path]!) })));
    expect(out.totalBytes).toBe(total);
    expect(out.excluded).toBe(2);
    expect(io.err).toBe('');
  });

  it('names the context as the user sees it: relative inside the current directory, else absolute', async () => {
    const shown = async (cwd: string, args: string[]) => {
      const io = capture(cwd);
      expect(await run(['context', ...args], io)).toBe(0);
      return /^context: +(.*)$/m.exec(io.out)?.[1];
    };
    expect(await shown(base, ['app'])).toBe('app');
    expect(await shown(root, [])).toBe('.');
    expect(await shown(join(root, 'src'), ['..'])).toBe(root);
    expect(await shown(base, [root])).toBe('app');
  });

  it('uses <Dockerfile>.dockerignore for --file', async () => {
    const io = capture(root);
    expect(await run(['context', '.', '--file', 'docker/web.Dockerfile', '--format', 'json'], io)).toBe(0);
    const out = JSON.parse(io.out);
    expect(out.dockerignore).toBe('docker/web.Dockerfile.dockerignore');
    expect(out.files.map((f: { path: string }) => f.path)).not.toContain('src/index.ts');
    expect(out.files.map((f: { path: string }) => f.path)).toContain('node_modules/x/index.js');
  });

  it('prints a text report with totals, largest files, exclusions and warnings', async () => {
    const io = capture(root);
    expect(await run(['context'], io)).toBe(0);
    expect(io.out).toMatch(/^context: +\.$/m);
    expect(io.out).toMatch(/^\.dockerignore: \.dockerignore \(3 patterns\)$/m);
    expect(io.out).toContain(`sends:         6 files, ${total} B (${total} bytes)\n`);
    expect(io.out).toMatch(/excluded by \.dockerignore:\n {2}debug\.log\n {2}node_modules\/\n/);
    expect(io.err).toBe('');
  });

  it('fails with one line and exit 2 for a missing directory, a file, or a bad .dockerignore', async () => {
    let io = capture(base);
    expect(await run(['context', 'missing'], io)).toBe(2);
    expect(io.err).toMatch(/^dockhand: .*missing: no such file or directory\n$/);
    io = capture(root);
    expect(await run(['context', 'Dockerfile'], io)).toBe(2);
    expect(io.err).toMatch(/^dockhand: .*Dockerfile: not a directory\n$/);
    const bad = join(base, 'bad');
    write(bad, { '.dockerignore': 'ok\n[\n', f: '' });
    io = capture(base);
    expect(await run(['context', 'bad'], io)).toBe(2);
    expect(io.err).toMatch(/^dockhand: .*\.dockerignore: line 2: syntax error in pattern "\["\n$/);
    expect(io.out).toBe('');
  });
});
