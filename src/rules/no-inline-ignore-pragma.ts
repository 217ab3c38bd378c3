// hadolint DL1001: an inline `# hadolint ignore=...` pragma (off unless enabled, as in hadolint).
import { parseIgnorePragma } from '../linter/pragmas.js';
import { defineRule } from './types.js';

// hadolint's text word for word, two spaces included: its source joins the two halves of the
// message with a string gap that keeps the space before it and the one after it.
const MESSAGE = 'Please refrain from using inline ignore pragmas  `# hadolint ignore=DLxxxx`.';

export default defineRule({
  code: 'DL1001',
  name: 'no-inline-ignore-pragma',
  aliases: [],
  severity: 'info',
  origin: 'hadolint',
  fixable: 'none',
  disabledByDefault: true,
  docs: {
    summary: 'Inline `# hadolint ignore=...` (or `# dockhand ignore=...`) pragmas are not allowed.',
    why:
      'Teams that want every exception to be reviewed in one place can forbid silencing rules next to the code and keep ' +
      'the ignores in the config file instead.',
    bad: 'FROM debian:12\n# hadolint ignore=DL3008\nRUN apt-get update && apt-get install -y curl\n',
    good: 'FROM debian:12\nRUN apt-get update && apt-get install -y curl=7.88.1-10\n',
    fix: 'Fix the finding, or move the code to `ignored:` in .hadolint.yaml / .dockhand.yaml.',
    notes:
      'Off by default (hadolint gives it the severity `ignore`); enable it with a severity override such as ' +
      '`override: {info: [DL1001]}`. Only pragmas for the next instruction are reported, not `global` or `stage` ' +
      'ones, and only comments that are pragmas: a list with a word that names no rule (`ignore=crazy`) makes a ' +
      'plain comment, as in hadolint. Deviations: `# dockhand ignore=...` is reported like `# hadolint ignore=...`, ' +
      'and so is a pragma inside a `\\`-continued instruction (dockhand applies it to that instruction; hadolint ' +
      'sees no comment there).',
  },
  check(ctx) {
    // Only what the engine takes for a pragma: `# hadolint ignore=crazy` is a plain comment.
    for (const c of ctx.file.comments) {
      if (parseIgnorePragma(c.text, ctx.knowsRule)?.scope !== 'next') continue;
      ctx.report({ range: c.range, message: MESSAGE });
    }
  },
});
