// hadolint DL3015: `apt-get install` without `--no-install-recommends` pulls in recommended packages.
import { defineRule, type RuleContext } from './types.js';
import type { ShellCommand } from '../shell/types.js';
import { aptBoolean, aptSettings, installCall, type InstallCall } from './utils/package-commands.js';
import { PACKAGE_MANAGERS } from './utils/package-managers.js';
import { commandHead, insertAfter } from './utils/run-edits.js';
import { forEachCommand, type RunSite } from './utils/runs.js';

const APT = PACKAGE_MANAGERS.apt;
const MESSAGE = 'Avoid additional packages by specifying `--no-install-recommends`';

export default defineRule({
  code: 'DL3015',
  name: 'require-no-install-recommends',
  aliases: ['DS029'],
  severity: 'info',
  origin: 'hadolint',
  fixable: 'unsafe',
  docs: {
    summary: '`apt-get install` should be given `--no-install-recommends`.',
    why:
      'By default apt also installs every package the requested ones merely recommend, which often doubles the size ' +
      'of the layer with documentation, GUIs and tools the image never uses.',
    bad: 'FROM debian:12\nRUN apt-get update && apt-get install -y curl=7.88.1-10 && rm -rf /var/lib/apt/lists/*\n',
    good:
      'FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends curl=7.88.1-10 \\\n && rm -rf /var/lib/apt/lists/*\n',
    fix: 'Add `--no-install-recommends`, then install explicitly any recommended package the image does need.',
    fixSafety:
      'Unsafe: the image no longer contains the recommended packages, and software that relied on one of them ' +
      '(CA certificates, locales, a helper binary) can fail at run time.',
    notes:
      'Like hadolint, `-o APT::Install-Recommends=false` is accepted as well. Deviation: other spellings of a false ' +
      'value (`0`, `no`, `off`) and `--install-recommends=false` are accepted too.',
  },
  check(ctx) {
    // Findings are only about `apt-get` commands: files and RUNs without one are skipped.
    forEachCommand(ctx, APT.commands, reportRecommends);
  },
});

function reportRecommends(cmd: ShellCommand, site: RunSite, ctx: RuleContext): void {
  const install = installCall(cmd, APT);
  if (!install || skipsRecommends(install)) return;
  ctx.report({
    range: commandHead(cmd, install.subcommand),
    message: MESSAGE,
    fix: site.run.json
      ? undefined
      : { title: 'Add --no-install-recommends', safety: 'unsafe', edits: [insertAfter(ctx.file, install.subcommand.range, ' --no-install-recommends')] },
  });
}

function skipsRecommends({ parsed }: InstallCall): boolean {
  if (parsed.options.some((o) => o.name === 'no-install-recommends')) return true;
  const flag = parsed.options.find((o) => o.name === 'install-recommends' && o.value !== null);
  if (flag && aptBoolean(flag.value!) === false) return true;
  return aptBoolean(aptSettings(parsed).get('apt::install-recommends')) === false;
}
