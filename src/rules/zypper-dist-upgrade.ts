// DL3035: `zypper dist-upgrade` in a Dockerfile.
import { defineRule, type RuleContext } from './types.js';
import type { ShellCommand } from '../shell/types.js';
import { subcommand } from './utils/command-args.js';
import { forEachCommand, type RunSite } from './utils/runs.js';

export default defineRule({
  code: 'DL3035',
  name: 'zypper-dist-upgrade',
  aliases: [],
  severity: 'warning',
  origin: 'hadolint',
  fixable: 'none',
  docs: {
    summary: '`zypper dist-upgrade` (`dup`) in a RUN.',
    why: 'A distribution upgrade inside a build swaps the base image\'s packages for whatever is newest, so the result depends on the build date and drifts from the tested base. Update the base image tag instead.',
    bad: 'FROM opensuse/leap:15.5\nRUN zypper dist-upgrade -y',
    good: 'FROM opensuse/leap:15.6',
    fix: 'Use a newer base image instead of upgrading the distribution in the build.',
    notes: 'Like hadolint, ONBUILD RUN is checked too.',
  },
  check(ctx) {
    // Findings are only about `zypper` commands: files and RUNs without them are skipped.
    forEachCommand(ctx, ['zypper'], reportDistUpgrade);
  },
});

function reportDistUpgrade(cmd: ShellCommand, _site: RunSite, ctx: RuleContext): void {
  if (cmd.name !== 'zypper') return;
  const sub = subcommand(cmd, ['dist-upgrade', 'dup']);
  if (sub) ctx.report({ range: sub.range, message: 'Do not use `zypper dist-upgrade`.' });
}
