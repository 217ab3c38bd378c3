// hadolint DL3004: `sudo` inside RUN.
import { defineRule } from './types.js';
import { commandName, commandsOf, mayRunAny, runSites, siteCommandNames } from './utils/runs.js';

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
    // Findings are only about `sudo` commands: skip files and RUNs without one.
    if (!mayRunAny(ctx, ['sudo'])) return;
    for (const site of runSites(ctx.file, { onbuild: true })) {
      const cmds = commandsOf(ctx, site, 'hadolint');
      if (!siteCommandNames(ctx, site, 'hadolint').has('sudo')) continue;
      for (const cmd of cmds) {
        if (commandName(cmd) !== 'sudo') continue;
        ctx.report({
          range: cmd.nameRange,
          message: 'Do not use sudo as it leads to unpredictable behavior. Use a tool like gosu to enforce root',
        });
      }
    }
  },
});
