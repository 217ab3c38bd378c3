// hadolint DL3012 / BuildKit MultipleInstructionsDisallowed: more than one HEALTHCHECK in a stage (only the last counts).
import { defineRule } from './types.js';
import { buildkitUrl } from './utils/docs-url.js';
import { checkMultiple, MULTIPLE_NOTES } from './utils/multiple-instructions.js';

export default defineRule({
  code: 'DL3012',
  name: 'multiple-healthcheck',
  aliases: ['MultipleInstructionsDisallowed', 'DS023'],
  severity: 'error',
  origin: 'hadolint',
  fixable: 'none',
  url: buildkitUrl('MultipleInstructionsDisallowed'),
  docs: {
    summary: 'Only one HEALTHCHECK per stage: every earlier one is silently overridden by the last.',
    why: 'An earlier HEALTHCHECK that a later one replaces has no effect, so it misleads whoever reads the file.',
    bad: 'FROM alpine\nHEALTHCHECK CMD ["./probe"]\nHEALTHCHECK --interval=10s CMD ["./probe", "--deep"]\n',
    good: 'FROM alpine\nHEALTHCHECK --interval=10s CMD ["./probe", "--deep"]\n',
    fix: 'Delete the HEALTHCHECK instructions that are overridden, keeping the one you mean.',
    notes: MULTIPLE_NOTES,
  },
  check(ctx) {
    checkMultiple(ctx, 'HEALTHCHECK');
  },
});
