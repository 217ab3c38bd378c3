// DL3053: a `rfc3339` label from the label-schema whose value is not valid.
import { defineRule } from './types.js';
import { checkTypedLabels, isRfc3339 } from './utils/labels.js';

export default defineRule({
  code: 'DL3053',
  name: 'invalid-rfc3339-label',
  aliases: [],
  severity: 'warning',
  origin: 'hadolint',
  fixable: 'none',
  docs: {
    summary: 'An `rfc3339` label from `label-schema` is not an RFC 3339 date-time.',
    why: 'Date labels such as `org.opencontainers.image.created` are compared and sorted by tools; any other format is ambiguous.',
    bad: 'FROM alpine:3.20\nLABEL created="10/03/2021"',
    good: 'FROM alpine:3.20\nLABEL created="2021-03-10T10:26:33Z"',
    fix: 'Use an RFC 3339 timestamp, e.g. `$(date -u +%Y-%m-%dT%H:%M:%SZ)` passed in as a build argument.',
    setup: { bad: { options: { labelSchema: { created: 'rfc3339' } } }, good: { options: { labelSchema: { created: 'rfc3339' } } } },
    notes: 'Only active with `label-schema` configured. Empty values are left to DL3051. Unlike hadolint, ONBUILD LABEL is checked too, and a value built from a variable (`$BUILD_DATE`) is not judged, since it is only known at build time. Calendar fields are range-checked (no month 13, no 31 February). The message is hadolint\'s word for word (`must be conform`), so that output matched against hadolint\'s keeps matching.',
  },
  check(ctx) {
    checkTypedLabels(ctx, 'rfc3339', isRfc3339, (key) => `Label \`${key}\` is not a valid time format - must be conform to RFC3339.`);
  },
});
