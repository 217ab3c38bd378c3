// hadolint DL3002: the last USER of a stage is root.
import type { Instruction } from '../parser/ast.js';
import { defineRule } from './types.js';
import { stripQuotes } from './utils/quotes.js';
import { instructionsOf } from './utils/instructions.js';

export default defineRule({
  code: 'DL3002',
  name: 'no-root-user',
  aliases: ['DS002', 'CKV_DOCKER_8'],
  severity: 'warning',
  origin: 'hadolint',
  fixable: 'none',
  docs: {
    summary: 'The last USER of a stage should not be root.',
    why:
      'A container whose process runs as root turns any compromise of that process, or a container escape, into ' +
      'root on the host. Switching to root for a few build steps is fine; ending the stage as root is not.',
    bad: 'FROM debian:12\nUSER root\nRUN apt-get update\n',
    good: 'FROM debian:12\nUSER root\nRUN apt-get update\nUSER app\n',
    fix: 'After the steps that need root, switch to an unprivileged user with `USER <name or uid>`.',
    notes:
      'As in hadolint, every stage is checked on its own and `root`, `0`, `root:<group>` and `0:<group>` count as root; ' +
      'a stage that never sets USER is not reported; USER before the first FROM and ONBUILD USER are not seen. Deviation: ' +
      '`USER "root"` is root (the builder removes the quotes; hadolint compares the raw text).',
  },
  check(ctx) {
    const last = new Map<number, Instruction>();
    for (const ins of instructionsOf(ctx.file, 'USER')) {
      if (ins.stageIndex >= 0) last.set(ins.stageIndex, ins);
    }
    for (const ins of last.values()) {
      const user = stripQuotes(ins.argsText.trim());
      if (user === 'root' || user === '0' || user.startsWith('root:') || user.startsWith('0:')) {
        ctx.report({ range: ins.argsRange, message: 'Last USER should not be root' });
      }
    }
  },
});
