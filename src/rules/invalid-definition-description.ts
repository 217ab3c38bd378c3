// BuildKit's experimental InvalidDefinitionDescription: a comment right above ARG or a named FROM that does not
// start with the name it describes.
import type { Instruction } from '../parser/ast.js';
import { defineRule } from './types.js';
import { buildkitUrl } from './utils/docs-url.js';
import { argPairs } from './utils/expansion.js';

export default defineRule({
  code: 'InvalidDefinitionDescription',
  name: 'invalid-definition-description',
  aliases: [],
  severity: 'warning',
  origin: 'buildkit',
  fixable: 'none',
  experimental: true,
  url: buildkitUrl('InvalidDefinitionDescription'),
  docs: {
    summary: 'A comment describing a build stage or ARG should read `# <name> <description>`.',
    why:
      'Tools (`docker buildx build --call=outline`) show these comments as the documentation of build arguments ' +
      'and targets; they only pick them up in that format.',
    bad: '# check=experimental=InvalidDefinitionDescription\nFROM alpine\n# the version to install\nARG VERSION=1.0\n',
    good: '# check=experimental=InvalidDefinitionDescription\nFROM alpine\n# VERSION the version to install\nARG VERSION=1.0\n',
    fix: 'Start the comment with the name, or separate an unrelated comment from the instruction with a bare `#` line.',
    notes:
      'Experimental in BuildKit: runs only with `# check=experimental=InvalidDefinitionDescription` (or `all`). ' +
      'As in BuildKit\'s code, a blank line does not detach a comment from the instruction below it; a bare `#` does.',
  },
  check(ctx) {
    for (const ins of ctx.file.instructions) {
      if (ins.keyword === 'ARG') check(ins, 'ARG', argPairs(ins).map((p) => p.key));
      else if (ins.keyword === 'FROM') {
        const stage = ctx.file.stages.find((s) => s.from === ins);
        if (stage?.name) check(ins, 'FROM', [stage.name]);
      }
    }

    function check(ins: Instruction, kind: string, keys: string[]): void {
      if (ins.prevComment.length === 0 || keys.length === 0) return;
      const first = ins.prevComment[ins.prevComment.length - 1]!.split(' ')[0];
      if (keys.includes(first!)) return;
      const example = keys.length > 1 ? '<arg_key>' : keys[0]!;
      ctx.report({ range: ins.keywordRange, message: `Comment for ${kind} should follow the format: \`# ${example} <description>\`` });
    }
  },
});
