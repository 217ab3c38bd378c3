// The part-B hadolint rules (DL3030–DL3067, DL4001, DL4005, DL4006): fixtures, exact ranges, fixes,
// stage and ONBUILD behaviour, config options.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { applyFixes } from '../src/core/apply-fixes.js';
import type { Diagnostic } from '../src/core/diagnostic.js';
import { allRules, initLinter, lint, type LintConfig } from '../src/linter/index.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const PART_B = /^(DL30(3\d|4\d|5\d|6[0-7])|DL400[156])$/;
const rules = allRules.filter((r) => r.origin === 'hadolint' && PART_B.test(r.code));

beforeAll(() => initLinter());

/** Lint with the rule under test enabled (DL3057 is off by default). */
function run(text: string, code: string, config: Partial<LintConfig> = {}): Diagnostic[] {
  const severity = { ...(config.severity ?? {}), [code]: rules.find((r) => r.code === code)?.severity ?? 'info' };
  return lint(text, { config: { ...config, severity } }).diagnostics.filter((d) => d.code === code);
}

/** The source text a diagnostic points at. */
function at(text: string, d: Diagnostic): string {
  return text.slice(d.range.start, d.range.end);
}

describe('part B rule set', () => {
  it('has every code of hadolint 2.15 in DL3030–DL3067 and DL4001/4005/4006', () => {
    const expected = [
      'DL3030', 'DL3032', 'DL3033', 'DL3034', 'DL3035', 'DL3036', 'DL3037', 'DL3038', 'DL3040', 'DL3041', 'DL3042',
      'DL3043', 'DL3044', 'DL3045', 'DL3046', 'DL3047', 'DL3048', 'DL3049', 'DL3050', 'DL3051', 'DL3052', 'DL3053',
      'DL3054', 'DL3055', 'DL3056', 'DL3057', 'DL3058', 'DL3059', 'DL3060', 'DL3061', 'DL3062', 'DL3063', 'DL3064',
      'DL3065', 'DL3066', 'DL3067', 'DL4001', 'DL4005', 'DL4006',
    ];
    expect(rules.map((r) => r.code).sort()).toEqual(expected);
  });
});

describe.each(rules.map((r) => [r.code, r] as const))('%s fixtures', (code, rule) => {
  const dir = path.join(root, 'fixtures/rules', rule.name);
  // setup.json has the shape of RuleDocs.setup's ExampleSetup: `{ "options": { "labelSchema": ... } }`.
  const setupFile = path.join(dir, 'setup.json');
  const setup = existsSync(setupFile) ? (JSON.parse(readFileSync(setupFile, 'utf8')) as { options?: Partial<LintConfig> }) : {};
  const config = setup.options ?? {};

  it(`valid.Dockerfile has no ${rule.name} finding`, () => {
    const text = readFileSync(path.join(dir, 'valid.Dockerfile'), 'utf8');
    expect(run(text, code, config)).toEqual([]);
  });

  it(`invalid.Dockerfile has a ${rule.name} finding on a precise range`, () => {
    const text = readFileSync(path.join(dir, 'invalid.Dockerfile'), 'utf8');
    const found = run(text, code, config);
    expect(found.length).toBeGreaterThan(0);
    for (const d of found) {
      expect(d.range.end).toBeGreaterThan(d.range.start);
      expect(at(text, d).trim()).toBe(at(text, d));
    }
  });

  it('docs examples: bad triggers the rule, good does not', () => {
    const opts = (which: 'bad' | 'good') => (rule.docs.setup?.[which]?.options ?? {}) as Partial<LintConfig>;
    expect(run(rule.docs.bad, code, opts('bad')).length).toBeGreaterThan(0);
    expect(run(rule.docs.good, code, opts('good'))).toEqual([]);
  });
});

