// ConfigFinder: the CLI's cached lookup, and the live mode the language server uses (a config
// edited on disk counts at the next lint; an unchanged one is the very same object, so the
// linter's per-config memos keep working).
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigFinder, ConfigLoadError, configFailure, configReport } from '../src/cli/config-file.js';

const base = mkdtempSync(join(tmpdir(), 'dockhand-config-'));
afterAll(() => rmSync(base, { recursive: true, force: true }));
const env = { HOME: join(base, 'home'), XDG_CONFIG_HOME: join(base, 'xdg') };

describe('ConfigFinder', () => {
  it('live: sees edits, new and removed files, and returns the same object while nothing changed', async () => {
    const dir = join(base, 'live', 'a', 'b');
    mkdirSync(dir, { recursive: true });
    const finder = new ConfigFinder(env, true);
    const none = await finder.forDirectory(dir);
    expect(none.path).toBeNull();
    expect(await finder.forDirectory(dir)).toBe(none);

    const file = join(base, 'live', '.hadolint.yaml');
    writeFileSync(file, 'ignored:\n  - DL3006\n');
    const first = await finder.forDirectory(dir);
    expect(first.path).toBe(file);
    expect(first.result.config.ignored).toEqual(['DL3006']);
    expect(await finder.forDirectory(dir)).toBe(first);

    writeFileSync(file, 'ignored:\n  - DL3007\n');
    utimesSync(file, new Date(), new Date(Date.now() + 5000)); // a new mtime even on a coarse clock
    const edited = await finder.forDirectory(dir);
    expect(edited).not.toBe(first);
    expect(edited.result.config.ignored).toEqual(['DL3007']);

    const nearer = join(base, 'live', 'a', '.dockhand.yaml');
    writeFileSync(nearer, 'ignored: [DL3008]\n');
    expect((await finder.forDirectory(dir)).path).toBe(nearer);
    rmSync(nearer);
    expect((await finder.forDirectory(dir)).path).toBe(file);
  });

  it('live: a config that stops loading fails at every lookup, with its place, until it loads again', async () => {
    const dir = join(base, 'broken');
    mkdirSync(dir, { recursive: true });
    const file = join(dir, '.dockhand.yaml');
    writeFileSync(file, 'ignored: [DL3006]\n');
    const finder = new ConfigFinder(env, true);
    expect((await finder.forDirectory(dir)).result.config.ignored).toEqual(['DL3006']);
    writeFileSync(file, 'ignored: [DL3006]\nbogus: 1\n');
    utimesSync(file, new Date(), new Date(Date.now() + 5000));
    for (let i = 0; i < 2; i++) {
      const err = await finder.forDirectory(dir).then(() => null, (e: unknown) => e);
      expect(err).toBeInstanceOf(ConfigLoadError);
      expect(err).toMatchObject({ message: `invalid config ${file}:2:1: unknown key 'bogus'`, file, line: 2, column: 1, detail: "unknown key 'bogus'" });
      expect(configFailure(err, finder.environment)).toEqual({ files: [file], problems: [{ file, line: 2, column: 1, severity: 'error', message: "unknown key 'bogus'; Dockerfiles under it are linted with the defaults until it is fixed" }] });
    }
    writeFileSync(file, 'ignored: [DL3007]\n');
    utimesSync(file, new Date(), new Date(Date.now() + 10000));
    expect((await finder.forDirectory(dir)).result.config.ignored).toEqual(['DL3007']);
  });

  it('reports a hadolint file\'s skipped parts and the environment\'s with their places', async () => {
    const dir = join(base, 'report');
    mkdirSync(dir, { recursive: true });
    const file = join(dir, '.hadolint.yaml');
    writeFileSync(file, 'ignored: [DL3006]\nrules:\n  DL3008: off\n');
    const finder = new ConfigFinder({ ...env, HADOLINT_FAILURE_THRESHOLD: 'loud' }, true);
    expect(configReport(await finder.forDirectory(dir), finder.environment)).toEqual({
      files: [file],
      problems: [
        { file: null, severity: 'warning', message: "HADOLINT_FAILURE_THRESHOLD: unknown threshold 'loud', ignored" },
        { file, line: 2, column: 1, severity: 'warning', message: "'rules' is a .dockhand.yaml key; ignored in a hadolint config file" },
      ],
    });
    const unreadable = await new ConfigFinder(env, true).forDirectory(dir, join(dir, 'missing.yaml')).then(() => null, (e: unknown) => e);
    expect(configFailure(unreadable, finder.environment).problems).toEqual([
      { file: null, severity: 'warning', message: "HADOLINT_FAILURE_THRESHOLD: unknown threshold 'loud', ignored" },
      { file: join(dir, 'missing.yaml'), line: undefined, column: undefined, severity: 'error', message: expect.stringMatching(/^cannot read it: .*; Dockerfiles under it are linted with the defaults until it is fixed$/) },
    ]);
  });

  it('without live mode, answers each directory once per run', async () => {
    const dir = join(base, 'once');
    mkdirSync(dir, { recursive: true });
    const finder = new ConfigFinder(env);
    expect((await finder.forDirectory(dir)).path).toBeNull();
    writeFileSync(join(dir, '.hadolint.yaml'), 'ignored: [DL3006]\n');
    expect((await finder.forDirectory(dir)).path).toBeNull();
  });
});
