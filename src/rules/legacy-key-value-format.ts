// BuildKit's LegacyKeyValueFormat: `ENV key value` / `LABEL key value` instead of `key=value`.
import type { Fix } from '../core/diagnostic.js';
import type { Dockerfile, KeyValue } from '../parser/ast.js';
import { defineRule } from './types.js';
import { onInstructionLine } from './utils/buildkit-location.js';
import { buildkitUrl } from './utils/docs-url.js';
import { inheritedTriggers } from './utils/model.js';

export default defineRule({
  code: 'LegacyKeyValueFormat',
  name: 'legacy-key-value-format',
  aliases: [],
  severity: 'warning',
  origin: 'buildkit',
  fixable: 'sometimes-safe',
  url: buildkitUrl('LegacyKeyValueFormat'),
  docs: {
    summary: 'Use `ENV key=value` / `LABEL key=value`, not the legacy whitespace-separated form.',
    why:
      'In the legacy form everything after the key, spaces included, is one value, so `ENV A b C=d` sets A to ' +
      '`b C=d`. The `key=value` form is unambiguous and can set several variables at once.',
    bad: 'FROM alpine\nENV APP_HOME /srv/app\nLABEL maintainer team@example.org\n',
    good: 'FROM alpine\nENV APP_HOME=/srv/app\nLABEL maintainer=team@example.org\n',
    fix: 'Put `=` between key and value, quoting the value when it contains spaces.',
    fixSafety:
      'Safe when the value is a single word (nothing to quote). When it contains spaces but no quotes or ' +
      'backslashes, an unsafe fix wraps it in double quotes. Otherwise, and for values continued over several ' +
      'lines, no fix is offered.',
  },
  check(ctx) {
    // An ONBUILD ENV or LABEL is parsed and checked where BuildKit runs it: at the FROM of a stage built FROM its stage.
    for (const { stage, info } of inheritedTriggers(ctx.file)) {
      const t = info.instruction;
      if ((t.keyword === 'ENV' || t.keyword === 'LABEL') && t.pairs.some((p) => p.sep === '')) {
        ctx.report({ range: stage.from.range, message: message(t.keywordRaw) });
      }
    }
    for (const stage of ctx.file.stages) {
      for (const ins of stage.instructions) {
        if (ins.keyword !== 'ENV' && ins.keyword !== 'LABEL') continue;
        const legacy = ins.pairs.find((p) => p.sep === '');
        if (!legacy) continue;
        const kw = ins.keywordRaw;
        ctx.report({
          range: onInstructionLine(ctx.file, ins, legacy.range),
          message: message(kw),
          fix: toKeyValue(ctx.file, legacy),
        });
      }
    }
  },
});

function toKeyValue(file: Dockerfile, pair: KeyValue): Fix | undefined {
  if (pair.range.startLine !== pair.range.endLine) return undefined;
  const value = file.text.slice(pair.valueRange.start, pair.valueRange.end);
  const key = file.text.slice(pair.keyRange.start, pair.keyRange.end);
  if (key !== pair.key) return undefined;
  let text: string;
  let safety: 'safe' | 'unsafe';
  if (!/\s/.test(value)) {
    text = `${key}=${value}`;
    safety = 'safe';
  } else if (!/["'\\`]/.test(value)) {
    text = `${key}="${value}"`;
    safety = 'unsafe';
  } else {
    return undefined;
  }
  const range = file.lineIndex.range(pair.keyRange.start, pair.valueRange.end);
  return { title: 'Use key=value', safety, edits: [{ range, text }] };
}

function message(kw: string): string {
  return `"${kw} key=value" should be used instead of legacy "${kw} key value" format`;
}
