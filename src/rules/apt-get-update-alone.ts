// DH005: a package-index update (`apt-get update`, `apk update`) with no install after it in the same
// RUN: the cached index goes stale, and later installs silently reuse it (Trivy DS017, Checkov
// CKV_DOCKER_5).
import type { ShellCommand } from '../shell/types.js';
import { defineRule } from './types.js';
import { ALL_PACKAGE_MANAGERS, type PackageManager } from './utils/package-managers.js';
import { commandName, commandsOf, hasAny, mayRunAny, runSites, siteCommandNames } from './utils/runs.js';

type PackageIndex = NonNullable<PackageManager['index']>;
/** Package managers whose `update` only refreshes the index, and what uses the index afterwards. */
const MANAGERS = ALL_PACKAGE_MANAGERS.flatMap((m) => (m.index ? [m.index] : []));
/** Each manager's names, and tonistiigi/xx's cross-compiling wrappers of them (`xx-apt-get`). */
const BY_NAME = new Map(MANAGERS.flatMap((m) => m.commands.flatMap((n) => [[n, m], [`xx-${n}`, m]] as const)));
const NAMES = [...BY_NAME.keys()];

export default defineRule({
  code: 'DH005',
  name: 'apt-get-update-alone',
  aliases: ['DS017', 'CKV_DOCKER_5'],
  severity: 'warning',
  origin: 'dockhand',
  fixable: 'none',
  docs: {
    summary: '`apt-get update` (or `apk update`) should run in the same RUN as the install that needs it.',
    why:
      'A RUN that updates the package index and installs nothing after it is cached with that index. When a later ' +
      'RUN installs packages, it silently reuses the stale cached index, and the install fails or gets outdated ' +
      'versions.',
    bad: 'FROM debian:12\nRUN apt-get update\nRUN apt-get install -y curl\n',
    good: 'FROM debian:12\nRUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*\n',
    fix: 'Join the update with the install: `RUN apt-get update && apt-get install -y ...` (`apk add --no-cache` needs no update at all).',
    notes:
      'A finding is an `apt-get`/`apt` or `apk` `update` with no install, upgrade or `apk add` of the same manager ' +
      'after it in the same RUN, when that RUN does nothing but update or a later RUN of the stage installs with ' +
      'that manager (exec form too; through `sudo`, and tonistiigi/xx\'s `xx-apt-get`/`xx-apk`). Trivy\'s DS017 also ' +
      'flags `yum`, `dnf` and `zypper` `update`/`up`; for those, `update` upgrades the installed packages (they ' +
      'refresh their metadata on their own), so dockhand does not. An update followed only by other work (`apt-get ' +
      'purge`, `apt download`) with no later install is not flagged, as nothing reuses its index.',
  },
  check(ctx) {
    if (!mayRunAny(ctx, NAMES)) return;
    const sites = runSites(ctx.file, { onbuild: false });
    for (let s = 0; s < sites.length; s++) {
      const site = sites[s]!;
      // (A heredoc's script is not in `original`: those RUNs are always looked at.)
      if (site.run.heredocs.length === 0 && !site.run.original.includes('update')) continue;
      const names = siteCommandNames(ctx, site);
      if (!hasAny(names, NAMES)) continue;
      const cmds = commandsOf(ctx, site);
      const named = cmds.filter((c) => c.name !== '');
      for (let i = 0; i < cmds.length; i++) {
        const cmd = cmds[i]!;
        const manager = managerOf(cmd);
        if (!manager || !hasWord(cmd, ['update'])) continue;
        // An install (or upgrade) of the same manager later in the RUN uses the fresh index.
        if (cmds.slice(i + 1).some((c) => managerOf(c) === manager && hasWord(c, manager.uses))) continue;
        const onlyUpdates = named.every((c) => managerOf(c) !== undefined && hasWord(c, ['update']));
        const laterUse = sites.slice(s + 1).some((later) => later.top.stageIndex === site.top.stageIndex && commandsOf(ctx, later).some((c) => managerOf(c) === manager && hasWord(c, manager.uses)));
        if (!onlyUpdates && !laterUse) continue;
        const name = commandName(cmd);
        ctx.report({
          range: cmd.range,
          message: `'${name} update' with no install after it in the same RUN: later installs reuse its cached index; run it in the same RUN as the install`,
        });
      }
    }
  },
});

function managerOf(cmd: ShellCommand): PackageIndex | undefined {
  return BY_NAME.get(commandName(cmd));
}

/**
 * Whether a non-option word of the command is one of `words` (`apt-get -o X=Y --no-install-recommends
 * install …` has `install` though an option value comes first).
 */
function hasWord(cmd: ShellCommand, words: readonly string[]): boolean {
  return cmd.argsNoFlags.some((w) => words.includes(w.value));
}
