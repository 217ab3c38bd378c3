// .dockerignore: reading (moby ignorefile.ReadAll) and matching (moby patternmatcher), plus the
// choice of file (BuildKit prefers `<Dockerfile>.dockerignore` next to the Dockerfile).
import { accessSync, constants, existsSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { isFile } from '../core/is-file.js';
import { goClean, goTrimSpace, isBadGlob } from './go-compat.js';
import { GoRegexpError } from './go-regexp.js';
import { compileMobyPattern, type CompiledGlob } from './moby-pattern.js';

/** One pattern as ReadAll returns it (`!` kept in front of exceptions), with its 1-based line. */
export interface IgnoreLine {
  pattern: string;
  line: number;
}

/** A .dockerignore that cannot be used: Moby would fail the build. */
export class DockerignoreError extends Error {
  constructor(
    message: string,
    /** 1-based line in the file, when the pattern came from one. */
    readonly line?: number,
    readonly pattern?: string,
  ) {
    super(message);
  }
}

const decoder = new TextDecoder('utf-8');
/** bufio.Scanner's default limit: a longer line makes ReadAll fail. */
const MAX_LINE_BYTES = 64 * 1024;

/**
 * Reads a .dockerignore the way moby's ignorefile.ReadAll does: drops a UTF-8 BOM, splits lines
 * (CRLF or LF), skips lines whose first character is `#`, trims, keeps `!` exceptions, cleans each
 * pattern and removes one leading `/`.
 */
export function readDockerignore(input: string | Uint8Array): IgnoreLine[] {
  let text = typeof input === 'string' ? input : decoder.decode(input);
  if (text.startsWith('\uFEFF')) text = text.slice(1);
  const out: IgnoreLine[] = [];
  const lines = text.split('\n');
  // A final newline does not start another line (bufio.ScanLines).
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  for (let n = 0; n < lines.length; n++) {
    let raw = lines[n]!;
    if (raw.endsWith('\r')) raw = raw.slice(0, -1);
    if (raw.length >= MAX_LINE_BYTES / 4 && Buffer.byteLength(raw) >= MAX_LINE_BYTES) {
      throw new DockerignoreError(`line ${n + 1} is longer than 64 KiB`, n + 1);
    }
    if (raw.startsWith('#')) continue;
    let p = goTrimSpace(raw);
    if (p === '') continue;
    const invert = p.startsWith('!');
    if (invert) p = goTrimSpace(p.slice(1));
    if (p.length > 0) {
      p = goClean(p);
      if (p.length > 1 && p.startsWith('/')) p = p.slice(1);
    }
    out.push({ pattern: invert ? `!${p}` : p, line: n + 1 });
  }
  return out;
}

/** A pattern compiled by the matcher. */
export interface MatcherPattern {
  /** The cleaned pattern without its `!` (patternmatcher's Pattern.String()). */
  text: string;
  exclusion: boolean;
  line?: number;
  glob: CompiledGlob;
}

/** Per-pattern results for a directory, passed down to its children (patternmatcher's MatchInfo). */
export type MatchInfo = Uint8Array;

/** Characters that make an exception pattern able to match outside its literal prefix (fsutil). */
const PATTERN_CHARS = /[*[\]?^\\]/;

/** Moby's PatternMatcher: decides whether a context path is excluded. */
export class DockerignoreMatcher {
  readonly patterns: readonly MatcherPattern[];
  /** True when some pattern is a `!` exception. */
  readonly hasExceptions: boolean;
  /** fsutil prunes excluded directories only when every exception is a plain path (plus `/*` or `/**`). */
  private readonly onlyPrefixExceptions: boolean;
  private readonly exceptionPrefixes: string[];

  constructor(patterns: MatcherPattern[]) {
    this.patterns = patterns;
    this.hasExceptions = patterns.some((p) => p.exclusion);
    const exc = patterns.filter((p) => p.exclusion).map((p) => withoutTrailingGlob(p.text));
    this.onlyPrefixExceptions = !exc.some((s) => PATTERN_CHARS.test(s));
    this.exceptionPrefixes = exc.map((s) => `${s}/`);
  }

  /** True when nothing can ever be excluded. */
  get empty(): boolean {
    return this.patterns.length === 0;
  }

  /**
   * patternmatcher.MatchesOrParentMatches: true when the path (relative, `/`-separated, as given:
   * not cleaned) or one of its parent directories is excluded, after applying exceptions in order.
   */
  matches(file: string): boolean {
    const slash = file.lastIndexOf('/');
    const parents = slash < 0 ? null : file.slice(0, slash).split('/');
    let matched = false;
    for (const pat of this.patterns) {
      if (pat.exclusion !== matched) continue;
      let m = pat.glob.test(file);
      if (!m && parents) m = parentMatches(pat.glob, parents);
      if (m) matched = !pat.exclusion;
    }
    return matched;
  }

  /**
   * patternmatcher.MatchesUsingParentResults: the walker's incremental form. `parent` is the info of
   * the parent directory (undefined at the root); returns the verdict and this path's info.
   */
  matchesWithParent(path: string, parent: MatchInfo | undefined): { excluded: boolean; info: MatchInfo } {
    const info = new Uint8Array(this.patterns.length);
    let matched = false;
    for (let i = 0; i < this.patterns.length; i++) {
      const pat = this.patterns[i]!;
      let m = parent ? parent[i] === 1 : false;
      if (!m) {
        if (pat.exclusion !== matched) continue;
        m = pat.glob.test(path);
        if (!m && !parent) {
          const slash = path.lastIndexOf('/');
          if (slash >= 0) m = parentMatches(pat.glob, path.slice(0, slash).split('/'));
        }
      }
      info[i] = m ? 1 : 0;
      if (m) matched = !pat.exclusion;
    }
    return { excluded: matched, info };
  }

  /**
   * The verdict of BuildKit's context transfer (fsutil's walk) for one path: every ancestor is
   * visited top-down with matchesWithParent, and an excluded ancestor that no exception can reach
   * into hides the path. Differs from matches() only for patterns that repeat an include after
   * an exception (`d`, `!d/f`, `d`).
   */
  excludedInWalk(path: string): boolean {
    const file = normalizeQuery(path);
    if (file === '.' || file === '') return false;
    const parts = file.split('/');
    let info: MatchInfo | undefined;
    let cur = '';
    for (let i = 0; i < parts.length; i++) {
      cur = i === 0 ? parts[0]! : `${cur}/${parts[i]}`;
      const r = this.matchesWithParent(cur, info);
      if (i === parts.length - 1) return r.excluded;
      if (r.excluded && !this.mayReincludeBelow(cur)) return true;
      info = r.info;
    }
    return false;
  }

  /**
   * For an excluded directory: may an exception re-include something below it? When false, fsutil
   * does not enter the directory at all (SkipDir).
   */
  mayReincludeBelow(dir: string): boolean {
    if (!this.onlyPrefixExceptions) return true;
    const withSlash = `${dir}/`;
    return this.exceptionPrefixes.some((p) => p.startsWith(withSlash));
  }
}

function parentMatches(glob: CompiledGlob, dirs: string[]): boolean {
  let cur = '';
  for (let i = 0; i < dirs.length; i++) {
    cur = i === 0 ? dirs[0]! : `${cur}/${dirs[i]}`;
    if (glob.test(cur)) return true;
  }
  return false;
}

/** Cleans a user-supplied path the way BuildKit presents paths to the matcher. */
export function normalizeQuery(path: string): string {
  let p = goClean(path);
  while (p.startsWith('/')) p = p.slice(1);
  return p;
}

function withoutTrailingGlob(s: string): string {
  if (s.endsWith('/**')) s = s.slice(0, -3);
  if (s.endsWith('/*')) s = s.slice(0, -2);
  return s;
}

/**
 * patternmatcher.New: trims and cleans each pattern, splits off `!`, validates it like Go's
 * filepath.Match and compiles it. Throws DockerignoreError naming the line for a bad pattern.
 */
export function compileDockerignore(patterns: readonly (string | IgnoreLine)[]): DockerignoreMatcher {
  const out: MatcherPattern[] = [];
  for (const item of patterns) {
    const source = typeof item === 'string' ? item : item.pattern;
    const line = typeof item === 'string' ? undefined : item.line;
    const where = line === undefined ? '' : `line ${line}: `;
    let p = goTrimSpace(source);
    if (p === '') continue;
    p = goClean(p);
    let exclusion = false;
    if (p.startsWith('!')) {
      if (p.length === 1) throw new DockerignoreError(`${where}illegal exclusion pattern: "!"`, line, source);
      exclusion = true;
      p = p.slice(1);
    }
    if (isBadGlob(p)) throw new DockerignoreError(`${where}syntax error in pattern ${JSON.stringify(source)}`, line, source);
    let glob: CompiledGlob;
    try {
      glob = compileMobyPattern(p);
    } catch (e) {
      if (!(e instanceof GoRegexpError)) throw e;
      throw new DockerignoreError(`${where}syntax error in pattern ${JSON.stringify(source)} (${e.message})`, line, source);
    }
    out.push({ text: p, exclusion, line, glob });
  }
  return new DockerignoreMatcher(out);
}

/** Reads and compiles a .dockerignore text in one step. */
export function parseDockerignore(text: string | Uint8Array): DockerignoreMatcher {
  return compileDockerignore(readDockerignore(text));
}

/**
 * The ignore file BuildKit uses for a build: `<dockerfile>.dockerignore` next to the Dockerfile when
 * it exists (it replaces, not extends, the root file), else `<root>/.dockerignore`, else null.
 */
export function findDockerignore(root: string, dockerfile?: string): string | null {
  if (dockerfile) {
    let df = resolve(root, dockerfile);
    // BuildKit falls back to `dockerfile` when the default `Dockerfile` does not exist.
    if (basename(df) === 'Dockerfile' && !existsSync(df) && isFile(join(dirname(df), 'dockerfile'))) df = join(dirname(df), 'dockerfile');
    const specific = join(dirname(df), `${basename(df)}.dockerignore`);
    if (dockerignorePresent(specific)) return specific;
  }
  const plain = join(resolve(root), '.dockerignore');
  return dockerignorePresent(plain) ? plain : null;
}

/**
 * The folder to blame when reading a .dockerignore failed because its folder cannot be read or
 * searched (a context directory without permission): that folder is what the user must fix, and
 * what a walk of it would name. Null for any other failure.
 */
export function unreadableFolderOf(path: string, err: unknown): string | null {
  if ((err as NodeJS.ErrnoException | undefined)?.code !== 'EACCES') return null;
  const dir = dirname(path);
  try {
    accessSync(dir, constants.R_OK | constants.X_OK);
    return null;
  } catch {
    return dir;
  }
}

/**
 * Whether a .dockerignore candidate is there for the build: a regular file, and also anything else
 * that exists or cannot be looked at (a directory, a symbolic-link loop, a folder without search
 * permission), which reading it then reports, as BuildKit fails such a build. Only a missing one
 * (ENOENT, ENOTDIR) is not there: a context with an unreadable .dockerignore never passes for one
 * without any.
 */
export function dockerignorePresent(path: string): boolean {
  try {
    return statSync(path, { throwIfNoEntry: false }) !== undefined;
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return code !== 'ENOENT' && code !== 'ENOTDIR';
  }
}

