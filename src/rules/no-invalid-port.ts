// hadolint DL3011: EXPOSE a port outside 0-65535.
import { defineRule } from './types.js';
import { stripQuotes } from './utils/quotes.js';
import { instructionsOf } from './utils/instructions.js';

export default defineRule({
  code: 'DL3011',
  name: 'no-invalid-port',
  aliases: ['DS008'],
  severity: 'error',
  origin: 'hadolint',
  fixable: 'none',
  docs: {
    summary: 'EXPOSE ports must lie between 0 and 65535.',
    why: 'TCP and UDP port numbers are 16-bit; a larger number is a typo that makes `docker run -P` and tooling fail.',
    bad: 'FROM nginx:1.27\nEXPOSE 80800\n',
    good: 'FROM nginx:1.27\nEXPOSE 8080\n',
    fix: 'Correct the port number (or both ends of a range).',
    notes:
      'As in hadolint, ports given by a variable are not checked; both ends of a range `from-to` are. Deviation: in a ' +
      'range that starts with a variable, the end written as a number is checked (`${P}-80000`; hadolint takes the ' +
      'whole word for one variable).',
  },
  check(ctx) {
    for (const ins of instructionsOf(ctx.file, 'EXPOSE')) {
      for (const arg of ins.args) {
        const spec = stripQuotes(arg.value).split('/')[0]!;
        const ends = spec.split('-');
        if (ends.some((e) => /^\d+$/.test(e) && Number(e) > 65535)) {
          ctx.report({ range: arg.range, message: 'Valid UNIX ports range from 0 to 65535' });
        }
      }
    }
  },
});
