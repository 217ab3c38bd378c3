// ConfigFinder: the CLI's cached lookup, and the live mode the language server uses (a config
// edited on disk counts at the next lint; an unchanged one is the very same object, so the
// linter's per-config memos keep working).
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigFinder } from '../src/cli/config-file.js';

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

  it('without live mode, answers each directory once per run', async () => {
    const dir = join(base, 'once');
    mkdirSync(dir, { recursive: true });
    const finder = new ConfigFinder(env);
    expect((await finder.forDirectory(dir)).path).toBeNull();
    writeFileSync(join(dir, '.hadolint.yaml'), 'ignored: [DL3006]\n');
    expect((await finder.forDirectory(dir)).path).toBeNull();
  });
});
