// DL3066: USER given as a name rather than a numeric UID.
import { defineRule } from './types.js';
import { unquote } from './utils/quotes.js';
import { instructionsOf } from './utils/instructions.js';

export default defineRule({
  code: 'DL3066',
  name: 'non-numeric-user',
  aliases: [],
  severity: 'info',
  origin: 'hadolint',
  fixable: 'none',
  docs: {
    summary: '`USER` is a name rather than a numeric UID.',
    why: 'Kubernetes `runAsNonRoot` can only verify a numeric UID; with a user name the pod is rejected or the check is skipped. A numeric UID also works in images without /etc/passwd.',
    bad: 'FROM node:20\nUSER node',
    good: 'FROM node:20\nUSER 1000:1000',
    fix: 'Use the numeric UID (and GID): `USER 1000:1000`.',
    notes: 'Like hadolint, only the part before `:` is checked. Unlike hadolint, which accepts only a variable declared by an earlier ARG, any variable is accepted: its value is unknown, and base images declare UIDs by ENV (`USER $APP_UID` in .NET images). The message names the user and what to write instead (hadolint: "Non-numeric user-id may not be resolvable by host system").',
  },
  check(ctx) {
    for (const ins of instructionsOf(ctx.file, 'USER')) {
      const user = unquote(ins.argsText).split(':')[0]!.trim();
      // A variable may hold a UID (often an ENV of the base image, like APP_UID in .NET images).
      if (user === '' || /^\d+$/.test(user) || user.includes('$')) continue;
      const r = ins.argsRange;
      const colon = ins.argsText.indexOf(':');
      // Point at the user part of `user:group` when the arguments sit on one line.
      const range = colon > 0 && r.startLine === r.endLine ? ctx.file.lineIndex.range(r.start, r.start + colon) : r;
      ctx.report({ range, message: `Use a numeric UID instead of the user name \`${user}\` in USER.` });
    }
  },
});
