// Stage relations the hadolint rules DL3042–DL3060 share: which stage a FROM builds on (by alias),
// which stages are reused as a base or copied from, and pre-FROM instructions as stage -1.
import type { Dockerfile, Instruction, Stage } from '../../parser/ast.js';

/** For each stage, the index of the earlier stage its FROM names (`FROM build`), or null for an image. */
export function stageParents(file: Dockerfile): (number | null)[] {
  return file.stages.map((s) => parentOf(file, s));
}

function parentOf(file: Dockerfile, stage: Stage): number | null {
  const base = stage.base.toLowerCase();
  for (let i = stage.index - 1; i >= 0; i--) {
    if (file.stages[i]!.name === base) return i;
  }
  return null;
}

/** Resolves a `--from=` value (a stage name or index) to an earlier stage index. */
export function stageRef(file: Dockerfile, ref: string, before: number): number | null {
  if (/^\d+$/.test(ref)) {
    const n = Number(ref);
    return n < before ? n : null;
  }
  const name = ref.toLowerCase();
  for (let i = Math.min(before, file.stages.length) - 1; i >= 0; i--) {
    if (file.stages[i]!.name === name) return i;
  }
  return null;
}

/** Stages that a later FROM uses as its base. */
export function stagesUsedAsBase(file: Dockerfile): Set<number> {
  const out = new Set<number>();
  for (const p of stageParents(file)) if (p !== null) out.add(p);
  return out;
}

/** Stages read by `COPY --from=` or `RUN --mount=...,from=` of a later stage. */
export function stagesCopiedFrom(file: Dockerfile): Set<number> {
  const out = new Set<number>();
  for (const ins of file.instructions) {
    const refs: string[] = [];
    if (ins.keyword === 'COPY' || ins.keyword === 'ADD') {
      for (const f of ins.flags) if (f.name === 'from' && f.value) refs.push(f.value);
    } else if (ins.keyword === 'RUN') {
      for (const f of ins.flags) {
        if (f.name !== 'mount' || !f.value) continue;
        const m = /(?:^|,)from=([^,]+)/.exec(f.value);
        if (m) refs.push(m[1]!);
      }
    }
    const before = ins.stageIndex < 0 ? 0 : ins.stageIndex;
    for (const r of refs) {
      const idx = stageRef(file, r, before);
      if (idx !== null) out.add(idx);
    }
  }
  return out;
}

/**
 * Whether findings in a stage are reported by the "cleanup" rules DL3009/DL3060: only the last stage
 * (the image that ships) and stages reused as a base. Stage -1 (no FROM yet) counts as last when the
 * file has no FROM at all.
 */
export function isShippedStage(file: Dockerfile, stageIndex: number, usedAsBase: Set<number>): boolean {
  if (file.stages.length === 0) return true;
  return stageIndex === file.stages.length - 1 || usedAsBase.has(stageIndex);
}

/** The top-level instructions grouped by stage index (-1 for those before the first FROM). */
export function instructionsByStage(file: Dockerfile): Map<number, Instruction[]> {
  const out = new Map<number, Instruction[]>();
  for (const ins of file.instructions) {
    const list = out.get(ins.stageIndex) ?? [];
    list.push(ins);
    out.set(ins.stageIndex, list);
  }
  return out;
}
