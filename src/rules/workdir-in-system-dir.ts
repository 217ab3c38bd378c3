// DH012: WORKDIR inside /proc, /sys, /dev, /boot... (Trivy DS030): files written there land in
// the kernel's or the runtime's file systems, not in the image.
import { cleanPath } from '../semantic/paths.js';
import { defineRule } from './types.js';
import { stripQuotes } from './utils/quotes.js';
import { instructionsWithTriggers } from './utils/instructions.js';

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
      'directories themselves (`WORKDIR /proc`), and folds `..` and `//` first. Relative and variable paths are ' +
      'not checked.',
  },
  check(ctx) {
    for (const ins of instructionsWithTriggers(ctx.file, 'WORKDIR')) {
      if (ins.args.length === 0) continue;
      const raw = stripQuotes(ins.args[0]!.value);
      if (!raw.startsWith('/') || raw.includes('$')) continue;
      const path = cleanPath(raw);
      const dir = SYSTEM.find((d) => path === d || path.startsWith(`${d}/`));
      if (!dir) continue;
      ctx.report({ range: ins.args[0]!.range, message: `WORKDIR ${path} is inside ${dir}, a system directory; use an application directory such as /app` });
    }
  },
});
