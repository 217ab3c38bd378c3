// hadolint DL3008: `apt-get install <package>` without `=<version>`.
import { defineRule, type RuleContext } from './types.js';
import type { ShellCommand } from '../shell/types.js';
import { unpinnedPackages } from './utils/package-commands.js';
import { PACKAGE_MANAGERS } from './utils/package-managers.js';
import { forEachCommand, type RunSite } from './utils/runs.js';

const APT = PACKAGE_MANAGERS.apt;
const MESSAGE = 'Pin versions in apt get install. Instead of `apt-get install <package>` use `apt-get install <package>=<version>`';

export default defineRule({
  code: 'DL3008',
  name: 'pin-apt-versions',
  aliases: [],
  severity: 'warning',
  origin: 'hadolint',
  fixable: 'none',
  docs: {
    summary: 'Packages installed with `apt-get install` should be pinned to a version.',
    why:
      'An unpinned package resolves to whatever the mirror serves on the day of the build, so rebuilding an unchanged ' +
      'Dockerfile can produce a different image and break without warning.',
    bad: 'FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*\n',
    good:
      'FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends curl=7.88.1-10+deb12u8 \\\n && rm -rf /var/lib/apt/lists/*\n',
    fix: 'Write each package as `name=version` (`apt-cache policy name` shows the candidates).',
    notes:
      'Like hadolint, a package naming a release (`name/bookworm-backports`) or a path, and `.deb` files, count as ' +
      'pinned, and the value of `-t/--target-release` is not a package. Each unpinned package is reported at its own ' +
      'word. The install is found as apt-get finds its command, as the first word naming one, so an option value ' +
      'before it hides nothing. Deviations: the values of `-o`, `-c` and apt-get\'s other value options are not ' +
      'taken for packages either; packages given by a variable (`$PACKAGES`) are not judged (hadolint reports them); ' +
      '`sudo apt-get install` and similar launchers are checked.',
  },
  check(ctx) {
    // Findings are only about `apt-get` commands: files and RUNs without one are skipped.
    forEachCommand(ctx, APT.commands, reportUnpinned);
  },
});

function reportUnpinned(cmd: ShellCommand, _site: RunSite, ctx: RuleContext): void {
  for (const word of unpinnedPackages(cmd, APT)) ctx.report({ range: word.range, message: MESSAGE });
}
