// hadolint DL3003: `cd` inside RUN instead of WORKDIR.
import { defineRule, type RuleContext } from './types.js';
import type { ShellCommand } from '../shell/types.js';
import { commandName, forEachCommand, type RunSite } from './utils/runs.js';

export default defineRule({
  code: 'DL3003',
  name: 'no-cd-in-run',
  aliases: ['DS013'],
  severity: 'warning',
  origin: 'hadolint',
  fixable: 'none',
  docs: {
    summary: 'RUN should not use `cd`; WORKDIR sets the directory.',
    why:
      'A `cd` lasts only for its own RUN, so the next instruction silently runs somewhere else; WORKDIR states the ' +
      'directory once, for every later instruction, and creates it if needed.',
    bad: 'FROM alpine:3.20\nRUN cd /app && make\n',
    good: 'FROM alpine:3.20\nWORKDIR /app\nRUN make\n',
    fix: 'Put `WORKDIR <dir>` before the RUN and drop the `cd`, or pass the directory to the tool (`make -C /app`).',
    notes: 'As in hadolint, every `cd` is reported (subshells included) and ONBUILD triggers are not checked.',
  },
  check(ctx) {
    // Findings are only about `cd` commands: files and RUNs without one are skipped.
    forEachCommand(ctx, ['cd'], reportCd, { onbuild: false, view: 'hadolint' });
  },
});

function reportCd(cmd: ShellCommand, _site: RunSite, ctx: RuleContext): void {
  if (commandName(cmd) === 'cd') ctx.report({ range: cmd.nameRange, message: 'Use WORKDIR to switch to a directory' });
}
