// Conventions every rule file must follow, checked over the registry: name = file name, complete
// docs, fix safety when fixable, unique codes, the documented examples behave as documented, and
// each rule has its block of tests in a test/rules-<subject>.test.ts.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { applyFixes } from '../src/core/apply-fixes.js';
import { initLinter, lint } from '../src/linter/index.js';
import { contextRuleNames } from '../src/rules/context-rules.js';
import { ruleKeys } from '../src/rules/rule-keys.js';
import { allRules } from '../src/rules/index.js';
import type { ExampleSetup, Rule } from '../src/rules/types.js';
import { memoryContext } from './linter-helpers.js';

const rulesDir = join(import.meta.dirname, '../src/rules');
const ruleFiles = readdirSync(rulesDir).filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts') && f !== 'types.ts' && f !== 'index.ts' && f !== 'context-rules.ts' && f !== 'rule-keys.ts').sort();

/** Lint one example with only `rule` enabled, as its docs setup describes. */
function lintExample(rule: Rule, text: string, setup: ExampleSetup | undefined) {
  const severity = rule.disabledByDefault ? { [rule.code]: rule.severity } : {};
  return lint(text, {
    rules: [rule],
    config: { ...setup?.options, severity },
    buildContext: rule.needsContext ? memoryContext(setup) : undefined,
  }).diagnostics.filter((d) => d.code === rule.code);
}

beforeAll(async () => {
  await initLinter();
});

describe('registry', () => {
  it('lists every rule file exactly once', () => {
    expect(allRules.map((r) => r.name).sort()).toEqual(ruleFiles.map((f) => f.slice(0, -3)));
  });
  it('context-rules.ts names exactly the rules that need the build context (the CLI reads it without loading rules)', () => {
    expect(contextRuleNames.length).toBeGreaterThan(0);
    expect([...contextRuleNames]).toEqual(allRules.filter((r) => r.needsContext).map((r) => r.name).sort());
  });
  it('rule-keys.ts holds exactly every code, name and alias, lower-cased (config files are checked against it without loading rules)', () => {
    const expected = new Set(allRules.flatMap((r) => [r.code, r.name, ...r.aliases]).map((k) => k.toLowerCase()));
    expect([...ruleKeys].sort()).toEqual([...expected].sort());
  });
  it('codes and names are unique, and no alias is another rule\'s code or name (case-insensitive)', () => {
    const owner = new Map<string, string>();
    const clashes: string[] = [];
    for (const r of allRules) {
      for (const k of new Set([r.code, r.name].map((x) => x.toLowerCase()))) {
        const prev = owner.get(k);
        if (prev && prev !== r.name) clashes.push(`${k}: ${prev} and ${r.name}`);
        owner.set(k, r.name);
      }
    }
    for (const r of allRules) {
      for (const a of r.aliases) {
        const prev = owner.get(a.toLowerCase());
        if (prev && prev !== r.name) clashes.push(`alias ${a} of ${r.name} is ${prev}'s code or name`);
      }
    }
    expect(clashes).toEqual([]);
  });
});

describe('tests', () => {
  it('every rule has one describeRule block, in a test/rules-<subject>.test.ts file', () => {
    const testDir = import.meta.dirname;
    const described = readdirSync(testDir)
      .filter((f) => /^rules-[a-z-]+\.test\.ts$/.test(f))
      .flatMap((f) => [...readFileSync(join(testDir, f), 'utf8').matchAll(/^describeRule\('([a-z0-9-]+)'/gm)].map((m) => m[1]!));
    expect(described.sort()).toEqual(allRules.map((r) => r.name).sort());
  });
});

describe.for(ruleFiles)('%s', (file) => {
  const name = file.slice(0, -3);
  let rule: Rule;
  beforeAll(async () => {
    rule = (await import(`../src/rules/${name}.ts`)).default as Rule;
  });

  it('default-exports a rule whose name is the file name', () => {
    expect(rule?.name).toBe(name);
    expect(rule.name).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
    expect(typeof rule.check).toBe('function');
  });

  it('has complete docs (and fix safety when fixable)', () => {
    for (const k of ['summary', 'why', 'bad', 'good', 'fix'] as const) expect(rule.docs[k]?.trim(), `docs.${k}`).toBeTruthy();
    if (rule.fixable !== 'none') expect(rule.docs.fixSafety?.trim(), 'docs.fixSafety').toBeTruthy();
  });

  it('its bad example triggers it and its good example does not', () => {
    const bad = lintExample(rule, rule.docs.bad, rule.docs.setup?.bad);
    expect(bad.length, `docs.bad should trigger ${rule.code}`).toBeGreaterThan(0);
    const good = lintExample(rule, rule.docs.good, rule.docs.setup?.good);
    expect(good.map((d) => `${d.range.startLine}: ${d.message}`), `docs.good should not trigger ${rule.code}`).toEqual([]);
  });

  it('fixing its bad example converges: none of the fixed findings remain, and a further pass changes nothing', () => {
    if (rule.fixable === 'none') return;
    const setup = rule.docs.setup?.bad;
    const fixesOf = (t: string) => lintExample(rule, t, setup).flatMap((d) => (d.fix ? [d.fix] : []));
    if (fixesOf(rule.docs.bad).length === 0) return; // fixable only sometimes; this example is not one of those
    let text = rule.docs.bad;
    for (let pass = 0; pass < 5; pass++) {
      const fixes = fixesOf(text);
      if (fixes.length === 0) break;
      text = applyFixes(text, fixes).text;
    }
    expect(text).not.toBe(rule.docs.bad);
    expect(lintExample(rule, text, setup).filter((d) => d.fix).map((d) => d.message)).toEqual([]);
    expect(applyFixes(text, fixesOf(text)).text).toBe(text);
  });
});
