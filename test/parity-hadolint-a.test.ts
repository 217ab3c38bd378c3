// Parity with hadolint 2.15.1 for DL1001 and DL3000–DL3015, beyond hadolint's own test cases:
// inputs where a condition of hadolint's rule source and of dockhand's rule were found to give
// different answers. Each case is either hadolint's answer (dockhand was fixed to give it) or a
// deliberate deviation listed in docs/hadolint-deviations.md.
import { beforeAll, describe, expect, it } from 'vitest';
import { initLinter, lint } from '../src/linter/index.js';
import { at, itLines } from './rules-kit.js';

beforeAll(() => initLinter());

describe('DL1001 no-inline-ignore-pragma', () => {
  itLines(
    'no-inline-ignore-pragma',
    'hadolint: a comment whose list holds a word that is no code is no pragma, so not reported',
    'FROM a:1\n# hadolint ignore=crazy\nRUN cd /x\n# hadolint ignore=DL3003,crazy\nRUN cd /y\n# hadolint ignore=DL3003\nRUN cd /z\n',
    [6],
  );
  it('reports a rule name in a `# hadolint ignore=` list only where the engine honours it (the rule is known)', () => {
    const text = 'FROM a:1\n# hadolint ignore=no-cd-in-run\nRUN cd /x\n';
    const all = lint(text, { config: { severity: { DL1001: 'info' } } }).diagnostics;
    expect(all.filter((d) => d.code === 'DL1001').map((d) => at(text, d))).toEqual(['# hadolint ignore=no-cd-in-run']);
    expect(all.filter((d) => d.code === 'DL3003')).toEqual([]);
  });
});
