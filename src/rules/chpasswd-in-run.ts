// DH015: passwords set with chpasswd in a RUN (Checkov CKV2_DOCKER_17): the password is in the
// image's history and layers for anyone who pulls it.
import { defineRule, type RuleContext } from './types.js';
import type { ShellCommand } from '../shell/types.js';
import { commandName, forEachCommand, type RunSite } from './utils/runs.js';

export default defineRule({
  code: 'DH015',
  name: 'chpasswd-in-run',
  aliases: ['CKV2_DOCKER_17'],
  severity: 'warning',
  origin: 'dockhand',
  fixable: 'none',
  docs: {
    summary: 'Do not set passwords with `chpasswd` in a RUN.',
    why:
      'The command line of every RUN is kept in the image history (`docker history`), and the password hash in ' +
      '/etc/shadow in a layer: anyone who can pull the image can read or crack it, and every container shares it.',
    bad: 'FROM debian:12\nRUN useradd app && echo "app:s3cret" | chpasswd\n',
    good: 'FROM debian:12\nRUN useradd --no-log-init app\nUSER app\n',
    fix: 'Do not give image users passwords; run as an unprivileged USER, and pass secrets at run time.',
    notes:
      'Checkov\'s CKV2_DOCKER_17 looks for the word `chpasswd` between spaces in the RUN text; dockhand reads the ' +
      'commands: `chpasswd` by any path (`/usr/sbin/chpasswd`), after a pipe written without spaces, through `sudo` ' +
      'and other launchers, in ONBUILD RUN and in a script handed to a shell (`sh -c "… | chpasswd"`), but not as ' +
      'an argument of another command.',
  },
  check(ctx) {
    forEachCommand(ctx, ['chpasswd'], reportChpasswd, { view: 'launchers+scripts' });
  },
});

function reportChpasswd(cmd: ShellCommand, _site: RunSite, ctx: RuleContext): void {
  if (commandName(cmd) === 'chpasswd') ctx.report({ range: cmd.nameRange, message: '`chpasswd` in a RUN: the password ends up in the image\'s history and layers' });
}
