// Decides which findings survive in-file pragmas and config: ignore pragmas (next instruction,
// stage, global), BuildKit's `check=` directive and per-instruction comments, ignores and severities.
import type { Diagnostic, Severity } from '../core/diagnostic.js';
import type { Dockerfile, Instruction } from '../parser/ast.js';
import type { Rule } from '../rules/types.js';
import { directiveOf } from '../parser/directives.js';
import type { RuleIndex } from './codes.js';
import type { LintConfig, SeverityOverride } from './config.js';
import { presetOverrides } from './presets.js';
import {
  BUILDKIT_CHECKS,
  FILE_LEVEL_CHECKS,
  checkOptionsFromComments,
  emptyCheckOptions,
  parseCheckOptions,
  parseIgnorePragma,
  type CheckOptions,
} from './pragmas.js';

interface RuleFacts {
  key: string;
  buildkit: boolean;
  fileLevel: boolean;
}

/** Per-rule facts the suppressor asks about for every file, computed once per rule. */
const factsCache = new WeakMap<Rule, RuleFacts>();

/** The facts of every rule of a list, in order (one lookup per lint instead of one per rule). */
export function factsOfRules(rules: readonly Rule[]): readonly RuleFacts[] {
  let list = listFacts.get(rules);
  if (!list) listFacts.set(rules, (list = rules.map(factsOf)));
  return list;
}

const listFacts = new WeakMap<readonly Rule[], RuleFacts[]>();

function factsOf(rule: Rule): RuleFacts {
  let f = factsCache.get(rule);
  if (!f) {
    const names = [rule.code, ...rule.aliases];
    f = {
      key: rule.code.toLowerCase(),
      buildkit: rule.origin === 'buildkit' || names.some((n) => BUILDKIT_CHECKS.has(n)),
      fileLevel: names.some((n) => FILE_LEVEL_CHECKS.has(n)),
    };
    factsCache.set(rule, f);
  }
  return f;
}

/** True when a rule is one of BuildKit's build checks (as its code or an alias). */
export function isBuildkitCheck(rule: Rule | undefined, code: string): boolean {
  return rule ? factsOf(rule).buildkit : BUILDKIT_CHECKS.has(code);
}

function isFileLevelCheck(rule: Rule | undefined, code: string): boolean {
  return rule ? factsOf(rule).fileLevel : FILE_LEVEL_CHECKS.has(code);
}

interface InstructionCheck {
  skipAll: boolean;
  skip: Set<string>;
  experimental(key: string): boolean;
}

interface Region {
  start: number;
  end: number;
  /** For diagnostics outside any instruction: the line the pragma points at. */
  line: number;
  codes: Set<string>;
  /** Written as `# hadolint ignore=...` (not `# dockhand`). */
  hadolint: boolean;
}

/** The file-wide check options in effect: config's `check` replaces the directive, as in BuildKit. */
export function fileCheckOptions(file: Dockerfile, config: LintConfig): CheckOptions {
  if (config.check !== undefined) return parseCheckOptions(config.check);
  const d = directiveOf(file, 'check');
  return d ? parseCheckOptions(d.value) : emptyCheckOptions();
}

/** A config's ignored codes and severity overrides in canonical form, per config and rule index. */
interface CanonConfig {
  index: RuleIndex;
  ignored: ReadonlySet<string>;
  overrides: ReadonlyMap<string, SeverityOverride>;
}

// The last config's (lint.ts reuses a merged config while its caller does); not a WeakMap keyed
// by configs, which the CLI makes anew for every file.
let canonFor: LintConfig | undefined;
let canonLast: CanonConfig | undefined;

function canonConfig(config: LintConfig, index: RuleIndex): CanonConfig {
  if (config === canonFor && canonLast && canonLast.index === index) return canonLast;
  const overrides = new Map<string, SeverityOverride>();
  // Presets first: the config's own severities and ignores go on top of them.
  if (config.presets?.length) for (const [r, v] of presetOverrides(config.presets, index.rules)) overrides.set(r.code.toLowerCase(), v);
  for (const [k, v] of Object.entries(config.severity)) for (const c of index.canonSet([k])) overrides.set(c, v);
  const canon = { index, ignored: index.canonSet(config.ignored), overrides };
  canonFor = config;
  canonLast = canon;
  return canon;
}

