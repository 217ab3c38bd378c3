// The package-pinning check shared by DL3033 (yum) and DL3041 (dnf/microdnf): unversioned packages of
// `install`, and module specs without a `:stream` in `module install`.
import type { ShellCommand, ShellWord } from '../../shell/types.js';
import type { RuleContext } from '../types.js';
import { commandsOf, hasAny, mayRunAny, runSites, siteCommandNames } from './runs.js';
import { knownVariables, packagesAfter, rpmVersionPinned, subcommand, RPM_VALUE_FLAGS } from './hadolint-b-packages.js';
import { stageGraph } from '../../semantic/stage-graph.js';

/** One unpinned package or module found in a RUN. */
export interface UnpinnedRpm {
  word: ShellWord;
  module: boolean;
}

/** Reports-to-be for every unpinned package of `tools` (`['yum']`, `['dnf', 'microdnf']`) in RUNs and ONBUILD RUNs. */
export function unpinnedRpms(ctx: RuleContext, tools: string[]): UnpinnedRpm[] {
  const out: UnpinnedRpm[] = [];
  // Only calls of the tools are judged: skip files and RUNs that run none of them.
  if (!mayRunAny(ctx, tools)) return out;
  const parents = stageGraph(ctx.file).parents;
  for (const site of runSites(ctx.file, { onbuild: true })) {
    if (!hasAny(siteCommandNames(ctx, site), tools)) continue;
    let known: Set<string> | undefined;
    for (const cmd of commandsOf(ctx, site)) {
      if (!tools.includes(cmd.name)) continue;
      known ??= knownVariables(ctx.file, site.top, parents);
      out.push(...unpinnedIn(cmd, known));
    }
  }
  return out;
}

function unpinnedIn(cmd: ShellCommand, known: Set<string>): UnpinnedRpm[] {
  const install = subcommand(cmd, ['install'], RPM_VALUE_FLAGS);
  if (!install) return [];
  const before = subcommand(cmd, ['module', 'group', 'groupinstall'], RPM_VALUE_FLAGS);
  const pkgs = packagesAfter(cmd, install, RPM_VALUE_FLAGS);
  if (before && before.range.start < install.range.start) {
    // Groups have no versions; modules are pinned by their stream (`nodejs:20`).
    if (before.value !== 'module') return [];
    return pkgs.filter((w) => !w.value.includes(':')).map((word) => ({ word, module: true }));
  }
  return pkgs.filter((w) => !rpmVersionPinned(w.value, known)).map((word) => ({ word, module: false }));
}
