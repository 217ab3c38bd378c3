// DL3047: wget without a quieter progress style fills the build log with progress bars.
import { defineRule, type RuleContext } from './types.js';
import type { ShellCommand } from '../shell/types.js';
import { hasFlag } from '../shell/query.js';
import { forEachCommand, type RunSite } from './utils/runs.js';
import { insertAfter } from './utils/run-edits.js';

export default defineRule({
  code: 'DL3047',
  name: 'wget-progress-bar',
  aliases: [],
  severity: 'info',
  origin: 'hadolint',
  fixable: 'unsafe',
  docs: {
    summary: '`wget` without `--progress`, `-q`, `-nv`, `-o` or `-a`.',
    why: 'Without a TTY, wget prints a progress line for every few kilobytes; large downloads bloat the build log to megabytes and bury the useful output.',
    bad: 'FROM debian:12\nRUN wget https://example.com/app.tar.gz',
    good: 'FROM debian:12\nRUN wget --progress=dot:giga https://example.com/app.tar.gz',
    fix: 'Add `--progress=dot:giga`, or `-q` / `-nv` to silence it, or `-o <file>` to log to a file.',
    fixSafety: 'Unsafe: BusyBox wget (Alpine) does not know `--progress` and would fail the build.',
    notes: 'Like hadolint, ONBUILD RUN is checked too.',
  },
  check(ctx) {
    // Findings are only about `wget` commands: files and RUNs without them are skipped.
    forEachCommand(ctx, ['wget'], reportProgress);
  },
});

function reportProgress(cmd: ShellCommand, site: RunSite, ctx: RuleContext): void {
  if (cmd.name !== 'wget') return;
  if (hasFlag(cmd, 'progress', 'q', 'quiet', 'o', 'output-file', 'a', 'append-output', 'no-verbose')) return;
  if (cmd.args.some((a) => a.value === '-nv')) return;
  ctx.report({
    range: cmd.nameRange,
    message: 'Avoid use of wget without progress bar. Use `wget --progress=dot:giga <url>`. Or consider using `-q` or `-nv` (shorthands for `--quiet` or `--no-verbose`).',
    // An exec-form (JSON) RUN gets no fix: an inserted bare word would break the array.
    ...(!site.run.json && { fix: { title: 'Add --progress=dot:giga', safety: 'unsafe' as const, edits: [insertAfter(ctx.file, cmd.nameRange, ' --progress=dot:giga')] } }),
  });
}
