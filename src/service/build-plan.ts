// The build plan in the editor: a lens on each stage and on each RUN, COPY and ADD with its cache
// key and, against a baseline (a saved plan, or the git HEAD version of the Dockerfile and
// context), whether the next build reuses it or rebuilds it and the first cause; and the full
// explanation of one step. Pure: the context arrives as the planner's ContextReader and the
// baseline as a Plan, both read by the caller.
import type { Span } from '../core/range.js';
import { withoutReading, type ContextReader } from '../planner/context.js';
import { describe, explain, stepsReading } from '../planner/explain.js';
import { plan, PlanError } from '../planner/plan.js';
import type { ExplainStep, Explanation, Plan, PlanStage, PlanStep } from '../planner/types.js';
import { modelOf, parsed } from './document.js';

/** What a plan of the document needs besides its text. */
export interface PlanInputs {
  /** The build context (null: plan without one, as for an unsaved document). */
  context: ContextReader | null;
  /**
   * The plan to compare with, and what it is ("HEAD", "plan.json"); null plan: no comparison.
   * `unknown`: context paths the baseline cannot say anything about, each group with why (files git
   * ignores, a submodule, the repository's .git): they count as unchanged, and a step that reads
   * one says so.
   */
  baseline: { plan: Plan; label: string; unknown?: readonly { paths: readonly string[]; why: string }[] } | { plan: null; reason: string };
  /** Dockerfile name shown in the plan. */
  dockerfile?: string;
  target?: string | null;
  buildArgs?: Record<string, string>;
  platform?: string;
  /** Floating base tags count as re-resolved (`docker build --pull`). */
  pull?: boolean;
}

/** One lens: a line of the plan shown above (or after) an instruction. */
export interface PlanLens {
  /** The instruction's keyword. */
  span: Span;
  /** 1-based line of the instruction (what `explainStep` takes). */
  line: number;
  kind: 'stage' | 'step';
  title: string;
}

/** The plan of a document and its comparison with the baseline, or why there is none. */
export interface PlannedDocument {
  plan: Plan | null;
  explanation: Explanation | null;
  /** Why the document cannot be planned (syntax errors, a build that would fail), when it cannot. */
  problem?: { line: number; message: string };
}

let memo: { text: string; inputs: PlanInputs; result: PlannedDocument } | undefined;

/** Plans the document and explains it against the baseline (memoised on the last text and inputs). */
export function planDocument(text: string, inputs: PlanInputs): PlannedDocument {
  if (memo && memo.text === text && memo.inputs === inputs) return memo.result;
  const result = compute(text, inputs);
  memo = { text, inputs, result };
  return result;
}

function compute(text: string, inputs: PlanInputs): PlannedDocument {
  const file = parsed(text);
  const error = file.diagnostics.find((d) => d.severity === 'error');
  if (error) return { plan: null, explanation: null, problem: { line: error.range.startLine, message: `no plan while line ${error.range.startLine} has a syntax error: ${error.message}` } };
  let current: Plan;
  try {
    current = plan(file, {
      dockerfile: inputs.dockerfile ?? 'Dockerfile',
      context: inputs.context,
      target: inputs.target ?? null,
      buildArgs: inputs.buildArgs ?? {},
      platform: inputs.platform ?? 'linux/amd64',
      outlines: false, // neither the lenses nor a step's explanation show them
    }, modelOf(text)); // the model diagnostics built for this text, when the options are its defaults
  } catch (err) {
    const problem = err instanceof PlanError ? err.problems[0] : undefined;
    const message = err instanceof Error ? err.message : String(err);
    return { plan: null, explanation: null, problem: { line: problem?.line ?? 1, message: `no plan: ${problem?.message ?? message}` } };
  }
  const explanation = inputs.baseline.plan ? explain(inputs.baseline.plan, current, { pull: inputs.pull ?? false }) : null;
  return { plan: current, explanation };
}

const CACHED = new Set(['RUN', 'COPY', 'ADD']);
const short = (key: string) => key.replace(/^sha256:/, '').slice(0, 12);

