// DL3046: `useradd` with a large UID but without `-l`, which bloats /var/log/lastlog.
import { defineRule, type RuleContext } from './types.js';
import type { ShellCommand, ShellWord } from '../shell/types.js';
import { hasFlag } from '../shell/query.js';
import { forEachCommand, type RunSite } from './utils/runs.js';
import { insertAfter } from './utils/run-edits.js';

export default defineRule({
  code: 'DL3046',
  name: 'useradd-without-no-log-init',
  aliases: [],
  severity: 'warning',
  origin: 'hadolint',
  fixable: 'unsafe',
  docs: {
    summary: '`useradd` with a high UID (more than 5 digits) and without `-l` / `--no-log-init`.',
    why: '/var/log/lastlog and faillog are sparse files indexed by UID. A huge UID makes them huge, and image layers do not keep files sparse: the image grows by gigabytes.',
    bad: 'FROM debian:12\nRUN useradd -u 123456 app',
    good: 'FROM debian:12\nRUN useradd -l -u 123456 app',
    fix: 'Add `-l` (`--no-log-init`).',
    fixSafety: 'Unsafe: the user is then not added to the lastlog and faillog databases, which changes the image (by design, but review it).',
    notes: 'Like hadolint, ONBUILD RUN is checked too; the finding points at the UID. Unlike hadolint, a UID given by a variable (`-u $APP_UID`) is not judged: its length says nothing about its value; and the UID is read from `--uid X`, `--uid=X` and `-uX` as useradd reads it (hadolint only reads the word after the word holding a short `u` flag, `-u` or a cluster like `-mu`).',
  },
  check(ctx) {
    // Findings are only about `useradd` commands: files and RUNs without them are skipped.
    forEachCommand(ctx, ['useradd'], reportUseradd);
  },
});

function reportUseradd(cmd: ShellCommand, site: RunSite, ctx: RuleContext): void {
  if (cmd.name !== 'useradd' || hasFlag(cmd, 'l', 'no-log-init')) return;
  const uid = uidWord(cmd);
  // A variable's value is unknown here (`-u $UID` is usually short): not judged.
  if (!uid || uid.text.length <= 5 || uid.text.includes('$')) return;
  ctx.report({
    range: uid.word.range,
    message: '`useradd` without flag `-l` and high UID will result in excessively large Image.',
    // An exec-form (JSON) RUN gets no fix: an inserted bare word would break the array.
    ...(!site.run.json && { fix: { title: 'Add -l', safety: 'unsafe' as const, edits: [insertAfter(ctx.file, cmd.nameRange, ' -l')] } }),
  });
}

/** useradd's short options that take a value (`-g users`, `-u 1000`); the others are switches. */
const VALUE_OPTIONS = new Set('bcdefgGkKpsuRPZ');

/** The UID as useradd reads it: `--uid X`, `--uid=X`, `-u X`, `-uX`, and `-u` ending a cluster (`-mu X`). */
function uidWord(cmd: ShellCommand): { word: ShellWord; text: string } | undefined {
  for (let i = 0; i < cmd.args.length; i++) {
    const w = cmd.args[i]!;
    const next = cmd.args[i + 1];
    if (w.value === '--') return undefined;
    if (w.value === '--uid') return next && { word: next, text: next.value };
    if (w.value.startsWith('--uid=')) return { word: w, text: w.value.slice(6) };
    if (!/^-[^-]/.test(w.value)) continue;
    // A short cluster: the first letter that takes a value takes the rest of the word, or the next word.
    for (let k = 1; k < w.value.length; k++) {
      const c = w.value[k]!;
      if (!VALUE_OPTIONS.has(c)) continue;
      const rest = w.value.slice(k + 1);
      if (c === 'u') return rest !== '' ? { word: w, text: rest } : next && { word: next, text: next.value };
      if (rest === '') i++;
      break;
    }
  }
  return undefined;
}
