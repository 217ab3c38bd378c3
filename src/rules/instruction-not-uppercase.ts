// DH007: instruction keywords should be upper-case. Complements ConsistentInstructionCasing without ever
// disagreeing with it, so --fix converges.
import type { Instruction } from '../parser/ast.js';
import { defineRule } from './types.js';
import { isLower, isUpper } from './utils/casing.js';

export default defineRule({
  code: 'DH007',
  name: 'instruction-not-uppercase',
  aliases: [],
  severity: 'style',
  origin: 'dockhand',
  fixable: 'sometimes-safe',
  docs: {
    summary: 'Write instruction keywords in upper case.',
    why: 'Upper-case keywords are the convention of the Dockerfile reference and nearly every Dockerfile; they separate instructions from their arguments at a glance.',
    bad: 'from alpine\nrun echo hello\n',
    good: 'FROM alpine\nRUN echo hello\n',
    fix: 'Upper-case the keyword.',
    fixSafety: 'Safe: keywords are case-insensitive. Unsafe for an ONBUILD trigger: BuildKit stores the text after `ONBUILD` as written in the image\'s OnBuild list, so the image changes (its child builds run the same).',
    notes:
      'Reports only what ConsistentInstructionCasing does not: every keyword of a file written consistently in ' +
      'lower case, and keywords that check ignores (ARGs before the first FROM, ONBUILD triggers). In a file ' +
      'with mixed casing, ConsistentInstructionCasing reports first; fix that, then this rule applies. ' +
      '`dockhand format` leaves ONBUILD triggers as written, for the same reason their fix is unsafe.',
  },
  check(ctx) {
    const staged: Instruction[] = [];
    // Loops, not push(...spread): a stage can hold more instructions than a call has room for arguments.
    for (const stage of ctx.file.stages) {
      staged.push(stage.from);
      for (const i of stage.instructions) staged.push(i);
    }
    const allLower = staged.length > 0 && staged.every((i) => isLower(i.keywordRaw));
    const mixed = staged.some((i) => !isUpper(i.keywordRaw)) && !allLower;
    const candidates: Instruction[] = [...ctx.file.globalArgs];
    if (allLower) for (const i of staged) candidates.push(i);
    for (const i of staged) if (i.trigger) candidates.push(i.trigger);
    for (const ins of candidates) {
      const kw = ins.keywordRaw;
      if (isUpper(kw)) continue;
      // In a mixed file whose majority is lower-case, upper-casing a global ARG is fine; staged ones wait.
      if (mixed && staged.includes(ins)) continue;
      const want = kw.toUpperCase();
      // A trigger's text is stored verbatim in the image's OnBuild list: upper-casing it changes the image.
      const trigger = !staged.includes(ins) && !ctx.file.globalArgs.includes(ins);
      ctx.report({
        range: ins.keywordRange,
        message: `Instruction '${kw}' should be written in upper case ('${want}')`,
        fix: { title: `Write '${want}'`, safety: trigger ? 'unsafe' : 'safe', edits: [{ range: ins.keywordRange, text: want }] },
      });
    }
  },
});
