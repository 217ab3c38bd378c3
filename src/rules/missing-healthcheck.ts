// DL3057: an image stage without a HEALTHCHECK (off by default, as in hadolint).
import { defineRule } from './types.js';
import { stageGraph } from '../semantic/stage-graph.js';

export default defineRule({
  code: 'DL3057',
  name: 'missing-healthcheck',
  aliases: ['DS026', 'CKV_DOCKER_2'],
  severity: 'info',
  origin: 'hadolint',
  fixable: 'none',
  disabledByDefault: true,
  docs: {
    summary: 'A stage has no `HEALTHCHECK` instruction.',
    why: 'Without a HEALTHCHECK, Docker and Swarm only know whether the process runs, not whether it works; a hung service is never restarted.',
    bad: 'FROM nginx:1.27',
    good: 'FROM nginx:1.27\nHEALTHCHECK CMD curl -fsS http://localhost/ || exit 1',
    fix: 'Add a `HEALTHCHECK CMD ...`, or `HEALTHCHECK NONE` to state that none is wanted.',
    notes: 'Off by default (hadolint\'s severity `ignore`); enable it with a severity override. A HEALTHCHECK (or `HEALTHCHECK NONE`) is inherited through `FROM <stage>`, and a stage that another stage builds on is only reported through that stage. Reported on the FROM line. Unlike hadolint, a stage that is only read by `COPY --from` (a builder stage, never run as a container) is not reported, and neither is a stage another stage builds on when no stage built on it has a HEALTHCHECK (hadolint reports each stage of such a chain; dockhand reports the stages at its ends, which are the images that run).',
  },
  check(ctx) {
    const { file } = ctx;
    const { parents, usedAsBase: isBase, copiedFrom: copied } = stageGraph(file);
    const has: boolean[] = [];
    for (const s of file.stages) {
      const p = parents[s.index] ?? null;
      has[s.index] = s.instructions.some((i) => i.keyword === 'HEALTHCHECK') || (p !== null && has[p]!);
    }
    // A stage that is only copied from (a builder) never runs as a container.
    for (const s of file.stages) {
      if (has[s.index] || isBase.has(s.index) || copied.has(s.index)) continue;
      ctx.report({ range: s.from.keywordRange, message: '`HEALTHCHECK` instruction missing.' });
    }
  },
});
