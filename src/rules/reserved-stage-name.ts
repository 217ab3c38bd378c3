// DL3063: a stage named `scratch` or `context`, names the builder reserves.
import { defineRule } from './types.js';
import { onInstructionLine } from './utils/buildkit-location.js';

const RESERVED = new Set(['scratch', 'context']);

export default defineRule({
  code: 'DL3063',
  name: 'reserved-stage-name',
  aliases: ['ReservedStageName'],
  severity: 'warning',
  origin: 'hadolint',
  fixable: 'none',
  docs: {
    summary: 'A stage is named `scratch` or `context`.',
    why: '`scratch` is the empty image and `context` names the build context in `--from`/`--mount from=`; a stage with one of these names makes references to it ambiguous.',
    bad: 'FROM golang:1.22 AS scratch\nRUN go build ./...',
    good: 'FROM golang:1.22 AS build\nRUN go build ./...',
    fix: 'Rename the stage (and every `FROM`/`--from` that refers to it).',
    notes: "BuildKit's ReservedStageName check has the same meaning and is an alias of this rule. Names are compared case-insensitively, as the builder lower-cases stage names (hadolint compares them exactly). The message is BuildKit's.",
  },
  check(ctx) {
    for (const s of ctx.file.stages) {
      if (s.name === null || !RESERVED.has(s.name) || !s.nameRange) continue;
      ctx.report({ range: onInstructionLine(ctx.file, s.from, s.nameRange), message: `Stage name should not use the same name as reserved stage "${s.name}"` });
    }
  },
});
