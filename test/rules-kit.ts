// What the rule tests (test/rules-<subject>.test.ts) share: lint with one rule, the text a finding
// points at, applying fixes, and describeRule, the block of one rule's tests, titled with its code
// and name (`DL3008 pin-apt-versions`), which starts with the checks of its fixtures
// (fixtures/rules/<name>/: valid.Dockerfile, invalid.Dockerfile and its .snap, setup.json).
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyFixes } from '../src/core/apply-fixes.js';
import type { Diagnostic, Fix } from '../src/core/diagnostic.js';
import { lint, type LintConfig } from '../src/linter/index.js';
import { allRules } from '../src/rules/index.js';
import type { ExampleSetup, Rule } from '../src/rules/types.js';
import { memoryContext } from './linter-helpers.js';

const fixtures = path.resolve(import.meta.dirname, '../fixtures/rules');

/** The registered rule called `name` (or with that code). */
export function ruleNamed(name: string): Rule {
  const r = allRules.find((x) => x.name === name || x.code === name);
  if (!r) throw new Error(`rule ${name} is not registered`);
  return r;
}

/**
 * The findings of `rule` alone (enabled even when it is off by default), with the options of
 * `setup` and `config`, and for context-aware rules the in-memory build context of `setup`.
 */
export function findings(rule: Rule | string, text: string, config: Partial<LintConfig> = {}, setup?: ExampleSetup): Diagnostic[] {
  const r = typeof rule === 'string' ? ruleNamed(rule) : rule;
  const severity = { ...config.severity, ...(r.disabledByDefault ? { [r.code]: r.severity } : {}) };
  return lint(text, {
    rules: [r],
    config: { ...setup?.options, ...config, severity },
    buildContext: r.needsContext ? memoryContext(setup) : undefined,
  }).diagnostics.filter((d) => d.code === r.code);
}

/** The source text a finding points at. */
export function at(text: string, d: Diagnostic): string {
  return text.slice(d.range.start, d.range.end);
}

/** `text` after applying every fix of the rule's findings (`safe`: only the safe ones, as `--fix`). */
export function fixed(rule: Rule | string, text: string, level: 'safe' | 'unsafe' = 'unsafe', config: Partial<LintConfig> = {}): string {
  const fixes = findings(rule, text, config).flatMap((d) => (d.fix && (level === 'unsafe' || d.fix.safety === 'safe') ? [d.fix] : []));
  return applyFixes(text, fixes).text;
}

/** `line: message` of each finding: what a case table expects. */
export function lines(ds: Diagnostic[]): string[] {
  return ds.map((d) => `${d.range.startLine}: ${d.message}`);
}

/** The setup.json of a rule's fixture folder, if any. */
function fixtureSetup(name: string): ExampleSetup | undefined {
  const file = path.join(fixtures, name, 'setup.json');
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as ExampleSetup) : undefined;
}

/** How a rule's invalid fixture is judged beyond "has findings". */
export interface FixtureExpectations {
  /** The exact number of findings of invalid.Dockerfile. */
  invalidCount?: number;
  /** Findings cover whole lines, leading blanks included (as BuildKit reports some). */
  wholeLines?: boolean;
}

/**
 * One rule's tests: a `describe` titled `<code> <name>` that checks its fixtures and its docs
 * examples, then runs `body` (the rule's own cases).
 */