/** The lenses of the document: one per stage, one per RUN/COPY/ADD. */
export function planLenses(text: string, inputs: PlanInputs): PlanLens[] {
  const file = parsed(text);
  const { plan: p, explanation, problem } = planDocument(text, inputs);
  if (!p) {
    const ins = file.instructions.find((i) => i.range.startLine >= (problem?.line ?? 1)) ?? file.instructions[0];
    if (!ins) return [];
    return [{ span: keyword(ins), line: ins.range.startLine, kind: 'stage', title: problem?.message ?? 'no plan' }];
  }
  const verdicts = new Map<number, ExplainStep>();
  for (const s of explanation?.steps ?? []) verdicts.set(s.line, s);
  const against = inputs.baseline.plan ? inputs.baseline.label : null;
  // What a step reads that the baseline cannot say anything about (counted as unchanged).
  const unknownRead = new Map<number, string[]>();
  for (const group of inputs.baseline.plan ? inputs.baseline.unknown ?? [] : []) {
    for (const { line, paths } of stepsReading(p, group.paths)) {
      const list = unknownRead.get(line) ?? [];
      list.push(`${paths.length > 3 ? `${paths.slice(0, 3).join(', ')} and ${paths.length - 3} more` : paths.join(', ')} (${group.why})`);
      unknownRead.set(line, list);
    }
  }
  const lenses: PlanLens[] = [];
  for (const stage of p.stages) {
    const st = file.stages[stage.index];
    if (!st) continue;
    lenses.push({ span: keyword(st.from), line: stage.line, kind: 'stage', title: stageTitle(stage, p, verdicts, against, inputs) });
    for (const step of stage.steps) {
      if (!CACHED.has(step.instruction)) continue;
      const ins = st.instructions.find((i) => i.range.startLine === step.line) ?? st.from;
      const verdict = verdicts.get(step.line);
      const unknown = unknownRead.get(step.line);
      // Said where it matters: a step that rebuilds does so whatever those files hold.
      const note = against !== null && unknown && verdict?.status === 'cached' ? ` · not compared with ${against}: ${unknown.join('; ')}` : '';
      lenses.push({ span: keyword(ins), line: step.line, kind: 'step', title: stepTitle(stage, step, verdict, against) + note });
    }
  }
  return lenses;
}

const keyword = (ins: { keywordRange: Span }): Span => ({ start: ins.keywordRange.start, end: ins.keywordRange.end });

function stageTitle(stage: PlanStage, p: Plan, verdicts: Map<number, ExplainStep>, against: string | null, inputs: PlanInputs): string {
  const name = stage.name ?? `#${stage.index}`;
  const n = stage.steps.length;
  const steps = `${n} step${n === 1 ? '' : 's'}`;
  if (!stage.reachable) return `stage ${name} · ${steps} · not built for target ${p.target ?? p.stages[p.stages.length - 1]?.name ?? 'last'}`;
  if (against === null) {
    const why = 'reason' in inputs.baseline ? ` · ${inputs.baseline.reason}` : '';
    return `stage ${name} · ${steps} · base ${short(stage.baseKey)}${why}`;
  }
  const mine = stage.steps.map((s) => verdicts.get(s.line)).filter((v): v is ExplainStep => v !== undefined);
  const rebuild = mine.filter((v) => v.status === 'rebuild');
  if (n === 0) return `stage ${name} · no cached steps`;
  if (rebuild.length === 0) return `stage ${name} · ${steps}, all cached (vs ${against})`;
  return `stage ${name} · ${rebuild.length} of ${steps} rebuild from line ${rebuild[0]!.line} (vs ${against})`;
}

function stepTitle(stage: PlanStage, step: PlanStep, verdict: ExplainStep | undefined, against: string | null): string {
  const key = `key ${short(step.cacheKey)}`;
  if (against === null) return key;
  if (!stage.reachable || !verdict) return `${key} · not built`;
  if (verdict.status === 'cached') return `cached · ${key}`;
  return `rebuild: ${verdict.reason} · ${key}`;
}

/**
 * The lenses when the plan needs no file of the context read from disk (every digest it takes is
 * known to the reader); otherwise the paths it would read, for the caller to prefetch (hashing a
 * large context's files off its thread's busy path) before `planLenses`.
 */
export function planLensesIfRead(text: string, inputs: PlanInputs): { lenses: PlanLens[] } | { unread: string[] } {
  if (!inputs.context?.known) return { lenses: planLenses(text, inputs) };
  const unread = new Set<string>();
  const lenses = planLenses(text, { ...inputs, context: withoutReading(inputs.context, unread) });
  return unread.size ? { unread: [...unread] } : { lenses };
}

/**
 * Everything about the step (or stage) at `line`: its cache key and parent, what went into the
 * key, and the verdict against the baseline with its cause. Plain text, for a message window.
 */
