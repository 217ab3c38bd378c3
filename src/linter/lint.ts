// The rule engine: runs the registered rules over one parsed Dockerfile, adds the parser's own
// findings, and applies config and pragmas. Pure: no I/O, never throws on any input.
import type { Diagnostic } from '../core/diagnostic.js';
import type { Dockerfile, Instruction } from '../parser/ast.js';
import { directiveOf } from '../parser/directives.js';
import { heirsOf, modelOf } from '../rules/utils/model.js';
import { refusalsAsWritten, triggerProblemsAsWritten } from '../semantic/dispatch-checks.js';
import type { MountInfo } from '../semantic/types.js';
import type { BuildContextView, Report, Rule, RuleContext } from '../rules/types.js';
import type { ShellScript } from '../shell/types.js';
import { RuleIndex } from './codes.js';
import { mergeConfig, ruleOptionsOf, type LintConfig } from './config.js';
import { docsUrl } from './docs.js';
import { factsOfRules, Suppressor } from './suppress.js';
import { checkOptionsError } from './pragmas.js';

/** Options of one lint run. */
export interface LintOptions {
  /** File name shown to rules (messages only) and used by formatters. */
  filename?: string;
  /** Config on top of the defaults (a full LintConfig works too). */
  config?: Partial<LintConfig>;
  /** Build-context facts; context-aware rules are skipped without it. */
  buildContext?: BuildContextView;
  /** The rules to run; default: every registered rule. */
  rules?: readonly Rule[];
}

/** What `lint()` returns: the AST it linted and the surviving findings, sorted by position. */
export interface LintResult {
  file: Dockerfile;
  diagnostics: Diagnostic[];
}

/** Code of the diagnostic reported when a rule throws (a bug in the rule, never in the input). */
export const RULE_CRASH_CODE = 'internal-error';

/** Turns a RUN (or ONBUILD RUN) into its shell script; expected to cache per file (rules ask repeatedly). */
export type ShellOf = (instruction: Instruction, file: Dockerfile) => ShellScript | undefined;

const indexCache = new WeakMap<readonly Rule[], RuleIndex>();

interface Merged {
  config: LintConfig;
  ruleOptions: RuleContext['options'];
}

let mergedDefault: Merged | undefined;
// The last partial config and its merge: a library caller reuses one for many files. (Not a
// WeakMap: the CLI passes a new object per file, and young keys in a WeakMap are costly to GC.)
let lastPartial: Partial<LintConfig> | undefined;
let lastMerged: Merged | undefined;

/** The full config for a partial one, merged once while the same partial object comes back. */
function mergedConfig(partial: Partial<LintConfig> | undefined): Merged {
  if (!partial) return (mergedDefault ??= merge(undefined));
  if (partial !== lastPartial || !lastMerged) {
    lastMerged = merge(partial);
    lastPartial = partial;
  }
  return lastMerged;
}

function merge(partial: Partial<LintConfig> | undefined): Merged {
  const config = mergeConfig(partial);
  return { config, ruleOptions: ruleOptionsOf(config) };
}

/** A (cached) index over a rule list. */
export function ruleIndex(rules: readonly Rule[]): RuleIndex {
  let idx = indexCache.get(rules);
  if (!idx) {
    idx = new RuleIndex(rules);
    indexCache.set(rules, idx);
  }
  return idx;
}

/**
 * Which of `rules` run under `config` for a file whose own comments and directives enable or skip
 * nothing (Suppressor.enablementFromConfigOnly): worked out by the first such file's suppressor
 * and reused while the rules, config and context presence stay the same.
 */
function enabledByConfig(rules: readonly Rule[], config: LintConfig, hasContext: boolean, sup: Suppressor, facts: ReturnType<typeof factsOfRules>): readonly boolean[] {
  const last = lastEnabled;
  if (last && last.rules === rules && last.config === config && last.hasContext === hasContext) return last.enabled;
  const enabled = rules.map((r, i) => sup.ruleEnabled(r, hasContext, facts[i]));
  lastEnabled = { rules, config, hasContext, enabled };
  return enabled;
}

let lastEnabled: { rules: readonly Rule[]; config: LintConfig; hasContext: boolean; enabled: readonly boolean[] } | undefined;

/**
 * Lint an already-parsed Dockerfile with the given rules. `shellOf` parses RUN scripts; without
 * it, rules asking for a shell script get undefined.
 */
