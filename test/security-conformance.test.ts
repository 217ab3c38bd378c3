// Trivy's and Checkov's Dockerfile checks (shared/conformance/security/cases.jsonl), run through
// dockhand's `lint`: each check ID is an alias of the dockhand rule(s) with its meaning, and a case
// agrees when those rules find something exactly when the peer does. Agreement is printed per
// check; the known, documented disagreements are listed in docs/security-deviations.md.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { allRules, initLinter, lint, RuleIndex, type LintConfig } from '../src/linter/index.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const casesFile = path.resolve(root, '../shared/conformance/security/cases.jsonl');
const present = existsSync(casesFile);
if (!present) console.warn(`security-conformance: ${casesFile} is missing; skipping Trivy's and Checkov's cases`);

interface Case {
  tool: 'trivy' | 'checkov';
  check: string;
  dockerfile: string;
  expect: 'fail' | 'pass';
  source: string;
}

const index = new RuleIndex(allRules);

/** `| <source> | <check> | <reason> |` rows of docs/security-deviations.md. */
function readDeviations(text: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const line of text.split('\n')) {
    const m = /^\|\s*`?([^|`]+?:\d+)`?\s*\|\s*`?([A-Z0-9_]+)`?\s*\|(.*)\|\s*$/.exec(line);
    if (m) out.set(`${m[1]!.trim()} ${m[2]!.trim()}`, m[3]!.trim());
  }
  return out;
}

describe.skipIf(!present)('Trivy and Checkov Dockerfile checks', () => {
  beforeAll(() => initLinter());

  it('agrees with their own test cases, apart from the documented deviations', () => {
    const cases = readFileSync(casesFile, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as Case);
    const deviations = readDeviations(readFileSync(path.join(root, 'docs/security-deviations.md'), 'utf8'));
    const perCheck = new Map<string, { agree: number; total: number }>();
    const unexpected: string[] = [];
    const fixed: string[] = [];
    let mapped = 0;
    for (const c of cases) {
      const rules = index.all(c.check);
      if (rules.length === 0) continue;
      mapped++;
      // Rules that are off by default (DL3057, DH011) are on for their own cases, as for hadolint's.
      const severity: LintConfig['severity'] = {};
      for (const r of rules) if (r.disabledByDefault) severity[r.code] = r.severity;
      const codes = new Set(rules.map((r) => r.code.toLowerCase()));
      const found = lint(c.dockerfile, { config: { severity } }).diagnostics.some((d) => codes.has(index.canon(d.code)));
      const agrees = found === (c.expect === 'fail');
      const stat = perCheck.get(c.check) ?? { agree: 0, total: 0 };
      stat.total++;
      if (agrees) stat.agree++;
      perCheck.set(c.check, stat);
      const key = `${c.source} ${c.check}`;
      if (!agrees && !deviations.has(key)) unexpected.push(`${key}: expected ${c.expect}, dockhand ${found ? 'fails' : 'passes'}\n${c.dockerfile}`);
      if (agrees && deviations.has(key)) fixed.push(key);
    }
    const lines = [...perCheck].sort(([a], [b]) => a.localeCompare(b, 'en', { numeric: true })).map(([k, s]) => `${k} ${s.agree}/${s.total}`);
    const agree = [...perCheck.values()].reduce((n, s) => n + s.agree, 0);
    console.log(`security conformance: ${agree}/${mapped} cases agree (${cases.length - mapped} cases of checks without a dockhand rule)\n  ${lines.join('  ')}`);
    expect(unexpected, unexpected.join('\n\n')).toEqual([]);
    expect(fixed, 'listed as deviations but agree now: remove them from docs/security-deviations.md').toEqual([]);
    expect(agree / mapped).toBeGreaterThanOrEqual(0.95);
  });
});