export function explainStep(text: string, line: number, inputs: PlanInputs): string {
  const { plan: p, explanation, problem } = planDocument(text, inputs);
  if (!p) return problem?.message ?? 'no plan';
  const against = inputs.baseline.plan ? `vs ${inputs.baseline.label}` : `no baseline: ${'reason' in inputs.baseline ? inputs.baseline.reason : ''}`;
  const stage = p.stages.find((s) => s.line === line);
  if (stage) return explainStage(stage, p, explanation, against);
  for (const s of p.stages) {
    const step = s.steps.find((st) => st.line === line);
    if (step) return explainOne(s, step, p, explanation?.steps.find((v) => v.line === line), against);
  }
  return `line ${line} is not a step of the build (RUN, COPY, ADD and WORKDIR are; FROM starts a stage)`;
}

function explainStage(stage: PlanStage, p: Plan, ex: Explanation | null, against: string): string {
  const base = 'image' in stage.base ? `${stage.base.image}${stage.base.digest ? `@${stage.base.digest}` : stage.base.floating ? ' (floating tag)' : ''}` : 'stage' in stage.base ? `stage ${p.stages[stage.base.stage]?.name ?? stage.base.stage}` : 'scratch';
  const out = [`stage ${stage.name ?? `#${stage.index}`} (line ${stage.line}), FROM ${base} — ${against}`, `base key ${stage.baseKey}`];
  if (stage.dependsOn.length) out.push(`depends on: ${stage.dependsOn.map((d) => p.stages[d]?.name ?? `#${d}`).join(', ')}`);
  if (!stage.reachable) out.push(`not built: the target ${p.target ?? '(last stage)'} does not need it`);
  for (const step of stage.steps) {
    const v = ex?.steps.find((s) => s.line === step.line);
    const mark = !v ? '       ' : v.status === 'cached' ? 'cached ' : 'REBUILD';
    out.push(`  ${mark} ${String(step.line).padStart(4)}  ${step.text.length > 70 ? `${step.text.slice(0, 69)}…` : step.text}${v?.status === 'rebuild' ? `\n                 ↳ ${v.reason}` : ''}`);
  }
  for (const a of p.advice.filter((a) => a.stage === stage.index)) out.push(`advice (line ${a.line}): ${a.message}`);
  return out.join('\n');
}

function explainOne(stage: PlanStage, step: PlanStep, p: Plan, v: ExplainStep | undefined, against: string): string {
  const c = step.components;
  const parent = stage.steps[stage.steps.indexOf(step) - 1];
  const out = [
    `${step.text} (line ${step.line}, stage ${stage.name ?? `#${stage.index}`}) — ${against}`,
    v ? (v.status === 'cached' ? 'cached: the key is in the baseline' : `REBUILD: ${v.reason}`) : stage.reachable ? 'not compared' : 'not built for this target',
    `cache key  ${step.cacheKey}`,
    `parent key ${step.parentKey} (${parent ? `line ${parent.line}, ${parent.instruction}` : `the stage's base`})`,
    'inputs of the key:',
    `  instruction: ${c.instruction}`,
  ];
  if (v?.cause) {
    const cause = v.cause;
    out.splice(2, 0, `first cause (${cause.kind}): ${describe(cause)}`);
  }
  if (c.env && Object.keys(c.env).length) {
    const args = new Set(c.argNames ?? []);
    out.push(`  environment: ${Object.entries(c.env).map(([k, val]) => `${k}=${JSON.stringify(val)}${args.has(k) ? ' (ARG)' : ''}`).join(', ')}`);
  }
  if (c.workdir !== undefined) out.push(`  workdir: ${c.workdir}`);
  if (c.user !== undefined) out.push(`  user: ${c.user}`);
  if (c.shell) out.push(`  shell: ${JSON.stringify(c.shell)}`);
  if (c.selectors?.length) out.push(`  sources: ${c.selectors.join(' ')}`);
  if (c.files) {
    const shown = c.files.slice(0, 10).map((f) => `    ${f.path}  ${f.digest.slice(0, 19)}`);
    out.push(`  files: ${c.files.length} (digest ${c.filesDigest ?? '-'})`, ...shown);
    if (c.files.length > 10) out.push(`    … ${c.files.length - 10} more`);
  }
  for (const f of c.from ?? []) out.push(`  from: ${f.stage !== undefined ? `stage ${p.stages[f.stage]?.name ?? f.stage}` : f.image} (key ${f.key})`);
  for (const m of c.mounts ?? []) out.push(`  mount: ${Object.entries(m).map(([k, val]) => `${k}=${val}`).join(',')}`);
  if (c.network?.length) out.push(`  fetched at build time: ${c.network.join(' ')}`);
  if (c.link) out.push('  --link: independent of the layers below');
  if (step.inputs.length && !c.files) out.push(`  reads: ${step.inputs.slice(0, 10).join(' ')}`);
  return out.join('\n');
}
