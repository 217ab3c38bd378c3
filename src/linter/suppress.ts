// Decides which findings survive in-file pragmas and config: ignore pragmas (next instruction,
// stage, global), BuildKit's `check=` directive and per-instruction comments, ignores and severities.
import type { Diagnostic, Severity } from '../core/diagnostic.js';
import type { Dockerfile, Instruction } from '../parser/ast.js';
import type { Rule } from '../rules/types.js';
import { directiveOf } from '../parser/directives.js';
import type { RuleIndex } from './codes.js';
import type { LintConfig, SeverityOverride } from './config.js';
import { presetOverrides } from './presets.js';
import { prefixLength } from '../core/sorted.js';
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

/** A `# dockhand`/`# hadolint` ignore pragma's reach, for one of its codes. */
const NOT_HADOLINT = 1;
const HADOLINT = 2;

/**
 * The places the pragmas of one code cover, looked up in O(log n) per finding (a loop over every
 * pragma for each finding was quadratic in a file with many of both). Each map's value says which
 * kinds of pragma cover the place: `NOT_HADOLINT | HADOLINT` bits.
 */
class CodeRegions {
  /** `next` pragmas: the start offset of the instruction they cover. */
  readonly instructions = new Map<number, number>();
  /** Every pragma: the line it points at, for findings outside any instruction. */
  readonly lines = new Map<number, number>();
  /** `stage` pragmas: [start, end) offsets, collected in any order. */
  private spans: { start: number; end: number; hadolint: boolean }[] = [];
  /** The spans sorted by start, with the largest end so far, per kind (made on first lookup). */
  private sorted: { all: SpanIndex; notHadolint: SpanIndex } | undefined;

  addSpan(start: number, end: number, hadolint: boolean): void {
    this.spans.push({ start, end, hadolint });
    this.sorted = undefined;
  }

  /** Whether a stage pragma (of the kinds in `mask`) covers `offset`. */
  spanCovers(offset: number, mask: number): boolean {
    if (this.spans.length === 0) return false;
    this.sorted ??= { all: spanIndex(this.spans), notHadolint: spanIndex(this.spans.filter((s) => !s.hadolint)) };
    const idx = mask & HADOLINT ? this.sorted.all : this.sorted.notHadolint;
    // The spans starting at or before `offset`; one of them covers it when the furthest end is past it.
    const n = prefixLength(idx.starts.length, (i) => idx.starts[i]! <= offset);
    return n > 0 && idx.maxEnds[n - 1]! > offset;
  }
}

interface SpanIndex {
  starts: number[];
  /** `maxEnds[i]`: the largest end among the first i + 1 spans by start. */
  maxEnds: number[];
}

function spanIndex(spans: readonly { start: number; end: number }[]): SpanIndex {
  const order = [...spans].sort((a, b) => a.start - b.start);
  const starts: number[] = [];
  const maxEnds: number[] = [];
  let max = -Infinity;
  for (const s of order) {
    max = Math.max(max, s.end);
    starts.push(s.start);
    maxEnds.push(max);
  }
  return { starts, maxEnds };
}

function addBits(map: Map<number, number>, at: number, bits: number): void {
  map.set(at, (map.get(at) ?? 0) | bits);
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
  /** The ignore pragmas' reach, by canonical code. */
  private readonly regions = new Map<string, CodeRegions>();
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
    const r = this.regions.get(key);
    if (!r) return false;
    const mask = notHadolint ? NOT_HADOLINT : NOT_HADOLINT | HADOLINT;
    if (!ins) return ((r.lines.get(range.startLine) ?? 0) & mask) !== 0;
    const start = ins.range.start;
    return ((r.instructions.get(start) ?? 0) & mask) !== 0 || r.spanCovers(start, mask);
  }

  private regionsOf(key: string): CodeRegions {
    let r = this.regions.get(key);
    if (!r) this.regions.set(key, (r = new CodeRegions()));
    return r;
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
    // For each comment line, the last line of the run of consecutive comment lines it starts or
    // continues (made on first need): whether only comments lie between two lines, in O(1).
    let commentRunEnd: Map<number, number> | undefined;
    const runEnd = (line: number): number | undefined => {
      if (!commentRunEnd) {
        commentRunEnd = new Map<number, number>();
        const lines = [...new Set(file.comments.map((x) => x.range.startLine))].sort((a, b) => a - b);
        for (let i = lines.length - 1; i >= 0; i--) {
          const l = lines[i]!;
          commentRunEnd.set(l, commentRunEnd.get(l + 1) ?? l);
        }
      }
      return commentRunEnd.get(line);
    };
    const isCommentLine = (line: number): boolean => runEnd(line) !== undefined;
    // Only comment lines strictly between `from` and `to`.
    const onlyCommentsBetween = (from: number, to: number): boolean => from + 1 >= to || (runEnd(from + 1) ?? from) >= to - 1;
    // In a `# hadolint` pragma, a word that is not a hadolint code must name a rule of ours.
    const known = (code: string) => index.all(code).length > 0;
    const tops = this.tops;
    // The first top-level instruction starting after an offset, and the first FROM after one.
    const firstAfter = (offset: number): Instruction | undefined => tops[prefixLength(tops.length, (i) => tops[i]!.range.start <= offset)];
    let froms: Instruction[] | undefined;
    const fromAfter = (offset: number): Instruction | undefined => {
      froms ??= tops.filter((i) => i.keyword === 'FROM');
      const list = froms;
      return list[prefixLength(list.length, (i) => list[i]!.range.start <= offset)];
    };
    for (const c of file.comments) {
      // Every pragma contains `ignore`; most comments do not, so skip the pattern for them.
      if (!c.text.includes('ignore')) continue;
      const p = parseIgnorePragma(c.text, known);
      if (!p) continue;
      const codes = index.canonSet(p.codes);
      const bits = p.tool === 'hadolint' ? HADOLINT : NOT_HADOLINT;
      if (p.scope === 'global') {
        for (const k of codes) this.global.add(k);
        continue;
      }
      const inside = this.instructionAt(c.range.start);
      const target = inside ?? firstAfter(c.range.start);
      if (p.scope === 'next') {
        // As in hadolint, a pragma also covers findings on the comment line right below it (a
        // DL1001 finding on a second pragma).
        const below = c.range.startLine + 1;
        if (!inside && isCommentLine(below)) for (const k of codes) addBits(this.regionsOf(k).lines, below, bits);
        if (!target) continue;
        if (!inside && !onlyCommentsBetween(c.range.startLine, target.range.startLine)) continue;
        for (const k of codes) {
          const r = this.regionsOf(k);
          addBits(r.instructions, target.range.start, bits);
          addBits(r.lines, target.range.startLine, bits);
        }
      } else {
        // stage: from the pragma to the next stage's FROM after the instruction it precedes.
        const after = target?.range.start ?? file.text.length;
        const next = fromAfter(after);
        const end = next ? next.range.start : file.text.length + 1;
        for (const k of codes) {
          const r = this.regionsOf(k);
          r.addSpan(c.range.start, end, bits === HADOLINT);
          addBits(r.lines, c.range.startLine + 1, bits);
        }
      }
    }
  }
}
