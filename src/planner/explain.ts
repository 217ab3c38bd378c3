// Compares a current plan with a baseline: which steps come from cache, which rebuild, and the
// first cause of each rebuild. BuildKit reuses any stored result with the same key, so a step is
// cached when its key appears anywhere in the baseline (reordered steps re-hit, as BuildKit does).
// A rebuilt step's cause comes from comparing its inputs with those of its counterpart, the baseline
// step on the same state doing the same kind of thing (found as BuildKit's cache finds a record).
import { memberAbove } from './context.js';
import type { Cause, ExplainStep, Explanation, FileInput, Plan, PlanStage, PlanStep } from './types.js';

/** How to compare. */
export interface ExplainOptions {
  /**
   * Treat floating base tags as re-resolved (`docker build --pull`): a tag may have moved since the
   * baseline, so every stage built on one rebuilds.
   */
  pull?: boolean;
}

/** Explains `current` against `baseline`. */
export function explain(baseline: Plan, current: Plan, options: ExplainOptions = {}): Explanation {
  const known = new Set<string>();
  for (const s of baseline.stages) for (const st of s.steps) known.add(st.cacheKey);
  const rebuilt = new Map<string, { stage: number; line: number }>();
  const steps: ExplainStep[] = [];
  const match = new Counterparts(baseline, current);

  for (const stage of current.stages) {
    if (!stage.reachable) continue;
    stage.steps.forEach((step, n) => {
      const base = {
        stage: stage.index,
        stageName: stage.name,
        line: step.line,
        instruction: step.instruction,
        text: step.text,
      };
      const size = step.contextSize ? { contextSize: step.contextSize } : {};
      const network = step.components.network;
      // With --pull a floating base may have moved: the key is the same text, but the parent
      // state is new, and so is everything built on it.
      const floating = options.pull && n === 0 && 'image' in stage.base && stage.base.floating && !step.components.link;
      const forced = floating || (!step.components.link && rebuilt.has(step.parentKey)) ||
        (step.components.from ?? []).some((f) => f.stage !== undefined && stageRebuilt(current, f.stage, rebuilt));
      if (known.has(step.cacheKey) && !network?.length && !forced) {
        steps.push({ ...base, status: 'cached', reason: 'cache key unchanged', ...size });
        return;
      }
      const cause: Cause = floating && 'image' in stage.base
        ? { kind: 'base', detail: `${stage.base.image} is a floating tag; --pull re-resolves it`, before: stage.base.image, after: stage.base.image }
        : findCause(step, stage, current, rebuilt, match);
      rebuilt.set(step.cacheKey, { stage: stage.index, line: step.line });
      steps.push({ ...base, status: 'rebuild', reason: describe(cause), cause, ...size });
    });
  }
  const summary = { cached: steps.filter((s) => s.status === 'cached').length, rebuild: steps.filter((s) => s.status === 'rebuild').length };
  return { steps, summary, advice: current.advice };
}

function stageRebuilt(plan: Plan, stage: number, rebuilt: Map<string, unknown>): boolean {
  const s = plan.stages[stage];
  if (!s) return false;
  if (s.steps.some((st) => rebuilt.has(st.cacheKey))) return true;
  return 'stage' in s.base && stageRebuilt(plan, s.base.stage, rebuilt);
}

/** A step of a plan with the stage it is in. */
interface Placed {
  step: PlanStep;
  stage: PlanStage;
}

/**
 * Finds, for a step of the current plan, the step of the baseline it stands for, the way BuildKit's
 * cache finds a record: by the state it starts from and the operation it performs. A key is its
 * parent's key plus its own inputs; stage names and positions take no part in it, so a step moved to
 * another stage, or a stage renamed, still has its counterpart. The state a step starts from is
 * matched first: the same key when the baseline has it, else the counterpart of the step that made it
 * (recursively), else, for a stage's base image, the baseline stage starting from the same image
 * repository (or the same stage name).
 */
class Counterparts {
  /** Baseline steps by the key of the state they start from. */
  private readonly children = new Map<string, Placed[]>();
  /** Every state the baseline reaches: its steps' keys and its stages' base keys. */
  private readonly states = new Set<string>();
  /** Steps of the current plan by key, and current stages by the key of the image they start from. */
  private readonly currentSteps = new Map<string, Placed>();
  private readonly currentBases = new Map<string, PlanStage>();
  private readonly memo = new Map<string, Placed | null>();

