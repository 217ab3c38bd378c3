// Parity with hadolint 2.15.1 for DL1001 and DL3000–DL3015, beyond hadolint's own test cases:
// inputs where a condition of hadolint's rule source and of dockhand's rule were found to give
// different answers. Each case is either hadolint's answer (dockhand was fixed to give it) or a
// deliberate deviation listed in docs/hadolint-deviations.md.
import { beforeAll, describe, expect, it } from 'vitest';
import { initLinter, lint } from '../src/linter/index.js';
import { at, findings, itLines } from './rules-kit.js';

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

describe('DL3008 / DL3014 / DL3015: the apt-get subcommand', () => {
  // apt-get takes as its command the first word that names one (apt's CommandLine::GetCommand), and
  // hadolint any `install` word: an option value before `install` hides neither.
  const text = 'FROM debian:12\nRUN apt-get --solver internal install foo\nRUN apt-get -o Debug::NoLocking=1 --solver internal install -y --no-install-recommends bar=1\n';
  itLines('pin-apt-versions', 'hadolint: an install after an option value is an install (--solver takes a value)', text, [2]);
  itLines('require-apt-get-yes', 'hadolint: -y is wanted after an option value too', text, [2]);
  itLines('require-no-install-recommends', 'hadolint: --no-install-recommends is wanted after an option value too', text, [2]);
  it('the packages are the other words, before and after the command word; option values are not', () => {
    const t = 'FROM debian:12\nRUN apt-get -y --no-install-recommends foo install --solver internal bar baz=1\n';
    expect(findings('pin-apt-versions', t).map((d) => at(t, d))).toEqual(['foo', 'bar']);
  });
});

describe('DL3006 require-image-tag', () => {
  // language-docker reads `localhost:5000/img` as the image `localhost` with the tag `5000/img`
  // (a registry needs a `.` before its `/`), so hadolint reports nothing; the image has no tag.
  itLines(
    'require-image-tag',
    'unlike hadolint: a registry port is not a tag (`localhost:5000/img` has none)',
    'FROM localhost:5000/img\nFROM localhost:5000/img:1.2\nFROM registry.example.com:5000/img\n',
    [1, 3],
  );
});

describe('DL3011 no-invalid-port', () => {
  // language-docker reads a port starting with `$` as one variable up to the next blank, so
  // hadolint checks neither end of `${P}-80000`; the end written as a number is checked here.
  itLines('no-invalid-port', 'unlike hadolint: a range starting with a variable still has its literal end checked', 'FROM a:1\nEXPOSE ${P}-80000\nEXPOSE 40000-${P}\nEXPOSE $P\n', [2]);
});
