// BuildKit's CopyIgnoredFile: COPY/ADD of a path that .dockerignore excludes from the build context.
import { defineRule } from './types.js';
import { buildkitUrl } from './utils/docs-url.js';
import { cleanPath } from '../semantic/paths.js';
import { contextSources } from './utils/copy-operands.js';
import { dockerignorePatterns } from './utils/context-files.js';

export default defineRule({
  code: 'CopyIgnoredFile',
  name: 'copy-ignored-file',
  aliases: [],
  severity: 'warning',
  origin: 'buildkit',
  fixable: 'none',
  needsContext: true,
  url: buildkitUrl('CopyIgnoredFile'),
  docs: {
    summary: 'COPY/ADD should not name a file that .dockerignore excludes.',
    why:
      'Excluded files are never sent to the builder, so the instruction fails ("not found") or silently copies ' +
      'less than it says.',
    bad: 'FROM alpine\nCOPY prod.env /etc/app/\n',
    good: 'FROM alpine\nCOPY config/ /etc/app/\n',
    setup: {
      bad: { context: ['prod.env', 'config/app.yml'], dockerignore: '*.env\n' },
      good: { context: ['prod.env', 'config/app.yml'], dockerignore: '*.env\n' },
    },
    fix: 'Copy something else, or stop excluding the file in .dockerignore (for example with a `!file` line).',
    notes:
      'Needs the build context (`--context`). As in BuildKit, nothing is reported when .dockerignore has `!` ' +
      'exceptions, `COPY .` is reported only when a pattern excludes everything (`*`, `**`, `**/*`), and sources ' +
      'starting with `/` are not checked.',
  },
  check(ctx) {
    const bc = ctx.buildContext;
    if (!bc || !bc.dockerignore) return;
    const patterns = dockerignorePatterns(bc.dockerignore.text);
    if (patterns.some((p) => p.exception)) return;
    const excludesAll = patterns.some((p) => p.pattern === '*' || p.pattern === '**' || p.pattern === '**/*');
    for (const src of contextSources(ctx.file)) {
      const path = cleanPath(src.path);
      let excluded: boolean;
      if (path === '.' || path === '/') excluded = excludesAll;
      else if (path.startsWith('/')) excluded = false;
      else excluded = bc.isExcluded(path);
      if (!excluded) continue;
      const verb = src.ins.keyword === 'ADD' ? 'Add' : 'Copy';
      ctx.report({ range: src.range, message: `Attempting to ${verb} file ${JSON.stringify(path)} that is excluded by .dockerignore` });
    }
  },
});
