// hadolint DL3014: `apt-get install` without `-y`, which aborts a non-interactive build at the prompt.
import { defineRule, type RuleContext } from './types.js';
import type { ShellCommand } from '../shell/types.js';
import { aptBoolean, aptSettings, installCall, type InstallCall } from './utils/package-commands.js';
import { PACKAGE_MANAGERS } from './utils/package-managers.js';
import { commandHead, insertAfter } from './utils/run-edits.js';
import { forEachCommand, type RunSite } from './utils/runs.js';

const APT = PACKAGE_MANAGERS.apt;
const MESSAGE = 'Use the `-y` switch to avoid manual input `apt-get -y install <package>`';

export default defineRule({
  code: 'DL3014',
  name: 'require-apt-get-yes',
  aliases: ['DS021'],
  severity: 'warning',
  origin: 'hadolint',
  fixable: 'safe',
  docs: {
    summary: '`apt-get install` should be given `-y` so it never waits for a confirmation.',
    why:
      'A build has no terminal to answer apt-get\'s "Do you want to continue?". Without `-y` the install aborts as ' +
      'soon as it needs more packages than were named, and the build fails.',
    bad: 'FROM debian:12\nRUN apt-get update && apt-get install --no-install-recommends curl=7.88.1-10\n',
    good: 'FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends curl=7.88.1-10\n',
    fix: 'Add `-y` (or `--yes`, `--assume-yes`, `-qq`) to the apt-get install command.',
    fixSafety:
      'Safe: `-y` only answers the confirmation prompt, which a build cannot answer anyway, so a build that ' +
      'succeeded before produces the same image. The fix is offered for shell-form RUNs.',
    notes:
      'Like hadolint, `-y`, `--yes`, `--assume-yes` and quiet level 2 (`-qq`, `-q -q`, `-q=2`, `--quiet --quiet`) ' +
      'count. Deviation: `-o APT::Get::Assume-Yes=true` counts too, and so does any quiet level of 2 or more (`-qqq`; ' +
      'hadolint wants exactly two `q`s).',
  },
  check(ctx) {
    // Findings are only about `apt-get` commands: files and RUNs without one are skipped.
    forEachCommand(ctx, APT.commands, reportPrompting);
  },
});

function reportPrompting(cmd: ShellCommand, site: RunSite, ctx: RuleContext): void {
  const install = installCall(cmd, APT);
  if (!install || answersYes(install)) return;
  const yes = APT.assumeYes.insert;
  ctx.report({
    range: commandHead(cmd, install.subcommand),
    message: MESSAGE,
    fix: site.run.json ? undefined : { title: `Add ${yes}`, safety: 'safe', edits: [insertAfter(ctx.file, install.subcommand.range, ` ${yes}`)] },
  });
}

function answersYes(install: InstallCall): boolean {
  const { parsed } = install;
  if (parsed.options.some((o) => APT.assumeYes.options.includes(o.name))) return true;
  if (aptBoolean(aptSettings(parsed).get('apt::get::assume-yes')) === true) return true;
  // Quiet level 2 implies -y.
  let quiet = 0;
  const counted = new Set<unknown>();
  for (const o of parsed.options) {
    const level = /^-q=(\d+)$/.exec(o.word.value);
    if (level) {
      if (!counted.has(o.word)) quiet += Number(level[1]);
      counted.add(o.word);
    } else if (o.name === 'q' || o.name === 'quiet') quiet += o.value !== null && /^\d+$/.test(o.value) ? Number(o.value) : 1;
  }
  return quiet >= 2;
}