describe('exact ranges', () => {
  const cases: [string, string, string[], Partial<LintConfig>?][] = [
    ['DL3030', 'FROM centos:7\nRUN yum install httpd-2.4.6', ['yum install']],
    ['DL3033', 'FROM centos:7\nRUN yum install -y httpd \\\n    git-2.1 vim', ['httpd', 'vim']],
    ['DL3037', 'FROM opensuse/leap\nRUN zypper in -y tomcat "vim>=9"', ['tomcat']],
    ['DL3041', 'FROM fedora\nRUN dnf module install -y nodejs && dnf clean all', ['nodejs']],
    ['DL3042', 'FROM python\nRUN pip3 install six==1', ['pip3 install']],
    ['DL3044', 'FROM alpine\nENV A=1 B="x/${A}/y"', ['${A}']],
    ['DL3045', 'FROM alpine\nCOPY a.txt b/', ['b/']],
    ['DL3046', 'FROM debian\nRUN useradd -u 1234567 app', ['1234567']],
    ['DL3048', 'FROM alpine\nLABEL ok=1 Bad=2', ['Bad']],
    ['DL3052', 'FROM alpine\nLABEL url="nope"', ['"nope"'], { labelSchema: { url: 'url' } }],
    ['DL3062', 'FROM golang\nRUN go install a.com/x@v1 b.com/y', ['b.com/y']],
    ['DL3063', 'FROM alpine AS Context', ['Context']],
    ['DL3065', 'FROM --platform=${TARGETPLATFORM} alpine', ['--platform=${TARGETPLATFORM}']],
    ['DL4005', 'FROM debian\nRUN ln -sf /bin/bash /bin/sh', ['/bin/sh']],
    ['DL3066', 'FROM alpine\nUSER app:app\nUSER $APP_UID\nUSER 1000', ['app']],
    ['DL3046', 'FROM debian\nRUN useradd -u $USER_UID a && useradd --uid=1000000 b', ['--uid=1000000']],
    ['DL4006', 'FROM debian\nRUN a || b && c | d', ['|']],
  ];
  it.each(cases)('%s points at %j', (code, text, expected, config) => {
    expect(run(text, code, config).map((d) => at(text, d))).toEqual(expected);
  });
});

describe('fixes', () => {
  const fixed = (code: string, text: string) => {
    const ds = run(text, code).filter((d) => d.fix);
    return applyFixes(text, ds.map((d) => d.fix!)).text;
  };
  it('DL3030 adds -y after yum (safe)', () => {
    expect(fixed('DL3030', 'FROM centos\nRUN yum install httpd-2')).toBe('FROM centos\nRUN yum -y install httpd-2');
    expect(run('FROM centos\nRUN yum install httpd-2', 'DL3030')[0]!.fix!.safety).toBe('safe');
  });
  it('DL3034 adds --non-interactive after zypper', () => {
    expect(fixed('DL3034', 'FROM x\nRUN zypper in a=1')).toBe('FROM x\nRUN zypper --non-interactive in a=1');
  });
  it('DL3042 adds --no-cache-dir (unsafe)', () => {
    expect(fixed('DL3042', 'FROM x\nRUN pip install a==1')).toBe('FROM x\nRUN pip install --no-cache-dir a==1');
    expect(run('FROM x\nRUN pip install a==1', 'DL3042')[0]!.fix!.safety).toBe('unsafe');
  });
  it('DL3065 removes the redundant flag', () => {
    expect(fixed('DL3065', 'FROM --platform=$TARGETPLATFORM  alpine:3\n')).toBe('FROM alpine:3\n');
  });
  it('cleanup rules append the cleanup to the RUN (unsafe)', () => {
    expect(fixed('DL3032', 'FROM x\nRUN yum install -y a-1 \\\n  && echo ok\n')).toBe('FROM x\nRUN yum install -y a-1 \\\n  && echo ok && yum clean all\n');
    expect(fixed('DL3040', 'FROM x\nRUN microdnf install -y a-1')).toBe('FROM x\nRUN microdnf install -y a-1 && microdnf clean all');
    expect(fixed('DL3060', 'FROM x\nRUN yarn install')).toBe('FROM x\nRUN yarn install && yarn cache clean');
    expect(run('FROM x\nRUN <<EOF\nzypper in -y a=1\nEOF\n', 'DL3036')[0]!.fix).toBeUndefined();
  });
  it('DL3059 merges a RUN into the previous one unless comments sit between', () => {
    expect(fixed('DL3059', 'FROM x\nRUN a\nRUN b\nRUN c\n')).toBe('FROM x\nRUN a && \\\n    b && \\\n    c\n');
    expect(fixed('DL3059', '# escape=`\nFROM x\r\nRUN a\r\nRUN b\r\n')).toBe('# escape=`\nFROM x\r\nRUN a && `\r\n    b\r\n');
    expect(run('FROM x\nRUN a\n# keep me\nRUN b', 'DL3059')[0]!.fix).toBeUndefined();
    const pwsh = 'FROM x\nSHELL ["powershell", "-Command"]\nRUN Write-Host a\nRUN Write-Host b\nRUN $a = 1; Write-Host $a\n';
    expect(run(pwsh, 'DL3059').map((d) => [d.range.startLine, d.fix])).toEqual([[4, undefined]]);
  });
  it('exec-form RUNs are reported without a fix', () => {
    const ds = run('FROM x\nRUN ["yum", "install", "a-1"]', 'DL3030');
    expect(ds).toHaveLength(1);
    expect(ds[0]!.fix).toBeUndefined();
  });
  it('fixed text no longer triggers the rule', () => {
    for (const [code, text] of [['DL3038', 'FROM x\nRUN dnf install a-1'], ['DL3059', 'FROM x\nRUN a\nRUN b'], ['DL3036', 'FROM x\nRUN zypper in -y a=1'], ['DL3046', 'FROM x\nRUN useradd -u 99999999 a'], ['DL3047', 'FROM x\nRUN wget u']] as const) {
      expect(run(fixed(code, text), code)).toEqual([]);
    }
  });
});

