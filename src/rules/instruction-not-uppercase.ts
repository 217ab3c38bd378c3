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
  fixable: 'safe',
  docs: {
    summary: 'Write instruction keywords in upper case.',
    why: 'Upper-case keywords are the convention of the Dockerfile reference and nearly every Dockerfile; they separate instructions from their arguments at a glance.',
    bad: 'from alpine\nrun echo hello\n',
    good: 'FROM alpine\nRUN echo hello\n',
    fix: 'Upper-case the keyword.',
    fixSafety: 'Safe: keywords are case-insensitive.',
    notes:
      'Reports only what ConsistentInstructionCasing does not: every keyword of a file written consistently in ' +
      'lower case, and keywords that check ignores (ARGs before the first FROM, ONBUILD triggers). In a file ' +
      'with mixed casing, ConsistentInstructionCasing reports first; fix that, then this rule applies.',
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
      ctx.report({
        range: ins.keywordRange,
        message: `Instruction '${kw}' should be written in upper case ('${want}')`,
        fix: { title: `Write '${want}'`, safety: 'safe', edits: [{ range: ins.keywordRange, text: want }] },
      });
    }
  },
});
