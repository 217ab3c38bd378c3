// DL3058: a `email` label from the label-schema whose value is not valid.
import { defineRule } from './types.js';
import { checkTypedLabels, isEmail } from './utils/labels.js';

export default defineRule({
  code: 'DL3058',
  name: 'invalid-email-label',
  aliases: [],
  severity: 'warning',
  origin: 'hadolint',
  fixable: 'none',
  docs: {
    summary: 'An `email` label from `label-schema` is not a valid e-mail address.',
    why: 'Contact labels are used to reach the image owner; a value that is not an address reaches no one.',
    bad: 'FROM alpine:3.20\nLABEL maintainer="team at example"',
    good: 'FROM alpine:3.20\nLABEL maintainer="team@example.com"',
    fix: 'Use an RFC 5322 address (`team@example.com`, or `Team <team@example.com>`).',
    setup: { bad: { options: { labelSchema: { maintainer: 'email' } } }, good: { options: { labelSchema: { maintainer: 'email' } } } },
    notes: 'Only active with `label-schema` configured. Empty values are left to DL3051. Unlike hadolint, ONBUILD LABEL is checked too, and a value built from a variable (`$BUILD_DATE`) is not judged, since it is only known at build time.',
  },
  check(ctx) {
    checkTypedLabels(ctx, 'email', isEmail, (key) => `Label \`${key}\` is not a valid email format - must conform to RFC5322.`);
  },
});
