// docs/rules is generated from the rule metadata; this fails when it is stale.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ruleDocFiles } from '../src/linter/docs.js';
import { allRules } from '../src/rules/index.js';

const dir = join(import.meta.dirname, '../docs/rules');
const HOW = 'run `node scripts/gen-docs.mjs` and commit docs/rules';

describe('docs/rules', () => {
  const expected = ruleDocFiles(allRules);
  it('has exactly one page per rule plus the index', () => {
    const present = existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.md')).sort() : [];
    expect(present, HOW).toEqual([...expected.keys()].sort());
  });
  it.for([...expected.keys()])('%s is up to date', (name) => {
    const p = join(dir, name);
    const actual = existsSync(p) ? readFileSync(p, 'utf8') : '(missing)';
    expect(actual, `${name} is stale: ${HOW}`).toBe(expected.get(name));
  });
});
