// hadolint DL3004: `sudo` inside RUN.
import { defineRule, type RuleContext } from './types.js';
import type { ShellCommand } from '../shell/types.js';
import { commandName, forEachCommand, type RunSite } from './utils/runs.js';

export default defineRule({
  code: 'DL3004',
  name: 'no-sudo',
  aliases: ['DS010', 'CKV2_DOCKER_1'],
  severity: 'error',
  origin: 'hadolint',
  fixable: 'none',
  docs: {
    summary: 'RUN should not use `sudo`.',
    why:
      'Build steps already run as the current USER; `sudo` adds a package, a tty and PAM configuration to the image, ' +
      'behaves differently across distributions, and hides which user really runs each step.',
    bad: 'FROM debian:12\nUSER app\nRUN sudo apt-get update\n',
    good: 'FROM debian:12\nRUN apt-get update\nUSER app\n',
    fix: 'Run privileged steps before switching USER (or switch back with `USER root`); at run time use a tool like gosu.',
    notes: 'As in hadolint, ONBUILD triggers are checked too.',
  },
  check(ctx) {
    // Findings are only about `sudo` commands: files and RUNs without one are skipped.
    forEachCommand(ctx, ['sudo'], reportSudo, { view: 'hadolint' });
  },
});

function reportSudo(cmd: ShellCommand, _site: RunSite, ctx: RuleContext): void {
  if (commandName(cmd) !== 'sudo') return;
  ctx.report({ range: cmd.nameRange, message: 'Do not use sudo as it leads to unpredictable behavior. Use a tool like gosu to enforce root' });
}
