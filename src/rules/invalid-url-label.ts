// DL3052: a `url` label from the label-schema whose value is not valid.
import { defineRule } from './types.js';
import { checkTypedLabels, isUri } from './utils/labels.js';

export default defineRule({
  code: 'DL3052',
  name: 'invalid-url-label',
  aliases: [],
  severity: 'warning',
  origin: 'hadolint',
  fixable: 'none',
  docs: {
    summary: 'A `url` label from `label-schema` is not a valid URL.',
    why: 'Tools follow URL labels (source, documentation); a value that is not a URL breaks them.',
    bad: 'FROM alpine:3.20\nLABEL source="github.com/org/repo"',
    good: 'FROM alpine:3.20\nLABEL source="https://github.com/org/repo"',
    fix: 'Use an absolute URL with a scheme, e.g. `https://...`.',
    setup: { bad: { options: { labelSchema: { source: 'url' } } }, good: { options: { labelSchema: { source: 'url' } } } },
    notes: 'Only active with `label-schema` configured. Empty values are left to DL3051. Unlike hadolint, ONBUILD LABEL is checked too, and a value built from a variable (`$BUILD_DATE`) is not judged, since it is only known at build time. A URL is an absolute URI: a scheme, `:`, and no spaces or characters RFC 3986 forbids.',
  },
  check(ctx) {
    checkTypedLabels(ctx, 'url', isUri, (key) => `Label \`${key}\` is not a valid URL.`);
  },
});
