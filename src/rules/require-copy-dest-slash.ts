// hadolint DL3021: COPY of several sources to a destination that does not end with `/`.
import { defineRule } from './types.js';
import { copyOperands, isHistoryNotation, operandValue } from './utils/copy-operands.js';
import { instructionsOf } from './utils/instructions.js';

export default defineRule({
  code: 'DL3021',
  name: 'require-copy-dest-slash',
  aliases: ['DS011'],
  severity: 'error',
  origin: 'hadolint',
  fixable: 'safe',
  docs: {
    summary: 'COPY with more than one source needs a destination ending in `/`.',
    why:
      'Several sources can only go into a directory. The classic builder rejects the instruction ("the destination ' +
      'must be a directory and end with a /"), and a trailing slash makes the intent clear to readers and builders.',
    bad: 'FROM node:22\nCOPY package.json package-lock.json /app\n',
    good: 'FROM node:22\nCOPY package.json package-lock.json /app/\n',
    fix: 'Add a trailing `/` to the destination.',
    fixSafety: 'Safe: with several sources the destination is a directory either way; the slash only says so.',
    notes:
      'As in hadolint, `.` counts as lacking the slash (write `./`). Deviations: a destination ending in a variable ' +
      '(`$DEST`) is not judged, since the value may end with `/`; nor is a COPY in the notation of an image\'s ' +
      'history (`COPY file:<sha256> in /app`, as `docker history` prints one source), as in Trivy DS011.',
  },
  check(ctx) {
    for (const ins of instructionsOf(ctx.file, 'COPY')) {
      if (isHistoryNotation(ins)) continue;
      const ops = copyOperands(ins);
      if (!ops || ops.sources.length < 2) continue;
      const dest = operandValue(ops.dest);
      if (dest.endsWith('/') || /\$(\w+|\{[^}]*\})$/.test(dest)) continue;
      const r = ops.dest.range;
      const raw = ctx.file.text.slice(r.start, r.end);
      const at = raw.length >= 2 && (raw.endsWith('"') || raw.endsWith("'")) ? r.end - 1 : r.end;
      ctx.report({
        range: r,
        message: 'COPY with more than 2 arguments requires the last argument to end with /',
        fix: { title: 'Add a trailing /', safety: 'safe', edits: [{ range: ctx.file.lineIndex.range(at, at), text: '/' }] },
      });
    }
  },
});
