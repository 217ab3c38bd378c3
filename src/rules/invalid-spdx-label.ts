// DL3054: a `spdx` label from the label-schema whose value is not valid.
import { defineRule } from './types.js';
import { checkTypedLabels, isSpdx } from './utils/labels.js';

export default defineRule({
  code: 'DL3054',
  name: 'invalid-spdx-label',
  aliases: [],
  severity: 'warning',
  origin: 'hadolint',
  fixable: 'none',
  docs: {
    summary: 'An `spdx` label from `label-schema` is not an SPDX license expression.',
    why: 'License scanners match SPDX identifiers exactly; `Apache 2` or `GPL` is not one and the image shows up as unlicensed.',
    bad: 'FROM alpine:3.20\nLABEL licenses="Apache 2"',
    good: 'FROM alpine:3.20\nLABEL licenses="Apache-2.0"',
    fix: 'Use an SPDX identifier or expression (`MIT`, `Apache-2.0 OR MIT`).',
    setup: { bad: { options: { labelSchema: { licenses: 'spdx' } } }, good: { options: { labelSchema: { licenses: 'spdx' } } } },
    notes: 'Only active with `label-schema` configured. Empty values are left to DL3051. Unlike hadolint, ONBUILD LABEL is checked too, and a value built from a variable (`$BUILD_DATE`) is not judged, since it is only known at build time. Accepts SPDX license expressions (`MIT OR Apache-2.0`, `GPL-2.0-only WITH Classpath-exception-2.0`) using the SPDX license list, where hadolint accepts a single license identifier only.',
  },
  check(ctx) {
    checkTypedLabels(ctx, 'spdx', isSpdx, (key) => `Label \`${key}\` is not a valid SPDX identifier.`);
  },
});
