// hadolint's own test cases (shared/conformance/hadolint/cases.jsonl) run through dockhand's `lint`:
// agreement per rule and overall, with the known, documented deviations (docs/hadolint-deviations.md),
// and case by case for the DL rules that carry a BuildKit check.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Diagnostic } from '../src/core/diagnostic.js';
import { parseConfigText } from '../src/linter/config-yaml.js';
import { addExternalFindings, allRules, initLinter, lint, RuleIndex, type LintConfig } from '../src/linter/index.js';
import type { Rule } from '../src/rules/types.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const shared = path.resolve(root, '../shared');
const casesFile = path.join(shared, 'conformance/hadolint/cases.jsonl');
const present = existsSync(casesFile);
if (!present) console.warn(`hadolint-conformance: ${path.dirname(casesFile)} is missing; skipping hadolint's cases`);

/** One assertion of hadolint's test suite (see shared/conformance/hadolint/README.md §12). */
interface Case {
  rule: string;
  dockerfile: string;
  expect: 'fail' | 'pass';
  count?: number;
  config?: Record<string, unknown>;
  source: string;
}

/** Outcome of one case. */
interface Outcome {
  c: Case;
  agrees: boolean;
  /** Findings counted (distinct instructions with a finding of the case's code). */
  got: number;
  /** Listed in docs/hadolint-deviations.md, with this reason. */
  deviation?: string;
}

const index = new RuleIndex(allRules);

