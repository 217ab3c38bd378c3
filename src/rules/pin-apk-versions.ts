// hadolint DL3018: `apk add <package>` without a version constraint.
import { defineRule, type RuleContext } from './types.js';
import type { ShellCommand } from '../shell/types.js';
import { unpinnedPackages } from './utils/package-commands.js';
import { PACKAGE_MANAGERS } from './utils/package-managers.js';
import { forEachCommand, type RunSite } from './utils/runs.js';

const APK = PACKAGE_MANAGERS.apk;
const MESSAGE = 'Pin versions in apk add. Instead of `apk add <package>` use `apk add <package>=<version>`';

export default defineRule({
  code: 'DL3018',
  name: 'pin-apk-versions',
  aliases: [],
  severity: 'warning',
  origin: 'hadolint',
  fixable: 'none',
  docs: {
    summary: 'Packages installed with `apk add` should carry a version constraint.',
    why:
      'An unpinned package is whatever the Alpine mirror has at build time, so rebuilding the same Dockerfile can give ' +
      'a different image and break without any change to the file.',
    bad: 'FROM alpine:3.20\nRUN apk add --no-cache curl\n',
    good: 'FROM alpine:3.20\nRUN apk add --no-cache curl=8.9.1-r2\n',
    fix: 'Write `name=version`, or a constraint such as `name~1.2` or `name>=1.2`; local `.apk` files are fine.',
    notes:
      'As in hadolint, the values of `-t/--virtual` and `-X/--repository` are not packages. Each unpinned package is ' +
      'reported at its own word. Deviations: the values of other value-taking apk options (`--root`, `--cache-dir`, ' +
      '`--arch`...) are skipped too; only the words after `add` are packages (hadolint also takes words before it, as ' +
      'in `apk --root /x add`); packages given by a variable are not judged; launchers such as `sudo` are seen through.',
  },
  check(ctx) {
    // Findings are only about `apk` commands: files and RUNs without one are skipped.
    forEachCommand(ctx, APK.commands, reportUnpinned);
  },
});

function reportUnpinned(cmd: ShellCommand, _site: RunSite, ctx: RuleContext): void {
  for (const word of unpinnedPackages(cmd, APK)) ctx.report({ range: word.range, message: MESSAGE });
}
