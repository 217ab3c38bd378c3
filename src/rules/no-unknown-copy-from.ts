// hadolint DL3022: COPY --from names neither an earlier stage nor a tagged image.
import { defineRule } from './types.js';
import { copyFromRef, stageNamed } from '../semantic/stage-graph.js';
import { instructionsOf } from './utils/instructions.js';

export default defineRule({
  code: 'DL3022',
  name: 'no-unknown-copy-from',
  aliases: [],
  severity: 'warning',
  origin: 'hadolint',
  fixable: 'none',
  docs: {
    summary: '`COPY --from` should reference a previously defined stage (or an image with a tag).',
    why:
      'A `--from` value that is not a stage name is pulled as an image. A typo in a stage name therefore silently ' +
      'fetches some image from Docker Hub instead of failing, and an untagged image changes under you.',
    bad: 'FROM golang:1.23 AS build\nRUN go build -o /app .\nFROM alpine:3.20\nCOPY --from=biuld /app /app\n',
    good: 'FROM golang:1.23 AS build\nRUN go build -o /app .\nFROM alpine:3.20\nCOPY --from=build /app /app\n',
    fix: 'Name an earlier stage (or its index), or declare the image as a stage: `FROM image:tag AS name`.',
    notes:
      'As in hadolint, stage indexes up to the current stage and image references with a `:tag` are accepted. ' +
      'Deviations: values containing a variable (`--from=$BUILDER`) are not judged; stage names match ' +
      'case-insensitively, as BuildKit does; an empty `--from=` is a copy from the build context, as BuildKit reads it ' +
      '(hadolint\'s parser refuses the line, DL1000), and a quoted value names what it holds without the quotes ' +
      '(hadolint compares `"build"` quotes included, and reports it).',
  },
  check(ctx) {
    for (const ins of instructionsOf(ctx.file, 'COPY')) {
      // An empty `--from=` copies from the build context (copyFromRef); no value at all is a syntax error.
      const v = copyFromRef(ins);
      if (!v) continue;
      const flag = ins.flags.filter((f) => f.name === 'from').pop()!;
      const fromsSeen = ins.stageIndex + 1;
      if (v.includes('$') || v.includes(':')) continue;
      if (/^\d+$/.test(v) && Number(v) < fromsSeen) continue;
      if (stageNamed(ctx.file, v, fromsSeen) !== null) continue;
      ctx.report({
        range: flag.valueRange ?? flag.range,
        message: '`COPY --from` should reference a previously defined `FROM` alias',
      });
    }
  },
});