/** Everything needed to filter one file's diagnostics; build once per file. */
export class Suppressor {
  readonly check: CheckOptions;
  private readonly ignored: ReadonlySet<string>;
  private readonly overrides: ReadonlyMap<string, SeverityOverride>;
  private readonly fileSkip: Set<string>;
  private readonly global = new Set<string>();
  private readonly regions: Region[] = [];
  private readonly tops: Instruction[];
  private readonly instrCheck = new Map<Instruction, InstructionCheck | null>();
  /**
   * Experimental checks enabled by some instruction's `# check=experimental=` comment (`all` when
   * one enables every check), computed on first need: every experimental rule asks for every file.
   */
  private commentExperimental: { all: boolean; keys: Set<string> } | undefined;

  /**
   * True when which rules run depends on the config alone: no `# check=` directive in effect and no
   * `check=` comment on any instruction (so lint can reuse one answer for every such file).
   */
  readonly enablementFromConfigOnly: boolean;

  constructor(readonly file: Dockerfile, readonly config: LintConfig, readonly index: RuleIndex) {
    this.check = fileCheckOptions(file, config);
    this.enablementFromConfigOnly =
      (config.check !== undefined || !directiveOf(file, 'check')) && !file.comments.some((c) => c.text.includes('check'));
    const canon = canonConfig(config, index);
    this.ignored = canon.ignored;
    this.overrides = canon.overrides;
    this.fileSkip = index.canonSet(this.check.skip);
    this.tops = file.instructions;
    if (!config.disableIgnorePragma) this.collectPragmas();
  }

  /** The configured severity override for a code, if any. */
  override(code: string): SeverityOverride | undefined {
    return this.overrides.get(this.index.canon(code));
  }

  /** Whether a rule should run at all for this file (cheap pre-filter; `keep` still applies). */
  ruleEnabled(rule: Rule, hasContext: boolean, facts: RuleFacts = factsOf(rule)): boolean {
    const key = facts.key;
    if (this.ignored.size > 0 && this.ignored.has(key)) return false;
    const ov = this.overrides.size > 0 ? this.overrides.get(key) : undefined;
    if (ov === 'off') return false;
    if (rule.disabledByDefault && ov === undefined) return false;
    if (rule.needsContext && !hasContext) return false;
    if (rule.experimental) {
      // Experimental checks are not affected by skip (BuildKit); they run when enabled for the
      // file, by config, or by some instruction's own `# check=experimental=` comment.
      return this.experimentalOn(key) || ov !== undefined || this.enabledByComment(key);
    }
    if (!this.config.disableIgnorePragma && facts.buildkit && this.check.skipAll) return false;
    if (!this.config.disableIgnorePragma && this.fileSkip.has(key)) return false;
    return true;
  }

  /** True when some instruction's `# check=` comment enables the experimental check `key`. */
  private enabledByComment(key: string): boolean {
    let c = this.commentExperimental;
    if (!c) {
      c = { all: false, keys: new Set() };
      for (const ins of this.file.instructions) {
        if (ins.prevComment.length === 0) continue;
        const opts = checkOptionsFromComments(ins.prevComment);
        if (!opts) continue;
        if (opts.experimentalAll) c.all = true;
        for (const k of this.index.canonSet(opts.experimental)) c.keys.add(k);
      }
      this.commentExperimental = c;
    }
    return c.all || c.keys.has(key);
  }

  /**
   * Final severity and verdict for a diagnostic; returns null when it is suppressed.
   * `rule` is the rule the code resolves to (undefined for ShellCheck and unknown codes).
   * `notHadolintHere`: `# hadolint ignore=` pragmas do not apply at this place, because hadolint
   * reports the finding elsewhere (Report.alsoAt).
   */
  keep(d: Diagnostic, rule: Rule | undefined, notHadolintHere = false): Diagnostic | null {
    // A syntax error fails the build whatever the config says: no ignore, pragma or override hides
    // or regrades it (hadolint's DL1000 cannot be ignored either).
    if (d.code === 'syntax') return d;
    const key = this.index.canon(d.code);
    if (this.ignored.has(key)) return null;
    const ov = this.overrides.get(key);
    if (ov === 'off') return null;
    const buildkit = isBuildkitCheck(rule, d.code);
    const experimental = rule?.experimental === true;
    if (experimental && !this.experimentalOn(key) && ov === undefined) {
      // Enabled only by instruction comments: keep findings of those instructions.
      const ins = this.instructionAt(d.range.start);
      if (!ins || !this.instructionCheck(ins)?.experimental(key)) return null;
    }
    if (!this.config.disableIgnorePragma) {
      if (!experimental && (this.fileSkip.has(key) || (buildkit && this.check.skipAll))) return null;
      if (this.global.has(key)) return null;
      const ins = this.instructionAt(d.range.start);
      if (this.inPragmaRegion(key, d.range, ins, notHadolintHere)) return null;
      if (ins && !experimental && !isFileLevelCheck(rule, d.code)) {
        const ic = this.instructionCheck(ins);
        if (ic && (ic.skip.has(key) || (buildkit && ic.skipAll))) return null;
      }
    }
    let severity: Severity = ov ?? d.severity;
    if (buildkit && this.check.error) severity = 'error';
    return severity === d.severity ? d : { ...d, severity };
  }

