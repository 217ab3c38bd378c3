// The rules about LABEL (and MAINTAINER, which a label replaces): label keys, the configured
// label-schema (required, known, non-empty labels) and the value types it names.
import { beforeAll, describe, expect, it } from 'vitest';
import { initLinter } from '../src/linter/index.js';
import { at, describeRule, findings, itFixes, itLines } from './rules-kit.js';

beforeAll(() => initLinter());

/** Whether a label of schema type `type` with value `v` is reported by the rule for that type. */
const bad = (type: string, v: string) =>
  findings(`DL${{ url: '3052', rfc3339: '3053', spdx: '3054', hash: '3055', semver: '3056', email: '3058' }[type]}`, `FROM a\nLABEL l="${v}"`, {
    labelSchema: { l: type },
  }).length > 0;

describeRule('invalid-label-key', {}, () => {
  it('points at the key', () => {
    const text = 'FROM alpine\nLABEL ok=1 Bad=2';
    expect(findings('DL3048', text).map((d) => at(text, d))).toEqual(['Bad']);
  });
  itLines('invalid-label-key', 'hadolint: `_` and `/` are allowed; `..`, `--`, reserved prefixes and bad first or last characters are not', 'FROM a\nLABEL a_b/c=1 com.docker.x=1 a..b=1 a--b=1 -a=1 a.=1\n', [2, 2, 2, 2, 2]);
  itLines('invalid-label-key', 'unlike hadolint: ONBUILD LABEL keys are checked too', 'FROM a\nONBUILD LABEL Foo=1\n', [2]);
});

describeRule('missing-schema-label', {}, () => {
  it('stays silent without label-schema', () => {
    expect(findings('DL3049', 'FROM a')).toEqual([]);
  });
  itLines('missing-schema-label', 'hadolint: a label is inherited through FROM <stage>, and a stage only read by COPY --from is silent', 'FROM x AS base\nLABEL foo=1\nFROM base\nFROM y AS builder\nFROM z\nLABEL foo=2\nCOPY --from=builder /a /b\n', [], { options: { labelSchema: { foo: 'text' } } });
  itLines('missing-schema-label', 'hadolint: ONBUILD LABEL does not count', 'FROM x\nONBUILD LABEL foo=1\n', [1], { options: { labelSchema: { foo: 'text' } } });
  itLines('missing-schema-label', 'unlike hadolint: a child stage with its own alias that defines the label covers its parent', 'FROM x AS base\nFROM base AS child\nLABEL foo=bar\n', [], { options: { labelSchema: { foo: 'text' } } });
});

describeRule('label-not-in-schema', {}, () => {
  it('needs strict-labels', () => {
    expect(findings('DL3050', 'FROM a\nLABEL y=1', { labelSchema: { x: 'text' } })).toEqual([]);
    expect(findings('DL3050', 'FROM a\nLABEL y=1', { labelSchema: { x: 'text' }, strictLabels: true })).toHaveLength(1);
  });
  itLines('label-not-in-schema', 'unlike hadolint: each extra key is reported, ONBUILD LABEL too', 'FROM a\nLABEL foo=1 bar=2 baz=3\nONBUILD LABEL qux=4\n', [2, 2, 3], { options: { labelSchema: { foo: 'text' }, strictLabels: true } });
});

describeRule('empty-schema-label', {}, () => {
  it('stays silent without label-schema', () => {
    expect(findings('DL3051', 'FROM a\nLABEL x=""')).toEqual([]);
  });
  itLines('empty-schema-label', 'unlike hadolint: ONBUILD LABEL is checked too', 'FROM a\nLABEL foo=1\nONBUILD LABEL foo=""\n', [3], { options: { labelSchema: { foo: 'text' } } });
});

describeRule('invalid-url-label', {}, () => {
  it('points at the value', () => {
    const text = 'FROM alpine\nLABEL url="nope"';
    expect(findings('DL3052', text, { labelSchema: { url: 'url' } }).map((d) => at(text, d))).toEqual(['"nope"']);
  });
  it('validates URLs', () => {
    expect(bad('url', 'https://a.b/c?d=1')).toBe(false);
    expect(bad('url', 'a b')).toBe(true);
  });
  itLines('invalid-url-label', 'hadolint: a URL needs a scheme; `mailto:` is one', 'FROM a\nLABEL foo="example.com/x"\nLABEL foo="mailto:a@b.c"\n', [2], { options: { labelSchema: { foo: 'url' } } });
});

