// BuildKit's NoEmptyContinuation: a blank line inside an instruction continued with `\`. The parser finds
// these while joining lines; the linter reports the parser's finding under this rule.
import { defineRule } from './types.js';
import { buildkitUrl } from './utils/docs-url.js';

export default defineRule({
  code: 'NoEmptyContinuation',
  name: 'no-empty-continuation',
  aliases: [],
  severity: 'warning',
  origin: 'buildkit',
  fixable: 'none',
  url: buildkitUrl('NoEmptyContinuation'),
  docs: {
    summary: 'Empty continuation lines will become errors in a future release.',
    why:
      'An empty line inside a `\\`-continued instruction is skipped today, which makes it easy to miss that the ' +
      'instruction goes on; BuildKit plans to reject it.',
    bad: 'FROM alpine\nRUN apk add \\\n\n    curl\n',
    good: 'FROM alpine\nRUN apk add \\\n    curl\n',
    fix: 'Delete the empty line, or end the instruction before it.',
    notes:
      'The parser detects the empty lines (comment lines do not count) and reports at the instruction\'s last ' +
      'line, as BuildKit does; this rule owns that finding, so config, pragmas and `--ignore` apply to it.',
  },
  check() {
    // Reported by the parser (code NoEmptyContinuation); the linter attributes it to this rule.
  },
});
