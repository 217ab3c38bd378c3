// DH006: `# ...` after an instruction's arguments. Dockerfile comments are whole lines only; a trailing
// `#` becomes part of the arguments (or, in a shell-form RUN, swallows the continued lines after it).
import type { Fix } from '../core/diagnostic.js';
import type { Dockerfile, Instruction } from '../parser/ast.js';
import { defineRule } from './types.js';
import { sourceOffset } from '../parser/index.js';

/** Instructions whose shell-form arguments go to a shell, where a trailing `#` is a shell comment. */
const SHELL_FORM = new Set(['RUN', 'CMD', 'ENTRYPOINT']);

export default defineRule({
  code: 'DH006',
  name: 'inline-comment',
  aliases: [],
  severity: 'warning',
  origin: 'dockhand',
  fixable: 'unsafe',
  docs: {
    summary: 'A `#` after an instruction is not a comment.',
    why:
      'Only lines starting with `#` are comments. `EXPOSE 3000  # web port` exposes ports named `#`, `web` and ' +
      '`port` (and fails), `COPY . /app  # code` copies into the wrong places, and in a continued RUN a trailing ' +
      '`# note \\` turns the following lines into part of the comment.',
    bad: 'FROM node:22-alpine\nWORKDIR /app  # the app directory\nEXPOSE 3000   # web port\n',
    good: 'FROM node:22-alpine\n# the app directory\nWORKDIR /app\n# web port\nEXPOSE 3000\n',
    fix: 'Move the comment to its own line above the instruction.',
    fixSafety:
      'Unsafe: the instruction\'s arguments change (that is the point, but the image changes too). Offered only ' +
      'for single-line instructions.',
    notes:
      'In shell-form RUN, CMD and ENTRYPOINT a trailing `#` is a shell comment and is only reported when more ' +
      'lines of the instruction follow it (they become part of the comment). Exec-form (JSON) arguments followed ' +
      'by `#` are reported: the JSON no longer parses and BuildKit falls back to shell form.',
  },
  check(ctx) {
    for (const ins of allInstructions(ctx.file)) {
      const at = trailingHash(ins);
      if (at < 0) continue;
      const hashStart = sourceOffset(ins, ins.argsOffset + at);
      const line = ctx.file.lineIndex.position(hashStart).line;
      const shellForm = isShellForm(ins);
      if (shellForm && line === ins.range.endLine) continue;
      if (ins.heredocs.length > 0 && line > ins.keywordRange.startLine) continue;
      const end = ctx.file.lineIndex.lineEnd(line);
      ctx.report({
        range: ctx.file.lineIndex.range(hashStart, end),
        message: shellForm
          ? `'#' here starts a shell comment that swallows the rest of this ${ins.keywordRaw}`
          : `'#' after ${ins.keywordRaw} is not a comment: it becomes part of the arguments`,
        fix: moveAbove(ctx.file, ins, hashStart, end),
      });
    }
  },
});

function allInstructions(file: Dockerfile): Instruction[] {
  return file.instructions;
}

/** True when the arguments are handed to a shell (shell-form RUN/CMD/ENTRYPOINT/HEALTHCHECK CMD, also under ONBUILD). */
function isShellForm(ins: Instruction): boolean {
  const target = ins.trigger ?? ins;
  if (target.keyword === 'HEALTHCHECK') return /^cmd\s+(?!\[)/i.test(target.argsText);
  return SHELL_FORM.has(target.keyword) && !target.argsText.startsWith('[');
}

/** Offset in argsText of the first unquoted `#` that follows whitespace, or -1. */
function trailingHash(ins: Instruction): number {
  const s = ins.argsText;
  if (s.indexOf('#') < 0) return -1; // the common case, without the character loop
  let quote = '';
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (quote) {
      if (c === quote) quote = '';
      else if (c === '\\' && quote === '"') i++;
      continue;
    }
    if (c === '"' || c === "'") quote = c;
    else if (c === '\\') i++;
    else if (c === '#' && i > 0 && (s[i - 1] === ' ' || s[i - 1] === '\t')) return i;
  }
  return -1;
}

function moveAbove(file: Dockerfile, ins: Instruction, hashStart: number, end: number): Fix | undefined {
  if (ins.range.startLine !== ins.range.endLine) return undefined;
  let cut = hashStart;
  while (cut > 0 && (file.text[cut - 1] === ' ' || file.text[cut - 1] === '\t')) cut--;
  const lineStart = file.lineIndex.lineStarts[ins.range.startLine - 1]!;
  const indent = /^[ \t]*/.exec(file.text.slice(lineStart, ins.range.start))![0];
  const comment = file.text.slice(hashStart, end);
  return {
    title: 'Move the comment to its own line',
    safety: 'unsafe',
    edits: [
      { range: file.lineIndex.range(lineStart, lineStart), text: `${indent}${comment}${file.text.includes('\r\n') ? '\r\n' : '\n'}` },
      { range: file.lineIndex.range(cut, end), text: '' },
    ],
  };
}
