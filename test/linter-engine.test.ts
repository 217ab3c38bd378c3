// The rule engine against hand-made rules: pragmas, BuildKit's check directive, config, severities,
// disabled-by-default, context-aware and experimental rules, crash containment, ordering.
import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../src/core/diagnostic.js';
import { lintParsed, mergeExternal, RULE_CRASH_CODE, type LintOptions } from '../src/linter/lint.js';
import { parseCheckOptions, parseIgnorePragma } from '../src/linter/pragmas.js';
import type { BuildContextView } from '../src/rules/types.js';
import { crashRule, miniParse, testRules } from './linter-helpers.js';

const run = (text: string, options: LintOptions = {}) => lintParsed(miniParse(text), options.rules ?? testRules, options);
const codes = (text: string, options: LintOptions = {}) => run(text, options).diagnostics.map((d) => `${d.code}@${d.range.startLine}`);

describe('pragma parsing', () => {
  it('parses hadolint and dockhand ignore pragmas with all scopes', () => {
    expect(parseIgnorePragma('hadolint ignore=DL3008,DL3009')).toEqual({ tool: 'hadolint', scope: 'next', codes: ['DL3008', 'DL3009'] });
    expect(parseIgnorePragma('hadolint global ignore = DL3023 , DL3021')).toEqual({ tool: 'hadolint', scope: 'global', codes: ['DL3023', 'DL3021'] });
    expect(parseIgnorePragma('dockhand stage ignore=no-latest-tag')).toEqual({ tool: 'dockhand', scope: 'stage', codes: ['no-latest-tag'] });
    expect(parseIgnorePragma('hadolint ignore=DL3002 # because')?.codes).toEqual(['DL3002']);
    expect(parseIgnorePragma('hadolint ignore=DL3002 ')?.codes).toEqual(['DL3002']);
  });
  it('rejects malformed pragmas as a whole', () => {
    expect(parseIgnorePragma('hadolint ignore=DL3002 crazy')).toBeNull();
    expect(parseIgnorePragma('hadolint ignore=')).toBeNull();
    expect(parseIgnorePragma('hadolint shell=powershell')).toBeNull();
    expect(parseIgnorePragma('just a comment about hadolint')).toBeNull();
  });
  it("parses BuildKit's check options like BuildKit", () => {
    expect(parseCheckOptions('skip=A,B;error=true')).toMatchObject({ skip: ['A', 'B'], error: true, skipAll: false });
    expect(parseCheckOptions('skip=all // comment')).toMatchObject({ skipAll: true });
    expect(parseCheckOptions('experimental=all;error=false')).toMatchObject({ experimentalAll: true, error: false });
    expect(parseCheckOptions('error=1')).toMatchObject({ error: true });
  });
});

describe('ignore pragmas', () => {
  const file = 'from a:latest\n# hadolint ignore=TX001\nrun x\nrun y\n';
  it('next-instruction ignore covers only the instruction below', () => {
    expect(codes(file)).toEqual(['TX001@1', 'TX002@1', 'TX001@4']);
  });
  it('accepts names and aliases in pragmas, and dockhand syntax', () => {
    expect(codes('# dockhand ignore=test-latest,TestUpper\nfrom a:latest\n')).toEqual([]);
  });
  it('does not reach past a blank line or another instruction', () => {
    expect(codes('FROM a\n# hadolint ignore=TX001\n\nrun x\n')).toEqual(['TX001@4']);
  });
  it('skips over further comment lines', () => {
    expect(codes('FROM a\n# hadolint ignore=TX001\n# why: legacy\nrun x\n')).toEqual([]);
  });
  it('global ignore applies anywhere in the file', () => {
    expect(codes('from a:latest\nrun x\n# hadolint global ignore=TX001\n')).toEqual(['TX002@1']);
  });
  it('stage ignore covers the following stage only', () => {
    expect(codes('# hadolint stage ignore=TX001\nFROM a\nrun x\nFROM b\nrun y\n')).toEqual(['TX001@5']);
  });
  it('disableIgnorePragma turns pragmas off', () => {
    expect(codes('# hadolint global ignore=TX001\nFROM a\nrun x\n', { config: { disableIgnorePragma: true } })).toEqual(['TX001@3']);
  });
  it('filters external (ShellCheck) findings through the same pragmas', () => {
    const text = 'FROM a\n# hadolint ignore=SC2086\nRUN echo $x\nRUN echo $y\n';
    const parsed = lintParsed(miniParse(text), testRules, {});
    const idx = parsed.file.lineIndex;
    const sc = (line: number): Diagnostic => ({ code: 'SC2086', severity: 'info', message: 'quote', range: idx.range(idx.lineStarts[line - 1]! + 4, idx.lineEnd(line)) });
    const merged = mergeExternal(parsed, [sc(3), sc(4)], { rules: testRules });
    expect(merged.diagnostics.map((d) => `${d.code}@${d.range.startLine}`)).toEqual(['SC2086@4']);
    const ignored = mergeExternal(parsed, [sc(4)], { rules: testRules, config: { ignored: ['sc2086'] } });
    expect(ignored.diagnostics).toEqual([]);
  });
});

