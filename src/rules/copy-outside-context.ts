// DH004: COPY/ADD of a path outside the build context (`../x`), which the builder cannot read.
import { defineRule } from './types.js';
import { cleanPath } from '../semantic/paths.js';
import { contextSources } from './utils/copy-operands.js';

export default defineRule({
  code: 'DH004',
  name: 'copy-outside-context',
  aliases: [],
  severity: 'error',
  origin: 'dockhand',
  fixable: 'none',
  docs: {
    summary: 'COPY/ADD cannot reach outside the build context.',
    why:
      'Only the build context is sent to the builder. `COPY ../shared /x` does not copy the parent directory: ' +
      'BuildKit clamps `..` at the context root, so it copies `shared` from the context, or fails.',
    bad: 'FROM alpine\nCOPY ../shared/config.yml /etc/app/\n',
    good: 'FROM alpine\nCOPY shared/config.yml /etc/app/\n',
    fix: 'Build from a higher directory (`docker build -f app/Dockerfile .`) and copy paths relative to it.',
  },
  check(ctx) {
    for (const src of contextSources(ctx.file)) {
      if (!src.path.includes('..')) continue; // cleaning cannot make `..` out of nothing
      const path = cleanPath(src.path);
      if (path !== '..' && !path.startsWith('../')) continue;
      ctx.report({ range: src.range, message: `${src.ins.keyword} source ${JSON.stringify(src.path)} is outside the build context` });
    }
  },
});