describeRule('invalid-rfc3339-label', {}, () => {
  it('validates RFC 3339 dates, leaving build-time variables alone', () => {
    expect(bad('rfc3339', '2024-02-29T00:00:00Z')).toBe(false);
    expect(bad('rfc3339', '2023-02-29T00:00:00Z')).toBe(true);
    expect(bad('rfc3339', '$BUILD_DATE')).toBe(false);
  });
  it("hadolint: its message word for word (`must be conform`)", () => {
    expect(findings('invalid-rfc3339-label', 'FROM a\nLABEL built="yesterday"\n', {}, { options: { labelSchema: { built: 'rfc3339' } } }).map((d) => d.message)).toEqual([
      'Label `built` is not a valid time format - must be conform to RFC3339.',
    ]);
  });
  itLines('invalid-rfc3339-label', 'hadolint: a date alone is not a date-time', 'FROM a\nLABEL foo="2021-01-01"\nLABEL foo="2021-01-01T10:00:00Z"\n', [2], { options: { labelSchema: { foo: 'rfc3339' } } });
  itLines('invalid-rfc3339-label', 'unlike hadolint: a value built from a variable is not judged', 'FROM a\nARG BUILD_DATE\nLABEL foo="$BUILD_DATE"\n', [], { options: { labelSchema: { foo: 'rfc3339' } } });
});

describeRule('invalid-spdx-label', {}, () => {
  it('validates SPDX expressions', () => {
    expect(bad('spdx', 'GPL-2.0-only WITH Classpath-exception-2.0')).toBe(false);
    expect(bad('spdx', 'GPL')).toBe(true);
  });
  itLines('invalid-spdx-label', 'unlike hadolint: SPDX expressions are accepted, not only single identifiers', 'FROM a\nLABEL foo="MIT OR Apache-2.0"\nLABEL foo="Apache 2"\n', [3], { options: { labelSchema: { foo: 'spdx' } } });
});

describeRule('invalid-hash-label', {}, () => {
  it('validates git hashes', () => {
    expect(bad('hash', 'a'.repeat(40))).toBe(false);
    expect(bad('hash', 'a'.repeat(8))).toBe(true);
  });
  itLines('invalid-hash-label', 'hadolint: 7 or 40 lower-case hex digits', 'FROM a\nLABEL foo="ABCDEF1"\nLABEL foo="abcdef12"\nLABEL foo="abcdef1"\n', [2, 3], { options: { labelSchema: { foo: 'hash' } } });
});

describeRule('invalid-semver-label', {}, () => {
  it('validates semantic versions; a variable in single quotes is a literal', () => {
    expect(bad('semver', '1.0.0-alpha.1+001')).toBe(false);
    expect(bad('semver', '01.0.0')).toBe(true);
    expect(bad('semver', "'$V'")).toBe(false);
    expect(findings('DL3056', "FROM a\nLABEL l='$V'", { labelSchema: { l: 'semver' } })).toHaveLength(1);
  });
  itLines('invalid-semver-label', 'hadolint: MAJOR.MINOR.PATCH without a `v`', 'FROM a\nLABEL foo="v1.0.0"\nLABEL foo="1.0"\nLABEL foo="1.0.0-rc.1+b5"\n', [2, 3], { options: { labelSchema: { foo: 'semver' } } });
});

describeRule('invalid-email-label', {}, () => {
  it('validates e-mail addresses', () => {
    expect(bad('email', 'first.last+tag@example.co.uk')).toBe(false);
    expect(bad('email', 'a@@b')).toBe(true);
  });
  itLines('invalid-email-label', 'hadolint: an RFC 5322 address', 'FROM a\nLABEL foo="a@b.c"\nLABEL foo="not-an-email"\n', [3], { options: { labelSchema: { foo: 'email' } } });
});

describeRule('maintainer-deprecated', {}, () => {
  itFixes('maintainer-deprecated', {
    level: 'unsafe',
    input: 'FROM alpine\nMAINTAINER Jane "JD" Doe <jane@example.org> $HOME\n',
    output: 'FROM alpine\nLABEL org.opencontainers.image.authors="Jane \\"JD\\" Doe <jane@example.org> \\$HOME"\n',
  });
  itFixes('maintainer-deprecated', { level: 'safe', input: 'FROM alpine\nMAINTAINER jane\n', output: 'FROM alpine\nMAINTAINER jane\n', remaining: 1 });
});

describe('label rules without a schema', () => {
  it('the typed label rules read labels only when label-schema names their type', () => {
    expect(findings('DL3052', 'FROM a\nLABEL url="nope"')).toEqual([]);
  });
});
