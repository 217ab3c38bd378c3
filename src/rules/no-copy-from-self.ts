// hadolint DL3023: COPY --from names the stage it is in.
import { defineRule } from './types.js';
import { instructionsOf } from './utils/instructions.js';

export default defineRule({
  code: 'DL3023',
  name: 'no-copy-from-self',
  aliases: ['DS006'],
  severity: 'error',
  origin: 'hadolint',
  fixable: 'none',
  docs: {
    summary: '`COPY --from` cannot reference the stage it belongs to.',
    why: 'A stage cannot copy from its own result while it is being built; the build fails with a circular dependency.',
    bad: 'FROM node:22 AS web\nCOPY --from=web /app/dist /srv\n',
    good: 'FROM node:22 AS build\nRUN npm run build\nFROM nginx:1.27 AS web\nCOPY --from=build /app/dist /srv\n',
    fix: 'Copy from an earlier stage, or copy within the stage with RUN cp.',
    notes:
      'Deviations from hadolint: the stage\'s own index (`--from=2` inside the third stage) is reported too, and ' +
      'names match case-insensitively, as BuildKit does; a quoted value (`--from="self"`) is read without its quotes, as ' +
      'BuildKit reads it (hadolint compares it quotes included).',
  },
  check(ctx) {
    for (const ins of instructionsOf(ctx.file, 'COPY')) {
      if (ins.stageIndex < 0) continue;
      const flag = ins.flags.find((f) => f.name === 'from');
      if (!flag || flag.value === null) continue;
      const stage = ctx.file.stages[ins.stageIndex];
      if (!stage) continue;
      const v = flag.value.toLowerCase();
      if ((stage.name !== null && stage.name.toLowerCase() === v) || v === String(stage.index)) {
        ctx.report({ range: flag.valueRange ?? flag.range, message: '`COPY --from` cannot reference its own `FROM` alias' });
      }
    }
  },
});
