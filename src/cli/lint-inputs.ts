// Turns `dockhand lint` path arguments into Dockerfiles to read: files, directories (searched for
// Dockerfile, *.Dockerfile, Dockerfile.*, Containerfile), globs and `-` (stdin).
import { lstatSync, readdirSync, statSync, type Stats } from 'node:fs';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import { minimatch } from 'minimatch';
import { errnoReason } from '../core/errno.js';

/** One thing to lint. */
export type LintInput =
  /**
   * `searched`: found by a directory search rather than named (a binary match is skipped, not an error).
   * `stat`: the file's stat when resolving the arguments took one (reading it then takes none).
   */
  | { kind: 'file'; path: string; display: string; searched?: boolean; stat?: Stats }
  | { kind: 'stdin'; display: string };

/** What the arguments resolved to, plus one message per argument that matched nothing. */
export interface ResolvedInputs {
  inputs: LintInput[];
  errors: string[];
}

/** Suffixes of files that merely look like Dockerfiles (`Dockerfile.png`, `Containerfile.5.gz`, backups). */
const NOT_DOCKERFILE = /(?:\.(?:dockerignore|png|svg|jpe?g|gif|gz|tgz|bz2|xz|zst|zip|tar|md|orig|rej|bak|swp|pdf|html?)|~)$/i;

/** True for file names a directory search picks up. */
export function isDockerfileName(name: string): boolean {
  if (NOT_DOCKERFILE.test(name)) return false;
  return name === 'Dockerfile' || name === 'Containerfile' || name.endsWith('.Dockerfile') || name.startsWith('Dockerfile.') || name.startsWith('Containerfile.');
}

const SKIP_DIRS = new Set(['node_modules', '.git', '.hg', '.svn']);
const GLOB_CHARS = /[*?[\]{}]/;

/**
 * Resolve path arguments relative to `cwd`; `stdinName` names `-` in reports. Without paths:
 * `./Dockerfile` when there is one, else every Dockerfile found below `cwd` (as a directory
 * argument `.` would find them), like `ruff check` or `eslint` with no path.
 */
export function resolveInputs(paths: readonly string[], cwd: string, stdinName = '-'): ResolvedInputs {
  if (paths.length === 0 && !exists(join(cwd, 'Dockerfile'))) {
    const { found, problems } = searchDirectory(cwd);
    // No path was given: say what was looked for, and where.
    const none = 'no Dockerfile in the current directory or below (looked for Dockerfile, *.Dockerfile, Dockerfile.* and Containerfile; give a path)';
    const errors = found.length === 0 && problems.length === 0 ? [none] : problems;
    return { inputs: found.map((f) => ({ kind: 'file', path: f, display: displayPath(f, cwd), searched: true })), errors };
  }
  return resolvePaths(paths.length ? paths : ['Dockerfile'], cwd, stdinName);
}

/** The Dockerfiles below `dir`, sorted, and one message per directory that could not be read. */
function searchDirectory(dir: string): { found: string[]; problems: string[] } {
  const found: string[] = [];
  const problems: string[] = [];
  walk(dir, (f, name) => { if (isDockerfileName(name)) found.push(f); }, problems);
  return { found: found.sort(), problems };
}

/** True when anything (even a dangling link) is at `path`. */
function exists(path: string): boolean {
  try {
    lstatSync(path);
    return true;
  } catch {
    return false;
  }
}

function resolvePaths(paths: readonly string[], cwd: string, stdinName: string): ResolvedInputs {
  const inputs: LintInput[] = [];
  const errors: string[] = [];
  const seen = new Set<string>();
  const add = (abs: string, searched = false, stat?: Stats) => {
    if (seen.has(abs)) return;
    seen.add(abs);
    const input: LintInput = { kind: 'file', path: abs, display: displayPath(abs, cwd) };
    if (searched) input.searched = true;
    if (stat) input.stat = stat;
    inputs.push(input);
  };
  for (const p of paths) {
    if (p === '-') {
      if (!seen.has('-')) inputs.push({ kind: 'stdin', display: stdinName });
      seen.add('-');
      continue;
    }
    const abs = resolveArg(cwd, p);
    let st: ReturnType<typeof statSync> | undefined;
    try {
      st = statSync(abs);
    } catch (err) {
      if (GLOB_CHARS.test(p)) {
        const found = glob(p, cwd);
        if (found.length === 0) errors.push(`no files match ${p}`);
        for (const f of found) add(f);
        continue;
      }
      errors.push(`cannot read ${p}: ${errnoReason(err)}`);
      continue;
    }
    if (st.isDirectory()) {
      const { found, problems } = searchDirectory(abs);
      // Unreadable subdirectories are reported (their Dockerfiles would be missed silently otherwise).
      errors.push(...problems);
      if (found.length === 0 && problems.length === 0) errors.push(`no Dockerfile found in ${p}`);
      for (const f of found) add(f, true);
    } else add(abs, false, st);
  }
  return { inputs, errors };
}