export function lintParsed(file: Dockerfile, rules: readonly Rule[], options: LintOptions, shellOf?: ShellOf): LintResult {
  const { config, ruleOptions } = mergedConfig(options.config);
  const index = ruleIndex(rules);
  const sup = new Suppressor(file, config, index);
  const raw: { d: Diagnostic; rule: Rule | undefined; alsoAt?: Diagnostic['range'] }[] = [];
  const hasContext = options.buildContext !== undefined;
  // One context object per file; `current` says whose report it is (no closures per rule).
  let current: Rule = rules[0]!;
  const ctx: RuleContext = {
    file,
    filename: options.filename ?? 'Dockerfile',
    options: ruleOptions,
    buildContext: options.buildContext,
    // shellOf caches per file (shellScriptOf does): every rule asks for the same scripts.
    shell: (ins) => shellOf?.(ins, file),
    knowsRule: (code) => index.all(code).length > 0,
    report(r: Report) {
      const d = fromReport(current, r, file);
      raw.push(r.alsoAt ? { d, rule: current, alsoAt: rangeOf(r.alsoAt, file) } : { d, rule: current });
    },
  };

  const facts = factsOfRules(rules);
  const enabled = sup.enablementFromConfigOnly ? enabledByConfig(rules, config, hasContext, sup, facts) : undefined;
  for (let i = 0; i < rules.length; i++) {
    const rule = rules[i]!;
    if (enabled ? !enabled[i] : !sup.ruleEnabled(rule, hasContext, facts[i])) continue;
    current = rule;
    try {
      rule.check(ctx);
    } catch (err) {
      const msg = err instanceof Error ? err.message : String(err);
      raw.push({
        d: { code: RULE_CRASH_CODE, severity: 'error', message: `rule ${rule.name} (${rule.code}) crashed: ${msg}`, range: file.lineIndex.range(0, 0), rule: rule.name },
        rule: undefined,
      });
    }
  }

  // Parser findings (syntax errors, NoEmptyContinuation): a rule sharing the code owns them, and
  // when that rule reported the same finding itself it is kept once.
  let parserKeys: Set<string> | undefined;
  for (const d of file.diagnostics) {
    const rule = index.get(d.code);
    // Whether the rule ran: ruleEnabled is a pure function of the file and config (and rules
    // rarely meet parser findings), so it is asked again here instead of recording every run.
    if (rule && !sup.ruleEnabled(rule, hasContext)) continue;
    (parserKeys ??= new Set()).add(dedupeKey(d));
    raw.push({ d: rule ? { ...d, rule: rule.name, url: d.url ?? rule.url } : d, rule });
  }

  // A RUN --mount BuildKit refuses (`unsupported mount type "x"`, a secret mount without source
  // or target...) fails its instruction parser, so the build. Specs with variables are left alone:
  // the linter does not know the build args a build would give them.
  for (const { spec, range, error } of runMounts(file)) {
    if (error && !spec.includes('$')) raw.push({ d: { code: 'syntax', severity: 'error', message: error, range }, rule: undefined });
  }

  // So does an instruction dispatch refuses (a COPY --chmod that is no mode, ADD --checksum on a
  // context file, COPY of a URL, a STOPSIGNAL that is no signal, an empty VOLUME), words with
  // variables aside; and a COPY --from BuildKit cannot resolve (a variable in it, an index out of
  // range, a stage not defined before), which fails every stage's build, lint's (all stages) too.
  // An ONBUILD trigger is parsed and dispatched only in a build that inherits it: a stage of this
  // file built on the trigger's stage fails with it. (Other builds FROM the image are DH019's.)
  for (const ins of file.instructions) {
    if (ins.keyword !== 'ONBUILD') {
      for (const { message, range } of refusalsAsWritten(ins, file)) {
        raw.push({ d: { code: 'syntax', severity: 'error', message, range }, rule: undefined });
      }
      continue;
    }
    if (!ins.trigger) continue;
    const problems = triggerProblemsAsWritten(ins.trigger, file);
    const heirs = problems.length ? heirsOf(file, ins.stageIndex) : [];
    if (heirs.length === 0) continue;
    const who = heirs.length === 1 ? `stage ${JSON.stringify(heirs[0])} inherits` : `stages ${heirs.map((h) => JSON.stringify(h)).join(', ')} inherit`;
    for (const { message, range } of problems) {
      raw.push({ d: { code: 'syntax', severity: 'error', message: `${message} (${who} this ONBUILD trigger)`, range }, rule: undefined });
    }
  }
  for (const { error, range } of copyFromErrors(file)) raw.push({ d: { code: 'syntax', severity: 'error', message: error, range }, rule: undefined });

  // An invalid `# check=` directive stops a BuildKit build; say so where it is written.
  const directive = directiveOf(file, 'check');
  const directiveError = directive && config.check === undefined ? checkOptionsError(directive.value) : null;
  if (directive && directiveError) {
    raw.push({ d: { code: 'syntax', severity: 'error', message: `failed to parse check options: ${directiveError}`, range: directive.valueRange }, rule: undefined });
  }

  const out: Diagnostic[] = [];
  const seen = parserKeys ? new Set<string>() : undefined;
  for (const { d, rule, alsoAt } of raw) {
    if (seen && parserKeys) {
      const key = dedupeKey(d);
      if (parserKeys.has(key)) {
        if (seen.has(key)) continue;
        seen.add(key);
      }
    }
    // A finding with a second place (where hadolint reports it) is silenced by a `# hadolint` pragma
    // there only, and by a `# dockhand` pragma at either place; its severity comes from the first.
    const kept = sup.keep(d, rule, alsoAt !== undefined);
    if (kept && (!alsoAt || !sup.pragmaSilences(d.code, alsoAt))) out.push(kept);
  }
  return { file, diagnostics: sortDiagnostics(out) };
}

