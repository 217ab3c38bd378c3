// Fixtures of the BuildKit-check, their hadolint twins' and the DH rules: fixtures/rules/<name>/invalid.Dockerfile
// must trigger the rule and valid.Dockerfile must not, with the setup.json context/options when present.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { applyFixes } from '../src/core/apply-fixes.js';
import { initLinter, lint } from '../src/linter/index.js';
import { allRules } from '../src/rules/index.js';
import type { ExampleSetup, Rule } from '../src/rules/types.js';
import { memoryContext } from './linter-helpers.js';

/** The rules these fixtures cover (file names under src/rules). */
const BK_RULES = [
  'stage-name-casing', 'from-as-casing', 'no-empty-continuation', 'consistent-instruction-casing', 'duplicate-stage-name',
  'json-args-recommended', 'maintainer-deprecated', 'undefined-arg-in-from', 'workdir-relative-path', 'require-absolute-workdir',
  'undefined-var', 'multiple-cmd', 'multiple-entrypoint', 'multiple-healthcheck', 'legacy-key-value-format',
  'invalid-base-image-platform', 'secrets-used-in-arg-or-env', 'invalid-default-arg-in-from',
  'from-platform-flag-const-disallowed', 'copy-ignored-file', 'invalid-definition-description', 'expose-proto-casing',
  'expose-invalid-format', 'copy-all-without-dockerignore', 'incomplete-dockerignore', 'copy-missing-source',
  'copy-outside-context', 'apt-get-update-alone', 'inline-comment', 'instruction-not-uppercase', 'cleanup-in-later-layer',
  'npm-cache-not-cleaned', 'expose-ssh-port', 'no-user', 'workdir-in-system-dir', 'tls-verification-disabled',
  'signature-check-disabled', 'chpasswd-in-run',
];

const fixtures = path.resolve(import.meta.dirname, '../fixtures/rules');

/** Lint `text` with only `rule`, using a fixture folder's setup.json (context, .dockerignore, options). */
function lintWith(rule: Rule, text: string, setup: ExampleSetup | undefined) {
  return lint(text, {
    rules: [rule],
    config: { ...setup?.options, severity: rule.disabledByDefault ? { [rule.code]: rule.severity } : {} },
    buildContext: rule.needsContext ? memoryContext(setup) : undefined,
  }).diagnostics.filter((d) => d.code === rule.code);
}

/** The setup.json of a fixture folder, if any. */
function fixtureSetup(name: string): ExampleSetup | undefined {
  const file = path.join(fixtures, name, 'setup.json');
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as ExampleSetup) : undefined;
}

beforeAll(async () => {
  await initLinter();
});

describe.for(BK_RULES)('%s fixtures', (name) => {
  const rule = allRules.find((r) => r.name === name)!;
  const read = (f: string) => readFileSync(path.join(fixtures, name, f), 'utf8');

  it('is registered', () => {
    expect(rule?.name).toBe(name);
  });

  it('invalid.Dockerfile triggers it, with ranges inside the text', () => {
    const text = read('invalid.Dockerfile');
    const found = lintWith(rule, text, fixtureSetup(name));
    expect(found.length).toBeGreaterThan(0);
    for (const d of found) {
      expect(d.range.start).toBeLessThanOrEqual(d.range.end);
      expect(d.range.end).toBeLessThanOrEqual(text.length);
    }
  });

  it('matches the rendered snapshot (ranges, messages, fixes)', async ({ expect }) => {
    const text = read('invalid.Dockerfile');
    const lines = text.split(/\r?\n/);
    const out: string[] = [];
    for (const d of lintWith(rule, text, fixtureSetup(name))) {
      const r = d.range;
      out.push(`${r.startLine}:${r.startColumn}-${r.endLine}:${r.endColumn} ${d.code} ${d.severity}: ${d.message}`);
      out.push(`  | ${lines[r.startLine - 1]}`);
      if (r.startLine === r.endLine) out.push(`  | ${' '.repeat(r.startColumn - 1)}${'^'.repeat(Math.max(1, r.endColumn - r.startColumn))}`);
      if (d.fix) out.push(`  fix (${d.fix.safety}) ${d.fix.title}: ${JSON.stringify(applyFixes(text, [d.fix]).text)}`);
    }
    await expect(out.join('\n') + '\n').toMatchFileSnapshot(path.join(fixtures, name, 'invalid.Dockerfile.snap'));
  });

  it('valid.Dockerfile does not', () => {
    const found = lintWith(rule, read('valid.Dockerfile'), fixtureSetup(name));
    expect(found.map((d) => `${d.range.startLine}: ${d.message}`)).toEqual([]);
  });

  it('skips itself without a build context when it needs one', () => {
    if (!rule.needsContext) return;
    const found = lint(read('invalid.Dockerfile'), { rules: [rule] }).diagnostics.filter((d) => d.code === rule.code);
    expect(found).toEqual([]);
  });
});