describe('DL3064 names', () => {
  it('matches known names and fragments in any case, ARG and ENV, and maps non-ASCII names exactly', () => {
    const text = [
      'FROM alpine:3',
      'ARG github_token=x',
      'ENV "My_Password"=1 PLAIN=2',
      'ARG app_\u017fecret', // ſ upper-cases to S: APP_SECRET, a known name
      'ARG o\u212ata_client_orgurl', // the Kelvin sign lower-cases to k, yet OKTA_CLIENT_ORGURL has an ASCII K
      'ARG SAFE=1',
      '',
    ].join('\n');
    const lines = run(text, 'DL3064').map((d) => d.range.startLine);
    expect(lines).toEqual([2, 3, 4]);
  });
});

describe('stages, ONBUILD and config', () => {
  it('ONBUILD RUN is checked by OB rules and not by DL3059 / DL4006', () => {
    expect(run('FROM x\nONBUILD RUN yum install a-1', 'DL3030')).toHaveLength(1);
    expect(run('FROM x\nONBUILD RUN a\nONBUILD RUN b', 'DL3059')).toEqual([]);
    expect(run('FROM x\nONBUILD RUN a | b', 'DL4006')).toEqual([]);
  });
  it('packages that are only an expansion are not judged', () => {
    expect(run('FROM x\nRUN yum install -y $PKGS $(cat list) `cat l2` && yum clean all', 'DL3033')).toEqual([]);
    expect(run('FROM x\nRUN zypper in -y ${PKG} && zypper clean', 'DL3037')).toEqual([]);
    expect(run('FROM x\nRUN go install $TOOL', 'DL3062')).toEqual([]);
  });
  it('launchers are seen through; heredoc scripts are checked', () => {
    expect(run('FROM x\nRUN sudo yum install -y a', 'DL3033')).toHaveLength(1);
    expect(run('FROM x\nRUN env PIP_NO_CACHE_DIR=1 pip install a==1', 'DL3042')).toEqual([]);
    expect(run('FROM x\nRUN <<EOF\nset -e\nwget -qO- u | tar x\nEOF\n', 'DL4006')).toHaveLength(1);
    expect(run('FROM x\nRUN <<EOF\nset -eo pipefail\nwget -qO- u | tar x\nEOF\n', 'DL4006')).toEqual([]);
  });
  it('DL3045 inherits WORKDIR through FROM <stage> only', () => {
    expect(run('FROM a AS base\nWORKDIR /w\nFROM base\nCOPY x y', 'DL3045')).toEqual([]);
    expect(run('FROM a AS base\nWORKDIR /w\nFROM a\nCOPY x y', 'DL3045')).toHaveLength(1);
  });
  it('DL3060 reports only the shipped stages', () => {
    expect(run('FROM n AS b\nRUN yarn install\nFROM n\nRUN echo', 'DL3060')).toEqual([]);
    expect(run('FROM n AS b\nRUN yarn install\nFROM b\nRUN echo', 'DL3060')).toHaveLength(1);
  });
  it('DL4006 resets SHELL at FROM and honours non-POSIX shells', () => {
    expect(run('FROM a\nSHELL ["/bin/ash","-o","pipefail","-c"]\nRUN a | b\nFROM b\nRUN a | b', 'DL4006')).toHaveLength(1);
    expect(run('FROM a\nSHELL ["/usr/bin/pwsh","-c"]\nRUN a | b', 'DL4006')).toEqual([]);
    expect(run('FROM a AS s\nSHELL ["/bin/bash","-o","pipefail","-c"]\nFROM s\nRUN a | b', 'DL4006')).toEqual([]);
  });
  it('DL4001 reports once both tools are used in one stage', () => {
    expect(run('FROM a\nRUN curl x\nRUN wget -q y\nRUN curl z', 'DL4001').map((d) => d.range.startLine)).toEqual([3, 4]);
  });
  it('label rules stay silent without label-schema; DL3050 needs strict-labels', () => {
    expect(run('FROM a\nLABEL x=""', 'DL3051')).toEqual([]);
    expect(run('FROM a', 'DL3049')).toEqual([]);
    expect(run('FROM a\nLABEL y=1', 'DL3050', { labelSchema: { x: 'text' } })).toEqual([]);
    expect(run('FROM a\nLABEL y=1', 'DL3050', { labelSchema: { x: 'text' }, strictLabels: true })).toHaveLength(1);
  });
  it('DL3057 is off unless enabled', () => {
    expect(lint('FROM a\n').diagnostics.filter((d) => d.code === 'DL3057')).toEqual([]);
    expect(run('FROM a\n', 'DL3057')).toHaveLength(1);
    expect(run('FROM a AS b\nFROM c\nCOPY --from=b / /x\n', 'DL3057').map((d) => d.range.startLine)).toEqual([2]);
  });
  it('label validators', () => {
    const bad = (type: string, v: string) => run(`FROM a\nLABEL l="${v}"`, 'DL' + { url: '3052', rfc3339: '3053', spdx: '3054', hash: '3055', semver: '3056', email: '3058' }[type], { labelSchema: { l: type } }).length > 0;
    expect(bad('url', 'https://a.b/c?d=1')).toBe(false);
    expect(bad('url', 'a b')).toBe(true);
    expect(bad('rfc3339', '2024-02-29T00:00:00Z')).toBe(false);
    expect(bad('rfc3339', '2023-02-29T00:00:00Z')).toBe(true);
    expect(bad('spdx', 'GPL-2.0-only WITH Classpath-exception-2.0')).toBe(false);
    expect(bad('spdx', 'GPL')).toBe(true);
    expect(bad('hash', 'a'.repeat(40))).toBe(false);
    expect(bad('hash', 'a'.repeat(8))).toBe(true);
    expect(bad('semver', '1.0.0-alpha.1+001')).toBe(false);
    expect(bad('semver', '01.0.0')).toBe(true);
    expect(bad('email', 'first.last+tag@example.co.uk')).toBe(false);
    expect(bad('email', 'a@@b')).toBe(true);
    expect(bad('rfc3339', '$BUILD_DATE')).toBe(false);
    expect(bad('semver', "'$V'")).toBe(false);
    expect(run("FROM a\nLABEL l='$V'", 'DL3056', { labelSchema: { l: 'semver' } })).toHaveLength(1);
  });
});
