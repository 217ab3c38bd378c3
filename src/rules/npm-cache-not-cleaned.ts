// DH009: `npm install` / `npm ci` leaving the npm cache (~/.npm) in the layer. hadolint covers pip (DL3042)
// and yarn (DL3060) but has no npm rule.
import { isShippedStage } from '../semantic/stage-graph.js';
import { commandsAfter, findCommands } from '../shell/query.js';
import { defineRule } from './types.js';
import { hasCacheMount } from './utils/mounts.js';
import { cleansCache, fillsCache } from './utils/package-commands.js';
import { PACKAGE_MANAGERS } from './utils/package-managers.js';
import { mayRunAny } from './utils/runs.js';

const NPM = PACKAGE_MANAGERS.npm;

export default defineRule({
  code: 'DH009',
  name: 'npm-cache-not-cleaned',
  aliases: [],
  severity: 'info',
  origin: 'dockhand',
  fixable: 'none',
  docs: {
    summary: 'Clean the npm cache in the RUN that installs packages (or use a cache mount).',
    why:
      '`npm install` and `npm ci` keep every downloaded tarball in ~/.npm. In an image that ships, that is dead ' +
      'weight, often as large as node_modules.',
    bad: 'FROM node:22-alpine\nWORKDIR /app\nCOPY package*.json ./\nRUN npm ci\n',
    good: 'FROM node:22-alpine\nWORKDIR /app\nCOPY package*.json ./\nRUN npm ci && npm cache clean --force\n',
    fix: 'Add `&& npm cache clean --force` to the same RUN, or use `RUN --mount=type=cache,target=/root/.npm npm ci`.',
    notes:
      'Like hadolint\'s DL3060 for yarn, only the last stage and stages used as a base by a later FROM are ' +
      'checked: a stage that is only copied from does not ship its cache. A cache or tmpfs mount on `.npm` ' +
      'silences it.',
  },
  check(ctx) {
    // Only `npm` commands fill the npm cache: skip files that run none.
    if (!mayRunAny(ctx, NPM.commands)) return;
    const file = ctx.file;
    for (const stage of file.stages) {
      if (!isShippedStage(file, stage.index)) continue;
      for (const ins of stage.instructions) {
        if (ins.keyword !== 'RUN') continue;
        if (hasCacheMount(ins, ...NPM.cache.mountFragments)) continue;
        const script = ctx.shell(ins);
        if (!script) continue;
        for (const cmd of findCommands(script)) {
          if (!fillsCache(NPM.layerCache, cmd)) continue;
          if (commandsAfter(script, cmd).some((c) => cleansCache(NPM.layerCache, c))) continue;
          ctx.report({ range: cmd.range, message: `'${cmd.name} ${cmd.argsNoFlags[0]?.value ?? ''}' leaves the npm cache in the layer; add 'npm ${NPM.cache.clean}' to this RUN` });
        }
      }
    }
  },
});
