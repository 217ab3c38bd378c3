// Compares a current plan with a baseline: which steps come from cache, which rebuild, and the
// first cause of each rebuild. BuildKit reuses any stored result with the same key, so a step is
// cached when its key appears anywhere in the baseline (reordered steps re-hit, as BuildKit does).
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

  for (const stage of current.stages) {
    if (!stage.reachable) continue;
    const before = counterpartStage(baseline, stage);
    stage.steps.forEach((step, n) => {
      const base = {
        stage: stage.index,
        stageName: stage.name,
        line: step.line,
        instruction: step.instruction,
        text: step.text,
      };
      const network = step.components.network;
      // With --pull a floating base may have moved: the key is the same text, but the parent
      // state is new, and so is everything built on it.
      const floating = options.pull && n === 0 && 'image' in stage.base && stage.base.floating && !step.components.link;
      const forced = floating || (!step.components.link && rebuilt.has(step.parentKey)) ||
        (step.components.from ?? []).some((f) => f.stage !== undefined && stageRebuilt(current, f.stage, rebuilt));
      if (known.has(step.cacheKey) && !network?.length && !forced) {
        steps.push({ ...base, status: 'cached', reason: 'cache key unchanged' });
        return;
      }
      const cause: Cause = floating && 'image' in stage.base
        ? { kind: 'base', detail: `${stage.base.image} is a floating tag; --pull re-resolves it`, before: stage.base.image, after: stage.base.image }
        : findCause(step, n, stage, before, current, rebuilt);
      rebuilt.set(step.cacheKey, { stage: stage.index, line: step.line });
      steps.push({ ...base, status: 'rebuild', reason: describe(cause), cause });
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

function counterpartStage(baseline: Plan, stage: PlanStage): PlanStage | undefined {
  if (stage.name) {
    const byName = baseline.stages.find((s) => s.name === stage.name);
    if (byName) return byName;
  }
  return baseline.stages[stage.index];
}

/** The step in the baseline that this one most likely is: same ordinal, else same instruction text. */
function counterpartStep(step: PlanStep, n: number, before: PlanStage | undefined): PlanStep | undefined {
  if (!before) return undefined;
  const same = before.steps[n];
  if (same && same.instruction === step.instruction) return same;
  return before.steps.find((s) => s.text === step.text) ?? before.steps.find((s) => s.line === step.line && s.instruction === step.instruction);
}

function findCause(
  step: PlanStep,
  n: number,
  stage: PlanStage,
  before: PlanStage | undefined,
  current: Plan,
  rebuilt: Map<string, { stage: number; line: number }>,
): Cause {
  const c = step.components;
  if (c.network?.length) {
    return { kind: 'network', detail: c.network[0]!, after: c.network.join(' ') };
  }
  // Parent first: a rebuilt parent is the first link of the chain (BuildKit checks inputs in order).
  if (!c.link) {
    const parentRebuilt = rebuilt.get(step.parentKey);
    if (parentRebuilt) {
      const own = ownChange(step, counterpartStep(step, n, before));
      return { kind: 'parent', detail: `line ${parentRebuilt.line} rebuilt`, line: parentRebuilt.line, stage: parentRebuilt.stage, ...(own ? { after: own } : {}) };
    }
  }
  for (const f of c.from ?? []) {
    if (f.stage !== undefined && stageRebuilt(current, f.stage, rebuilt)) {
      const last = [...rebuilt.values()].filter((r) => r.stage === f.stage).pop();
      return { kind: 'parent', detail: `stage ${current.stages[f.stage]!.name ?? f.stage} rebuilt`, stage: f.stage, line: last?.line };
    }
  }
  const prev = counterpartStep(step, n, before);
  if (n === 0 && before && before.baseKey !== stage.baseKey && !c.link) {
    if ('stage' in stage.base) {
      return { kind: 'parent', detail: `base stage ${current.stages[stage.base.stage]!.name ?? stage.base.stage} changed`, stage: stage.base.stage };
    }
    const was = describeBase(before);
    const now = describeBase(stage);
    return { kind: 'base', detail: now, before: was, after: now };
  }
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
    if (changed) return { kind: 'file', detail: changed.path, selector, before: changed.how };
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
  for (const field of ['workdir', 'user'] as const) {
    if (a[field] !== b[field]) return { kind: 'instruction', detail: `${field.toUpperCase()} changed`, before: a[field], after: b[field] };
  }
  if (JSON.stringify(a.shell) !== JSON.stringify(b.shell)) return { kind: 'instruction', detail: 'SHELL changed', before: JSON.stringify(a.shell), after: JSON.stringify(b.shell) };
  const ma = JSON.stringify(a.mounts ?? null);
  const mb = JSON.stringify(b.mounts ?? null);
  if (ma !== mb) return { kind: 'instruction', detail: 'mount options changed' };
  return null;
}

function firstChangedFile(a: FileInput[], b: FileInput[]): { path: string; how: string } | undefined {
  const ma = new Map(a.map((f) => [f.path, f.digest]));
  const mb = new Map(b.map((f) => [f.path, f.digest]));
  const paths = [...new Set([...ma.keys(), ...mb.keys()])].sort();
  for (const p of paths) {
    if (!ma.has(p)) return { path: p, how: 'added' };
    if (!mb.has(p)) return { path: p, how: 'removed' };
    if (ma.get(p) !== mb.get(p)) return { path: p, how: 'modified' };
  }
  return undefined;
}

function selectorFor(path: string | undefined, selectors: string[]): string | undefined {
  if (!path) return selectors[0];
  return selectors.find((s) => {
    const norm = s.replace(/^\.?\//, '').replace(/\/$/, '');
    return norm === '' || norm === '.' || path === norm || path.startsWith(`${norm}/`) || /[*?[]/.test(norm);
  }) ?? selectors[0];
}

/** One readable sentence for a cause. */
export function describe(c: Cause): string {
  switch (c.kind) {
    case 'file':
      return `${c.detail} ${c.before ?? 'changed'}${c.selector ? ` (selected by ${c.selector})` : ''}`;
    case 'arg':
      return `build arg ${c.detail} changed: ${fmt(c.before)} → ${fmt(c.after)}`;
    case 'env':
      return `ENV ${c.detail} changed: ${fmt(c.before)} → ${fmt(c.after)}`;
    case 'base':
      // With --pull the reference is the same text; the detail says why it may have moved.
      return c.before === c.after ? c.detail : `base image changed: ${c.before} → ${c.after}`;
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
