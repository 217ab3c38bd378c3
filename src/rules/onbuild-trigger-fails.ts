// DH019: an ONBUILD trigger that fails every build inheriting it. BuildKit parses and dispatches a
// trigger only in a build FROM the image (initOnBuildTriggers), so the image itself builds; the
// failure waits for its users. A stage of the same file built on it fails now: that is a `syntax`
// error of the linter, not this rule.
import { triggerProblemsAsWritten } from '../semantic/dispatch-checks.js';
import { defineRule } from './types.js';
import { instructionsOf } from './utils/instructions.js';
import { heirsOf } from './utils/model.js';

export default defineRule({
  code: 'DH019',
  name: 'onbuild-trigger-fails',
  aliases: [],
  severity: 'warning',
  origin: 'dockhand',
  fixable: 'none',
  docs: {
    summary: 'An ONBUILD trigger should be an instruction the builder accepts.',
    why:
      'BuildKit reads an ONBUILD trigger only when another build uses the image as its base: the image builds ' +
      'without a complaint, and every build FROM it then fails on the trigger (a flag without its value, ' +
      '`COPY --chmod=999`, a signal that does not exist, an unknown mount type, an instruction name misspelt).',
    bad: 'FROM node:22-alpine\nONBUILD COPY --chmod=644 package.json /app/\nONBUILD EXPOSE 3000/tpc\n',
    good: 'FROM node:22-alpine\nONBUILD COPY --chmod=644 package.json /app/\nONBUILD EXPOSE 3000/tcp\n',
    fix: 'Correct the trigger as you would the instruction itself, then rebuild and push the image.',
    notes:
      'The checks are the ones that fail a build before anything runs: the instruction parser\'s errors (argument ' +
      'counts, flags, unknown instructions), RUN mount specs, and what the dispatcher refuses (COPY/ADD `--chmod` ' +
      'and `--checksum`, a URL given to COPY, STOPSIGNAL, an empty VOLUME, EXPOSE port specs). Words with variables ' +
      'are left alone: they are expanded in the inheriting build, with its arguments. When a stage of the same ' +
      'Dockerfile is built on the stage with the trigger, that build fails and lint reports a `syntax` error instead.',
  },
  check(ctx) {
    for (const ins of instructionsOf(ctx.file, 'ONBUILD')) {
      if (!ins.trigger) continue;
      const problems = triggerProblemsAsWritten(ins.trigger, ctx.file);
      if (problems.length === 0 || heirsOf(ctx.file, ins.stageIndex).length > 0) continue;
      for (const { message, range } of problems) {
        ctx.report({ range, message: `every build FROM this image fails on this ONBUILD trigger: ${message}` });
      }
    }
  },
});
