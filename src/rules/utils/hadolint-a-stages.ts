// Stage facts the hadolint-derived rules share: which earlier stage a FROM or `--from` names,
// and which stages later stages build on.
import type { Dockerfile, Stage } from '../../parser/ast.js';

/** The stage a reference names among stages before `beforeIndex` (case-insensitive, as BuildKit). */
export function earlierStageNamed(file: Dockerfile, ref: string, beforeIndex: number): Stage | undefined {
  const want = ref.toLowerCase();
  for (let i = 0; i < beforeIndex && i < file.stages.length; i++) {
    const s = file.stages[i]!;
    if (s.name !== null && s.name.toLowerCase() === want) return s;
  }
  return undefined;
}

/** Indices of stages that a later `FROM <stage name>` builds on. */
export function stagesReusedAsBase(file: Dockerfile): Set<number> {
  const out = new Set<number>();
  for (const stage of file.stages) {
    const base = earlierStageNamed(file, stage.base, stage.index);
    if (base) out.add(base.index);
  }
  return out;
}
