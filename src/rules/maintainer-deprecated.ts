// hadolint DL4000 / BuildKit MaintainerDeprecated: the MAINTAINER instruction, replaced by a label.
import type { Instruction } from '../parser/ast.js';
import type { Fix } from '../core/diagnostic.js';
import { defineRule } from './types.js';
import { buildkitUrl } from './utils/docs-url.js';
import { instructionsOf } from './utils/instructions.js';

export default defineRule({
  code: 'DL4000',
  name: 'maintainer-deprecated',
  aliases: ['MaintainerDeprecated', 'DS022', 'CKV_DOCKER_6'],
  severity: 'error',
  origin: 'hadolint',
  fixable: 'unsafe',
  url: buildkitUrl('MaintainerDeprecated'),
  docs: {
    summary: 'MAINTAINER is deprecated; use a label to name the image author.',
    why:
      'MAINTAINER only fills the legacy `Author` field of the image config. The OCI annotation ' +
      '`org.opencontainers.image.authors` is what registries and tools read today.',
    bad: 'FROM alpine\nMAINTAINER Jane Doe <jane@example.org>\n',
    good: 'FROM alpine\nLABEL org.opencontainers.image.authors="Jane Doe <jane@example.org>"\n',
    fix: 'Replace `MAINTAINER x` with `LABEL org.opencontainers.image.authors="x"`.',
    fixSafety:
      'Unsafe: the image config changes (the `Author` field is no longer set and a label is added), which anything ' +
      'reading `docker inspect .Author` would notice.',
  },
  check(ctx) {
    for (const ins of instructionsOf(ctx.file, 'MAINTAINER')) {
      ctx.report({
        range: ins.keywordRange,
        message: 'Maintainer instruction is deprecated in favor of using label',
        fix: toLabel(ins),
      });
    }
  },
});

function toLabel(ins: Instruction): Fix | undefined {
  if (ins.range.startLine !== ins.range.endLine || ins.argsText === '') return undefined;
  // LABEL values in double quotes still expand `$` and process `\`; MAINTAINER does neither, so escape them.
  const value = ins.argsText.replace(/[\\"$]/g, (c) => `\\${c}`);
  const label = ins.keywordRaw === ins.keywordRaw.toLowerCase() ? 'label' : 'LABEL';
  return {
    title: 'Replace with LABEL org.opencontainers.image.authors',
    safety: 'unsafe',
    edits: [{ range: ins.range, text: `${label} org.opencontainers.image.authors="${value}"` }],
  };
}
