// A git revision as a baseline build (`explain --since REV`, and the language server's code lens
// against HEAD): the Dockerfile's text at that revision, and which context files differ from it
// (changed since, or untracked), so the baseline's context is today's with those files marked.
import { execFile } from 'node:child_process';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import type { ContextReader } from '../planner/context.js';
import { digestOf } from '../planner/hash.js';
import { CliError } from './io.js';

/** The Dockerfile and context as they were at a revision. */
export interface GitRevision {
  /** The repository's top directory. */
  top: string;
  /** The Dockerfile's path in the repository (`/`-separated). */
  dockerfile: string;
  /** Its text at the revision, or null when it did not exist then. */
  text: string | null;
  /** Context paths (relative to the context root) that differ from the revision or are untracked. */
  changed: string[];
}

/** Runs git; a failure is one CliError line. */
function git(cwd: string, argv: string[], maxBuffer = 256 * 1024 * 1024): Promise<string> {
  return new Promise((done, fail) => {
    execFile('git', argv, { cwd, encoding: 'utf8', maxBuffer }, (err, stdout, stderr) => {
      if (err && (err as NodeJS.ErrnoException).code === 'ENOENT') return fail(new CliError(`git is not available: ${err.message}`));
      if (err) return fail(new CliError(`git ${argv.join(' ')}: ${(stderr || '').trim().split('\n')[0] || `exit ${String(err.code)}`}`));
      done(stdout);
    });
  });
}

/** The top directory of the repository holding `dir`; a CliError (git's own words) when there is none. */
export async function gitTop(dir: string): Promise<string> {
  return (await git(dir, ['rev-parse', '--show-toplevel'])).trim();
}

/** Reads `rev` for a Dockerfile and its context (see GitRevision). */
export async function readRevision(dockerfile: string, contextDir: string, rev: string, top: string): Promise<GitRevision> {
  try {
    await git(top, ['rev-parse', '--verify', '--quiet', `${rev}^{commit}`]);
  } catch {
    throw new CliError(`unknown git revision '${rev}'`);
  }
  const [diff, untracked] = await Promise.all([
    git(top, ['diff', '--name-only', '-z', rev, '--']),
    git(top, ['ls-files', '--others', '--exclude-standard', '-z']),
  ]);
  const changed = toContextPaths([...diff.split('\0'), ...untracked.split('\0')].filter(Boolean), top, contextDir);
  const path = relative(top, dockerfile).split(sep).join('/');
  let text: string | null;
  try {
    text = await git(top, ['show', `${rev}:${path}`], 64 * 1024 * 1024);
  } catch {
    text = null; // not in that revision
  }
  return { top, dockerfile: path, text, changed };
}

/** Paths relative to `base` as context paths; those outside the context are dropped (COPY cannot read them). */
export function toContextPaths(paths: readonly string[], base: string, contextDir: string): string[] {
  const out: string[] = [];
  for (const p of paths) {
    const rel = relative(contextDir, resolve(base, p));
    if (rel.startsWith('..') || isAbsolute(rel)) continue;
    out.push(rel.split(sep).join('/'));
  }
  return out;
}

/** Marks paths as changed: their digests differ from the current ones, and missing ones exist. */
export function markChanged(changed: readonly string[], deleted: (p: string) => boolean): (ctx: ContextReader) => ContextReader {
  const set = new Set(changed);
  // '' is the context root itself: everything it sends changed.
  const hit = (p: string) => set.has(p) || changed.some((c) => c === '' || p.startsWith(`${c}/`));
  return (ctx) => {
    const present = new Set(ctx.entries().map((e) => e.path));
    // A changed path missing from the context either was deleted (it was sent before) or is
    // excluded by .dockerignore (never sent, so it cannot matter).
    const extra = changed.filter((c) => c && !present.has(c) && deleted(c)).map((path) => ({ path, type: 'file' as const }));
    const entries = extra.length ? [...ctx.entries(), ...extra].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)) : ctx.entries();
    return {
      root: ctx.root,
      entries: () => entries,
      digest: (p) => (hit(p) ? digestOf({ before: p, was: present.has(p) ? ctx.digest(p) : null }) : ctx.digest(p)),
    };
  };
}
