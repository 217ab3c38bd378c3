// DL3034: zypper commands that may prompt, run without a non-interactive switch.
import { defineRule } from './types.js';
import { checkAssumeYes } from './utils/package-commands.js';
import { PACKAGE_MANAGERS } from './utils/package-managers.js';

export default defineRule({
  code: 'DL3034',
  name: 'zypper-without-non-interactive',
  aliases: [],
  severity: 'warning',
  origin: 'hadolint',
  fixable: 'safe',
  docs: {
    summary: '`zypper install` (remove, source-install, patch) without `-n` / `--non-interactive` / `-y`.',
    why: 'A build cannot answer zypper\'s prompts; without a non-interactive switch zypper aborts and the build fails.',
    bad: 'FROM opensuse/leap:15.6\nRUN zypper install httpd=2.4.58 && zypper clean',
    good: 'FROM opensuse/leap:15.6\nRUN zypper --non-interactive install httpd=2.4.58 && zypper clean',
    fix: 'Add `--non-interactive` right after `zypper` (or `-y` after the subcommand).',
    fixSafety: 'Safe: the switch only answers prompts with their defaults, which a build cannot answer otherwise.',
    notes: 'Like hadolint: `install`/`in`, `remove`/`rm`, `source-install`/`si` and `patch` are checked, ONBUILD RUN too; `-n`, `--non-interactive`, `-y` and `--no-confirm` anywhere on the command count.',
  },
  check(ctx) {
    checkAssumeYes(ctx, PACKAGE_MANAGERS.zypper, 'Non-interactive switch missing from `zypper` command: `zypper install -y`');
  },
});
