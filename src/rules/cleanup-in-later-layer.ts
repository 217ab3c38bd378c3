// DH008: removing package caches or lists in a later RUN than the one that created them, which cannot make
// the image smaller (the files stay in the earlier layer).
import type { Instruction } from '../parser/ast.js';
import { defineRule } from './types.js';
import { stageChain } from './utils/buildkit-common.js';
import { CACHE_KINDS, cacheActivity } from './utils/dockhand-package-caches.js';

export default defineRule({
  code: 'DH008',
  name: 'cleanup-in-later-layer',
  aliases: [],
  severity: 'warning',
  origin: 'dockhand',
  fixable: 'none',
  docs: {
    summary: 'Clean package caches in the same RUN that created them.',
    why:
      'Every RUN is a layer. Deleting files in a later layer only hides them: the bytes stay in the image. ' +
      '`RUN rm -rf /var/lib/apt/lists/*` on its own line costs an extra layer and saves nothing.',
    bad: 'FROM debian:12\nRUN apt-get update && apt-get install -y curl\nRUN rm -rf /var/lib/apt/lists/*\n',
    good: 'FROM debian:12\nRUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*\n',
    fix: 'Move the cleanup into the RUN that downloads the packages (`... && rm -rf /var/lib/apt/lists/*`).',
    notes:
      'Knows apt, apk, yum/dnf, zypper, pip, npm and yarn: reported when a RUN cleans up after a package manager ' +
      'it does not itself run, and an earlier RUN of the stage (or of a stage it is built FROM) did run it.',
  },
  check(ctx) {
    const file = ctx.file;
    const filled = new Map<Instruction, Set<string>>();
    const fillsOf = (ins: Instruction): Set<string> => {
      let f = filled.get(ins);
      if (!f) {
        const s = ins.keyword === 'RUN' ? ctx.shell(ins) : undefined;
        f = s ? cacheActivity(s).fills : new Set();
        filled.set(ins, f);
      }
      return f;
    };
    for (const stage of file.stages) {
      const ancestors = stageChain(file, stage).slice(1).reverse();
      const before = new Map<string, Instruction>();
      for (const a of ancestors) for (const i of a.instructions) for (const id of fillsOf(i)) if (!before.has(id)) before.set(id, i);
      for (const ins of stage.instructions) {
        if (ins.keyword !== 'RUN') continue;
        const script = ctx.shell(ins);
        if (!script) continue;
        const { fills, cleans } = cacheActivity(script);
        for (const [id, cmd] of cleans) {
          const creator = before.get(id);
          if (fills.has(id) || !creator) continue;
          const kind = CACHE_KINDS.find((k) => k.id === id)!;
          ctx.report({
            range: cmd.range,
            message: `This cleanup of ${kind.what} runs in a later layer than the RUN at line ${creator.range.startLine} that created them, so it cannot shrink the image`,
          });
        }
        for (const id of fills) if (!before.has(id)) before.set(id, ins);
      }
    }
  },
});
