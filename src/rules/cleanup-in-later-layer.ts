// DH008: removing package caches or lists in a later RUN than the one that created them, which cannot make
// the image smaller (the files stay in the earlier layer).
import type { Instruction } from '../parser/ast.js';
import { defineRule } from './types.js';
import { stageChain } from '../semantic/stage-graph.js';
import type { ShellScript } from '../shell/types.js';
import { CACHE_COMMAND_NAMES, cacheActivity, type ScriptCacheActivity } from './utils/package-commands.js';
import { CACHE_KINDS } from './utils/package-managers.js';
import { mayRunAny } from './utils/runs.js';

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
    // Only the package managers' commands and `rm` fill or clean caches: skip files that run none.
    if (!mayRunAny(ctx, CACHE_COMMAND_NAMES)) return;
    const file = ctx.file;
    // Ancestor stages' RUNs are replayed for every stage built on them: one activity per script.
    const activities = new Map<ShellScript, ScriptCacheActivity>();
    const activityOf = (script: ShellScript): ScriptCacheActivity => {
      let act = activities.get(script);
      if (!act) activities.set(script, (act = cacheActivity(script)));
      return act;
    };
    // Which RUN last left each cache behind, replaying an ancestor stage's RUNs.
    const replay = (ins: Instruction, dirty: Map<string, Instruction>): void => {
      const script = ins.keyword === 'RUN' ? ctx.shell(ins) : undefined;
      if (!script) return;
      const act = activityOf(script);
      const { fills, cleans } = act;
      for (const id of cleans.keys()) if (!fills.has(id)) dirty.delete(id);
      for (const id of fills) {
        if (act.cleanedAfterFill.has(id)) dirty.delete(id);
        else dirty.set(id, ins);
      }
    };
    for (const stage of file.stages) {
      const ancestors = stageChain(file, stage).slice(1).reverse();
      const before = new Map<string, Instruction>();
      for (const a of ancestors) for (const i of a.instructions) replay(i, before);
      for (const ins of stage.instructions) {
        if (ins.keyword !== 'RUN') continue;
        const script = ctx.shell(ins);
        if (!script) continue;
        const act = activityOf(script);
        const { fills, cleans } = act;
        for (const [id, cmd] of cleans) {
          const creator = before.get(id);
          if (fills.has(id) || !creator) continue;
          before.delete(id);
          const kind = CACHE_KINDS.find((k) => k.id === id)!;
          ctx.report({
            range: cmd.range,
            message: `This cleanup of ${kind.what} runs in a later layer than the RUN at line ${creator.range.startLine} that created them, so it cannot shrink the image`,
          });
        }
        // A RUN that fills and then cleans leaves nothing behind; one that only fills is the new culprit.
        for (const id of fills) {
          if (act.cleanedAfterFill.has(id)) before.delete(id);
          else before.set(id, ins);
        }
      }
    }
  },
});
