// BuildKit's UndefinedArgInFrom: a FROM image or --platform using a variable no global ARG declares.
import type { SourceRange } from '../core/range.js';
import type { Dockerfile } from '../parser/ast.js';
import { defineRule } from './types.js';
import { AUTOMATIC_ARG_NAMES } from '../semantic/index.js';
import { suggest } from '../parser/suggest.js';
import { buildkitUrl } from './utils/docs-url.js';
import { onInstructionLine } from './utils/buildkit-location.js';
import { expandedBase, expandedPlatform, platformFlag } from './utils/from-line.js';
import { metaArgs } from './utils/expansion.js';

export default defineRule({
  code: 'UndefinedArgInFrom',
  name: 'undefined-arg-in-from',
  aliases: [],
  severity: 'warning',
  origin: 'buildkit',
  fixable: 'none',
  url: buildkitUrl('UndefinedArgInFrom'),
  docs: {
    summary: 'FROM may only use ARGs declared before the first FROM (or the automatic platform ARGs).',
    why:
      'A FROM line only sees global ARGs. An undeclared name expands to nothing, usually producing a wrong or ' +
      'invalid image name; `--build-arg` alone does not declare it.',
    bad: 'FROM node:${NODE_VERSION}-alpine\n',
    good: 'ARG NODE_VERSION=22\nFROM node:${NODE_VERSION}-alpine\n',
    fix: 'Declare the variable with ARG before the first FROM, or fix its spelling.',
  },
  check(ctx) {
    const file = ctx.file;
    // Built on the first unmatched name: most FROM lines use no variable at all.
    let known: Set<string> | undefined;
    for (const stage of file.stages) {
      // A FROM line without `$` names no variable, so none is undeclared (and no semantic model is needed).
      if (!stage.base.includes('$') && !platformFlag(stage)?.value.includes('$')) continue;
      const parts = [
        { result: expandedBase(file, stage), range: stage.baseRange },
        { result: expandedPlatform(file, stage), range: platformFlag(stage)?.range },
      ];
      for (const { result, range } of parts) {
        if (!result || !range || result.unmatched.length === 0) continue;
        known ??= new Set<string>([...metaArgs(file).declared, ...AUTOMATIC_ARG_NAMES]);
        for (const name of [...result.unmatched].sort()) {
          if (known.has(name)) continue;
          const hint = suggest(name, known, true);
          ctx.report({
            range: onInstructionLine(file, stage.from, nameRange(file, range, name)),
            message: `FROM argument '${name}' is not declared${hint ? ` (did you mean ${hint}?)` : ''}`,
          });
        }
      }
    }
  },
});

function nameRange(file: Dockerfile, range: SourceRange, name: string): SourceRange {
  const src = file.text.slice(range.start, range.end);
  const i = src.indexOf(name);
  return i < 0 ? range : file.lineIndex.range(range.start + i, range.start + i + name.length);
}