describe("BuildKit's check directive", () => {
  it('skip= silences named checks by code or alias', () => {
    expect(codes('# check=skip=JSONArgsRecommended\nFROM a\nCMD x\n')).toEqual([]);
    expect(codes('# check=skip=TX003\nFROM a\nCMD x\n')).toEqual([]);
  });
  it('skip=all silences BuildKit checks only', () => {
    expect(codes('# check=skip=all\nfrom a:latest\nCMD x\n')).toEqual(['TX001@2', 'TX002@2']);
  });
  it('error=true makes BuildKit check findings errors', () => {
    const r = run('# check=error=true\nFROM a\nCMD x\nrun y\n');
    expect(r.diagnostics.map((d) => [d.code, d.severity])).toEqual([['TX003', 'error'], ['TX001', 'warning']]);
  });
  it('experimental checks run only when enabled, and skip does not touch them', () => {
    expect(codes('FROM a\n')).toEqual([]);
    expect(codes('# check=experimental=InvalidDefinitionDescription\nFROM a\n')).toEqual(['TX006@2']);
    expect(codes('# check=experimental=all;skip=all\nFROM a\n')).toEqual(['TX006@2']);
  });
  it('config check replaces the directive (BUILDKIT_DOCKERFILE_CHECK)', () => {
    expect(codes('# check=skip=all\nFROM a\nCMD x\n', { config: { check: 'skip=TX001' } })).toEqual(['TX003@3']);
  });
  it('a per-instruction check comment adds skips for that instruction only', () => {
    expect(codes('FROM a\n# check=skip=JSONArgsRecommended\nCMD x\nCMD y\n')).toEqual(['TX003@4']);
  });
});

describe('config', () => {
  it('ignores by code, name or alias, case-insensitively', () => {
    expect(codes('from a:latest\n', { config: { ignored: ['test-uppercase', 'tx002'] } })).toEqual([]);
  });
  it('overrides severities and turns rules off', () => {
    const r = run('from a:latest\n', { config: { severity: { TestUpper: 'error', TX002: 'off' } } });
    expect(r.diagnostics.map((d) => [d.code, d.severity])).toEqual([['TX001', 'error']]);
  });
  it('disabled-by-default rules run only when given a severity', () => {
    expect(codes('FROM a\n', { rules: testRules.concat([]) })).toEqual([]);
    const { offRule } = { offRule: testRules[3]! };
    expect(lintParsed(miniParse('FROM a\n'), [offRule], { config: { severity: { TX004: 'warning' } } }).diagnostics.map((d) => d.severity)).toEqual(['warning']);
  });
  it('context-aware rules are skipped without a build context', () => {
    const text = 'FROM a\nCOPY missing .\nCOPY here .\n';
    expect(codes(text)).toEqual([]);
    const view: BuildContextView = {
      dockerignore: null, gitignore: null, exists: (p) => p === 'here', isDirectory: () => false, isExcluded: () => false, isSent: (p) => p === 'here', glob: () => [], topLevel: () => ['here'], topLevelMatching: (re) => ['here'].filter((n) => re.test(n)),
    };
    expect(codes(text, { buildContext: view })).toEqual(['TX005@2']);
  });
});

describe('engine', () => {
  it('contains a crashing rule as one diagnostic and keeps the others', () => {
    const r = lintParsed(miniParse('from a\n'), [crashRule, ...testRules], {});
    expect(r.diagnostics.map((d) => d.code)).toEqual([RULE_CRASH_CODE, 'TX001']);
    expect(r.diagnostics[0]!.message).toContain('boom');
  });
  it('includes parser diagnostics, owned by a rule with that code when one exists', () => {
    const file = miniParse('FROM a\nCMD x\n');
    file.diagnostics.push({ code: 'syntax', severity: 'error', message: 'bad', range: file.lineIndex.range(0, 4) });
    file.diagnostics.push({ code: 'JSONArgsRecommended', severity: 'warning', message: 'Use JSON', range: file.instructions[1]!.argsRange });
    const r = lintParsed(file, testRules, {});
    // The parser's copy and the rule's own report are the same finding: reported once.
    expect(r.diagnostics.map((d) => d.code)).toEqual(['syntax', 'JSONArgsRecommended', 'TX003']);
    const skipped = lintParsed(file, testRules, { config: { ignored: ['JSONArgsRecommended'] } });
    expect(skipped.diagnostics.map((d) => d.code)).toEqual(['syntax']);
  });
  it('sorts by position and fills in rule name and code', () => {
    const r = run('run a\nfrom b:latest\n');
    expect(r.diagnostics.map((d) => [d.code, d.rule, d.range.startLine])).toEqual([
      ['TX001', 'test-uppercase', 1],
      // Same start: the shorter range (the keyword) first.
      ['TX001', 'test-uppercase', 2],
      ['TX002', 'test-latest', 2],
    ]);
  });
});

