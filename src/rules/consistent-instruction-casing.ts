// BuildKit's ConsistentInstructionCasing: instruction keywords that differ from the file's majority casing.
import type { Instruction } from '../parser/ast.js';
import { defineRule } from './types.js';
import { isLower, isUpper } from './utils/casing.js';
import { buildkitUrl } from './utils/docs-url.js';

export default defineRule({
  code: 'ConsistentInstructionCasing',
  name: 'consistent-instruction-casing',
  aliases: [],
  severity: 'warning',
  origin: 'buildkit',
  fixable: 'safe',
  url: buildkitUrl('ConsistentInstructionCasing'),
  docs: {
    summary: 'All instructions should use the same casing (all upper-case or all lower-case).',
    why: 'Keywords are case-insensitive, but a file mixing `RUN` and `run` (or using `Run`) is harder to read and grep.',
    bad: 'FROM alpine\nrun echo hello\nCOPY . /app\n',
    good: 'FROM alpine\nRUN echo hello\nCOPY . /app\n',
    fix: 'Write every keyword in the case most of the file already uses (upper-case on a tie).',
    fixSafety: 'Safe: only the keyword spelling changes.',
    notes:
      'As in BuildKit, ARGs before the first FROM and ONBUILD trigger keywords are neither counted nor checked. ' +
      "dockhand's DH007 (instruction-not-uppercase, off by default) additionally asks for upper-case everywhere.",
  },
  check(ctx) {
    const keywords: Instruction[] = [];
    // Loops, not push(...spread): a stage can hold more instructions than a call has room for arguments.
    for (const stage of ctx.file.stages) {
      keywords.push(stage.from);
      for (const i of stage.instructions) keywords.push(i);
    }
    let lower = 0;
    let upper = 0;
    for (const ins of keywords) {
      const kw = ins.keywordRaw;
      if (isLower(kw)) lower++;
      else if (isUpper(kw)) upper++;
    }
    const majorityLower = lower > upper;
    for (const ins of keywords) {
      const kw = ins.keywordRaw;
      if (majorityLower ? isLower(kw) : isUpper(kw)) continue;
      const want = majorityLower ? kw.toLowerCase() : kw.toUpperCase();
      ctx.report({
        range: ins.keywordRange,
        message: `Command '${kw}' should match the case of the command majority (${majorityLower ? 'lowercase' : 'uppercase'})`,
        fix: { title: `Write '${want}'`, safety: 'safe', edits: [{ range: ins.keywordRange, text: want }] },
      });
    }
  },
});
