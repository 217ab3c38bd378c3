// DH012: WORKDIR inside /proc, /sys, /dev, /boot... (Trivy DS030): files written there land in
// the kernel's or the runtime's file systems, not in the image.
import { cleanPath } from '../semantic/paths.js';
import type { Instruction } from '../parser/ast.js';
import { defineRule, type RuleContext } from './types.js';
import { stripQuotes } from './utils/quotes.js';
import { instructionsWithTriggers } from './utils/instructions.js';
import { modelOf } from './utils/model.js';

const SYSTEM = ['/proc', '/sys', '/dev', '/boot', '/initrd', '/lost+found'];

export default defineRule({
  code: 'DH012',
  name: 'workdir-in-system-dir',
  aliases: ['DS030'],
  severity: 'warning',
  origin: 'dockhand',
  fixable: 'none',
  docs: {
    summary: 'WORKDIR should not be inside a system directory such as /proc, /sys, /dev or /boot.',
    why:
      'At run time /proc, /sys and /dev are the kernel\'s and the runtime\'s own mounts, and /boot and /lost+found ' +
      'belong to the host\'s boot and file-system tools. Files an image writes there are hidden, lost or ' +
      'dangerous, and a process working there can reach the host\'s devices and kernel settings.',
    bad: 'FROM alpine:3.20\nWORKDIR /proc/app\n',
    good: 'FROM alpine:3.20\nWORKDIR /app\n',
    fix: 'Use an application directory such as /app, /srv/app or /opt/<name>.',
    notes:
      'Trivy flags paths below /proc/, /boot/, /dev/, /initrd/ and /lost+found/; dockhand also flags /sys and the ' +
      'directories themselves (`WORKDIR /proc`), and folds `..` and `//` first. A path with variables is judged by ' +
      'their values when the Dockerfile gives each one (`ARG DIR=/boot/app`), else by the components written before ' +
      'the first variable, as Trivy does (`/proc/$APP` is reported, `$ROOTFS/proc` and `/dev$X` are not). Relative ' +
      'paths are not checked.',
  },
  check(ctx) {
    for (const ins of instructionsWithTriggers(ctx.file, 'WORKDIR')) {
      if (ins.args.length === 0) continue;
      const raw = stripQuotes(ins.args[0]!.value);
      const known = knownPath(ctx, ins, raw);
      if (!known) continue;
      const path = cleanPath(known.path);
      const dir = SYSTEM.find((d) => path === d || path.startsWith(`${d}/`));
      if (!dir) continue;
      const what = !raw.includes('$') ? `${path} is` : known.expanded ? `${raw} is ${path} with the values in the Dockerfile,` : `${raw} is`;
      ctx.report({ range: ins.args[0]!.range, message: `WORKDIR ${what} inside ${dir}, a system directory; use an application directory such as /app` });
    }
  },
});

/**
 * The absolute path a WORKDIR names, as far as the Dockerfile tells: with variables, their
 * expansion when the Dockerfile gives each one its value, else the components written before the
 * first one (`/proc/$X` is below /proc whatever X holds; `$ROOTFS/proc` and `/dev$X` are unknown).
 */
function knownPath(ctx: RuleContext, ins: Instruction, raw: string): { path: string; expanded: boolean } | undefined {
  const at = raw.indexOf('$');
  if (at < 0) return raw.startsWith('/') ? { path: raw, expanded: false } : undefined;
  const exp = modelOf(ctx.file).infoOf(ins)?.expansions.find((e) => e.role === 'workdir');
  if (exp && exp.error === undefined && exp.unmatched.length === 0 && exp.result.startsWith('/')) return { path: exp.result, expanded: true };
  const head = raw.slice(0, raw.lastIndexOf('/', at) + 1);
  return head.startsWith('/') ? { path: head, expanded: false } : undefined;
}
