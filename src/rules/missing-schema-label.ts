// DL3049: a stage that ships without a label required by the configured label-schema.
import { defineRule } from './types.js';
import { unquote } from './utils/quotes.js';
import { stageGraph } from '../semantic/stage-graph.js';
import { instructionsOf } from './utils/instructions.js';

export default defineRule({
  code: 'DL3049',
  name: 'missing-schema-label',
  aliases: [],
  severity: 'info',
  origin: 'hadolint',
  fixable: 'none',
  docs: {
    summary: 'A label required by `label-schema` is missing from a stage.',
    why: 'Teams use a label schema so every image carries the same metadata (owner, source, version). An image without one of them cannot be traced by the tools that rely on it.',
    bad: 'FROM alpine:3.20',
    good: 'FROM alpine:3.20\nLABEL maintainer="team@example.com"',
    fix: 'Add the missing `LABEL` to the stage (or to a stage it is built `FROM`).',
    setup: { bad: { options: { labelSchema: { maintainer: 'email' } } }, good: { options: { labelSchema: { maintainer: 'email' } } } },
    notes: 'Only active with `label-schema` configured; reported on the FROM line, once per missing label. Like hadolint: labels are inherited through `FROM <stage>`, and a stage that is only read by `COPY --from` is not reported. A stage that a later stage builds on is not reported when that later stage defines the label (hadolint does this only when the later stage has no alias of its own). Unlike hadolint, a stage read by `COPY --from=<index>`, by a `RUN --mount=...,from=<stage>` or by its name in another case also counts as read (hadolint only matches `COPY --from=<alias>` exactly, and would report such a builder stage).',
  },
  check(ctx) {
    const required = Object.keys(ctx.options.labelSchema);
    if (required.length === 0) return;
    const { file } = ctx;
    const { parents, copiedFrom: copied } = stageGraph(file);
    const own = file.stages.map(() => new Set<string>());
    for (const ins of instructionsOf(file, 'LABEL')) {
      if (ins.stageIndex < 0) continue;
      for (const p of ins.pairs) own[ins.stageIndex]!.add(unquote(p.key));
    }
    for (const label of required) {
      const has = file.stages.map(() => false);
      for (const s of file.stages) has[s.index] = own[s.index]!.has(label) || (parents[s.index] !== null && has[parents[s.index]!]!);
      // A stage is covered when a stage built on it carries the label.
      const covered = file.stages.map(() => false);
      for (let i = file.stages.length - 1; i >= 0; i--) {
        const p = parents[i];
        if (p !== null && p !== undefined && (own[i]!.has(label) || covered[i])) covered[p] = true;
      }
      for (const s of file.stages) {
        if (has[s.index] || covered[s.index] || copied.has(s.index)) continue;
        ctx.report({ range: s.from.keywordRange, message: `Label \`${label}\` is missing.` });
      }
    }
  },
});
