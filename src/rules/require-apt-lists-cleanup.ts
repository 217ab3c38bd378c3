// hadolint DL3009: `apt-get update` leaves the package lists in the layer unless the same RUN deletes them.
import { isShippedStage } from '../semantic/stage-graph.js';
import type { ShellCommand } from '../shell/types.js';
import { defineRule } from './types.js';
import { parseOptions } from './utils/command-args.js';
import { hasVolatileMountOver } from './utils/mounts.js';
import { removesDirOrParent } from './utils/package-commands.js';
import { APT_GLOBAL_VALUE_OPTIONS, PACKAGE_MANAGERS } from './utils/package-managers.js';
import { commandName, commandsOf, hasAny, mayRunAny, runSites, siteCommandNames } from './utils/runs.js';

const MESSAGE = 'Delete the apt lists (/var/lib/apt/lists) after installing something';
const LISTS = PACKAGE_MANAGERS.apt.cache.dirs[0]!;
const APT_NAMES = PACKAGE_MANAGERS.apt.frontEnds;

export default defineRule({
  code: 'DL3009',
  name: 'require-apt-lists-cleanup',
  aliases: [],
  severity: 'info',
  origin: 'hadolint',
  fixable: 'none',
  docs: {
    summary: '`apt-get update` should be followed by `rm -rf /var/lib/apt/lists/*` in the same RUN.',
    why:
      'The package lists fetched by `apt-get update` take tens of megabytes. Deleting them in a later RUN does not ' +
      'shrink the image, because the earlier layer still holds them; and stale lists baked into an image make later ' +
      '`apt-get install`s without an update fail or install outdated packages.',
    bad: 'FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends curl=7.88.1-10\n',
    good:
      'FROM debian:12\nRUN apt-get update \\\n && apt-get install -y --no-install-recommends curl=7.88.1-10 \\\n && rm -rf /var/lib/apt/lists/*\n',
    fix:
      'End the RUN with `&& rm -rf /var/lib/apt/lists/*` (or `apt-get dist-clean` with apt 2.7 and later), or keep the lists out of the layer with a cache or tmpfs ' +
      'mount (`RUN --mount=type=cache,target=/var/lib/apt/lists ...`).',
    notes:
      'As in hadolint, `apt-get`, `apt` and `aptitude` updates are checked, and only in stages whose layers ship: ' +
      'the last stage and stages another FROM builds on; ONBUILD triggers are always checked, since they run in ' +
      'whatever image is built on top. Deviations: any cache or tmpfs mount whose target is `/var/lib/apt/lists` or ' +
      'one of its parents (such as `/var/lib/apt`) keeps the lists out of the image and silences the rule (hadolint ' +
      'also wants `/var/cache/apt` mounted when only `/var/lib/apt` is); only an `rm` of the lists directory (or a ' +
      'parent) or `apt-get dist-clean` counts as the cleanup, where hadolint wants an `rm` with the word `-rf` (any path) ' +
      'or the word `/var/lib/apt/lists/*` (so it takes `rm -rf /tmp/x` and not `rm -fr /var/lib/apt/lists`); a mount ' +
      'below the lists directory does not count (hadolint tests whether the target contains the path); stages are told apart by position, so two ' +
      'identical FROM lines are not confused; stage names match case-insensitively, as BuildKit does.',
  },
  check(ctx) {
    // Findings are only about apt updates.
    if (!mayRunAny(ctx, APT_NAMES)) return;
    for (const site of runSites(ctx.file, { onbuild: true })) {
      const stage = site.top.stageIndex;
      if (!site.onbuild && !isShippedStage(ctx.file, stage)) continue;
      if (hasVolatileMountOver(site.run, LISTS)) continue;
      const cmds = commandsOf(ctx, site);
      const names = siteCommandNames(ctx, site);
      if (!hasAny(names, APT_NAMES)) continue;
      if (cmds.some((c) => removesDirOrParent(c, LISTS) || isAptCommand(c, 'dist-clean'))) continue;
      for (const cmd of cmds) if (isAptUpdate(cmd)) ctx.report({ range: cmd.range, message: MESSAGE });
    }
  },
});

function isAptUpdate(cmd: ShellCommand): boolean {
  return isAptCommand(cmd, 'update');
}

/** `apt-get <sub>`, `apt <sub>` or `aptitude <sub>`. */
function isAptCommand(cmd: ShellCommand, sub: string): boolean {
  if (!APT_NAMES.includes(commandName(cmd))) return false;
  return parseOptions(cmd.args, APT_GLOBAL_VALUE_OPTIONS).operands[0]?.value === sub;
}

