// DL3045: COPY to a relative destination in a stage where no WORKDIR has been set.
import { defineRule } from './types.js';
import { unquote } from './utils/quotes.js';
import { stageGraph } from '../semantic/stage-graph.js';

export default defineRule({
  code: 'DL3045',
  name: 'copy-relative-dest-without-workdir',
  aliases: [],
  severity: 'warning',
  origin: 'hadolint',
  fixable: 'none',
  docs: {
    summary: '`COPY` to a relative destination while no `WORKDIR` is set in the stage.',
    why: 'A relative destination is resolved against the working directory inherited from the base image, which you do not control: the files may land somewhere else when the base image changes.',
    bad: 'FROM node:20\nCOPY package.json .',
    good: 'FROM node:20\nWORKDIR /app\nCOPY package.json .',
    fix: 'Set `WORKDIR` before the COPY, or use an absolute destination.',
    notes: 'Like hadolint: destinations starting with `/`, a drive letter (`c:`) or a variable are fine; a WORKDIR in a parent stage (`FROM <stage>`) counts; ONBUILD COPY is not checked. Unlike hadolint, stages are told apart by position: a second `FROM debian` does not inherit the WORKDIR of an earlier, unrelated `FROM debian` stage.',
  },
  check(ctx) {
    const parents = stageGraph(ctx.file).parents;
    const hasWorkdir = new Map<number, boolean>();
    for (const ins of ctx.file.instructions) {
      const stage = ins.stageIndex;
      if (ins.keyword === 'FROM') {
        const p = parents[stage] ?? null;
        hasWorkdir.set(stage, p !== null && (hasWorkdir.get(p) ?? false));
      } else if (ins.keyword === 'WORKDIR') {
        hasWorkdir.set(stage, true);
      } else if (ins.keyword === 'COPY' && !hasWorkdir.get(stage)) {
        const dest = ins.args[ins.args.length - 1];
        if (!dest || ins.args.length < 2 && ins.heredocs.length === 0) continue;
        if (isAbsolute(unquote(dest.value))) continue;
        ctx.report({ range: dest.range, message: '`COPY` to a relative destination without `WORKDIR` set.' });
      }
    }
  },
});

function isAbsolute(dest: string): boolean {
  return dest.startsWith('/') || dest.startsWith('$') || /^[A-Za-z]:[\\/]/.test(dest);
}
