// BuildKit's StageNameCasing: a `FROM ... AS Name` stage name that is not all lower-case.
import { defineRule } from './types.js';
import { onInstructionLine } from './utils/buildkit-location.js';
import { isLower } from './utils/casing.js';
import { buildkitUrl } from './utils/docs-url.js';
import { renameStageFix } from './utils/stage-rename.js';

export default defineRule({
  code: 'StageNameCasing',
  name: 'stage-name-casing',
  aliases: [],
  severity: 'warning',
  origin: 'buildkit',
  fixable: 'safe',
  url: buildkitUrl('StageNameCasing'),
  docs: {
    summary: 'Stage names should be lowercase.',
    why:
      'BuildKit lower-cases stage names, so `AS Build` and `--from=build` are the same stage. Mixed-case names ' +
      'suggest a distinction that does not exist and make references harder to search for.',
    bad: 'FROM alpine AS BuilderBase\nRUN echo hi\n\nFROM BuilderBase\nCMD ["sh"]\n',
    good: 'FROM alpine AS builder-base\nRUN echo hi\n\nFROM builder-base\nCMD ["sh"]\n',
    fix: 'Write the stage name in lower case, and every reference to it (`FROM`, `COPY --from`, `RUN --mount=from=`).',
    fixSafety:
      'Safe: BuildKit compares stage names case-insensitively, so lower-casing the name and its references in this ' +
      'file changes nothing in the build (`docker build --target` is case-insensitive too).',
  },
  check(ctx) {
    for (const stage of ctx.file.stages) {
      const args = stage.from.args;
      if (args.length !== 3) continue;
      const written = args[2]!;
      if (isLower(written.value)) continue;
      ctx.report({
        range: onInstructionLine(ctx.file, stage.from, written.range),
        message: `Stage name '${written.value}' should be lowercase`,
        fix: renameStageFix(ctx.file, stage, written.value.toLowerCase(), 'Lower-case the stage name and its references'),
      });
    }
  },
});
