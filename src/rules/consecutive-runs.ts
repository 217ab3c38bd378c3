// DL3059: consecutive single-command RUN instructions that could be one layer.
import { defineRule } from './types.js';
import type { Instruction } from '../parser/ast.js';
import { commandsOf } from './utils/hadolint-b-shell.js';

export default defineRule({
  code: 'DL3059',
  name: 'consecutive-runs',
  aliases: [],
  severity: 'info',
  origin: 'hadolint',
  fixable: 'none',
  docs: {
    summary: 'Multiple consecutive `RUN` instructions that could be consolidated.',
    why: 'Each RUN creates a layer. Consecutive simple RUNs with the same options are usually one step split by accident; merging them makes fewer layers and lets a cleanup in the same RUN actually shrink the image.',
    bad: 'FROM debian:12\nRUN apt-get update\nRUN apt-get install -y curl',
    good: 'FROM debian:12\nRUN apt-get update \\\n && apt-get install -y curl',
    fix: 'Join the commands with `&&` in one RUN.',
    notes: 'Like hadolint: comments between the RUNs do not separate them, RUNs with different flags (e.g. different `--mount`s) are not reported, and a RUN that already chains several commands is taken as a deliberate split. ONBUILD RUN is not checked.',
  },
  check(ctx) {
    let prev: { flags: string; count: number } | undefined;
    for (const ins of ctx.file.instructions) {
      if (ins.keyword !== 'RUN') {
        prev = undefined;
        continue;
      }
      const cur = { flags: flagKey(ins), count: commandsOf(ctx, { run: ins, host: ins }).filter((c) => c.name !== '').length };
      if (prev && prev.flags === cur.flags && prev.count <= 1 && cur.count <= 1) {
        ctx.report({ range: ins.keywordRange, message: 'Multiple consecutive `RUN` instructions. Consider consolidation.' });
      }
      prev = cur;
    }
  },
});

function flagKey(ins: Instruction): string {
  return ins.flags.map((f) => f.raw).join('\u0000');
}