describe('shared aliases', () => {
  it('an alias shared by several rules names all of them', async () => {
    const { defineRule } = await import('../src/rules/types.js');
    const mk = (code: string, kw: string) =>
      defineRule({
        code, name: `test-multi-${kw.toLowerCase()}`, aliases: ['MultipleInstructionsDisallowed'], severity: 'warning', origin: 'hadolint', fixable: 'none',
        docs: { summary: 's', why: 'w', bad: 'b', good: 'g', fix: 'f' },
        check(ctx) {
          const seen = ctx.file.instructions.filter((i) => i.keyword === kw);
          for (const i of seen.slice(0, -1)) ctx.report({ range: i.range, message: `multiple ${kw}` });
        },
      });
    const rules = [mk('TX101', 'CMD'), mk('TX102', 'ENTRYPOINT')];
    const text = 'FROM a\nCMD a\nCMD b\nENTRYPOINT a\nENTRYPOINT b\n';
    expect(lintParsed(miniParse(text), rules, {}).diagnostics.map((d) => d.code)).toEqual(['TX101', 'TX102']);
    expect(lintParsed(miniParse(`# check=skip=MultipleInstructionsDisallowed\n${text}`), rules, {}).diagnostics).toEqual([]);
    expect(lintParsed(miniParse(text), rules, { config: { ignored: ['multipleinstructionsdisallowed'] } }).diagnostics).toEqual([]);
    expect(lintParsed(miniParse(text), rules, { config: { severity: { MultipleInstructionsDisallowed: 'error' } } }).diagnostics.map((d) => d.severity)).toEqual(['error', 'error']);
  });
});

describe('rules that run, worked out once for files without check comments', () => {
  it('files with and without check directives or comments, interleaved, each get their own answer', () => {
    const plain = 'from a:latest\nCMD x\n';
    const expected = ['TX003@2', 'TX001@1', 'TX002@1'].sort();
    for (let i = 0; i < 2; i++) {
      expect(codes(plain).sort()).toEqual(expected);
      expect(codes(`# check=skip=all\n${plain}`)).toEqual(['TX001@2', 'TX002@2']);
      expect(codes(plain).sort()).toEqual(expected);
      expect(codes('FROM a\n# check=experimental=InvalidDefinitionDescription\nFROM b\n')).toEqual(['TX006@3']);
      expect(codes('FROM a\nFROM b\n')).toEqual([]);
      expect(codes(plain, { config: { ignored: ['TX003'] } }).sort()).toEqual(['TX001@1', 'TX002@1']);
      // A severity in the config turns an experimental check on: not the answer of the default config.
      expect(codes('FROM a\n', { config: { severity: { InvalidDefinitionDescription: 'warning' } } })).toEqual(['TX006@1']);
      expect(codes('FROM a\n')).toEqual([]);
    }
  });
});

describe('per-instruction experimental', () => {
  it('a check comment above an instruction enables an experimental check there only', () => {
    const text = 'FROM a\n# check=experimental=InvalidDefinitionDescription\nFROM b\n';
    expect(codes(text)).toEqual(['TX006@3']);
  });
});

describe('pragmas with the real parser', () => {
  const real = async (text: string) => {
    const { lint } = await import('../src/linter/index.js');
    return lint(text, { rules: testRules }).diagnostics.map((d) => `${d.code}@${d.range.startLine}`);
  };
  it('an ignore pragma covers every line of a multi-line instruction', async () => {
    const { defineRule } = await import('../src/rules/types.js');
    const lastLine = defineRule({
      code: 'TX201', name: 'test-last-line', aliases: [], severity: 'warning', origin: 'dockhand', fixable: 'none',
      docs: { summary: 's', why: 'w', bad: 'b', good: 'g', fix: 'f' },
      check(ctx) {
        for (const i of ctx.file.instructions) if (i.keyword === 'RUN') ctx.report({ range: ctx.file.lineIndex.linesRange(i.range.endLine, i.range.endLine), message: 'last' });
      },
    });
    const { lint } = await import('../src/linter/index.js');
    const text = 'FROM a\n# hadolint ignore=TX201\nRUN a \\\n  && b \\\n  && c\nRUN d \\\n# dockhand ignore=TX201\n  && e\nRUN f\n';
    expect(lint(text, { rules: [lastLine] }).diagnostics.map((d) => d.range.startLine)).toEqual([9]);
  });
  it('directives are not pragmas, and a pragma on line 1 is a comment', async () => {
    expect(await real('# hadolint global ignore=TX001\nfrom a\n')).toEqual([]);
    expect(await real('# check=skip=TestUpper\nfrom a\n')).toEqual([]);
  });
});
