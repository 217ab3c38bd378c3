// A git revision as a baseline build (`explain --since REV`, and the language server's code lens
// against HEAD): the Dockerfile's text at that revision, and which context files differ from it
// (changed since, or untracked), so the baseline's context is today's with those files marked,
// without what the revision did not have, and under the revision's .dockerignore when it differs.
// What git cannot know (ignored files, submodules, .git) counts as unchanged.
// test/explain-since-oracle.test.ts checks it against the revision checked out and planned.
import { execFile } from 'node:child_process';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import { memberAbove, parentsOf, type ContextEntry, type ContextReader } from '../planner/context.js';
import { digestOf } from '../planner/hash.js';
import { CliError } from './io.js';
import type { IgnoreOverride } from './planner-context.js';

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
  /** Those of `changed` that the revision does not have: added since, or untracked. */
  added: string[];
  /**
   * Context paths git ignores (a directory for all below it): git cannot say how they were at the
   * revision, so they count as unchanged.
   */
  ignored: string[];
  /** The repository's `.git` as a context path, when the context holds it (git does not list it). */
  gitDir?: string;
  /** Context paths of the directories that held a file at the revision (git tracks no others). */
  dirs: string[];
  /** Context paths of submodules at the revision: their files are another repository's. */
  submodules: string[];
  /** What each path git reports changed or deleted was at the revision (absent: it was not there). */
  types: Record<string, ThenEntry>;
  /**
   * The .dockerignore the build used at the revision, when it differs from today's (edited, added,
   * removed; `path` and `text` null when there was none); undefined when it is the same.
   */
  ignore?: IgnoreOverride;
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
  // Without rename detection (whatever diff.renames says): a renamed file is its old path deleted
  // and its new one added, and a step that copied the old path must rebuild too.
  const [diff, untracked, ignored, tree] = await Promise.all([
    git(top, ['diff', '--name-status', '--no-renames', '-z', rev, '--']),
    git(top, ['ls-files', '--others', '--exclude-standard', '-z']),
    // An ignored directory is listed once, not file by file (node_modules).
    git(top, ['ls-files', '--others', '--ignored', '--exclude-standard', '--directory', '-z']),
    git(top, ['ls-tree', '-r', '-z', rev]),
  ]);
  const paths: string[] = [];
  const added: string[] = untracked.split('\0').filter(Boolean);
  // -z --name-status: a status letter, then the path, each ended by a NUL.
  const fields = diff.split('\0');
  for (let i = 0; i + 1 < fields.length; i += 2) {
    const [status, file] = [fields[i]!, fields[i + 1]!];
    if (!file) continue;
    if (status.startsWith('A')) added.push(file);
    else paths.push(file);
  }
  const before = new Set(paths);
  // `<mode> <type> <object>\t<path>` records: the directories above each path existed then.
  const dirsThen = new Set<string>();
  const submodules: string[] = [];
  /** The mode and object then of each path git reports changed or deleted. */
  const objects = new Map<string, { mode: string; object: string }>();
  for (const record of tree.split('\0')) {
    const tab = record.indexOf('\t');
    if (tab < 0) continue;
    const file = record.slice(tab + 1);
    const [mode, kind, object] = record.slice(0, tab).split(' ');
    if (before.has(file)) objects.set(file, { mode: mode!, object: object! });
    if (kind === 'commit') {
      submodules.push(file);
      dirsThen.add(file);
    }
    for (const dir of parentsOf(file)) {
      if (dirsThen.has(dir)) break; // and so did those above it
      dirsThen.add(dir);
    }
  }
  const changed = toContextPaths([...paths, ...added], top, contextDir);
  // What the changed paths were: a link's target is its blob.
  const types: Record<string, ThenEntry> = {};
  for (const file of paths) {
    const then = objects.get(file);
    const [at] = toContextPaths([file], top, contextDir);
    if (!then || at === undefined) continue;
    if (then.mode === '120000') types[at] = { type: 'symlink', target: await git(top, ['cat-file', 'blob', then.object]) };
    else if (then.mode.startsWith('100')) types[at] = { type: 'file' };
  }
  const path = relative(top, dockerfile).split(sep).join('/');
  const ignore = await revisionIgnore(top, rev, dockerfile, contextDir, new Set([...paths, ...added]));
  let text: string | null;
  try {
    text = await git(top, ['show', `${rev}:${path}`], 64 * 1024 * 1024);
  } catch {
    text = null; // not in that revision
  }
  return {
    top,
    dockerfile: path,
    text,
    changed,
    added: toContextPaths(added, top, contextDir),
    ignored: toContextPaths(ignored.split('\0').filter(Boolean), top, contextDir),
    dirs: toContextPaths([...dirsThen], top, contextDir),
    submodules: toContextPaths(submodules, top, contextDir),
    types,
    ...(ignore ? { ignore } : {}),
    ...toContextPaths(['.git'], top, contextDir).map((gitDir) => ({ gitDir }))[0],
  };
}

