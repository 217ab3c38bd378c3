// BuildKit's InvalidDefaultArgInFrom: with only the ARG defaults, a FROM expands to an empty or invalid image name.
import { defineRule } from './types.js';
import { buildkitUrl } from './utils/docs-url.js';
import { onInstructionLine } from './utils/buildkit-location.js';
import { expandedBase } from './utils/from-line.js';
import { isValidImageReference } from '../semantic/reference.js';
import { needsLexer } from '../expand/index.js';

export default defineRule({
  code: 'InvalidDefaultArgInFrom',
  name: 'invalid-default-arg-in-from',
  aliases: [],
  severity: 'warning',
  origin: 'buildkit',
  fixable: 'none',
  url: buildkitUrl('InvalidDefaultArgInFrom'),
  docs: {
    summary: 'Global ARGs used in FROM should have defaults that make a valid image name.',
    why:
      'Without `--build-arg`, `ARG TAG` + `FROM alpine:$TAG` becomes `alpine:`, which fails. A working default ' +
      'keeps plain `docker build` (and tools reading the Dockerfile) working.',
    bad: 'ARG TAG\nFROM alpine:$TAG\n',
    good: 'ARG TAG=3.20\nFROM alpine:$TAG\n',
    fix: 'Give the ARG a default value, or use `${VAR:-default}` in the FROM line.',
    notes:
      'Build arguments passed at build time are ignored on purpose: the check is about the defaults. As in ' +
      'BuildKit, a FROM without variables is checked too (`FROM Alpine:3` is no valid image name), and a FROM ' +
      'whose expansion fails (`${TAG:?}`) ends the check of the FROM lines after it.',
  },
  check(ctx) {
    for (const stage of ctx.file.stages) {
      // A FROM without an image is a parse error: BuildKit never gets to check the FROM lines.
      if (stage.base === '') continue;
      // BuildKit checks every FROM, with or without a variable: a base written plainly is its own expansion.
      const plain = !needsLexer(stage.base, ctx.file.escapeChar);
      const r = plain ? null : expandedBase(ctx.file, stage);
      // A base BuildKit cannot expand ends its check of this and every later FROM.
      if (!plain && !r) break;
      if (isValidImageReference(plain ? stage.base : r!.result)) continue;
      ctx.report({
        range: onInstructionLine(ctx.file, stage.from, stage.baseRange),
        message: `Default value for ARG ${stage.base} results in empty or invalid base image name`,
      });
    }
  },
});
