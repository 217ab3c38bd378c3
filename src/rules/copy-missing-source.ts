// DH003: COPY/ADD of a local source that does not exist in the build context.
import { defineRule } from './types.js';
import { cleanPath } from '../semantic/paths.js';
import { contextSources } from './utils/copy-operands.js';
import { envBefore } from './utils/model.js';
import { expandWord } from './utils/expansion.js';

export default defineRule({
  code: 'DH003',
  name: 'copy-missing-source',
  aliases: [],
  severity: 'error',
  origin: 'dockhand',
  fixable: 'none',
  needsContext: true,
  docs: {
    summary: 'COPY/ADD sources must exist in the build context.',
    why: 'A missing source fails the build with "not found" after everything before it has been built.',
    bad: 'FROM node:22-alpine\nCOPY package-lock.json ./\n',
    good: 'FROM node:22-alpine\nCOPY package.json ./\n',
    setup: { bad: { context: ['package.json'] }, good: { context: ['package.json'] } },
    fix: 'Fix the path (it is relative to the build context, not to the Dockerfile), or add the file.',
    notes:
      'Sources with variables that cannot be resolved, sources outside the context (DH004) and remote ADD ' +
      'sources are not checked. Wildcards must match at least one path. Files excluded by .dockerignore exist ' +
      'here; CopyIgnoredFile reports those. Needs the build context.',
  },
  check(ctx) {
    const bc = ctx.buildContext;
    if (!bc) return;
    for (const src of contextSources(ctx.file)) {
      if (src.raw.includes('$')) {
        const r = expandWord(ctx.file, src.raw, envBefore(ctx.file, src.ins));
        if (!r || r.unmatched.size > 0) continue;
      }
      let path = cleanPath(src.path);
      if (path.startsWith('/')) path = path === '/' ? '.' : path.slice(1);
      if (path === '.' || path === '..' || path.startsWith('../')) continue;
      const found = /[*?[\\]/.test(path) ? bc.glob(path).length > 0 : bc.exists(path);
      if (found) continue;
      ctx.report({ range: src.range, message: `${src.ins.keyword} source ${JSON.stringify(src.path)} does not exist in the build context` });
    }
  },
});
