// BuildKit's WorkdirRelativePath: the first WORKDIR of a stage chain is relative, so it depends on the base image.
import { defineRule } from './types.js';
import { buildkitUrl } from './utils/docs-url.js';
import { onInstructionLine } from './utils/buildkit-location.js';
import { baseImageEnv } from './utils/images.js';
import { needsLexer } from '../expand/index.js';
import { inheritedTriggers, modelOf } from './utils/model.js';

export default defineRule({
  code: 'WorkdirRelativePath',
  name: 'workdir-relative-path',
  aliases: [],
  severity: 'warning',
  origin: 'buildkit',
  fixable: 'none',
  url: buildkitUrl('WorkdirRelativePath'),
  docs: {
    summary: 'The first WORKDIR of a build should be an absolute path.',
    why:
      'A relative WORKDIR is resolved against the base image\'s working directory, which you do not control: ' +
      'when the base image changes it, files land somewhere else.',
    bad: 'FROM alpine\nWORKDIR app\nCOPY . .\n',
    good: 'FROM alpine\nWORKDIR /app\nCOPY . .\n',
    fix: 'Make the first WORKDIR absolute; later relative WORKDIRs are then resolved against it.',
    notes:
      'Only the first WORKDIR of a stage chain is checked (a stage built FROM another inherits its WORKDIR); an ' +
      'ONBUILD WORKDIR counts where BuildKit runs it, first in a stage built FROM its stage (reported at that FROM). ' +
      'Windows paths (`C:\\app`) count as absolute, since the target OS is not known without a registry. A path ' +
      'using a variable the base image may define (`WORKDIR $HOME`) is only judged when dockhand knows the image\'s ' +
      'environment (scratch and common official images). ' +
      'hadolint\'s DL3000 (require-absolute-workdir) checks every WORKDIR and is a separate rule.',
  },
  check(ctx) {
    const file = ctx.file;
    let model: ReturnType<typeof modelOf> | undefined;
    // An ONBUILD WORKDIR runs first in a stage built FROM its stage; BuildKit reports it at that FROM.
    for (const { stage, info } of inheritedTriggers(file)) {
      if (info.instruction.keyword !== 'WORKDIR' || info.scope.workdir != null) continue;
      const exp = info.expansions.find((e) => e.role === 'workdir');
      const path = exp ? exp.result : info.instruction.argsText;
      if (isAbsolute(path) || (exp && exp.unmatched.length > 0 && !baseImageEnv(file, stage.index))) continue;
      ctx.report({ range: stage.from.range, message: message(path) });
    }
    for (const stage of file.stages) {
      for (const ins of stage.instructions) {
        if (ins.keyword !== 'WORKDIR') continue;
        // An absolute path written as it is (nothing for the lexer to expand) is fine whatever came
        // before: most WORKDIRs need no semantic model.
        const text = ins.argsText;
        if (ins.args.length === 1 && ins.args[0]!.value === text && !needsLexer(text, file.escapeChar) && isAbsolute(text)) continue;
        model ??= modelOf(file);
        // A WORKDIR earlier in this stage or in a stage it is built FROM makes later ones safe.
        if (model.scopeBefore(ins)?.workdir != null) continue;
        const exp = model.infoOf(ins)?.expansions.find((e) => e.role === 'workdir');
        const path = exp ? exp.result : ins.argsText;
        if (isAbsolute(path)) continue;
        // `WORKDIR $HOME` over an image dockhand does not know: the image probably defines the variable.
        if (exp && exp.unmatched.length > 0 && !baseImageEnv(file, stage.index)) continue;
        ctx.report({
          range: ins.argsText === '' ? ins.keywordRange : onInstructionLine(file, ins, ins.argsRange),
          message: message(path),
        });
      }
    }
  },
});

function message(path: string): string {
  return `Relative workdir ${JSON.stringify(path)} can have unexpected results if the base image changes`;
}

/**
 * Absolute for Linux (`/x`) or, since dockhand does not know the target OS, for Windows (`C:\x`, `C:/x`, `\x`),
 * which BuildKit accepts when building for Windows.
 */
function isAbsolute(path: string): boolean {
  return /^([A-Za-z]:)?[\\/]/.test(path);
}
