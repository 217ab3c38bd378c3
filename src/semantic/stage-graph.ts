// Stage relations as the FROM lines name them: which earlier stage a `FROM <name>` builds on, which
// stages a later FROM builds on, and which are read by `COPY --from` or `RUN --mount ...,from=`.
// Stages are told apart by position and matched by lower-cased name (never by comparing FROM lines
// as text), without expanding variables. This is what the lint rules, the shell environment and the
// language service read; BuildKit's own resolution (after expansion, exact name) is `StageInfo.base`.
import type { Dockerfile, Instruction, Stage } from '../parser/ast.js';
import { prefixLength } from '../core/sorted.js';

/** The relations of a file's stages, by stage index. Read-only, shared while the file is asked about. */
export interface StageGraph {
  /** For each stage, the nearest earlier stage its FROM names, or null (an image, scratch, an unknown name). */
  readonly parents: readonly (number | null)[];
  /** Stages that a later FROM builds on. */
  readonly usedAsBase: ReadonlySet<number>;
  /** Stages read by `COPY --from`/`ADD --from` or a `RUN --mount` `from=` of the same or a later stage. */
  readonly copiedFrom: ReadonlySet<number>;
}

// Kept for the last file asked about only: rules ask for every file, one file at a time, and a
// WeakMap keyed by files keeps its entries alive through young-generation collections.
let lastFile: Dockerfile | undefined;
let lastGraph: StageGraph | undefined;

/** The stage graph of `file`, built on first use. */
export function stageGraph(file: Dockerfile): StageGraph {
  if (file !== lastFile || !lastGraph) {
    lastGraph = buildGraph(file);
    lastFile = file;
  }
  return lastGraph;
}

function buildGraph(file: Dockerfile): StageGraph {
  const parents: (number | null)[] = [];
  const usedAsBase = new Set<number>();
  for (const stage of file.stages) {
    const p = stageNamed(file, stage.base, stage.index);
    parents.push(p);
    if (p !== null) usedAsBase.add(p);
  }
  return new Graph(file, parents, usedAsBase);
}

/**
 * A class, not an object literal with a getter: a literal's getter is a new closure per file, and
 * V8 then gives every graph its own hidden class (allocated outside the young generation).
 */
class Graph implements StageGraph {
  private copied: Set<number> | undefined;
  constructor(
    private readonly file: Dockerfile,
    readonly parents: readonly (number | null)[],
    readonly usedAsBase: ReadonlySet<number>,
  ) {}

  // Only two rules (both off unless configured) ask: worked out on first use.
  get copiedFrom(): ReadonlySet<number> {
    return (this.copied ??= stagesCopiedFrom(this.file));
  }
}

/** The nearest stage before `before` whose name is `name` (case-insensitively), or null. */
export function stageNamed(file: Dockerfile, name: string, before: number): number | null {
  const want = name.toLowerCase();
  const stages = file.stages;
  const end = Math.min(before, stages.length);
  if (end <= FEW_STAGES) {
    for (let i = end - 1; i >= 0; i--) if (stages[i]!.name === want) return i;
    return null;
  }
  // Many stages: a scan per question was quadratic (every FROM and COPY --from asks).
  const list = stagesByName(file).get(want);
  if (!list) return null;
  const n = prefixLength(list.length, (i) => list[i]! < end);
  return n > 0 ? list[n - 1]! : null;
}

/** Up to this many stages to look through, a scan costs less than an index. */
const FEW_STAGES = 16;

// The index of the last file asked about (rules ask one file at a time; see lastFile above).
let namesFile: Dockerfile | undefined;
let namesIndex: Map<string, number[]> | undefined;

/** The indexes of the stages of each name, in increasing order. */
function stagesByName(file: Dockerfile): Map<string, number[]> {
  if (file !== namesFile || !namesIndex) {
    const index = new Map<string, number[]>();
    for (let i = 0; i < file.stages.length; i++) {
      const name = file.stages[i]!.name;
      if (name === null) continue;
      let list = index.get(name);
      if (!list) index.set(name, (list = []));
      list.push(i);
    }
    namesIndex = index;
    namesFile = file;
  }
  return namesIndex;
}

/** A `--from=` value (a stage name, or a decimal index) as an earlier stage index, or null. */
export function stageRef(file: Dockerfile, ref: string, before: number): number | null {
  if (/^\d+$/.test(ref)) {
    const n = Number(ref);
    return n < before ? n : null;
  }
  return stageNamed(file, ref, before);
}

/** The stage a `FROM <name>` builds on, if its FROM names an earlier stage. */
export function parentStage(file: Dockerfile, stage: Stage): Stage | undefined {
  const p = stageGraph(file).parents[stage.index];
  return p === null || p === undefined ? undefined : file.stages[p];
}

/** The chain of stages a stage inherits from, nearest first, the stage itself included. */
export function stageChain(file: Dockerfile, stage: Stage): Stage[] {
  const chain: Stage[] = [];
  for (let cur: Stage | undefined = stage; cur; cur = parentStage(file, cur)) chain.push(cur);
  return chain;
}

/**
 * Whether a stage's layers ship: the last stage (the image) and stages a later FROM builds on. The
 * instructions before any FROM (stage -1) count as shipped when the file has no FROM at all.
 */
export function isShippedStage(file: Dockerfile, stageIndex: number): boolean {
  if (file.stages.length === 0) return true;
  return stageIndex === file.stages.length - 1 || stageGraph(file).usedAsBase.has(stageIndex);
}

/**
 * What a COPY copies from instead of the build context: its `--from` value (the last one), or
 * undefined. An empty one (`--from=`) names nothing: BuildKit then copies from the build context,
 * as without the flag (dockerfile2llb's toCommand tests `From != ""`). `--from` with no value at all
 * is a syntax error (the build fails at it): '' then, so that nothing reads it as a context copy.
 * ADD has no --from.
 */
export function copyFromRef(ins: Instruction): string | undefined {
  if (ins.keyword !== 'COPY') return undefined;
  for (let i = ins.flags.length - 1; i >= 0; i--) {
    const f = ins.flags[i]!;
    if (f.name === 'from') return f.value === '' ? undefined : (f.value ?? '');
  }
  return undefined;
}

function stagesCopiedFrom(file: Dockerfile): Set<number> {
  const out = new Set<number>();
  for (const ins of file.instructions) {
    const before = ins.stageIndex < 0 ? 0 : ins.stageIndex;
    for (const f of ins.flags) {
      let ref: string | undefined;
      if (f.name === 'from' && (ins.keyword === 'COPY' || ins.keyword === 'ADD')) ref = f.value || undefined;
      else if (f.name === 'mount' && ins.keyword === 'RUN' && f.value) ref = /(?:^|,)from=([^,]+)/.exec(f.value)?.[1];
      const idx = ref === undefined ? null : stageRef(file, ref, before);
      if (idx !== null) out.add(idx);
    }
  }
  return out;
}
