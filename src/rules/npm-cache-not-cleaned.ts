// DH009: `npm install` / `npm ci` leaving the npm cache (~/.npm) in the layer. hadolint covers pip (DL3042)
// and yarn (DL3060) but has no npm rule.
import { isShippedStage } from '../semantic/stage-graph.js';
import { defineRule } from './types.js';
import { commandsAfter, findCommands } from '../shell/query.js';
import { CACHE_KINDS } from './utils/dockhand-package-caches.js';
import { mayRunAny } from './utils/runs.js';

const npm = CACHE_KINDS.find((k) => k.id === 'npm')!;

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
    if (!mayRunAny(ctx, ['npm'])) return;
    const file = ctx.file;
    for (const stage of file.stages) {
      if (!isShippedStage(file, stage.index)) continue;
      for (const ins of stage.instructions) {
        if (ins.keyword !== 'RUN') continue;
        if (ins.flags.some((f) => f.name === 'mount' && /type=(cache|tmpfs)/.test(f.value ?? '') && /\.npm/.test(f.value ?? ''))) continue;
        const script = ctx.shell(ins);
        if (!script) continue;
        for (const cmd of findCommands(script)) {
          if (!npm.fills(cmd)) continue;
          if (commandsAfter(script, cmd).some((c) => npm.cleans(c))) continue;
          ctx.report({ range: cmd.range, message: `'${cmd.name} ${cmd.argsNoFlags[0]?.value ?? ''}' leaves the npm cache in the layer; add 'npm cache clean --force' to this RUN` });
        }
      }
    }
  },
});
