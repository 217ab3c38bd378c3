// The BuildKit name shared by DL4003, DL4004 and DL3012 (MultipleInstructionsDisallowed) must silence all
// three wherever names are accepted: --ignore, config severities and `# check=skip=`.
import { beforeAll, describe, expect, it } from 'vitest';
import { initLinter, lint } from '../src/linter/index.js';

const TEXT = 'FROM alpine\nCMD ["a"]\nCMD ["b"]\nENTRYPOINT ["a"]\nENTRYPOINT ["b"]\nHEALTHCHECK CMD ["a"]\nHEALTHCHECK NONE\n';
const MULTI = ['DL3012', 'DL4003', 'DL4004'];
const codes = (text: string, config = {}) =>
  lint(text, { config }).diagnostics.map((d) => d.code).filter((c) => MULTI.includes(c)).sort();

beforeAll(async () => {
  await initLinter();
});

describe('MultipleInstructionsDisallowed alias', () => {
  it('reports the three hadolint codes by default', () => {
    expect(codes(TEXT)).toEqual(MULTI);
  });
  it('--ignore MultipleInstructionsDisallowed silences all three', () => {
    expect(codes(TEXT, { ignored: ['MultipleInstructionsDisallowed'] })).toEqual([]);
  });
  it('--ignore DL4003 silences only the CMD rule', () => {
    expect(codes(TEXT, { ignored: ['DL4003'] })).toEqual(['DL3012', 'DL4004']);
  });
  it('# check=skip=MultipleInstructionsDisallowed silences all three', () => {
    expect(codes(`# check=skip=MultipleInstructionsDisallowed\n${TEXT}`)).toEqual([]);
  });
});
