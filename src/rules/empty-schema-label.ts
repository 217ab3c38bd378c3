// DL3051: a label from the label-schema with an empty value.
import { defineRule } from './types.js';
import { labelPairs, schemaType } from './utils/labels.js';

export default defineRule({
  code: 'DL3051',
  name: 'empty-schema-label',
  aliases: [],
  severity: 'warning',
  origin: 'hadolint',
  fixable: 'none',
  docs: {
    summary: 'A label from `label-schema` has an empty value.',
    why: 'An empty required label satisfies the presence check but carries no information; it usually means a build argument was not passed.',
    bad: 'FROM alpine:3.20\nLABEL version=""',
    good: 'FROM alpine:3.20\nLABEL version="1.4.2"',
    fix: 'Give the label a value.',
    setup: { bad: { options: { labelSchema: { version: 'semver' } } }, good: { options: { labelSchema: { version: 'semver' } } } },
    notes: 'Only active with `label-schema` configured. ONBUILD LABEL is checked too (hadolint does not).',
  },
  check(ctx) {
    // Without a schema entry no label is typed (the default config has no schema at all).
    if (Object.keys(ctx.options.labelSchema).length === 0) return;
    for (const p of labelPairs(ctx.file, true)) {
      if (schemaType(ctx.options.labelSchema, p.key) === undefined || p.value !== '') continue;
      ctx.report({ range: p.pair.range, message: `label \`${p.key}\` is empty.` });
    }
  },
});
