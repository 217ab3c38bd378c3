// DL4005: replacing /bin/sh with a symlink instead of using SHELL.
import { defineRule, type RuleContext } from './types.js';
import type { ShellCommand } from '../shell/types.js';
import { forEachCommand, type RunSite } from './utils/runs.js';

export default defineRule({
  code: 'DL4005',
  name: 'ln-bin-sh',
  aliases: [],
  severity: 'warning',
  origin: 'hadolint',
  fixable: 'none',
  docs: {
    summary: '`ln` replaces `/bin/sh` to change the default shell.',
    why: 'Relinking /bin/sh changes the shell for everything in the image, including package scripts that expect the original; SHELL changes it only for the Dockerfile\'s own RUN, CMD and ENTRYPOINT.',
    bad: 'FROM debian:12\nRUN ln -sfv /bin/bash /bin/sh',
    good: 'FROM debian:12\nSHELL ["/bin/bash", "-c"]',
    fix: 'Use `SHELL ["/bin/bash", "-c"]` instead of the symlink.',
    notes: 'Like hadolint, ONBUILD RUN is checked too. Unlike hadolint, `/bin/sh` must be the link being created (the last operand of `ln`); `ln -s /bin/sh /usr/local/bin/sh` only reads it.',
  },
  check(ctx) {
    // Findings are only about `ln` commands: files and RUNs without them are skipped.
    forEachCommand(ctx, ['ln'], reportLink);
  },
});

function reportLink(cmd: ShellCommand, _site: RunSite, ctx: RuleContext): void {
  if (cmd.name !== 'ln') return;
  const target = cmd.argsNoFlags[cmd.argsNoFlags.length - 1];
  if (target?.value === '/bin/sh') ctx.report({ range: target.range, message: 'Use SHELL to change the default shell' });
}
