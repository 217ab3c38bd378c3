// hadolint DL3019: `apk add` without `--no-cache` keeps the package index in the layer.
import { defineRule } from './types.js';
import { hasVolatileMountOver } from './utils/mounts.js';
import { installCall, removesDirOrParent } from './utils/package-commands.js';
import { PACKAGE_MANAGERS } from './utils/package-managers.js';
import { commandHead, insertAfter } from './utils/run-edits.js';
import { commandsOf, hasAny, mayRunAny, runSites, siteCommandNames } from './utils/runs.js';

const MESSAGE = 'Use the `--no-cache` switch to avoid the need to use `--update` and remove `/var/cache/apk/*` when done installing packages';
const APK = PACKAGE_MANAGERS.apk;
const CACHE = APK.cache.dirs[0]!;

export default defineRule({
  code: 'DL3019',
  name: 'require-apk-no-cache',
  aliases: ['DS025'],
  severity: 'info',
  origin: 'hadolint',
  fixable: 'unsafe',
  docs: {
    summary: '`apk add` should be given `--no-cache`.',
    why:
      'Without `--no-cache`, apk keeps its package index under /var/cache/apk in the layer: megabytes of data the ' +
      'running container never needs.',
    bad: 'FROM alpine:3.20\nRUN apk update && apk add curl=8.9.1-r2\n',
    good: 'FROM alpine:3.20\nRUN apk add --no-cache curl=8.9.1-r2\n',
    fix: 'Add `--no-cache` (it also makes a preceding `apk update` unnecessary), or mount a cache on /var/cache/apk.',
    fixSafety:
      'Unsafe: the image no longer holds the package index, so a later RUN that runs `apk add` without `--no-cache` ' +
      'or `apk update` can no longer find packages.',
    notes:
      'As in hadolint, a cache or tmpfs mount over /var/cache/apk silences the rule; a mount on a parent directory counts ' +
      'too and one below it does not (hadolint tests whether the target contains `/var/cache/apk`). Deviation: an `rm` of ' +
      '/var/cache/apk (or its contents) in the same RUN after the install silences it too, since the index then ' +
      'never reaches the layer; `apk add --no-network`, which fetches nothing, is not reported.',
  },
  check(ctx) {
    // Findings are only about `apk` commands: skip files and RUNs without one.
    if (!mayRunAny(ctx, APK.commands)) return;
    for (const site of runSites(ctx.file, { onbuild: true })) {
      if (hasVolatileMountOver(site.run, CACHE)) continue;
      const cmds = commandsOf(ctx, site);
      if (!hasAny(siteCommandNames(ctx, site), APK.commands)) continue;
      cmds.forEach((cmd, i) => {
        const add = installCall(cmd, APK);
        if (!add || add.parsed.options.some((o) => APK.cache.noCacheOptions.includes(o.name))) return;
        if (cmds.slice(i + 1).some((c) => removesDirOrParent(c, CACHE))) return;
        ctx.report({
          range: commandHead(cmd, add.subcommand),
          message: MESSAGE,
          fix: site.run.json
            ? undefined
            : { title: 'Add --no-cache', safety: 'unsafe', edits: [insertAfter(ctx.file, add.subcommand.range, ' --no-cache')] },
        });
      });
    }
  },
});