/** The RUN mounts of `file` as the semantic model reads them; none without building it when no RUN has a --mount. */
function runMounts(file: Dockerfile): readonly MountInfo[] {
  const any = file.instructions.some((ins) => {
    const run = ins.keyword === 'ONBUILD' ? ins.trigger : ins;
    return run?.keyword === 'RUN' && run.flags.some((f) => f.name === 'mount');
  });
  if (!any) return [];
  return modelOf(file).instructions.flatMap((info) => info.mounts ?? []);
}

/** The COPY --from references BuildKit refuses, as the semantic model resolves them; none without building it when no COPY has --from. */
function copyFromErrors(file: Dockerfile): { error: string; range: Diagnostic['range'] }[] {
  const any = file.instructions.some((ins) => ins.keyword === 'COPY' && ins.flags.some((f) => f.name === 'from'));
  if (!any) return [];
  const out: { error: string; range: Diagnostic['range'] }[] = [];
  for (const dep of modelOf(file).dependencies) {
    if (dep.kind === 'copy' && dep.error && !dep.viaOnbuild) out.push({ error: dep.error, range: dep.range });
  }
  return out;
}

function dedupeKey(d: Diagnostic): string {
  return `${d.code}\u0000${d.range.start}\u0000${d.range.end}\u0000${d.message}`;
}

/**
 * Filter findings from outside the rule engine (ShellCheck's SC codes) through the same
 * ignores, pragmas and severities as the rules' findings, merged into `result`.
 */
export function mergeExternal(result: LintResult, extra: readonly Diagnostic[], options: LintOptions & { rules: readonly Rule[] }): LintResult {
  if (extra.length === 0) return result;
  const config = mergeConfig(options.config);
  const index = ruleIndex(options.rules);
  const sup = new Suppressor(result.file, config, index);
  const kept = extra.map((d) => sup.keep(d, index.get(d.code))).filter((d): d is Diagnostic => d !== null);
  return { file: result.file, diagnostics: sortDiagnostics([...result.diagnostics, ...kept]) };
}

/** Sort by start offset, then end, then code: the order every formatter prints. */
export function sortDiagnostics(ds: Diagnostic[]): Diagnostic[] {
  return ds.sort((a, b) => a.range.start - b.range.start || a.range.end - b.range.end || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
}

/** A reported range with lines and columns: a Span (offsets only, as shell words carry) gets them here. */
function rangeOf(r: Report['range'], file: Dockerfile): Diagnostic['range'] {
  return 'startLine' in r ? r : file.lineIndex.range(r.start, r.end);
}

function fromReport(rule: Rule, r: Report, file: Dockerfile): Diagnostic {
  const range = rangeOf(r.range, file);
  const d: Diagnostic = { code: rule.code, severity: r.severity ?? rule.severity, message: r.message, range, rule: rule.name };
  if (r.fix) d.fix = r.fix;
  d.url = rule.url ?? urlOf(rule);
  return d;
}

const urls = new WeakMap<Rule, string>();

/** The rule's docs link, built once per rule rather than once per finding. */
function urlOf(rule: Rule): string {
  let u = urls.get(rule);
  if (u === undefined) urls.set(rule, (u = docsUrl(rule)));
  return u;
}
