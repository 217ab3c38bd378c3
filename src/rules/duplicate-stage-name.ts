// hadolint DL3024 / BuildKit DuplicateStageName: two stages with the same (case-insensitive) name.
import { defineRule } from './types.js';
import { onInstructionLine } from './utils/buildkit-location.js';
import { buildkitUrl } from './utils/docs-url.js';

export default defineRule({
  code: 'DL3024',
  name: 'duplicate-stage-name',
  aliases: ['DuplicateStageName', 'DS012', 'CKV_DOCKER_11'],
  severity: 'error',
  origin: 'hadolint',
  fixable: 'none',
  url: buildkitUrl('DuplicateStageName'),
  docs: {
    summary: 'Stage names should be unique.',
    why:
      '`COPY --from=name` and `FROM name` can only mean one stage; BuildKit refuses to build a file whose stage ' +
      'names collide (names are compared case-insensitively).',
    bad: 'FROM alpine AS build\nRUN echo one\n\nFROM alpine AS build\nRUN echo two\n',
    good: 'FROM alpine AS build-one\nRUN echo one\n\nFROM alpine AS build-two\nRUN echo two\n',
    fix: 'Rename one of the stages and update the references that meant it.',
    notes:
      'Reported at the later FROM with BuildKit\'s message; also matches hadolint DL3024. Deviation: names that differ only ' +
      'in case are duplicates, since BuildKit lower-cases stage names (hadolint compares them exactly).',
  },
  check(ctx) {
    const seen = new Set<string>();
    for (const stage of ctx.file.stages) {
      if (!stage.name) continue;
      if (seen.has(stage.name)) {
        ctx.report({
          range: stage.nameRange ? onInstructionLine(ctx.file, stage.from, stage.nameRange) : stage.from.range,
          message: `Duplicate stage name ${JSON.stringify(stage.name)}, stage names should be unique`,
        });
      }
      seen.add(stage.name);
    }
  },
});
