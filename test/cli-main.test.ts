// The CLI entry point: usage errors stop before anything runs, version, help, exit codes.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import pkg from '../package.json' with { type: 'json' };

const bin = resolve(__dirname, '../bin/dockhand.js');
const dir = mkdtempSync(join(tmpdir(), 'dockhand-main-'));
writeFileSync(join(dir, 'Dockerfile'), 'FROM alpine:3.20\nRUN echo hi\n');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const dh = (...args: string[]) => spawnSync(process.execPath, [bin, ...args], { cwd: dir, encoding: 'utf8', timeout: 30_000 });

describe('dockhand (entry point)', () => {
  it('a usage error runs nothing: no output, no side effects, exit 2, one line', () => {
    const r = dh('plan', '--bogus', '--save', 'saved.json');
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe("dockhand: Unknown argument: bogus\nRun 'dockhand --help' for usage.\n");
    expect(existsSync(join(dir, 'saved.json'))).toBe(false);
    const bad = dh('plan', '--format', 'yaml');
    expect(bad.status).toBe(2);
    expect(bad.stdout).toBe('');
    expect(bad.stderr.split('\n')[0]).toMatch(/^dockhand: Invalid values: Argument: format, Given: "yaml"/);
  });

  it('prints its own version wherever it runs', () => {
    // `--version` alone is answered without yargs; with other words yargs answers: the same line.
    expect(dh('--version')).toMatchObject({ status: 0, stdout: `${pkg.version}\n`, stderr: '' });
    expect(dh('--version', '--no-color')).toMatchObject({ status: 0, stdout: `${pkg.version}\n`, stderr: '' });
  });

  it('asks for a command, and suggests one for a typo', () => {
    expect(dh()).toMatchObject({ status: 2, stdout: '' });
    expect(dh('plna').stderr).toMatch(/Unknown argument: plna|Did you mean plan/);
  });

  it('stops quietly when the reader of its output goes away', () => {
    const r = spawnSync('sh', ['-c', `"${process.execPath}" "${bin}" rules --format json | head -c 10`], { cwd: dir, encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.stdout).toHaveLength(10);
  });

  it('loads the packages it keeps outside the bundle (Graphviz for plan --format svg)', () => {
    const r = dh('plan', '--format', 'svg');
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/<svg[\s\S]*<\/svg>\s*$/);
  });

  it('is bundled as ASCII only, which V8 keeps as one-byte text (scripts/build.mjs)', () => {
    const bytes = readFileSync(resolve(__dirname, '../dist/cli.cjs'));
    expect(bytes.findIndex((b) => b > 0x7f)).toBe(-1);
  });

  it('every command has --help', () => {
    for (const c of ['lint', 'parse', 'context', 'plan', 'explain', 'rules']) {
      const r = dh(c, '--help');
      expect(r.status, c).toBe(0);
      expect(r.stdout, c).toMatch(new RegExp(`dockhand ${c}`));
    }
  });
});