  constructor(private readonly baseline: Plan, current: Plan) {
    for (const stage of baseline.stages) {
      this.states.add(stage.baseKey);
      for (const step of stage.steps) {
        this.states.add(step.cacheKey);
        const list = this.children.get(step.parentKey);
        if (list) list.push({ step, stage });
        else this.children.set(step.parentKey, [{ step, stage }]);
      }
    }
    for (const stage of current.stages) {
      if (!('stage' in stage.base) && !this.currentBases.has(stage.baseKey)) this.currentBases.set(stage.baseKey, stage);
      for (const step of stage.steps) if (!this.currentSteps.has(step.cacheKey)) this.currentSteps.set(step.cacheKey, { step, stage });
    }
  }

  /** True when the baseline reached this state (its key is a step's or a stage base's). */
  knows(key: string): boolean {
    return this.states.has(key);
  }

  /** The baseline step a current step stands for, if any. */
  of(step: PlanStep, stage: PlanStage): Placed | undefined {
    const memo = this.memo.get(step.cacheKey);
    if (memo !== undefined) return memo ?? undefined;
    const found = this.find(step, stage) ?? null;
    this.memo.set(step.cacheKey, found);
    return found ?? undefined;
  }

  /** The baseline stage that starts from what a current stage's base image stands for. */
  baseOf(stage: PlanStage): PlanStage | undefined {
    if (!('image' in stage.base)) return undefined;
    const image = stage.base.image;
    const candidates = this.baseline.stages.filter((s) => 'image' in s.base);
    if (stage.name) {
      const named = candidates.find((s) => s.name === stage.name);
      if (named) return named;
    }
    const repo = repository(image);
    const same = candidates.filter((s) => 'image' in s.base && repository(s.base.image) === repo);
    if (same.length) return same[0];
    return candidates.length === 1 ? candidates[0] : undefined;
  }

  private find(step: PlanStep, stage: PlanStage): Placed | undefined {
    const parent = this.state(step.parentKey);
    const kids = parent === undefined ? [] : (this.children.get(parent) ?? []).filter((k) => k.step.instruction === step.instruction);
    const picked = pick(kids, step, stage);
    if (picked || !step.components.link) return picked;
    // COPY --link does not depend on its parent: any linked copy doing the same is its counterpart.
    const linked: Placed[] = [];
    for (const s of this.baseline.stages) for (const st of s.steps) if (st.components.link && st.instruction === step.instruction) linked.push({ step: st, stage: s });
    return pick(linked, step, stage);
  }

  /** The baseline state a current state stands for. */
  private state(key: string): string | undefined {
    if (this.states.has(key)) return key;
    const made = this.currentSteps.get(key);
    if (made) return this.of(made.step, made.stage)?.step.cacheKey;
    const based = this.currentBases.get(key);
    if (based) return this.baseOf(based)?.baseKey;
    return undefined;
  }
}

/**
 * Among baseline steps on the matching state with the same instruction keyword: the one doing
 * exactly the same (in the same-named stage when several do), else the only one there is, else the
 * one in the same-named stage; none when that leaves a choice.
 */
function pick(kids: Placed[], step: PlanStep, stage: PlanStage): Placed | undefined {
  const sameName = (k: Placed) => stage.name !== null && k.stage.name === stage.name;
  const exact = kids.filter((k) => k.step.components.instruction === step.components.instruction);
  if (exact.length) return exact.find(sameName) ?? exact[0];
  if (kids.length === 1) return kids[0];
  return kids.find(sameName);
}

/** `registry/name:tag@digest` → `registry/name`. */
function repository(image: string): string {
  const noDigest = image.replace(/@.*$/, '');
  const slash = noDigest.lastIndexOf('/');
  const colon = noDigest.lastIndexOf(':');
  return colon > slash ? noDigest.slice(0, colon) : noDigest;
}

