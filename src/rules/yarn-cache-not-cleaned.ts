// DL3060: `yarn install` without `yarn cache clean` in the same RUN, in a stage that ships.
import { defineRule, type RuleContext } from './types.js';
import { commandsOf, mayRunAny, type RunSite, runSites, siteCommandNames } from './utils/runs.js';
import { appendToRun } from './utils/run-edits.js';
import { hasCacheMount } from './utils/mounts.js';
import { commandHead, uncleanedInstall } from './utils/hadolint-b-packages.js';
import { isShippedStage } from '../semantic/stage-graph.js';

export default defineRule({
  code: 'DL3060',
  name: 'yarn-cache-not-cleaned',
  aliases: [],
  severity: 'info',
  origin: 'hadolint',
  fixable: 'unsafe',
  docs: {
    summary: '`yarn install` without `yarn cache clean` afterwards in the same RUN.',
    why: "yarn keeps every downloaded package in its cache. Unless the cache is cleaned in the same RUN, it is committed to the layer and the image carries a second copy of node_modules.",
    bad: 'FROM node:20\nRUN yarn install --frozen-lockfile',
    good: 'FROM node:20\nRUN yarn install --frozen-lockfile && yarn cache clean',
    fix: 'Append `&& yarn cache clean`, or mount the cache: `RUN --mount=type=cache,target=/usr/local/share/.cache/yarn yarn install`.',
    fixSafety: 'Unsafe: it changes what the image contains (the cache is gone from the layer, which is the point), and a later step of the same RUN that expected the cache would have to download again. The cleanup is appended to the end of the RUN; RUNs in exec form or with heredocs get no fix.',
    notes: 'Like hadolint: only the last stage and stages used as a base by another stage are reported (build stages whose files are copied out selectively do not ship the cache); a cache/tmpfs mount on `.cache/yarn` silences it; ONBUILD RUN is checked. Unlike hadolint, the clean must come after the install.',
  },
  check(ctx) {
    // Findings are only about `yarn install`: skip files and RUNs without yarn.
    if (!mayRunAny(ctx, ['yarn'])) return;
    for (const site of runSites(ctx.file, { onbuild: true })) {
      if (!siteCommandNames(ctx, site).has('yarn')) continue;
      if (!isShippedStage(ctx.file, site.top.stageIndex) || hasCacheMount(site.run, '.cache/yarn')) continue;
      report(ctx, site);
    }
  },
});

function report(ctx: RuleContext, site: RunSite): void {
  const commands = commandsOf(ctx, site);
  const isInstall = (c: (typeof commands)[number]) => c.name === 'yarn' && c.argsNoFlags.some((w) => w.value === 'install');
  const isClean = (c: (typeof commands)[number]) => c.name === 'yarn' && c.argsNoFlags.some((w, i) => w.value === 'cache' && c.argsNoFlags[i + 1]?.value === 'clean');
  const bad = uncleanedInstall(commands, isInstall, isClean);
  if (!bad) return;
  const edit = appendToRun(site.run, 'yarn cache clean');
  ctx.report({
    range: commandHead(bad, bad.argsNoFlags.find((w) => w.value === 'install')),
    message: '`yarn cache clean` missing after `yarn install` was run.',
    ...(edit && { fix: { title: 'Append `yarn cache clean`', safety: 'unsafe' as const, edits: [edit] } }),
  });
}
