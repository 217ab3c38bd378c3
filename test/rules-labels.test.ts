// The rules about LABEL (and MAINTAINER, which a label replaces): label keys, the configured
// label-schema (required, known, non-empty labels) and the value types it names.
import { beforeAll, describe, expect, it } from 'vitest';
import { initLinter } from '../src/linter/index.js';
import { at, describeRule, findings, itFixes } from './rules-kit.js';

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
});

describeRule('missing-schema-label', {}, () => {
  it('stays silent without label-schema', () => {
    expect(findings('DL3049', 'FROM a')).toEqual([]);
  });
});

describeRule('label-not-in-schema', {}, () => {
  it('needs strict-labels', () => {
    expect(findings('DL3050', 'FROM a\nLABEL y=1', { labelSchema: { x: 'text' } })).toEqual([]);
    expect(findings('DL3050', 'FROM a\nLABEL y=1', { labelSchema: { x: 'text' }, strictLabels: true })).toHaveLength(1);
  });
});

describeRule('empty-schema-label', {}, () => {
  it('stays silent without label-schema', () => {
    expect(findings('DL3051', 'FROM a\nLABEL x=""')).toEqual([]);
  });
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
});

describeRule('invalid-rfc3339-label', {}, () => {
  it('validates RFC 3339 dates, leaving build-time variables alone', () => {
    expect(bad('rfc3339', '2024-02-29T00:00:00Z')).toBe(false);
    expect(bad('rfc3339', '2023-02-29T00:00:00Z')).toBe(true);
    expect(bad('rfc3339', '$BUILD_DATE')).toBe(false);
  });
});

describeRule('invalid-spdx-label', {}, () => {
  it('validates SPDX expressions', () => {
    expect(bad('spdx', 'GPL-2.0-only WITH Classpath-exception-2.0')).toBe(false);
    expect(bad('spdx', 'GPL')).toBe(true);
  });
});

describeRule('invalid-hash-label', {}, () => {
  it('validates git hashes', () => {
    expect(bad('hash', 'a'.repeat(40))).toBe(false);
    expect(bad('hash', 'a'.repeat(8))).toBe(true);
  });
});

describeRule('invalid-semver-label', {}, () => {
  it('validates semantic versions; a variable in single quotes is a literal', () => {
    expect(bad('semver', '1.0.0-alpha.1+001')).toBe(false);
    expect(bad('semver', '01.0.0')).toBe(true);
    expect(bad('semver', "'$V'")).toBe(false);
    expect(findings('DL3056', "FROM a\nLABEL l='$V'", { labelSchema: { l: 'semver' } })).toHaveLength(1);
  });
});

describeRule('invalid-email-label', {}, () => {
  it('validates e-mail addresses', () => {
    expect(bad('email', 'first.last+tag@example.co.uk')).toBe(false);
    expect(bad('email', 'a@@b')).toBe(true);
  });
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
