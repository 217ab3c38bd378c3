// Scratch space shared by the rule helpers for the file being linted: facts that several rules
// derive from one file (RUN sites, unwrapped commands...) are computed by the first rule that asks.
import type { Dockerfile } from '../../parser/ast.js';
import type { RuleContext } from '../types.js';

// The engine runs every rule over one file before it moves to the next, so remembering only the
// current file is enough, and a small Map per file is much cheaper to consult than a WeakMap that
// holds an entry for every file ever linted (large hash tables miss the CPU caches).
let scratchCtx: RuleContext | undefined;
let scratchFile: Dockerfile | undefined;
let scratch = new Map<string, unknown>();

let fileMemoFile: Dockerfile | undefined;
let fileMemo = new Map<string, unknown>();

/**
 * Scratch entries for the lint `ctx` belongs to (its file and its shell scripts). Entries are
 * dropped when a rule asks with another context. Keys are `'<module>:<what>'`.
 */
export function lintScratch(ctx: RuleContext): Map<string, unknown> {
  if (ctx !== scratchCtx || ctx.file !== scratchFile) {
    scratchCtx = ctx;
    scratchFile = ctx.file;
    scratch = new Map();
  }
  return scratch;
}

/**
 * Scratch entries for facts that depend on the parsed file alone (no shell scripts, no options):
 * kept while the same file object is asked about.
 */
export function fileScratch(file: Dockerfile): Map<string, unknown> {
  if (file !== fileMemoFile) {
    fileMemoFile = file;
    fileMemo = new Map();
  }
  return fileMemo;
}
