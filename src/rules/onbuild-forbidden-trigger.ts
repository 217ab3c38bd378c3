// DL3043: ONBUILD must not wrap ONBUILD, FROM or MAINTAINER.
import { defineRule } from './types.js';
import { instructionsOf } from './utils/instructions.js';

const FORBIDDEN = new Set(['ONBUILD', 'FROM', 'MAINTAINER']);

export default defineRule({
  code: 'DL3043',
  name: 'onbuild-forbidden-trigger',
  aliases: [],
  severity: 'error',
  origin: 'hadolint',
  fixable: 'none',
  docs: {
    summary: '`ONBUILD` triggering `ONBUILD`, `FROM` or `MAINTAINER`.',
    why: 'The Dockerfile reference forbids these triggers: chaining ONBUILD is rejected, and FROM and MAINTAINER cannot run as triggers in a downstream build.',
    bad: 'FROM alpine:3.20\nONBUILD FROM alpine:3.20',
    good: 'FROM alpine:3.20\nONBUILD RUN echo building on me',
    fix: 'Remove the trigger, or move the instruction out of ONBUILD.',
  },
  check(ctx) {
    for (const ins of instructionsOf(ctx.file, 'ONBUILD')) {
      const trigger = ins.trigger;
      const keyword = trigger ? trigger.keyword : (ins.argsText.split(/\s+/, 1)[0] ?? '').toUpperCase();
      if (!FORBIDDEN.has(keyword)) continue;
      ctx.report({
        range: trigger ? trigger.keywordRange : ins.argsRange,
        message: '`ONBUILD`, `FROM` or `MAINTAINER` triggered from within `ONBUILD` instruction.',
      });
    }
  },
});
