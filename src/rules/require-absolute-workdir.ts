// hadolint DL3000: every WORKDIR should be absolute (or start with a variable or a Windows drive).
import { defineRule } from './types.js';
import { instructionsOf } from './utils/instructions.js';

export default defineRule({
  code: 'DL3000',
  name: 'require-absolute-workdir',
  aliases: ['DS009', 'CKV_DOCKER_10'],
  severity: 'error',
  origin: 'hadolint',
  fixable: 'none',
  url: 'https://github.com/hadolint/hadolint/wiki/DL3000',
  docs: {
    summary: 'Use absolute WORKDIR paths.',
    why:
      'A relative WORKDIR depends on whatever directory was current before it, which makes the file harder to ' +
      'follow and fragile when instructions are reordered or the base image changes.',
    bad: 'FROM alpine\nWORKDIR /srv\nWORKDIR app\n',
    good: 'FROM alpine\nWORKDIR /srv\nWORKDIR /srv/app\n',
    fix: 'Write the full path.',
    notes:
      'hadolint\'s meaning: every WORKDIR is checked, and a path starting with `$` (a variable) or a Windows drive ' +
      '(`C:`) is accepted. BuildKit\'s WorkdirRelativePath only checks the first WORKDIR after expansion, so the ' +
      'two are separate rules.',
  },
  check(ctx) {
    for (const ins of instructionsOf(ctx.file, 'WORKDIR')) {
      const path = ins.argsText.replace(/^(["'])(.*)\1$/, '$2');
      if (path === '' || path.startsWith('/') || path.startsWith('$') || /^[A-Za-z]:/.test(path)) continue;
      ctx.report({ range: ins.argsRange, message: 'Use absolute WORKDIR' });
    }
  },
});
