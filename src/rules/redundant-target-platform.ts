// DL3065: `FROM --platform=$TARGETPLATFORM`, which is the default anyway.
import { defineRule } from './types.js';
import { onInstructionLine } from './utils/buildkit-location.js';

export default defineRule({
  code: 'DL3065',
  name: 'redundant-target-platform',
  aliases: ['RedundantTargetPlatform'],
  severity: 'warning',
  origin: 'hadolint',
  fixable: 'safe',
  docs: {
    summary: '`FROM --platform=$TARGETPLATFORM` is redundant.',
    why: 'A stage is built for the target platform unless told otherwise, so the flag adds noise and suggests a cross-build that is not there.',
    bad: 'FROM --platform=$TARGETPLATFORM alpine:3.20',
    good: 'FROM alpine:3.20',
    fix: 'Remove `--platform=$TARGETPLATFORM`.',
    fixSafety: 'Safe: without the flag the stage is built for the target platform, exactly what `$TARGETPLATFORM` names.',
    notes: "BuildKit's RedundantTargetPlatform check has the same meaning and is an alias of this rule; the message is BuildKit's.",
  },
  check(ctx) {
    const { text, lineIndex } = ctx.file;
    for (const s of ctx.file.stages) {
      const flag = s.from.flags.find((f) => f.name === 'platform');
      if (!flag || (flag.value !== '$TARGETPLATFORM' && flag.value !== '${TARGETPLATFORM}')) continue;
      let end = flag.range.end;
      while (text[end] === ' ' || text[end] === '\t') end++;
      ctx.report({
        range: onInstructionLine(ctx.file, s.from, flag.range),
        message: `Setting platform to predefined ${flag.value} in FROM is redundant as this is the default behavior`,
        fix: { title: 'Remove --platform=$TARGETPLATFORM', safety: 'safe', edits: [{ range: lineIndex.range(flag.range.start, end), text: '' }] },
      });
    }
  },
});
