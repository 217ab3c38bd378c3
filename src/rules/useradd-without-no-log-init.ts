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
    notes: 'Like hadolint, ONBUILD RUN is checked too; the finding points at the UID. Unlike hadolint, a UID given by a variable (`-u $APP_UID`) is not judged: its length says nothing about its value; and the UID is read from `--uid X`, `--uid=X` and `-uX` as useradd reads it (hadolint only reads the word after a short `-u`).',
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

function uidWord(cmd: ShellCommand): { word: ShellWord; text: string } | undefined {
  for (let i = 0; i < cmd.args.length; i++) {
    const w = cmd.args[i]!;
    if ((w.value === '-u' || w.value === '--uid') && cmd.args[i + 1]) return { word: cmd.args[i + 1]!, text: cmd.args[i + 1]!.value };
    if (w.value.startsWith('--uid=')) return { word: w, text: w.value.slice(6) };
    if (/^-u\d+$/.test(w.value)) return { word: w, text: w.value.slice(2) };
  }
  return undefined;
}
