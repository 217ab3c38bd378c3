// hadolint DL3001: RUN invokes a command that makes no sense while building an image (ssh, vim, top...).
import { defineRule, type RuleContext } from './types.js';
import type { ShellCommand } from '../shell/types.js';
import { commandName, forEachCommand, type RunSite } from './utils/runs.js';

const COMMAND_LIST = ['free', 'kill', 'mount', 'ps', 'service', 'shutdown', 'ssh', 'top', 'vim'];
const COMMANDS = new Set(COMMAND_LIST);

export default defineRule({
  code: 'DL3001',
  name: 'no-irrelevant-commands',
  aliases: [],
  severity: 'info',
  origin: 'hadolint',
  fixable: 'none',
  docs: {
    summary: 'RUN should not call interactive or system-management commands such as `ssh`, `vim`, `service` or `top`.',
    why:
      'A build step runs without a terminal, an init system or long-lived processes: editors and monitors hang or do ' +
      'nothing, `service` and `shutdown` have no services to manage, and whatever they change is not what the ' +
      'container will run with.',
    bad: 'FROM debian:12\nRUN service nginx start\n',
    good: 'FROM debian:12\nCMD ["nginx", "-g", "daemon off;"]\n',
    fix: 'Remove the command; start services from CMD/ENTRYPOINT and edit files with COPY or non-interactive tools.',
    notes:
      'The commands are hadolint\'s list: free, kill, mount, ps, service, shutdown, ssh, top, vim. Deviation: they are ' +
      'also found behind launchers (`sudo service ...`, `env ... ssh`), and the message names the command found (hadolint\'s ' +
      'lists ten commands, `ifconfig` among them, which it does not check).',
  },
  check(ctx) {
    forEachCommand(ctx, COMMAND_LIST, reportIrrelevant);
  },
});

function reportIrrelevant(cmd: ShellCommand, _site: RunSite, ctx: RuleContext): void {
  const name = commandName(cmd);
  if (!COMMANDS.has(name)) return;
  ctx.report({ range: cmd.nameRange, message: `For some bash commands it makes no sense running them in a Docker container like \`${name}\`` });
}
