// DH005: `RUN apt-get update` in a layer of its own, whose cached index later installs silently reuse.
import { defineRule } from './types.js';
import { findCommands, isCommand, isSubcommand } from '../shell/query.js';

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
    for (const stage of ctx.file.stages) {
      for (const ins of stage.instructions) {
        if (ins.keyword !== 'RUN') continue;
        const script = ctx.shell(ins);
        if (!script || script.hasErrors) continue;
        const cmds = findCommands(script);
        if (cmds.length === 0) continue;
        const updates = cmds.filter((c) => isCommand(c, 'apt-get', 'apt') && isSubcommand(c, 'update'));
        if (updates.length === 0 || updates.length !== cmds.length) continue;
        ctx.report({
          range: updates[0]!.range,
          message: `'${updates[0]!.name} update' alone in its own RUN: later installs reuse its cached index; run it in the same RUN as the install`,
        });
      }
    }
  },
});
