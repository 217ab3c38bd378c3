// hadolint DL3028: `gem install <gem>` without a version.
import type { ShellCommand } from '../shell/types.js';
import { defineRule, type RuleContext } from './types.js';
import { unpinnedPackages } from './utils/package-commands.js';
import { PACKAGE_MANAGERS } from './utils/package-managers.js';
import { forEachCommand, type RunSite } from './utils/runs.js';

const GEM = PACKAGE_MANAGERS.gem;
const MESSAGE = 'Pin versions in gem install. Instead of `gem install <gem>` use `gem install <gem>:<version>`';

export default defineRule({
  code: 'DL3028',
  name: 'pin-gem-versions',
  aliases: [],
  severity: 'warning',
  origin: 'hadolint',
  fixable: 'none',
  docs: {
    summary: 'Gems installed with `gem install` should name a version.',
    why:
      'Without a version RubyGems installs the newest release at build time, so rebuilding the same Dockerfile can give ' +
      'a different image, and a new release can break it.',
    bad: 'FROM ruby:3.3\nRUN gem install bundler\n',
    good: 'FROM ruby:3.3\nRUN gem install bundler:2.5.22\n',
    fix: 'Write `gem:version` for each gem, or give the version with `-v`/`--version`.',
    notes:
      'As in hadolint, `gem install` and `gem i` are checked, a `-v`/`--version` option exempts the command, option ' +
      'values are not gems, and everything after `--` (build options) is ignored. Each unpinned gem is reported at its ' +
      'own word. Deviations: gems given by a variable are not judged; local `.gem` files count as pinned.',
  },
  check(ctx) {
    // Findings are only about `gem` commands: files and RUNs without one are skipped.
    forEachCommand(ctx, GEM.commands, reportUnpinned);
  },
});

function reportUnpinned(cmd: ShellCommand, _site: RunSite, ctx: RuleContext): void {
  for (const word of unpinnedPackages(cmd, GEM)) ctx.report({ range: word.range, message: MESSAGE });
}
