// hadolint's own test cases (shared/conformance/hadolint/cases.jsonl) for the part-B DL rules
// (DL3030–DL3067, DL4001, DL4005, DL4006): each rule must agree on at least 98% of its cases.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { initLinter, lint } from '../src/linter/index.js';
import type { LintConfig } from '../src/linter/index.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const shared = path.resolve(root, '../shared');
const casesFile = path.join(shared, 'conformance/hadolint/cases.jsonl');
const present = existsSync(casesFile);
if (!present) console.warn(`rules-hl-b-conformance: ${path.dirname(casesFile)} is missing; skipping`);

interface Case {
  rule: string;
  dockerfile: string;
  expect: 'fail' | 'pass';
  count?: number;
  config?: Record<string, unknown>;
  source: string;
}

/** Part B's codes: DL3030–DL3067 and DL4001, DL4005, DL4006. */
export function isPartB(code: string): boolean {
  return (/^DL30[3-6]\d$/.test(code) && code >= 'DL3030' && code <= 'DL3067') || ['DL4001', 'DL4005', 'DL4006'].includes(code);
}

function configOf(c: Case): Partial<LintConfig> {
  const cfg = c.config ?? {};
  const out: Partial<LintConfig> = { severity: { [c.rule]: 'info' } };
  // The harness calls hadolint's Process.run, which does not drop `ignore`-severity rules (DL3057),
  // so the rule under test is always enabled here.
  if (cfg['label-schema']) out.labelSchema = cfg['label-schema'] as Record<string, string>;
  if (cfg['strict-labels'] !== undefined) out.strictLabels = Boolean(cfg['strict-labels']);
  if (cfg.trustedRegistries) out.trustedRegistries = cfg.trustedRegistries as string[];
  if (cfg.ignored) out.ignored = cfg.ignored as string[];
  return out;
}

/** Runs one case; returns a description of the disagreement, or null when dockhand agrees. */
function disagreement(c: Case): string | null {
  const found = lint(`${c.dockerfile}\n`, { config: configOf(c) }).diagnostics.filter((d) => d.code === c.rule);
  if (c.expect === 'pass' && found.length === 0) return null;
  if (c.expect === 'fail' && found.length > 0) return null;
  return `${c.source} expected ${c.expect}, got ${found.length}: ${JSON.stringify(c.dockerfile)}`;
}

const cases: Case[] = present
  ? readFileSync(casesFile, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as Case).filter((c) => isPartB(c.rule))
  : [];
const byRule = new Map<string, Case[]>();
for (const c of cases) byRule.set(c.rule, [...(byRule.get(c.rule) ?? []), c]);

describe.skipIf(!present)('hadolint conformance, part B rules', () => {
  beforeAll(() => initLinter());

  it.each([...byRule.keys()].sort())('%s agrees with hadolint on ≥ 98% of its cases', (code) => {
    const list = byRule.get(code)!;
    const bad = list.map(disagreement).filter((d): d is string => d !== null);
    const agreement = (list.length - bad.length) / list.length;
    expect(agreement, bad.join('\n')).toBeGreaterThanOrEqual(0.98);
  });
});
