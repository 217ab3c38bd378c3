// What a lint asked its build context, and whether the answers still hold. Context-aware rules
// read the context only through BuildContextView; a lint run answers each question once per
// context (ContextAnswers), and each file's lint keeps the list of questions it asked with the
// answers it got (recordingView). The results cache stores that list with the findings and
// serves them again only when every question, asked anew, gets the same answer.
//
// A run record (lint-runs.ts) also keeps the stat of each context's root directory, taken before
// the first question: when the root's stat is the same in a later run (and could not have stayed the
// same through a change: racy-clean, as for files), its entries are the same, and so are the answers
// to the questions that read nothing but those entries (rootOnly), which are then not asked again.
import { lstatSync } from 'node:fs';
import { normalizeQuery } from '../context/dockerignore.js';
import { goClean } from '../context/go-compat.js';
import { racy } from '../context/listings.js';
import { hash128 } from '../core/hash128.js';
import type { BuildContextView } from '../rules/types.js';

/** The BuildContextView members a rule can read (each one a question with an answer). */
export type ReadOp = 'dockerignore' | 'gitignore' | 'exists' | 'isDirectory' | 'isExcluded' | 'isSent' | 'glob' | 'topLevel' | 'topLevelMatching' | 'linkOutside' | 'linksOutOf';

/** One question and its answer, encoded: `[op, argument, answer]`. */
export type ContextRead = [ReadOp, string, string];

/** A context root directory's stat as a record keeps it. */
export type RootStamp = [dev: number, ino: number, mtimeMs: number, ctimeMs: number];

const OPS: ReadonlySet<string> = new Set<ReadOp>(['dockerignore', 'gitignore', 'exists', 'isDirectory', 'isExcluded', 'isSent', 'glob', 'topLevel', 'topLevelMatching', 'linkOutside', 'linksOutOf']);

/** A view that counts the symbolic links its answers went through (context/view.ts). */
type CountingView = BuildContextView & { linksFollowed?(): number };

/** One answer: what the view returned (or threw), and its encoding, made when first read. */
class Answer {
  private enc: string | undefined;

  /** `linked`: the view went through a symbolic link to answer (so more than the entry named counts). */
  constructor(readonly value: unknown, readonly threw: boolean, readonly linked = false) {}

  /**
   * `=text` for short answers, `#digest` for long ones, `!message` when the view threw, each after
   * a `~` when the answer went through a symbolic link. Made only when a record keeps it or checks
   * against it: a run without the results cache never needs it, and the digest of a large
   * context's listing is ~10 ms of a cold start.
   */
  get encoded(): string {
    return (this.enc ??= `${this.linked ? '~' : ''}${this.threw ? `!${(this.value as Error)?.message ?? String(this.value)}` : encode(this.value)}`);
  }
}

/**
 * The answers of one build context during one run: each question is put to the view once, so
 * every file of the run (and the check of every cached entry) sees the same answer.
 */
export class ContextAnswers {
  private readonly memo = new Map<string, Answer>();
  /** The root directory's stat before any question (none without a root, or when it cannot be read). */
  private readonly root: RootStamp | undefined;
  private readonly rootAt: number;

  /** `root`: the context's root directory (its stat lets a later run skip questions; rootOnly). */
  constructor(private readonly view: CountingView, root?: string) {
    this.rootAt = Date.now();
    if (root !== undefined) {
      try {
        const st = lstatSync(root);
        if (st.isDirectory()) this.root = [st.dev, st.ino, st.mtimeMs, st.ctimeMs];
      } catch {
        // No stamp: every question is asked.
      }
    }
  }

  /**
   * The root's stat for a record, when it proves a later run's root unchanged: older than the
   * moment it was taken by more than the timestamp granularity (a change would then alter it).
   */
  get rootStamp(): RootStamp | undefined {
    const r = this.root;
    return r && !racy({ size: 0, ino: r[1], mtimeMs: r[2], ctimeMs: r[3] }, this.rootAt) ? r : undefined;
  }

  /** The answer to `op(arg)` (arg is '' for the properties and topLevel). */
  get(op: ReadOp, arg: string): Answer {
    const key = `${op}\u0000${arg}`;
    let a = this.memo.get(key);
    if (!a) {
      const links = this.view.linksFollowed?.() ?? 0;
      try {
        const value = ask(this.view, op, arg);
        a = new Answer(value, false, (this.view.linksFollowed?.() ?? 0) !== links);
      } catch (err) {
        a = new Answer(err, true, (this.view.linksFollowed?.() ?? 0) !== links);
      }
      this.memo.set(key, a);
    }
    return a;
  }

