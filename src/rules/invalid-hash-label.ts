// DL3055: a `hash` label from the label-schema whose value is not valid.
import { defineRule } from './types.js';
import { checkTypedLabels, isGitHash } from './utils/labels.js';

export default defineRule({
  code: 'DL3055',
  name: 'invalid-hash-label',
  aliases: [],
  severity: 'warning',
  origin: 'hadolint',
  fixable: 'none',
  docs: {
    summary: 'A `hash` label from `label-schema` is not a git commit hash.',
    why: 'Revision labels link an image to the commit it was built from; a value that is not a commit hash cannot be looked up.',
    bad: 'FROM alpine:3.20\nLABEL revision="main"',
    good: 'FROM alpine:3.20\nLABEL revision="43c572f1272b6b3171dd1db9e41b7027128ce080"',
    fix: 'Use the full (40) or short (7) lower-case hex commit hash, e.g. from `git rev-parse HEAD`.',
    setup: { bad: { options: { labelSchema: { revision: 'hash' } } }, good: { options: { labelSchema: { revision: 'hash' } } } },
    notes: 'Only active with `label-schema` configured. Empty values are left to DL3051. Unlike hadolint, ONBUILD LABEL is checked too, and a value built from a variable (`$BUILD_DATE`) is not judged, since it is only known at build time.',
  },
  check(ctx) {
    checkTypedLabels(ctx, 'hash', isGitHash, (key) => `Label \`${key}\` is not a valid git hash.`);
  },
});