function findCause(
  step: PlanStep,
  stage: PlanStage,
  current: Plan,
  rebuilt: Map<string, { stage: number; line: number }>,
  match: Counterparts,
): Cause {
  const c = step.components;
  if (c.network?.length) {
    return { kind: 'network', detail: c.network[0]!, after: c.network.join(' ') };
  }
  // Parent first: a rebuilt parent is the first link of the chain (BuildKit checks inputs in order).
  if (!c.link) {
    const parentRebuilt = rebuilt.get(step.parentKey);
    if (parentRebuilt) {
      const own = ownChange(step, match.of(step, stage)?.step);
      return { kind: 'parent', detail: `line ${parentRebuilt.line} rebuilt`, line: parentRebuilt.line, stage: parentRebuilt.stage, ...(own ? { after: own } : {}) };
    }
  }
  for (const f of c.from ?? []) {
    if (f.stage !== undefined && stageRebuilt(current, f.stage, rebuilt)) {
      const last = [...rebuilt.values()].filter((r) => r.stage === f.stage).pop();
      return { kind: 'parent', detail: `stage ${current.stages[f.stage]!.name ?? f.stage} rebuilt`, stage: f.stage, line: last?.line };
    }
  }
  // The state the stage starts from is one the baseline never reached: its base changed.
  if (!c.link && step.parentKey === stage.baseKey && !match.knows(stage.baseKey)) {
    if ('stage' in stage.base) {
      return { kind: 'parent', detail: `base stage ${current.stages[stage.base.stage]!.name ?? stage.base.stage} changed`, stage: stage.base.stage };
    }
    const now = describeBase(stage);
    const before = match.baseOf(stage);
    if (!before) return { kind: 'base', detail: `${now} (no stage of the baseline starts from it)`, after: now };
    const was = describeBase(before);
    return { kind: 'base', detail: now, before: was, after: now };
  }
  const prev = match.of(step, stage)?.step;
  if (!prev) return { kind: 'instruction', detail: 'new step (no counterpart in the baseline)', after: step.text };
  const own = diffComponents(prev, step);
  if (own) return own;
  if (prev.parentKey !== step.parentKey && !c.link) return { kind: 'parent', detail: 'an earlier step changed' };
  return { kind: 'instruction', detail: 'step definition changed', before: prev.text, after: step.text };
}

function describeBase(s: PlanStage): string {
  const b = s.base;
  if ('scratch' in b) return 'scratch';
  if ('stage' in b) return `stage ${b.stage}`;
  return b.digest ? `${b.image}@${b.digest.replace(/^.*@/, '')}` : b.image;
}

/** A short note of what changed in the step itself, used alongside a parent cause. */
function ownChange(step: PlanStep, prev: PlanStep | undefined): string | undefined {
  if (!prev) return undefined;
  const d = diffComponents(prev, step);
  return d ? describe(d) : undefined;
}

function diffComponents(prev: PlanStep, step: PlanStep): Cause | null {
  const a = prev.components;
  const b = step.components;
  if (a.instruction !== b.instruction) return { kind: 'instruction', detail: `line ${step.line} edited`, before: prev.text, after: step.text, line: step.line };
  if ((a.filesDigest ?? '') !== (b.filesDigest ?? '')) {
    const changed = firstChangedFile(a.files ?? [], b.files ?? []);
    const selector = selectorFor(changed?.path, b.selectors ?? a.selectors ?? []);
    if (changed) return { kind: 'file', detail: changed.path, selector, before: changed.how, ...(changed.others ? { others: changed.others } : {}) };
    return { kind: 'file', detail: '(selected files)', selector };
  }
  const envA = a.env ?? {};
  const envB = b.env ?? {};
  const names = [...new Set([...Object.keys(envA), ...Object.keys(envB)])].sort();
  for (const k of names) {
    if (envA[k] !== envB[k]) {
      const isArg = (b.argNames ?? a.argNames ?? []).includes(k);
      return { kind: isArg ? 'arg' : 'env', detail: k, before: envA[k], after: envB[k] };
    }
  }
  const orderA = (a.envOrder ?? Object.keys(envA)).join(' ');
  const orderB = (b.envOrder ?? Object.keys(envB)).join(' ');
  if (orderA !== orderB) return { kind: 'instruction', detail: 'order of the environment changed', before: orderA, after: orderB };
  if (a.createdTime !== b.createdTime) return { kind: 'arg', detail: 'SOURCE_DATE_EPOCH', before: a.createdTime?.toString(), after: b.createdTime?.toString() };
  for (const field of ['workdir', 'user'] as const) {
    if (a[field] !== b[field]) return { kind: 'instruction', detail: `${field.toUpperCase()} changed`, before: a[field], after: b[field] };
  }
  if (JSON.stringify(a.shell) !== JSON.stringify(b.shell)) return { kind: 'instruction', detail: 'SHELL changed', before: JSON.stringify(a.shell), after: JSON.stringify(b.shell) };
  const ma = JSON.stringify(a.mounts ?? null);
  const mb = JSON.stringify(b.mounts ?? null);
  if (ma !== mb) return { kind: 'instruction', detail: 'mount options changed' };
  return null;
}

