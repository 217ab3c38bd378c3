// DH005: `RUN apt-get update` in a layer of its own, whose cached index later installs silently reuse.
import { defineRule } from './types.js';
import { isCommand, isSubcommand, namedCommandList } from '../shell/query.js';
import type { ShellCommand } from '../shell/types.js';
import { mayRunAny } from './utils/run-names.js';

const APT = ['apt-get', 'apt'];

export default defineRule({
  code: 'DH005',
  name: 'apt-get-update-alone',
  aliases: [],
  severity: 'warning',
  origin: 'dockhand',
  fixable: 'none',
  docs: {
    summary: '`apt-get update` should run in the same RUN as the `apt-get install` that needs it.',
    why:
      'A RUN holding only `apt-get update` is cached on its own. When you later add a package to the next RUN, ' +
      'the stale cached index is reused and the install fails or gets outdated versions.',
    bad: 'FROM debian:12\nRUN apt-get update\nRUN apt-get install -y curl\n',
    good: 'FROM debian:12\nRUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*\n',
    fix: 'Join the update with the install: `RUN apt-get update && apt-get install -y ...`.',
  },
  check(ctx) {
    // A finding needs an `apt-get`/`apt` command (most files have none).
    if (!mayRunAny(ctx, APT)) return;
    for (const stage of ctx.file.stages) {
      for (const ins of stage.instructions) {
        if (ins.keyword !== 'RUN') continue;
        const script = ctx.shell(ins);
        if (!script || script.hasErrors) continue;
        const cmds = namedCommandList(script);
        // Every command must be an update (most RUNs fail at the first).
        if (cmds.length === 0 || !cmds.every(isAptUpdate)) continue;
        ctx.report({
          range: cmds[0]!.range,
          message: `'${cmds[0]!.name} update' alone in its own RUN: later installs reuse its cached index; run it in the same RUN as the install`,
        });
      }
    }
  },
});

/** `apt-get update` / `apt update` (by name or base name; the first positional argument is `update`). */
function isAptUpdate(c: ShellCommand): boolean {
  return isCommand(c, ...APT) && isSubcommand(c, 'update');
}
