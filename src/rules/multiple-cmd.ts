// hadolint DL4003 / BuildKit MultipleInstructionsDisallowed: more than one CMD in a stage (only the last counts).
import { defineRule } from './types.js';
import { buildkitUrl } from './utils/docs-url.js';
import { checkMultiple, MULTIPLE_NOTES } from './utils/multiple-instructions.js';

export default defineRule({
  code: 'DL4003',
  name: 'multiple-cmd',
  aliases: ['MultipleInstructionsDisallowed', 'DS016'],
  severity: 'warning',
  origin: 'hadolint',
  fixable: 'none',
  url: buildkitUrl('MultipleInstructionsDisallowed'),
  docs: {
    summary: 'Only one CMD per stage: every earlier one is silently overridden by the last.',
    why: 'An earlier CMD that a later one replaces has no effect, so it misleads whoever reads the file.',
    bad: 'FROM alpine\nCMD ["./server", "--port", "80"]\nCMD ["./server", "--port", "8080"]\n',
    good: 'FROM alpine\nCMD ["./server", "--port", "8080"]\n',
    fix: 'Delete the CMD instructions that are overridden, keeping the one you mean.',
    notes: MULTIPLE_NOTES,
  },
  check(ctx) {
    checkMultiple(ctx, 'CMD');
  },
});
