// The build context as the context-aware rules read it: what a whole-context COPY (`COPY . dst`)
// would bring in that usually should not be (VCS data, dependency folders, env files, private keys,
// whatever .gitignore ignores), the patterns of a .dockerignore as Moby reads them, and which
// excluded sources BuildKit's CopyIgnoredFile check reports.
import ignore from 'ignore';
import type { SourceRange } from '../../core/range.js';
import type { Dockerfile, Instruction } from '../../parser/ast.js';
import { cleanPath } from '../../semantic/paths.js';
import { compileMobyPattern, type CompiledGlob } from '../../context/moby-pattern.js';
import type { BuildContextView } from '../types.js';
import { contextSources } from './copy-operands.js';

/**
 * Top-level names that almost never belong in an image. Asked of every entry of a large context:
 * the first character picks the test, and only names ending in a three-letter extension meet a
 * regular expression.
 */
function isUnwantedName(name: string): boolean {
  const first = name.charCodeAt(0);
  if (first === 0x2e /* . */) {
    if (name === '.git' || name === '.env' || /^\.env\.(?!example$|sample$|template$|dist$)/.test(name)) return true;
  } else if (first === 0x6e /* n */) {
    if (name === 'node_modules') return true;
  } else if (first === 0x69 /* i */) {
    if (/^id_(rsa|dsa|ecdsa|ed25519)$/.test(name)) return true;
  }
  return name.charCodeAt(name.length - 4) === 0x2e /* . */ && KEY_SUFFIX.test(name);
}

const KEY_SUFFIX = /\.(pem|key|p12|pfx)$/i;

/**
 * Every name isUnwantedName accepts matches this (and a few more: it ignores case throughout), so
 * without a .gitignore the context is asked for these names only: a context of thousands of
 * entries then answers with a handful (what the results cache keeps and checks), not all of them.
 */
const UNWANTED_CANDIDATE = /^(?:\.git$|\.env|node_modules$|id_)|\.(?:pem|key|p12|pfx)$/i;

/** A COPY/ADD that copies the whole context root (`.`, `./`, `/`). */
export interface WholeContextCopy {
  ins: Instruction;
  range: SourceRange;
}

/** Every COPY/ADD in the file whose source is the whole build context. */
export function wholeContextCopies(file: Dockerfile): WholeContextCopy[] {
  return contextSources(file)
    .filter((s) => {
      const p = cleanPath(s.path);
      return p === '.' || p === '/';
    })
    .map((s) => ({ ins: s.ins, range: s.range }));
}

/**
 * Top-level entries of the context that a whole-context COPY would include although they look unwanted
 * or are ignored by .gitignore, and that .dockerignore does not exclude. Sorted, `/`-suffixed for directories.
 */
export function leakedEntries(bc: BuildContextView): string[] {
  const git = bc.gitignore ? ignore().add(bc.gitignore) : undefined;
  const out: string[] = [];
  for (const name of git ? bc.topLevel() : bc.topLevelMatching(UNWANTED_CANDIDATE)) {
    if (name === '.dockerignore' || name === '.gitignore') continue;
    // Without a .gitignore only the name matters: no lstat for each of a large context's entries.
    if (!git && !isUnwantedName(name)) continue;
    const dir = bc.isDirectory(name);
    const gitIgnored = git ? git.ignores(dir ? `${name}/` : name) : false;
    if (!isUnwantedName(name) && !gitIgnored) continue;
    if (bc.isExcluded(name)) continue;
    out.push(dir ? `${name}/` : name);
  }
  return out.sort();
}

/** "a, b, c and 4 more" */
export function listNames(names: string[], max = 5): string {
  if (names.length <= max) return names.join(', ');
  return `${names.slice(0, max).join(', ')} and ${names.length - max} more`;
}

/** Patterns of a .dockerignore as Moby reads them: comments dropped, trimmed, cleaned; `!` kept as a flag. */
function dockerignorePatterns(text: string): { pattern: string; exception: boolean; line: number }[] {
  const out: { pattern: string; exception: boolean; line: number }[] = [];
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  lines.forEach((rawLine, i) => {
    if (rawLine.startsWith('#')) return;
    let p = rawLine.trim();
    if (p === '') return;
    const exception = p.startsWith('!');
    if (exception) p = p.slice(1).trim();
    if (p.length > 0) {
      p = cleanPath(p);
      if (p.length > 1 && p.startsWith('/')) p = p.slice(1);
    }
    out.push({ pattern: p, exception, line: i + 1 });
  });
  return out;
}

/** What BuildKit's CopyIgnoredFile check needs of a .dockerignore, read once per file. */
export interface IgnoredFileCheck {
  /** False when the .dockerignore has `!` exceptions: BuildKit then checks nothing. */
  active: boolean;
  /** A pattern excludes everything (`*`, `**`, `**\/*`): only then is `COPY .` reported. */
  excludesAll: boolean;
  /** The patterns as Moby reads them (all exclusions when the check is active). */
  patterns: readonly string[];
  /** The patterns compiled, on the first source written with a leading `/`. */
  globs?: CompiledGlob[];
}

/** CopyIgnoredFile's reading of a .dockerignore. */
export function ignoredFileCheck(dockerignore: string): IgnoredFileCheck {
  const patterns = dockerignorePatterns(dockerignore);
  return {
    active: !patterns.some((p) => p.exception),
    excludesAll: patterns.some((p) => p.pattern === '*' || p.pattern === '**' || p.pattern === '**/*'),
    patterns: patterns.map((p) => p.pattern),
  };
}

/**
 * patternmatcher.MatchesOrParentMatches on a cleaned source as written, leading `/` kept (BuildKit
 * matches it so: `/x` is its own path, whose parents are `` and `/`), for a .dockerignore without
 * exceptions. A pattern Go cannot compile matches nothing (the build fails on it anyway).
 */
function excludedAsWritten(check: IgnoredFileCheck, path: string): boolean {
  const globs = (check.globs ??= check.patterns.flatMap((p) => {
    try {
      return [compileMobyPattern(p)];
    } catch {
      return [];
    }
  }));
  const slash = path.lastIndexOf('/');
  const parents = slash < 0 ? [] : (slash === 0 ? '/' : path.slice(0, slash)).split('/');
  return globs.some((g) => {
    if (g.test(path)) return true;
    let dir = '';
    return parents.some((part, i) => g.test((dir = i === 0 ? part : `${dir}/${part}`)));
  });
}

/**
 * True when BuildKit's CopyIgnoredFile reports a source (`path` cleaned, as written after
 * expansion): the check is active, and the source is the whole context while a pattern excludes
 * everything, or a path that .dockerignore excludes (one starting with `/` matched as written).
 */
export function copyIgnoredFileReports(check: IgnoredFileCheck, bc: BuildContextView, path: string): boolean {
  if (!check.active) return false;
  if (path === '.' || path === '/') return check.excludesAll;
  return path.startsWith('/') ? excludedAsWritten(check, path) : bc.isExcluded(path);
}
