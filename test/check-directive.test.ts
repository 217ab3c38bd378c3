// BuildKit refuses a build whose `# check=` directive it cannot parse; dockhand reports it as a syntax error.
import { beforeAll, describe, expect, it } from 'vitest';
import { initLinter, lint } from '../src/linter/index.js';
import { checkOptionsError } from '../src/linter/pragmas.js';

beforeAll(async () => {
  await initLinter();
});

describe('# check= directive validation', () => {
  it.each([
    ['bogus', 'invalid check option "bogus"'],
    ['foo=bar', 'invalid check option "foo"'],
    ['error=maybe', 'failed to parse check option "error=maybe"'],
    ['skip=all;error=true', null],
    ['skip=A,B;experimental=all;error=false', null],
    ['skip=all // a reason after a space', null],
  ])('%s', (value, expected) => {
    expect(checkOptionsError(value)).toBe(expected);
  });

  it('reports the invalid directive at its value, as an error', () => {
    const r = lint('# check=bogus\nFROM alpine:3.20\n', { filename: 'Dockerfile' });
    const d = r.diagnostics.find((x) => x.code === 'syntax');
    expect(d).toMatchObject({ severity: 'error', message: 'failed to parse check options: invalid check option "bogus"' });
    expect(d!.range).toMatchObject({ startLine: 1, startColumn: 9, endColumn: 14 });
  });

  it('leaves a valid directive alone, and a config check= replaces the directive', () => {
    expect(lint('# check=skip=all\nFROM alpine:3.20\n').diagnostics.filter((d) => d.code === 'syntax')).toEqual([]);
    expect(lint('# check=bogus\nFROM alpine:3.20\n', { config: { check: 'skip=all' } }).diagnostics.filter((d) => d.code === 'syntax')).toEqual([]);
  });
});
