// DL3056: a `semver` label from the label-schema whose value is not valid.
import { defineRule } from './types.js';
import { checkTypedLabels, isSemver } from './utils/labels.js';

export default defineRule({
  code: 'DL3056',
  name: 'invalid-semver-label',
  aliases: [],
  severity: 'warning',
  origin: 'hadolint',
  fixable: 'none',
  docs: {
    summary: 'A `semver` label from `label-schema` is not a semantic version.',
    why: 'Version labels are compared by tools; only a semantic version (`1.4.2`, `2.0.1-rc1`) orders reliably.',
    bad: 'FROM alpine:3.20\nLABEL version="v1.4"',
    good: 'FROM alpine:3.20\nLABEL version="1.4.2"',
    fix: 'Use a Semantic Versioning 2.0.0 version: `MAJOR.MINOR.PATCH[-prerelease][+build]`.',
    setup: { bad: { options: { labelSchema: { version: 'semver' } } }, good: { options: { labelSchema: { version: 'semver' } } } },
    notes: 'Only active with `label-schema` configured. Empty values are left to DL3051. Unlike hadolint, ONBUILD LABEL is checked too, and a value built from a variable (`$BUILD_DATE`) is not judged, since it is only known at build time.',
  },
  check(ctx) {
    checkTypedLabels(ctx, 'semver', isSemver, (key) => `Label \`${key}\` does not conform to semantic versioning.`);
  },
});