  /**
   * True when every recorded question gets the recorded answer now. `rootStamp`: the root's stat
   * when the answers were recorded (a record's rootStamp); when the root's stat is that now, the
   * questions that read only the root's entries keep their answers without being asked.
   */
  holds(reads: readonly ContextRead[], rootStamp?: unknown): boolean {
    const same = this.root !== undefined && Array.isArray(rootStamp) && rootStamp.length === 4 && this.root.every((x, i) => x === rootStamp[i]);
    for (const r of reads) {
      if (!Array.isArray(r) || r.length !== 3 || !OPS.has(r[0]) || typeof r[1] !== 'string' || typeof r[2] !== 'string') return false;
      // An answer that went through a link depends on its target too, which can change while the root's stat does not.
      if (same && rootOnly(r[0], r[1]) && !r[2].startsWith('~')) continue;
      if (this.get(r[0], r[1]).encoded !== r[2]) return false;
    }
    return true;
  }
}

/**
 * True when view.ts answers `op(arg)` from the root directory's own entries and nothing else: exists,
 * isDirectory and linkOutside of a path of one segment (an lstat of one entry), glob of a pattern of one segment
 * (the root's listing, or an lstat of one entry), topLevel and topLevelMatching (the root's
 * listing); a path leaving the context reads nothing. The contents of files and of subdirectories
 * are not among them. A one-segment path that is a symbolic link reads its target too: such an
 * answer is marked (`~`) and asked again (holds).
 */
export function rootOnly(op: ReadOp, arg: string): boolean {
  // Cleaning a path never adds a separator.
  if ((op === 'exists' || op === 'isDirectory' || op === 'linkOutside' || op === 'glob') && !arg.includes('/')) return true;
  switch (op) {
    case 'topLevel':
    case 'topLevelMatching':
      return true;
    case 'exists':
    case 'isDirectory':
    case 'linkOutside':
      return !normalizeQuery(arg).includes('/');
    case 'glob':
      return !normalizeQuery(goClean(arg.replace(/^\/+/, ''))).includes('/');
    default:
      return false;
  }
}

function ask(view: BuildContextView, op: ReadOp, arg: string): unknown {
  switch (op) {
    case 'dockerignore': return view.dockerignore;
    case 'gitignore': return view.gitignore;
    case 'exists': return view.exists(arg);
    case 'isDirectory': return view.isDirectory(arg);
    case 'isExcluded': return view.isExcluded(arg);
    case 'isSent': return view.isSent(arg);
    case 'glob': return view.glob(arg);
    case 'topLevel': return view.topLevel();
    case 'topLevelMatching': return view.topLevelMatching(patternOf(arg));
    case 'linkOutside': return view.linkOutside?.(arg) ?? null;
    case 'linksOutOf': return view.linksOutOf?.(arg) ?? [];
  }
}

/** A pattern as a question's argument: `/source/flags`, as a regular expression literal reads. */
function patternArg(pattern: RegExp): string {
  return `/${pattern.source}/${pattern.flags}`;
}

/** The pattern back from its argument (an argument no pattern gives throws: the question fails). */
function patternOf(arg: string): RegExp {
  const end = arg.lastIndexOf('/');
  if (!arg.startsWith('/') || end < 1) throw new Error(`not a pattern: ${arg}`);
  return new RegExp(arg.slice(1, end), arg.slice(end + 1));
}

function encode(value: unknown): string {
  const text = JSON.stringify(value) ?? 'undefined';
  if (text.length <= 48) return `=${text}`;
  return `#${hash128(text).toString('base64url')}`;
}

/**
 * A view over `answers` for one file's lint; `reads` lists each question asked (once each), in
 * the order asked, unless `record` is false (nothing will keep them: no answer is encoded then).
 * Arrays are copies, as rules may sort or trim what they get.
 */
export function recordingView(answers: ContextAnswers, record = true): { view: BuildContextView; reads: ContextRead[] } {
  const reads: ContextRead[] = [];
  // This file's questions so far (each recorded once).
  const asked = new Map<string, Answer>();
  const get = (op: ReadOp, arg: string): unknown => {
    const key = arg === '' ? op : `${op}\u0000${arg}`;
    let a = asked.get(key);
    if (!a) {
      a = answers.get(op, arg);
      asked.set(key, a);
      if (record) reads.push([op, arg, a.encoded]);
    }
    if (a.threw) throw a.value;
    return a.value;
  };
  const view: BuildContextView = {
    get dockerignore() {
      return get('dockerignore', '') as BuildContextView['dockerignore'];
    },
    get gitignore() {
      return get('gitignore', '') as string | null;
    },
    exists: (p) => get('exists', p) as boolean,
    isDirectory: (p) => get('isDirectory', p) as boolean,
    linkOutside: (p) => get('linkOutside', p) as { link: string; target: string } | null,
    linksOutOf: (p) => [...(get('linksOutOf', p) as { link: string; target: string; to: string | null }[])],
    isExcluded: (p) => get('isExcluded', p) as boolean,
    isSent: (p) => get('isSent', p) as boolean,
    glob: (p) => [...(get('glob', p) as string[])],
    topLevel: () => [...(get('topLevel', '') as string[])],
    topLevelMatching: (pattern) => [...(get('topLevelMatching', patternArg(pattern)) as string[])],
  };
  return { view, reads };
}