/** The listed deviations: `| <source> | <rule> | <reason> |` rows of docs/hadolint-deviations.md. */
export function readDeviations(text: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const line of text.split('\n')) {
    const m = /^\|\s*`?(test\/[^|`]+?:\d+)`?\s*\|\s*`?([A-Z0-9*]+)`?\s*\|(.*)\|\s*$/.exec(line);
    if (m) out.set(`${m[1]!.trim()} ${m[2]!.trim()}`, m[3]!.trim());
  }
  return out;
}

/** The case's `.hadolint.yaml` keys as our config; the rule under test is always enabled. */
function configOf(c: Case): Partial<LintConfig> {
  const parsed = c.config ? parseConfigText(JSON.stringify(c.config), '.hadolint.yaml', 'hadolint').config : {};
  // hadolint's harness calls Process.run, which keeps rules whose severity is `ignore` (DL1001, DL3057).
  const enable: Record<string, LintConfig['severity'][string]> = {};
  const ignored = new Set((parsed.ignored ?? []).map((k) => index.canon(k)));
  const targets = c.rule === '*' || c.rule === 'SC*' ? allRules : [index.get(c.rule)].filter((r): r is Rule => r !== undefined);
  for (const r of targets) if (r.disabledByDefault && !ignored.has(r.code.toLowerCase())) enable[r.code] = r.severity;
  return { ...parsed, severity: { ...enable, ...(parsed.severity ?? {}) } };
}

/** Does a finding belong to what the case asserts about? */
function matcher(c: Case, rule: Rule | undefined): (d: Diagnostic) => boolean {
  if (c.rule === 'SC*') return (d) => d.code.startsWith('SC');
  if (c.rule === '*') {
    // Any hadolint code: DL rules (by their DL code) and ShellCheck's.
    return (d) => d.code.startsWith('SC') || /^DL\d{4}$/.test(index.get(d.code)?.code ?? d.code);
  }
  return (d) => rule !== undefined && d.code === rule.code;
}

/**
 * hadolint reports once per instruction line; dockhand reports each offending word. Counts are
 * compared as distinct top-level instructions (or lines, outside instructions) with a finding.
 */
function countSites(ds: Diagnostic[], file: { instructions: { range: { start: number; end: number; startLine: number } }[] }): number {
  const keys = new Set<string>();
  for (const d of ds) {
    const ins = file.instructions.find((i) => i.range.start <= d.range.start && d.range.start <= i.range.end);
    keys.add(ins ? `i${ins.range.startLine}` : `l${d.range.startLine}`);
  }
  return keys.size;
}

type ShellcheckRunner = (text: string, config: Partial<LintConfig>) => Promise<Diagnostic[] | undefined>;

async function loadShellcheck(): Promise<ShellcheckRunner | undefined> {
  try {
    const mod = (await import('../src/shell/shellcheck.js')) as typeof import('../src/shell/shellcheck.js');
    return async (text, config) => {
      const base = lint(text, { config });
      const res = await mod.runShellcheck([{ filename: 'Dockerfile', file: base.file }]);
      if (!res.available) return undefined;
      return addExternalFindings(base, res.diagnostics.get('Dockerfile') ?? [], { config }).diagnostics;
    };
  } catch {
    return undefined;
  }
}

async function runCase(c: Case, shellcheck: ShellcheckRunner | undefined): Promise<{ got: number; agrees: boolean } | undefined> {
  const text = `${c.dockerfile}\n`;
  const config = configOf(c);
  const rule = c.rule === '*' || c.rule === 'SC*' ? undefined : index.get(c.rule);
  let diagnostics: Diagnostic[];
  let file = lint(text, { config }).file;
  if (c.rule === 'SC*' || c.rule === '*') {
    const withSc = shellcheck ? await shellcheck(text, config) : undefined;
    if (withSc === undefined && c.rule === 'SC*') return undefined;
    diagnostics = withSc ?? lint(text, { config }).diagnostics;
  } else {
    const res = lint(text, { config });
    diagnostics = res.diagnostics;
    file = res.file;
  }
  const got = countSites(diagnostics.filter(matcher(c, rule)), file);
  const agrees = c.expect === 'pass' ? got === 0 : c.count !== undefined ? got === c.count : got > 0;
  return { got, agrees };
}

const cases: Case[] = present
  ? readFileSync(casesFile, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as Case)
  : [];
const deviationsFile = path.join(root, 'docs/hadolint-deviations.md');
const deviations = existsSync(deviationsFile) ? readDeviations(readFileSync(deviationsFile, 'utf8')) : new Map<string, string>();

describe.skipIf(!present)('hadolint conformance (shared/conformance/hadolint/cases.jsonl)', () => {
  const outcomes: Outcome[] = [];
  const missing = new Map<string, number>();

  beforeAll(async () => {
    await initLinter();
    const shellcheck = await loadShellcheck();
    for (const c of cases) {
      const implemented = c.rule === '*' || c.rule === 'SC*' || index.get(c.rule) !== undefined;
      const r = implemented ? await runCase(c, shellcheck) : undefined;
      if (!r) {
        missing.set(c.rule, (missing.get(c.rule) ?? 0) + 1);
        continue;
      }
      outcomes.push({ c, ...r, deviation: deviations.get(`${c.source} ${c.rule}`) });
    }
    printReport(outcomes, missing);
  }, 300_000);

  it('agrees on at least 98% of the cases overall (listed deviations excluded)', () => {
    const counted = outcomes.filter((o) => !o.deviation);
    const agree = counted.filter((o) => o.agrees).length;
    expect(counted.length).toBeGreaterThan(0);
    expect(agree / counted.length, failures(counted)).toBeGreaterThanOrEqual(0.98);
  });

  it('agrees on at least 98% of the cases of every implemented rule', () => {
    const byRule = groupByRule(outcomes.filter((o) => !o.deviation));
    const below: string[] = [];
    for (const [rule, list] of byRule) {
      const agree = list.filter((o) => o.agrees).length;
      if (agree / list.length < 0.98) below.push(`${rule}: ${agree}/${list.length}\n${failures(list)}`);
    }
    expect(below, below.join('\n')).toEqual([]);
  });

  it('lists only deviations that still disagree', () => {
    const bySource = new Map(outcomes.map((o) => [`${o.c.source} ${o.c.rule}`, o]));
    const stale = [...deviations.keys()].filter((k) => bySource.get(k)?.agrees === true);
    // The shared folder may hold a sample of hadolint's cases: entries for other cases are kept.
    const absent = [...deviations.keys()].filter((k) => !bySource.has(k));
    if (absent.length > 0) console.log(`hadolint conformance: listed deviations not in this case set: ${absent.join(', ')}`);
    expect(stale).toEqual([]);
  });
});

function groupByRule(list: Outcome[]): Map<string, Outcome[]> {
  const out = new Map<string, Outcome[]>();
  for (const o of list) out.set(o.c.rule, [...(out.get(o.c.rule) ?? []), o]);
  return out;
}

function failures(list: Outcome[]): string {
  return list
    .filter((o) => !o.agrees)
    .map((o) => `  ${o.c.source} ${o.c.rule}: expected ${o.c.expect}${o.c.count !== undefined ? ` (${o.c.count})` : ''}, got ${o.got}: ${JSON.stringify(o.c.dockerfile)}`)
    .join('\n');
}

function printReport(outcomes: Outcome[], missing: Map<string, number>): void {
  const lines: string[] = ['hadolint conformance: agreement per rule'];
  const byRule = groupByRule(outcomes);
  for (const rule of [...byRule.keys()].sort()) {
    const list = byRule.get(rule)!;
    const agree = list.filter((o) => o.agrees).length;
    const dev = list.filter((o) => o.deviation).length;
    lines.push(`  ${rule.padEnd(7)} ${agree}/${list.length}${dev ? ` (${dev} listed deviation${dev > 1 ? 's' : ''})` : ''}`);
  }
  const counted = outcomes.filter((o) => !o.deviation);
  const agree = counted.filter((o) => o.agrees).length;
  lines.push(`  overall ${agree}/${counted.length} = ${((100 * agree) / Math.max(1, counted.length)).toFixed(1)}% (listed deviations excluded)`);
  for (const o of outcomes.filter((x) => x.deviation)) {
    lines.push(`  deviation ${o.c.source} ${o.c.rule}: ${o.agrees ? 'now agrees' : 'disagrees'} — ${o.deviation}`);
  }
  if (missing.size > 0) {
    const list = [...missing.entries()].sort().map(([r, n]) => `${r} (${n})`).join(', ');
    lines.push(`  not implemented yet (cases not run): ${list}`);
  }
  console.log(lines.join('\n'));
}

describe('hadolint rule set', () => {
  it('has every code of hadolint 2.15 in DL3030–DL3067 and DL4001/4005/4006', () => {
    const expected = [
      'DL3030', 'DL3032', 'DL3033', 'DL3034', 'DL3035', 'DL3036', 'DL3037', 'DL3038', 'DL3040', 'DL3041', 'DL3042',
      'DL3043', 'DL3044', 'DL3045', 'DL3046', 'DL3047', 'DL3048', 'DL3049', 'DL3050', 'DL3051', 'DL3052', 'DL3053',
      'DL3054', 'DL3055', 'DL3056', 'DL3057', 'DL3058', 'DL3059', 'DL3060', 'DL3061', 'DL3062', 'DL3063', 'DL3064',
      'DL3065', 'DL3066', 'DL3067', 'DL4001', 'DL4005', 'DL4006',
    ];
    const inRange = /^(DL30(3\d|4\d|5\d|6[0-7])|DL400[156])$/;
    expect(allRules.filter((r) => r.origin === 'hadolint' && inRange.test(r.code)).map((r) => r.code).sort()).toEqual(expected);
  });

  it('docs/hadolint-deviations.md has a row for every DL rule, and every test it cites exists', () => {
    const doc = readFileSync(deviationsFile, 'utf8');
    const section = doc.slice(doc.indexOf('## Rule by rule'), doc.indexOf("## hadolint's default rules"));
    const rows = new Map<string, { name: string; cells: string }>();
    for (const m of section.matchAll(/^\| (DL\d{4}) `([a-z0-9-]+)` \|(.*)\|\s*$/gm)) rows.set(m[1]!, { name: m[2]!, cells: m[3]! });
    const dl = allRules.filter((r) => r.origin === 'hadolint');
    expect(Object.fromEntries([...rows].map(([code, r]) => [code, r.name]))).toEqual(Object.fromEntries(dl.map((r) => [r.code, r.name])));
    // Cited tests are titles in curly quotes; a `|` is escaped in the table.
    const testDir = path.join(root, 'test');
    const sources = readdirSync(testDir).filter((f) => f.endsWith('.test.ts')).map((f) => readFileSync(path.join(testDir, f), 'utf8')).join('\n');
    const missing: string[] = [];
    for (const [code, r] of rows) {
      const cited = [...r.cells.matchAll(/\u201c([^\u201d]+)\u201d/g)].map((m) => m[1]!.replace(/\\\|/g, '|'));
      if (cited.length === 0 && !r.cells.includes('hadolint cases')) missing.push(`${code}: no test cited`);
      for (const title of cited) if (!sources.includes(title)) missing.push(`${code}: ${title}`);
    }
    expect(missing).toEqual([]);
  });
});

/** DL3030–DL3067, DL4001, DL4005 and DL4006. */
function inDl3030To4006(code: string): boolean {
  return (/^DL30[3-6]\d$/.test(code) && code >= 'DL3030' && code <= 'DL3067') || ['DL4001', 'DL4005', 'DL4006'].includes(code);
}

/** A case's options read directly (not through the config reader), the rule under test always enabled. */
function directConfigOf(c: Case): Partial<LintConfig> {
  const cfg = c.config ?? {};
  const out: Partial<LintConfig> = { severity: { [c.rule]: 'info' } };
  // The harness calls hadolint's Process.run, which does not drop `ignore`-severity rules (DL3057).
  if (cfg['label-schema']) out.labelSchema = cfg['label-schema'] as Record<string, string>;
  if (cfg['strict-labels'] !== undefined) out.strictLabels = Boolean(cfg['strict-labels']);
  if (cfg.trustedRegistries) out.trustedRegistries = cfg.trustedRegistries as string[];
  if (cfg.ignored) out.ignored = cfg.ignored as string[];
  return out;
}

describe.skipIf(!present)('hadolint cases of DL3030–DL3067, DL4001, DL4005, DL4006, listed deviations included', () => {
  beforeAll(() => initLinter());
  const byRule = new Map<string, Case[]>();
  for (const c of cases.filter((x) => inDl3030To4006(x.rule))) byRule.set(c.rule, [...(byRule.get(c.rule) ?? []), c]);
  /** Runs one case; a description of the disagreement, or null when dockhand agrees. */
  const disagreement = (c: Case): string | null => {
    const found = lint(`${c.dockerfile}\n`, { config: directConfigOf(c) }).diagnostics.filter((d) => d.code === c.rule);
    if (c.expect === 'pass' && found.length === 0) return null;
    if (c.expect === 'fail' && found.length > 0) return null;
    return `${c.source} expected ${c.expect}, got ${found.length}: ${JSON.stringify(c.dockerfile)}`;
  };
  it.each([...byRule.keys()].sort())('%s agrees with hadolint on ≥ 98% of its cases', (code) => {
    const list = byRule.get(code)!;
    const bad = list.map(disagreement).filter((d): d is string => d !== null);
    expect((list.length - bad.length) / list.length, bad.join('\n')).toBeGreaterThanOrEqual(0.98);
  });
});

describe.skipIf(!present)('hadolint cases of the DL rules that carry a BuildKit check, one by one', () => {
  const CODES = new Set(['DL3000', 'DL3012', 'DL3024', 'DL3025', 'DL4000', 'DL4003', 'DL4004']);
  const twins = cases.filter((c) => CODES.has(c.rule));
  beforeAll(() => initLinter());
  it('covers every code', () => {
    expect(new Set(twins.map((c) => c.rule))).toEqual(CODES);
  });
  for (const c of twins) {
    it(`${c.rule} ${c.expect} (${c.source.replace(/^.*\//, '')})`, () => {
      const rule = allRules.find((r) => r.code === c.rule)!;
      // Pragmas in the case text still apply, as in hadolint's harness.
      const found = lint(c.dockerfile, { rules: [rule] }).diagnostics.filter((d) => d.code === c.rule);
      if (c.expect === 'pass') expect(found.length).toBe(c.count ?? 0);
      else if (c.count !== undefined) expect(found.length).toBe(c.count);
      else expect(found.length).toBeGreaterThan(0);
    });
  }
});