/**
 * The .dockerignore a build at `rev` read (BuildKit's order: `<Dockerfile>.dockerignore` beside the
 * Dockerfile, else the context's `.dockerignore`), when either differs since then (`differs`: paths
 * relative to `top`); else undefined, today's being the same.
 */
async function revisionIgnore(top: string, rev: string, dockerfile: string, contextDir: string, differs: ReadonlySet<string>): Promise<IgnoreOverride | undefined> {
  const candidates = [`${dockerfile}.dockerignore`, join(contextDir, '.dockerignore')]
    .map((abs) => relative(top, abs).split(sep).join('/'))
    .filter((rel) => !rel.startsWith('..') && !isAbsolute(rel));
  if (!candidates.some((c) => differs.has(c))) return undefined;
  for (const rel of candidates) {
    let text: string;
    try {
      text = await git(top, ['show', `${rev}:${rel}`], 64 * 1024 * 1024);
    } catch {
      continue; // not in that revision
    }
    return { path: `${rev}:${rel}`, text: Buffer.from(text, 'utf8') };
  }
  return { path: null, text: null };
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

/** What git knew of a revision, for markChanged. */
export interface RevisionKnowledge {
  /** Files the revision did not have (added since, or untracked). */
  added: readonly string[];
  /** Directories that held a file then. */
  dirs: ReadonlySet<string>;
  /** What git cannot say (ignored paths, submodules, `.git`): kept as it is today. */
  unknown: readonly string[];
  /** What each changed or deleted path was then: a file, or a link and where it led. */
  types: ReadonlyMap<string, ThenEntry>;
}

/** A path as the revision had it. */
export type ThenEntry = { type: 'file' } | { type: 'symlink'; target: string };

/** What markChanged needs of a revision to give the context as the revision had it. */
export function revisionKnowledge(rev: GitRevision): RevisionKnowledge {
  return {
    added: rev.added,
    dirs: new Set(rev.dirs),
    unknown: [...rev.ignored, ...rev.submodules, ...(rev.gitDir === undefined ? [] : [rev.gitDir])],
    types: new Map(Object.entries(rev.types)),
  };
}

/**
 * The context as it was before `changed`: their digests differ from the current ones, and missing
 * ones existed (with the directories they were in). With what git knew of the revision (`then`):
 * a changed path is what it was then (a file that is a link today is a file), files added since
 * were not there, nor were directories that held no file of it (git tracks no directories), unless
 * git cannot say (`then.unknown`: ignored paths, submodules and `.git`, which count as unchanged).
 */
export function markChanged(changed: readonly string[], deleted: (p: string) => boolean, then?: RevisionKnowledge): (ctx: ContextReader) => ContextReader {
  const set = new Set(changed);
  // '' is the context root itself: everything it sends changed.
  const hit = (p: string) => set.has(p) || changed.some((c) => c === '' || p.startsWith(`${c}/`));
  return (ctx) => {
    const now = new Map(ctx.entries().map((e) => [e.path, e]));
    const byPath = new Map(now);
    if (then) for (const p of then.added) byPath.delete(p);
    // A changed path missing from the context was deleted, and was sent then unless .dockerignore
    // excludes it; one that exists but is missing is excluded (never sent, so it cannot matter).
    const gone = changed.filter((c) => c && !now.has(c) && deleted(c) && !ctx.excluded?.(c));
    for (const path of [...gone, ...changed.filter((c) => now.has(c))]) {
      const was = then?.types.get(path);
      if (was) byPath.set(path, { path, ...was });
      else if (!now.has(path)) byPath.set(path, { path, type: 'file' });
    }
    // A file that was there was in a directory.
    for (const path of gone) {
      for (const dir of parentsOf(path)) if (byPath.get(dir)?.type !== 'dir') byPath.set(dir, { path: dir, type: 'dir' });
    }
    let entries = [...byPath.values()];
    if (then) entries = asThen(entries, then);
    entries.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    return {
      root: ctx.root,
      entries: () => entries,
      digest: (p) => (hit(p) ? digestOf({ before: p, was: now.has(p) ? ctx.digest(p) : null }) : ctx.digest(p)),
    };
  };
}

/**
 * `entries` without the directories that held no file at the revision; what lies under an
 * `unknown` path is kept as it is.
 */
function asThen(entries: readonly ContextEntry[], then: RevisionKnowledge): ContextEntry[] {
  const unknown = new Set(then.unknown);
  // The directories above an unknown path stay with it.
  const above = new Set<string>();
  for (const p of unknown) for (const dir of parentsOf(p)) above.add(dir);
  return entries.filter((e) => e.type !== 'dir' || then.dirs.has(e.path) || above.has(e.path) || memberAbove(unknown, e.path) !== undefined);
}