export function describeRule(name: string, expectations: FixtureExpectations, body?: () => void): void {
  const rule = ruleNamed(name);
  describe(`${rule.code} ${rule.name}`, () => {
    const setup = fixtureSetup(name);
    const read = (f: string) => readFileSync(path.join(fixtures, name, f), 'utf8');
    const run = (text: string) => findings(rule, text, {}, setup);

    it('valid.Dockerfile has no finding', () => {
      const text = read('valid.Dockerfile');
      expect(run(text).map((d) => `${d.range.startLine}: ${at(text, d)} ${d.message}`)).toEqual([]);
    });

    it('invalid.Dockerfile has findings, each on a precise range inside the text', () => {
      const text = read('invalid.Dockerfile');
      const found = run(text);
      const shown = found.map((d) => `${d.range.startLine}: ${at(text, d)}`).join('\n');
      if (expectations.invalidCount !== undefined) expect(found.length, shown).toBe(expectations.invalidCount);
      else expect(found.length).toBeGreaterThan(0);
      for (const d of found) {
        expect(d.range.start).toBeLessThan(d.range.end);
        expect(d.range.end).toBeLessThanOrEqual(text.length);
        if (!expectations.wholeLines) expect(at(text, d).trim()).toBe(at(text, d));
      }
    });

    it('invalid.Dockerfile matches its snapshot (ranges, messages, fixes)', async ({ expect }) => {
      const text = read('invalid.Dockerfile');
      const textLines = text.split(/\r?\n/);
      const out: string[] = [];
      for (const d of run(text)) {
        const r = d.range;
        out.push(`${r.startLine}:${r.startColumn}-${r.endLine}:${r.endColumn} ${d.code} ${d.severity}: ${d.message}`);
        out.push(`  | ${textLines[r.startLine - 1]}`);
        if (r.startLine === r.endLine) out.push(`  | ${' '.repeat(r.startColumn - 1)}${'^'.repeat(Math.max(1, r.endColumn - r.startColumn))}`);
        if (d.fix) out.push(`  fix (${d.fix.safety}) ${d.fix.title}: ${JSON.stringify(applyFixes(text, [d.fix]).text)}`);
      }
      await expect(out.join('\n') + '\n').toMatchFileSnapshot(path.join(fixtures, name, 'invalid.Dockerfile.snap'));
    });

    it('docs examples: bad triggers it, good does not', () => {
      const opts = (which: 'bad' | 'good') => (rule.docs.setup?.[which]?.options ?? {}) as Partial<LintConfig>;
      expect(findings(rule, rule.docs.bad, opts('bad'), rule.docs.setup?.bad).length).toBeGreaterThan(0);
      expect(findings(rule, rule.docs.good, opts('good'), rule.docs.setup?.good)).toEqual([]);
    });

    if (rule.needsContext) {
      it('reports nothing without a build context', () => {
        const text = read('invalid.Dockerfile');
        expect(lint(text, { rules: [rule] }).diagnostics.filter((d) => d.code === rule.code)).toEqual([]);
      });
    }

    body?.();
  });
}

/** A case: the rule's findings in `text`, as `line: message`, in order. */
export function itFinds(name: string, title: string, text: string, expected: string[], setup?: ExampleSetup): void {
  it(title, () => {
    expect(lines(findings(name, text, {}, setup))).toEqual(expected);
  });
}

/**
 * A case read against hadolint's conditions: the start lines of the rule's findings in `text`, in
 * order (one per offending word, so a line may repeat), with the options of `setup`. The rule is
 * enabled even when it is off by default.
 */
export function itLines(name: string, title: string, text: string, expected: number[], setup?: ExampleSetup): void {
  it(title, () => {
    expect(findings(name, text, {}, setup).map((d) => d.range.startLine)).toEqual(expected);
  });
}

/** A quick-fix case: the exact text after `--fix` (`safe`) or `--fix-unsafe`, and what remains. */
export function itFixes(name: string, c: { input: string; level: 'safe' | 'unsafe'; output: string; remaining?: number }): void {
  const label = `--fix${c.level === 'unsafe' ? '-unsafe' : ''}: ${JSON.stringify(c.input.split('\n')[1])}`;
  it(label, () => {
    const rule = ruleNamed(name);
    const fixesOf = (t: string): Fix[] => findings(rule, t).flatMap((d) => (d.fix && (c.level === 'unsafe' || d.fix.safety === 'safe') ? [d.fix] : []));
    const out = applyFixes(c.input, fixesOf(c.input)).text;
    expect(out).toBe(c.output);
    expect(findings(rule, out).length).toBe(c.remaining ?? 0);
    // Idempotent: fixing the fixed text changes nothing more.
    expect(applyFixes(out, fixesOf(out)).text).toBe(out);
  });
}