/** Path shown in reports: relative to cwd when inside it, `/`-separated. */
export function displayPath(abs: string, cwd: string): string {
  const rel = sep === '/' ? relativeBelow(abs, cwd) : relative(cwd, abs);
  const shown = rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : abs;
  return sep === '/' ? shown : shown.split(sep).join('/');
}

let normalCwd: string | undefined;
/** A `//`, a `.` or `..` segment, or a trailing `/`: not what path.resolve returns. */
const UNNORMAL = /\/\/|\/\.\.?(?:\/|$)|.\/$/;

/** True when `cwd` is a normalised absolute POSIX path (what path.resolve returns; remembered). */
function isNormal(cwd: string): boolean {
  if (cwd === normalCwd) return true;
  if (sep !== '/' || resolve(cwd) !== cwd) return false;
  normalCwd = cwd;
  return true;
}

/**
 * path.resolve(cwd, p) for the shapes a long list of arguments has (`dir/file`, `../dir/file`,
 * `/abs/file`, each otherwise normalised) without normalising each whole string again; anything
 * else goes to path.resolve.
 */
export function resolveArg(cwd: string, p: string): string {
  if (!isNormal(cwd)) return resolve(cwd, p);
  if (p.charCodeAt(0) === 47) return UNNORMAL.test(p) ? resolve(cwd, p) : p;
  let base = cwd;
  let i = 0;
  for (;;) {
    if (p.startsWith('./', i)) i += 2;
    else if (p.startsWith('../', i)) {
      i += 3;
      base = base.slice(0, base.lastIndexOf('/')) || '/';
    } else break;
  }
  const rest = i === 0 ? p : p.slice(i);
  if (rest === '' || rest === '.' || rest === '..' || rest.charCodeAt(0) === 47 || UNNORMAL.test(rest)) return resolve(cwd, p);
  return base === '/' ? `/${rest}` : `${base}/${rest}`;
}

/**
 * path.relative(cwd, abs) as displayPath reads it, without resolving both again for each of a run's
 * (thousands of) inputs: when both are normalised absolute POSIX paths, `abs` below `cwd` is the
 * rest of it, and anywhere else relative() starts with `..` (displayPath then shows `abs`).
 */
function relativeBelow(abs: string, cwd: string): string {
  if (!isNormal(cwd) || abs.charCodeAt(0) !== 47 || UNNORMAL.test(abs)) return relative(cwd, abs);
  if (abs === cwd) return '';
  if (cwd === '/') return abs.slice(1);
  return abs.startsWith(cwd) && abs.charCodeAt(cwd.length) === 47 ? abs.slice(cwd.length + 1) : '..';
}

/** Depth-first walk that does not follow symlinked directories (no loops) and skips VCS/deps dirs. */
function walk(dir: string, onFile: (path: string, name: string) => void, problems: string[]): void {
  let entries: import('node:fs').Dirent[];
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch (err) {
    problems.push(`cannot read directory ${dir}: ${errnoReason(err)}`);
    return;
  }
  for (const e of entries) {
    const full = join(dir, e.name);
    if (e.isDirectory()) {
      if (SKIP_DIRS.has(e.name)) continue;
      walk(full, onFile, problems);
    } else if (e.isFile()) onFile(full, e.name);
    else if (e.isSymbolicLink()) {
      try {
        if (statSync(full).isFile()) onFile(full, e.name);
      } catch {
        // dangling link: not a Dockerfile
      }
    }
  }
}

function glob(pattern: string, cwd: string): string[] {
  const norm = pattern.split(sep).join('/');
  const parts = norm.split('/');
  const fixed: string[] = [];
  for (const part of parts) {
    if (GLOB_CHARS.test(part)) break;
    fixed.push(part);
  }
  const baseRel = fixed.join('/') || (norm.startsWith('/') ? '/' : '.');
  const base = resolve(cwd, baseRel);
  const absPattern = norm.startsWith('/') ? norm : `${resolve(cwd).split(sep).join('/')}/${norm}`;
  const out: string[] = [];
  try {
    if (!lstatSync(base).isDirectory()) return out;
  } catch {
    return out;
  }
  walk(base, (f) => {
    if (minimatch(f.split(sep).join('/'), absPattern, { dot: false })) out.push(f);
  }, []);
  return out.sort();
}
