// hadolint DL4004 / BuildKit MultipleInstructionsDisallowed: more than one ENTRYPOINT in a stage (only the last counts).
import { defineRule } from './types.js';
import { buildkitUrl } from './utils/docs-url.js';
import { checkMultiple, MULTIPLE_NOTES } from './utils/multiple-instructions.js';

export default defineRule({
  code: 'DL4004',
  name: 'multiple-entrypoint',
  aliases: ['MultipleInstructionsDisallowed', 'DS007'],
  severity: 'error',
  origin: 'hadolint',
  fixable: 'none',
  url: buildkitUrl('MultipleInstructionsDisallowed'),
  docs: {
    summary: 'Only one ENTRYPOINT per stage: every earlier one is silently overridden by the last.',
    why: 'An earlier ENTRYPOINT that a later one replaces has no effect, so it misleads whoever reads the file.',
    bad: 'FROM alpine\nENTRYPOINT ["./server"]\nENTRYPOINT ["./server", "--verbose"]\n',
    good: 'FROM alpine\nENTRYPOINT ["./server", "--verbose"]\n',
    fix: 'Delete the ENTRYPOINT instructions that are overridden, keeping the one you mean.',
    notes: MULTIPLE_NOTES,
  },
  check(ctx) {
    checkMultiple(ctx, 'ENTRYPOINT');
  },
});
