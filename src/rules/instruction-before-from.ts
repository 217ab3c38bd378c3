// DL3061: an instruction other than ARG before the first FROM.
import { defineRule } from './types.js';

export default defineRule({
  code: 'DL3061',
  name: 'instruction-before-from',
  aliases: [],
  severity: 'error',
  origin: 'hadolint',
  fixable: 'none',
  docs: {
    summary: 'An instruction other than `ARG` appears before the first `FROM`.',
    why: 'Only ARG (and parser directives and comments) may precede the first FROM; the builder rejects anything else.',
    bad: 'LABEL org.opencontainers.image.authors="me"\nFROM alpine:3.20',
    good: 'FROM alpine:3.20\nLABEL org.opencontainers.image.authors="me"',
    fix: 'Move the instruction after the FROM.',
    notes: 'Like hadolint, every offending instruction is reported (also in a file without any FROM).',
  },
  check(ctx) {
    for (const ins of ctx.file.instructions) {
      if (ins.keyword === 'FROM') return;
      if (ins.keyword === 'ARG') continue;
      ctx.report({ range: ins.keywordRange, message: 'Invalid instruction order. Dockerfile must begin with `FROM`, `ARG` or comment.' });
    }
  },
});
