// Where a fix may append to a shell-form RUN: before a trailing shell comment, which would otherwise
// swallow the appended command (`RUN yum install x # note` + ` && yum clean all` is all comment).
import type { SourceRange } from '../../core/range.js';
import type { Instruction } from '../../parser/ast.js';

/** Characters after which a `#` starts a word, and so a comment. */
const WORD_BREAK = new Set([' ', '\t', ';', '&', '|', '(', ')', '<', '>', '\n']);

/**
 * Index in `run.argsText` of a shell comment that runs to the end of the script, or undefined. The
 * scan follows POSIX quoting (quotes, backslashes, backquotes) on the joined logical line the shell
 * receives.
 */
export function trailingShellComment(run: Instruction): number | undefined {
  const s = run.argsText;
  let quote: string | null = null;
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (quote === "'") {
      if (c === "'") quote = null;
      continue;
    }
    if (c === '\\') {
      i++;
      continue;
    }
    if (quote !== null) {
      if (c === quote) quote = null;
      continue;
    }
    if (c === "'" || c === '"' || c === '`') quote = c;
    else if (c === '#' && (i === 0 || WORD_BREAK.has(s[i - 1]!))) return i;
  }
  return undefined;
}

/**
 * The empty source range where text appended to a shell-form RUN's script belongs: the end of its
 * arguments, or just before a trailing comment (after the command's last non-blank character).
 * Undefined for exec form, heredocs, an empty RUN, or a comment that does not sit on the last line.
 */
export function runAppendRange(run: Instruction): SourceRange | undefined {
  if (run.json || run.heredocs.length > 0 || run.argsText === '') return undefined;
  const r = run.argsRange;
  const hash = trailingShellComment(run);
  let at = run.argsText.length;
  if (hash !== undefined) {
    at = hash;
    while (at > 0 && (run.argsText[at - 1] === ' ' || run.argsText[at - 1] === '\t')) at--;
    // Nothing before the comment: the whole script is a comment, so appending cannot help.
    if (at === 0) return undefined;
    // The insertion point must lie on the last physical line, where offsets and columns can be
    // counted back from the end of the arguments.
    const logical = run.argsOffset + at;
    const end = run.argsOffset + run.argsText.length;
    const last = run.segments.find((g) => g.logicalStart < end && end <= g.logicalStart + g.length);
    if (!last || logical < last.logicalStart) return undefined;
  }
  const back = run.argsText.length - at;
  const start = r.end - back;
  const column = r.endColumn - back;
  return { start, end: start, startLine: r.endLine, startColumn: column, endLine: r.endLine, endColumn: column };
}
