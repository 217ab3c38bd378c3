// Shared check for "only the last CMD / ENTRYPOINT / HEALTHCHECK of a stage counts" (DL4003, DL4004, DL3012).
import type { RuleContext } from '../types.js';

/**
 * Reports every occurrence of `keyword` in a stage that a later one overrides, at the overridden
 * (earlier) instruction, as BuildKit's MultipleInstructionsDisallowed does. hadolint reports the
 * overriding (later) one instead, so that instruction's ignore pragmas silence the finding too.
 * Stages do not share trackers, even when one is built FROM another.
 */
export function checkMultiple(ctx: RuleContext, keyword: 'CMD' | 'ENTRYPOINT' | 'HEALTHCHECK'): void {
  for (const stage of ctx.file.stages) {
    let previous: (typeof stage.instructions)[number] | undefined;
    for (const ins of stage.instructions) {
      if (ins.keyword !== keyword) continue;
      if (previous) {
        ctx.report({
          range: previous.keywordRange,
          alsoAt: ins.keywordRange,
          message: `Multiple ${ins.keywordRaw} instructions should not be used in the same stage because only the last one will be used`,
        });
      }
      previous = ins;
    }
  }
}

/** The docs note shared by the three rules. */
export const MULTIPLE_NOTES =
  'Reported at the overridden (earlier) instruction, as BuildKit does; hadolint reports the later one, so a ' +
  '`# hadolint ignore=` pragma silences the finding where hadolint reports it (above the later instruction) and a ' +
  '`# dockhand ignore=` pragma above either one. Instructions before the first FROM are not counted (DL3061 reports them). The message is BuildKit\'s. ' +
  '`--ignore MultipleInstructionsDisallowed` silences DL4003, DL4004 and DL3012 together.';
