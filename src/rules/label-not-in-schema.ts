// DL3050: with strict-labels, a LABEL key that the label-schema does not define.
import { defineRule } from './types.js';
import { labelPairs, schemaType } from './utils/labels.js';

export default defineRule({
  code: 'DL3050',
  name: 'label-not-in-schema',
  aliases: [],
  severity: 'info',
  origin: 'hadolint',
  fixable: 'none',
  docs: {
    summary: 'With `strict-labels`, a label that is not in `label-schema`.',
    why: 'A strict schema keeps image metadata uniform: labels outside it are usually typos of schema labels or ad-hoc metadata no tool reads.',
    bad: 'FROM alpine:3.20\nLABEL maintaner="team@example.com"',
    good: 'FROM alpine:3.20\nLABEL maintainer="team@example.com"',
    fix: 'Rename the label to a schema label, remove it, or add it to `label-schema`.',
    setup: { bad: { options: { labelSchema: { maintainer: 'email' }, strictLabels: true } }, good: { options: { labelSchema: { maintainer: 'email' }, strictLabels: true } } },
    notes: 'Only active with `strict-labels: true`. Each extra key is reported at its position (hadolint reports the LABEL once). ONBUILD LABEL is checked too (hadolint does not).',
  },
  check(ctx) {
    if (!ctx.options.strictLabels) return;
    for (const p of labelPairs(ctx.file, true)) {
      if (schemaType(ctx.options.labelSchema, p.key) !== undefined) continue;
      ctx.report({ range: p.pair.keyRange, message: 'Superfluous label(s) present.' });
    }
  },
});
