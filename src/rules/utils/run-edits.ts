// The edits fixes make to RUN instructions and the spans findings about commands point at: text
// inserted after a word (`-y` after `install`), a command appended to a shell-form RUN (before a
// trailing shell comment, which would otherwise swallow it: `RUN yum install x # note` +
// ` && yum clean all` is all comment), and "from the command name to its subcommand".
import type { TextEdit } from '../../core/diagnostic.js';
import type { SourceRange, Span } from '../../core/range.js';
import type { Dockerfile, Instruction } from '../../parser/ast.js';
import type { ShellCommand, ShellWord } from '../../shell/types.js';

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

/**
 * An edit appending ` && <command>` to a shell-form RUN (for "clean up in the same RUN" fixes),
 * before a trailing shell comment; undefined for exec form and heredoc RUNs, where there is no
 * single script end to append to.
 */
export function appendToRun(run: Instruction, command: string): TextEdit | undefined {
  const range = runAppendRange(run);
  return range && { range, text: ` && ${command}` };
}

/** An edit inserting `text` right after `range` (for "add a flag" fixes). */
export function insertAfter(file: Dockerfile, range: Span, text: string): TextEdit {
  return { range: file.lineIndex.range(range.end, range.end), text };
}

/** From the command name to `last` (e.g. `apt-get -q install`): where a missing-flag finding points. */
export function commandHead(cmd: ShellCommand, last?: ShellWord): Span {
  return { start: cmd.nameRange.start, end: (last?.range ?? cmd.nameRange).end };
}
