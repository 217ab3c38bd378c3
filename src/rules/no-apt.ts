// hadolint DL3027: RUN uses `apt`, the interactive front end, instead of apt-get / apt-cache.
import type { ShellCommand } from '../shell/types.js';
import type { Fix } from '../core/diagnostic.js';
import type { Dockerfile } from '../parser/ast.js';
import { defineRule, type RuleContext } from './types.js';
import { parseOptions } from './utils/command-args.js';
import { APT_GLOBAL_VALUE_OPTIONS } from './utils/package-managers.js';
import { commandName, forEachCommand, type RunSite } from './utils/runs.js';

/** apt subcommands and the apt-get / apt-cache command doing the same. */
const EQUIVALENT: Record<string, string> = {
  install: 'apt-get', remove: 'apt-get', purge: 'apt-get', update: 'apt-get', autoremove: 'apt-get',
  autoclean: 'apt-get', clean: 'apt-get', source: 'apt-get', 'build-dep': 'apt-get', download: 'apt-get',
  satisfy: 'apt-get', search: 'apt-cache', show: 'apt-cache', policy: 'apt-cache', depends: 'apt-cache',
  rdepends: 'apt-cache', showsrc: 'apt-cache',
};

export default defineRule({
  code: 'DL3027',
  name: 'no-apt',
  aliases: ['CKV_DOCKER_9'],
  severity: 'warning',
  origin: 'hadolint',
  fixable: 'unsafe',
  docs: {
    summary: 'RUN should use `apt-get` or `apt-cache`, not `apt`.',
    why:
      '`apt` is meant for people at a terminal: its output and defaults may change between releases and it warns ' +
      'that it "does not have a stable CLI interface" when used in scripts.',
    bad: 'FROM debian:12\nRUN apt update && apt install -y curl\n',
    good: 'FROM debian:12\nRUN apt-get update && apt-get install -y curl\n',
    fix: 'Use `apt-get` for installing, removing and updating, and `apt-cache` for `search`, `show` and `policy`.',
    fixSafety:
      'Unsafe: apt and apt-get differ in defaults, notably apt deletes downloaded .deb files after installing ' +
      '(`Binary::apt::APT::Keep-Downloaded-Packages`) while apt-get keeps them, so the image can differ. The fix is ' +
      'offered for subcommands with a direct equivalent (not `upgrade`, `full-upgrade` or `list`), in shell-form RUNs.',
    notes: 'As in hadolint, ONBUILD triggers are checked too.',
  },
  check(ctx) {
    // Findings are only about `apt` commands: files and RUNs without one are skipped.
    forEachCommand(ctx, ['apt'], reportApt);
  },
});

function reportApt(cmd: ShellCommand, site: RunSite, ctx: RuleContext): void {
  if (commandName(cmd) !== 'apt') return;
  ctx.report({
    range: cmd.nameRange,
    message: 'Do not use apt as it is meant to be an end-user tool, use apt-get or apt-cache instead',
    fix: site.run.json ? undefined : replacement(ctx.file, cmd),
  });
}

function replacement(file: Dockerfile, cmd: ShellCommand): Fix | undefined {
  if (cmd.name !== 'apt') return undefined;
  const sub = parseOptions(cmd.args, APT_GLOBAL_VALUE_OPTIONS).operands[0]?.value;
  const tool = sub === undefined ? undefined : EQUIVALENT[sub];
  if (!tool) return undefined;
  const r = cmd.nameRange;
  if (file.text.slice(r.start, r.end) !== 'apt') return undefined; // quoted or escaped name: leave it alone
  return { title: `Replace apt with ${tool}`, safety: 'unsafe', edits: [{ range: file.lineIndex.range(r.start, r.end), text: tool }] };
}
