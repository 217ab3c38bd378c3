// Advice where a Dockerfile defeats its own cache: whole-context copies before dependency
// installs, `apt-get update` alone in a layer, and ARGs declared long before they are used.
import type { Stage } from '../parser/ast.js';
import { copyFromRef } from '../semantic/stage-graph.js';
import type { PlanAdvice, PlanStage } from './types.js';

/** Commands that install dependencies from a manifest that could be copied on its own. */
const INSTALL = /\b(npm (ci|install|i)\b|yarn( install)?\s*($|&&|;)|pnpm (install|i)\b|pip3? install\b.*-r\b|poetry install|pipenv install|bundle install|composer install|go mod download|cargo (build|fetch)|mvn\b.*(dependency:|package|install)|gradle\b|dotnet restore|mix deps.get)/;

/** Advice for one reachable stage. */
export function adviseStage(stage: Stage, planned: PlanStage): PlanAdvice[] {
  const out: PlanAdvice[] = [];
  const ins = stage.instructions;
  // 1. COPY of the whole context before a dependency install.
  const wholeCopy = ins.find((i) => (i.keyword === 'COPY' || i.keyword === 'ADD') && copyFromRef(i) === undefined &&
    i.args.slice(0, -1).some((a) => a.value === '.' || a.value === './' || a.value === '*'));
  if (wholeCopy) {
    const install = ins.find((i) => i.keyword === 'RUN' && i.range.startLine > wholeCopy.range.startLine && INSTALL.test(i.argsText));
    if (install) {
      out.push({
        stage: planned.index,
        line: wholeCopy.range.startLine,
        code: 'copy-all-before-install',
        message: `\`${wholeCopy.original.trim()}\` comes before the dependency install on line ${install.range.startLine}, so any source edit reinstalls dependencies; copy the manifest (e.g. package.json and its lock file) first, install, then copy the rest`,
      });
    }
  }
  // 2. `apt-get update` alone in its own RUN.
  for (const i of ins) {
    if (i.keyword !== 'RUN' || i.json) continue;
    const cmds = i.argsText.split(/&&|;|\|\|/).map((c) => c.trim()).filter(Boolean);
    if (cmds.length > 0 && cmds.every((c) => /^(sudo\s+)?apt(-get)?\s+(-\S+\s+)*update\b/.test(c))) {
      out.push({
        stage: planned.index,
        line: i.range.startLine,
        code: 'apt-update-alone',
        message: '`apt-get update` in a layer of its own stays cached while later installs change, so they run against stale package lists; combine it with `apt-get install` in one RUN',
      });
    }
  }
  // 3. ARG declared long before its first use: every RUN in between rebuilds when its value changes.
  ins.forEach((a, n) => {
    if (a.keyword !== 'ARG') return;
    for (const word of a.args) {
      const name = word.value.split('=')[0]!;
      if (!name) continue;
      const ref = new RegExp(`\\$(\\{${escapeRe(name)}\\b|${escapeRe(name)}\\b)`);
      const rest = ins.slice(n + 1);
      const firstUse = rest.findIndex((i) => ref.test(i.original));
      const runsBefore = rest.slice(0, firstUse === -1 ? rest.length : firstUse).filter((i) => i.keyword === 'RUN').length;
      if (runsBefore >= 2) {
        const where = firstUse === -1 ? 'is never used in this stage' : `is first used on line ${rest[firstUse]!.range.startLine}`;
        out.push({
          stage: planned.index,
          line: a.range.startLine,
          code: 'arg-declared-early',
          message: `ARG ${name} ${where}, but changing its value rebuilds the ${runsBefore} RUN steps after its declaration; declare it just before its first use`,
        });
      }
    }
  });
  return out.sort((x, y) => x.line - y.line);
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