  /**
   * Whether an ignore pragma for `code` covers `range` (the second place of a finding hadolint
   * reports elsewhere): pragmas only, not the config or BuildKit's `# check=` comments.
   */
  pragmaSilences(code: string, range: Diagnostic['range']): boolean {
    if (this.config.disableIgnorePragma) return false;
    const key = this.index.canon(code);
    return this.global.has(key) || this.inPragmaRegion(key, range, this.instructionAt(range.start), false);
  }

  private inPragmaRegion(key: string, range: Diagnostic['range'], ins: Instruction | undefined, notHadolint: boolean): boolean {
    for (const r of this.regions) {
      if (!r.codes.has(key) || (notHadolint && r.hadolint)) continue;
      if (ins ? ins.range.start >= r.start && ins.range.start < r.end : range.startLine === r.line) return true;
    }
    return false;
  }

  /** The top-level instruction whose range holds `offset`. */
  instructionAt(offset: number): Instruction | undefined {
    const list = this.tops;
    let lo = 0;
    let hi = list.length - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (list[mid]!.range.start <= offset) {
        found = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    if (found === -1) return undefined;
    const ins = list[found]!;
    return offset <= ins.range.end ? ins : undefined;
  }

  private experimentalOn(key: string): boolean {
    return this.check.experimentalAll || this.index.canonSet(this.check.experimental).has(key);
  }

  /** The `# check=` comment config of an instruction (BuildKit's WithMergedConfigFromComments). */
  private instructionCheck(ins: Instruction): InstructionCheck | undefined {
    if (ins.prevComment.length === 0) return undefined; // no comment, no `# check=`
    if (this.instrCheck.has(ins)) return this.instrCheck.get(ins) ?? undefined;
    const opts = checkOptionsFromComments(ins.prevComment);
    let v: InstructionCheck | null = null;
    if (opts) {
      const exp = this.index.canonSet(opts.experimental);
      v = { skipAll: opts.skipAll, skip: this.index.canonSet(opts.skip), experimental: (k) => opts.experimentalAll || exp.has(k) };
    }
    this.instrCheck.set(ins, v);
    return v ?? undefined;
  }

  private collectPragmas(): void {
    const { file, index } = this;
    let commentLines: Set<number> | undefined;
    const isCommentLine = (line: number): boolean => {
      if (!commentLines) {
        commentLines = new Set<number>();
        for (const x of file.comments) commentLines.add(x.range.startLine);
      }
      return commentLines.has(line);
    };
    // In a `# hadolint` pragma, a word that is not a hadolint code must name a rule of ours.
    const known = (code: string) => index.all(code).length > 0;
    for (const c of file.comments) {
      // Every pragma contains `ignore`; most comments do not, so skip the pattern for them.
      if (!c.text.includes('ignore')) continue;
      const p = parseIgnorePragma(c.text, known);
      if (!p) continue;
      const codes = index.canonSet(p.codes);
      const hadolint = p.tool === 'hadolint';
      if (p.scope === 'global') {
        for (const k of codes) this.global.add(k);
        continue;
      }
      const inside = this.instructionAt(c.range.start);
      const target = inside ?? this.tops.find((i) => i.range.start > c.range.start);
      if (p.scope === 'next') {
        // As in hadolint, a pragma also covers findings on the comment line right below it (a
        // DL1001 finding on a second pragma).
        const below = c.range.startLine + 1;
        if (!inside && isCommentLine(below)) this.regions.push({ start: -1, end: -1, line: below, codes, hadolint });
        if (!target) continue;
        if (!inside && !onlyCommentsBetween(isCommentLine, c.range.startLine, target.range.startLine)) continue;
        this.regions.push({ start: target.range.start, end: target.range.start + 1, line: target.range.startLine, codes, hadolint });
      } else {
        // stage: from the pragma to the next stage's FROM after the instruction it precedes.
        const after = target?.range.start ?? file.text.length;
        const next = this.tops.find((i) => i.keyword === 'FROM' && i.range.start > after);
        this.regions.push({ start: c.range.start, end: next ? next.range.start : file.text.length + 1, line: c.range.startLine + 1, codes, hadolint });
      }
    }
  }
}

function onlyCommentsBetween(isCommentLine: (line: number) => boolean, from: number, to: number): boolean {
  for (let l = from + 1; l < to; l++) if (!isCommentLine(l)) return false;
  return true;
}
