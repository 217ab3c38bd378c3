// What a lint asked its build context, and whether the answers still hold. Context-aware rules
// read the context only through BuildContextView; a lint run answers each question once per
// context (ContextAnswers), and each file's lint keeps the list of questions it asked with the
// answers it got (recordingView). The results cache stores that list with the findings and
// serves them again only when every question, asked anew, gets the same answer.
import { hash128 } from '../core/hash128.js';
import type { BuildContextView } from '../rules/types.js';

/** The BuildContextView members a rule can read (each one a question with an answer). */
export type ReadOp = 'dockerignore' | 'gitignore' | 'exists' | 'isDirectory' | 'isExcluded' | 'isSent' | 'glob' | 'topLevel';

/** One question and its answer, encoded: `[op, argument, answer]`. */
export type ContextRead = [ReadOp, string, string];

const OPS: ReadonlySet<string> = new Set<ReadOp>(['dockerignore', 'gitignore', 'exists', 'isDirectory', 'isExcluded', 'isSent', 'glob', 'topLevel']);

interface Answer {
  value: unknown;
  /** `=text` for short answers, `#digest` for long ones, `!message` when the view threw. */
  encoded: string;
}

/**
 * The answers of one build context during one run: each question is put to the view once, so
 * every file of the run (and the check of every cached entry) sees the same answer.
 */
export class ContextAnswers {
  private readonly memo = new Map<string, Answer>();

  constructor(private readonly view: BuildContextView) {}

  /** The answer to `op(arg)` (arg is '' for the properties and topLevel). */
  get(op: ReadOp, arg: string): Answer {
    const key = `${op}\u0000${arg}`;
    let a = this.memo.get(key);
    if (!a) {
      try {
        const value = ask(this.view, op, arg);
        a = { value, encoded: encode(value) };
      } catch (err) {
        a = { value: err, encoded: `!${(err as Error)?.message ?? String(err)}` };
      }
      this.memo.set(key, a);
    }
    return a;
  }

  /** True when every recorded question gets the recorded answer now. */
  holds(reads: readonly ContextRead[]): boolean {
    for (const r of reads) {
      if (!Array.isArray(r) || r.length !== 3 || !OPS.has(r[0]) || typeof r[1] !== 'string') return false;
      if (this.get(r[0], r[1]).encoded !== r[2]) return false;
    }
    return true;
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
  }
}

function encode(value: unknown): string {
  const text = JSON.stringify(value) ?? 'undefined';
  if (text.length <= 48) return `=${text}`;
  return `#${hash128(text).toString('base64url')}`;
}

/**
 * A view over `answers` for one file's lint; `reads` lists each question asked (once each), in
 * the order asked. Arrays are copies, as rules may sort or trim what they get.
 */
export function recordingView(answers: ContextAnswers): { view: BuildContextView; reads: ContextRead[] } {
  const reads: ContextRead[] = [];
  // This file's questions so far (each recorded once).
  const asked = new Map<string, Answer>();
  const get = (op: ReadOp, arg: string): unknown => {
    const key = arg === '' ? op : `${op}\u0000${arg}`;
    let a = asked.get(key);
    if (!a) {
      a = answers.get(op, arg);
      asked.set(key, a);
      reads.push([op, arg, a.encoded]);
    }
    if (a.encoded.charCodeAt(0) === 33 /* ! */) throw a.value;
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
    isExcluded: (p) => get('isExcluded', p) as boolean,
    isSent: (p) => get('isSent', p) as boolean,
    glob: (p) => [...(get('glob', p) as string[])],
    topLevel: () => [...(get('topLevel', '') as string[])],
  };
  return { view, reads };
}
