// BuildKit's FromAsCasing: the `AS` keyword of a FROM written in a different case than `FROM` itself.
import { defineRule } from './types.js';
import { onInstructionLine } from './utils/buildkit-location.js';
import { isLower, isUpper } from './utils/casing.js';
import { buildkitUrl } from './utils/docs-url.js';

export default defineRule({
  code: 'FromAsCasing',
  name: 'from-as-casing',
  aliases: [],
  severity: 'warning',
  origin: 'buildkit',
  fixable: 'safe',
  url: buildkitUrl('FromAsCasing'),
  docs: {
    summary: "The 'as' keyword should match the case of the 'from' keyword.",
    why: 'Mixing `FROM` with `as` (or `from` with `AS`) reads as carelessness and hides the stage name when scanning a file.',
    bad: 'FROM alpine as builder\nRUN echo hi\n',
    good: 'FROM alpine AS builder\nRUN echo hi\n',
    fix: 'Write `AS` in the same case as `FROM`.',
    fixSafety: 'Safe: keywords are case-insensitive, so only the spelling changes.',
    notes: 'When `FROM` itself is mixed-case (`From`) this rule stays silent; ConsistentInstructionCasing reports it.',
  },
  check(ctx) {
    for (const stage of ctx.file.stages) {
      const from = stage.from;
      if (from.args.length < 3) continue;
      const kw = from.keywordRaw;
      const as = from.args[1]!;
      let want: string;
      if (isLower(kw)) want = as.value.toLowerCase();
      else if (isUpper(kw)) want = as.value.toUpperCase();
      else continue;
      if (want === as.value) continue;
      const exact = ctx.file.text.slice(as.range.start, as.range.end) === as.value;
      ctx.report({
        range: onInstructionLine(ctx.file, from, as.range),
        message: `'${as.value}' and '${kw}' keywords' casing do not match`,
        fix: exact ? { title: `Write '${want}'`, safety: 'safe', edits: [{ range: as.range, text: want }] } : undefined,
      });
    }
  },
});
