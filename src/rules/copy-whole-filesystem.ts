// DL3067: `COPY --from=<stage> / /` copies an entire filesystem over the current one.
import { defineRule } from './types.js';
import { copyFromRef } from '../semantic/stage-graph.js';
import { unquote } from './utils/quotes.js';
import { instructionsOf } from './utils/instructions.js';

export default defineRule({
  code: 'DL3067',
  name: 'copy-whole-filesystem',
  aliases: [],
  severity: 'warning',
  origin: 'hadolint',
  fixable: 'none',
  docs: {
    summary: '`COPY --from=... / /` copies a whole filesystem into the stage.',
    why: 'Copying `/` brings every file of the other stage (package databases, caches, /etc) over the current one: the image grows and files of the base image are silently replaced.',
    bad: 'FROM golang:1.22 AS build\nRUN go build -o /out/app .\nFROM alpine:3.20\nCOPY --from=build / /',
    good: 'FROM golang:1.22 AS build\nRUN go build -o /out/app .\nFROM alpine:3.20\nCOPY --from=build /out/app /usr/local/bin/app',
    fix: 'Copy only the paths you need.',
    notes:
      'As in hadolint, quotes around `/` are removed and only a COPY from elsewhere is judged. Deviation: an empty ' +
      '`--from=` is a copy from the build context, as BuildKit reads it, so `COPY --from= / /` is not reported ' +
      '(hadolint\'s parser refuses that line, DL1000).',
  },
  check(ctx) {
    for (const ins of instructionsOf(ctx.file, 'COPY')) {
      if (copyFromRef(ins) === undefined || ins.args.length < 2) continue;
      const dest = ins.args[ins.args.length - 1]!;
      if (unquote(dest.value) !== '/') continue;
      if (!ins.args.slice(0, -1).some((a) => unquote(a.value) === '/')) continue;
      ctx.report({ range: ins.argsRange, message: 'Do not copy an entire filesystem from another stage' });
    }
  },
});
