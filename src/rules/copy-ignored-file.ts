// BuildKit's CopyIgnoredFile: COPY/ADD of a path that .dockerignore excludes from the build context.
import type { SourceRange } from '../core/range.js';
import { defineRule } from './types.js';
import { buildkitUrl } from './utils/docs-url.js';
import { onInstructionLine } from './utils/buildkit-location.js';
import { cleanPath } from '../semantic/paths.js';
import { contextSources, inheritedTriggerSources, type ContextSource } from './utils/copy-operands.js';
import { copyIgnoredFileReports, ignoredFileCheck } from './utils/context-files.js';

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
      'exceptions, `COPY .` is reported only when a pattern excludes everything (`*`, `**`, `**/*`), and a source ' +
      'starting with `/` is matched as written (`**/*.md` excludes `/README.md`, `README.md` does not). An ONBUILD COPY/ADD is checked in the stages built FROM its stage (reported ' +
      'at their FROM), where BuildKit runs it. DH003 (copy-missing-source) reports the excluded sources this check ' +
      'leaves out, since the build fails on them too. Recent BuildKit releases mark this check experimental (it runs ' +
      'there only with `# check=experimental=CopyIgnoredFile`); dockhand runs it by default, as the build fails on such ' +
      'a source all the same, and `# check=skip=CopyIgnoredFile` turns it off.',
  },
  check(ctx) {
    const bc = ctx.buildContext;
    if (!bc || !bc.dockerignore) return;
    const check = ignoredFileCheck(bc.dockerignore.text);
    if (!check.active) return;
    const report = (src: ContextSource, range: SourceRange) => {
      const path = cleanPath(src.path);
      if (!copyIgnoredFileReports(check, bc, path)) return;
      const verb = src.ins.keyword === 'ADD' ? 'Add' : 'Copy';
      ctx.report({ range, message: `Attempting to ${verb} file ${JSON.stringify(path)} that is excluded by .dockerignore` });
    };
    // ONBUILD triggers are checked where BuildKit runs them; their range is that stage's FROM.
    for (const src of inheritedTriggerSources(ctx.file)) report(src, src.range);
    for (const src of contextSources(ctx.file)) report(src, onInstructionLine(ctx.file, src.ins, src.range));
  },
});
