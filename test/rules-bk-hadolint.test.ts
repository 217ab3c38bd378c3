// hadolint's own test cases for the DL rules that carry a BuildKit check (or sit next to one):
// DL3000, DL3012, DL3024, DL3025, DL4000, DL4003, DL4004 must agree with hadolint on pass / fail.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { initLinter, lint } from '../src/linter/index.js';
import { allRules } from '../src/rules/index.js';

const folder = path.join(path.resolve(import.meta.dirname, '../../shared'), 'conformance/hadolint');
const casesFile = path.join(folder, 'cases.jsonl');
const present = existsSync(casesFile);
if (!present) console.warn(`hadolint cases for the BuildKit twins skipped: ${folder} is missing`);

const CODES = new Set(['DL3000', 'DL3012', 'DL3024', 'DL3025', 'DL4000', 'DL4003', 'DL4004']);

interface Case {
  rule: string;
  dockerfile: string;
  expect: 'pass' | 'fail';
  count?: number;
  source: string;
}

const cases: Case[] = present
  ? readFileSync(casesFile, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as Case).filter((c) => CODES.has(c.rule))
  : [];

describe.skipIf(!present)('hadolint cases of DL rules shared with BuildKit', () => {
  beforeAll(async () => {
    await initLinter();
  });

  it('covers every code', () => {
    expect(new Set(cases.map((c) => c.rule))).toEqual(CODES);
  });

  for (const c of cases) {
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