/** The first file (by path) that differs between two selections, and how many others differ. */
function firstChangedFile(a: FileInput[], b: FileInput[]): { path: string; how: string; others: number } | undefined {
  const ma = new Map(a.map((f) => [f.path, f.digest]));
  const mb = new Map(b.map((f) => [f.path, f.digest]));
  const paths = [...new Set([...ma.keys(), ...mb.keys()])].sort();
  let first: { path: string; how: string } | undefined;
  let changed = 0;
  for (const p of paths) {
    const how = !ma.has(p) ? 'added' : !mb.has(p) ? 'removed' : ma.get(p) !== mb.get(p) ? 'modified' : undefined;
    if (how === undefined) continue;
    changed++;
    first ??= { path: p, how };
  }
  return first && { ...first, others: changed - 1 };
}

function selectorFor(path: string | undefined, selectors: string[]): string | undefined {
  if (!path) return selectors[0];
  return selectors.find((s) => {
    const norm = s.replace(/^\.?\//, '').replace(/\/$/, '');
    return norm === '' || norm === '.' || path === norm || path.startsWith(`${norm}/`) || /[*?[]/.test(norm);
  }) ?? selectors[0];
}

/** One readable sentence for a cause. */
/**
 * The steps of `plan` (those the target needs) that read a path under one of `paths` (context paths
 * a baseline cannot say anything about, such as files git ignores), each with the entries of
 * `paths` it reads.
 */
export function stepsReading(plan: Plan, paths: readonly string[]): { line: number; paths: string[] }[] {
  if (paths.length === 0) return [];
  const set = new Set(paths);
  const out: { line: number; paths: string[] }[] = [];
  for (const stage of plan.stages) {
    if (stage.reachable === false) continue;
    for (const step of stage.steps) {
      const roots = new Set<string>();
      for (const p of step.inputs) {
        const root = memberAbove(set, p);
        if (root !== undefined) roots.add(root);
      }
      if (roots.size) out.push({ line: step.line, paths: [...roots] });
    }
  }
  return out;
}

export function describe(c: Cause): string {
  switch (c.kind) {
    case 'file':
      return `${c.detail} ${c.before ?? 'changed'}${c.selector ? ` (selected by ${c.selector})` : ''}${c.others ? `, and ${c.others} more file${c.others > 1 ? 's' : ''}` : ''}`;
    case 'arg':
      return `build arg ${c.detail} changed: ${fmt(c.before)} → ${fmt(c.after)}`;
    case 'env':
      return `ENV ${c.detail} changed: ${fmt(c.before)} → ${fmt(c.after)}`;
    case 'base':
      // With --pull the reference is the same text; the detail says why it may have moved.
      return c.before === undefined || c.before === c.after ? c.detail : `base image changed: ${c.before} → ${c.after}`;
    case 'instruction':
      return c.before !== undefined && c.after !== undefined ? `${c.detail}: ${c.before} → ${c.after}` : c.detail;
    case 'parent':
      return `parent step rebuilt (${c.detail})${c.after ? `; also ${c.after}` : ''}`;
    case 'network':
      return `${c.detail} is fetched at build time; BuildKit re-checks it on every build`;
  }
}

function fmt(v: string | undefined): string {
  return v === undefined ? '(unset)' : JSON.stringify(v);
}
