// DL3066: USER given as a name rather than a numeric UID.
import { defineRule } from './types.js';
import { unquote } from './utils/hadolint-b-labels.js';
import { variableOf } from './utils/hadolint-b-packages.js';

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
    notes: 'Like hadolint: only the part before `:` is checked, and a variable declared by an earlier ARG is accepted. Unlike hadolint, a variable declared by an earlier ENV is accepted too.',
  },
  check(ctx) {
    const declared = new Set<string>();
    for (const ins of ctx.file.instructions) {
      if (ins.keyword === 'ARG') for (const a of ins.args) declared.add(a.value.split('=')[0]!);
      if (ins.keyword === 'ENV') for (const p of ins.pairs) declared.add(p.key);
      if (ins.keyword !== 'USER') continue;
      const user = unquote(ins.argsText).split(':')[0]!.trim();
      if (user === '' || /^\d+$/.test(user)) continue;
      const v = variableOf(user);
      if (v !== undefined && declared.has(v)) continue;
      ctx.report({ range: ins.argsRange, message: `Use a numeric UID instead of the user name \`${user}\` in USER.` });
    }
  },
});
