// DH017: `apt-get dist-upgrade` / `full-upgrade` in a RUN (Trivy DS024, deprecated there and off
// unless deprecated checks are included). The apt counterpart of hadolint's DL3035 for zypper.
import { defineRule, type RuleContext } from './types.js';
import type { ShellCommand } from '../shell/types.js';
import { parseOptions } from './utils/command-args.js';
import { PACKAGE_MANAGERS } from './utils/package-managers.js';
import { commandName, forEachCommand, type RunSite } from './utils/runs.js';

/** The apt front ends that take `dist-upgrade` / `full-upgrade`. */
const APT_COMMANDS = PACKAGE_MANAGERS.apt.frontEnds!;
const UPGRADES = new Set(['dist-upgrade', 'full-upgrade']);

export default defineRule({
  code: 'DH017',
  name: 'apt-dist-upgrade',
  aliases: ['DS024'],
  severity: 'info',
  origin: 'dockhand',
  fixable: 'none',
  disabledByDefault: true,
  docs: {
    summary: '`apt-get dist-upgrade` (`full-upgrade`) in a RUN.',
    why:
      'Unlike `upgrade`, `dist-upgrade` installs and removes packages to follow changed dependencies, so the ' +
      'image\'s package set depends on the day it was built and drifts from the base image that was tested. A ' +
      'newer base image tag brings the same fixes, built and tested as a whole.',
    bad: 'FROM debian:12\nRUN apt-get update && apt-get dist-upgrade -y\n',
    good: 'FROM debian:12.8\nRUN apt-get update && apt-get upgrade -y && rm -rf /var/lib/apt/lists/*\n',
    fix: 'Move to a newer base image tag, or use `apt-get upgrade`, which only upgrades what is installed.',
    notes:
      'Off by default, as Trivy\'s DS024 is (Trivy marks it deprecated and runs it only with ' +
      '`--include-deprecated-checks`): `dist-upgrade` is how an image takes security fixes that need a new ' +
      'dependency, which `upgrade` holds back. Enable it in the config (`severity: { DH017: warning }`) to keep ' +
      'upgrades to the base image. `apt-get upgrade` is not reported, on purpose: it takes no package list, so ' +
      'there is nothing to pin, it installs nothing new, and Docker\'s best practices no longer advise against it ' +
      '(hadolint dropped its rule against it; Trivy\'s own test passes it). Pinned upgrades are ' +
      '`apt-get install --only-upgrade pkg=version`, which DL3008 reads as an install. The sub-command is the first ' +
      'word that is not an option (values of `-o`, `-c`, `-t` skipped), so `apt-get install dist-upgrade-tool` ' +
      'is not reported; `apt`, `aptitude`, ONBUILD RUN and scripts handed to a shell (`sh -c "apt-get -y dist-upgrade"`) ' +
      'count too.',
  },
  check(ctx) {
    forEachCommand(ctx, APT_COMMANDS, reportDistUpgrade, { view: 'launchers+scripts' });
  },
});

function reportDistUpgrade(cmd: ShellCommand, _site: RunSite, ctx: RuleContext): void {
  const name = commandName(cmd);
  if (!APT_COMMANDS.includes(name)) return;
  const sub = parseOptions(cmd.args, PACKAGE_MANAGERS.apt.valueOptions).operands[0];
  if (!sub || !UPGRADES.has(sub.value)) return;
  ctx.report({
    range: sub.range,
    message: `\`${name} ${sub.value}\` adds and removes packages to follow new dependencies, so the image drifts from the tested base; use a newer base image tag (or \`${name} upgrade\`)`,
  });
}
