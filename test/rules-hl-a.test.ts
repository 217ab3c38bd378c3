// Part A hadolint rules (DL1001, DL3001–DL3029 but DL3000/3012/3024/3025): fixtures
// (fixtures/rules/<name>/{valid,invalid}.Dockerfile), exact ranges and fixes.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { applyFixes } from '../src/core/apply-fixes.js';
import type { Diagnostic } from '../src/core/diagnostic.js';
import { allRules, initLinter, lint, RULE_CRASH_CODE, type LintConfig } from '../src/linter/index.js';
import type { Rule } from '../src/rules/types.js';
import { parseOptions } from '../src/rules/utils/command-args.js';
import { parseImageRef } from '../src/rules/utils/images.js';
import { hasVolatileMountOver, mountsOf } from '../src/rules/utils/mounts.js';
import { parse } from '../src/parser/index.js';
import type { ShellWord } from '../src/shell/types.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Each rule of part A and how many findings its invalid fixture must give. */
const INVALID_COUNTS: Record<string, number> = {
  'no-inline-ignore-pragma': 2,
  'no-irrelevant-commands': 5,
  'no-root-user': 2,
  'no-cd-in-run': 2,
  'no-sudo': 2,
  'require-image-tag': 3,
  'no-latest-tag': 2,
  'pin-apt-versions': 5,
  'require-apt-lists-cleanup': 4,
  'prefer-add-to-extract': 2,
  'no-invalid-port': 2,
  'pin-pip-versions': 6,
  'require-apt-get-yes': 3,
  'require-no-install-recommends': 2,
  'pin-npm-versions': 5,
  'pin-apk-versions': 3,
  'require-apk-no-cache': 3,
  'prefer-copy-over-add': 3,
  'require-copy-dest-slash': 4,
  'no-unknown-copy-from': 3,
  'no-copy-from-self': 2,
  'pin-gem-versions': 3,
  'no-from-platform': 2,
  'no-untrusted-registry': 4,
  'no-apt': 3,
};

/** Config a rule's fixtures need. */
const CONFIG: Record<string, Partial<LintConfig>> = {
  'no-untrusted-registry': { trustedRegistries: ['*.example.com'] },
};

function ruleNamed(name: string): Rule {
  const r = allRules.find((x) => x.name === name);
  if (!r) throw new Error(`rule ${name} is not registered`);
  return r;
}

/** Lint `text` with only `rule` enabled. */
function run(rule: Rule, text: string, config: Partial<LintConfig> = {}): Diagnostic[] {
  const severity = rule.disabledByDefault ? { [rule.code]: rule.severity } : {};
  return lint(text, { rules: [rule], config: { ...CONFIG[rule.name], ...config, severity } }).diagnostics.filter((d) => d.code === rule.code);
}

/** The source text a diagnostic points at. */
function at(text: string, d: Diagnostic): string {
  return text.slice(d.range.start, d.range.end);
}

/** Lint with one rule and apply every fix it offers. */
function fixed(rule: Rule, text: string): string {
  return applyFixes(text, run(rule, text).flatMap((d) => (d.fix ? [d.fix] : []))).text;
}

beforeAll(async () => {
  await initLinter();
});

describe.for(Object.keys(INVALID_COUNTS))('%s fixtures', (name) => {
  const dir = path.join(root, 'fixtures/rules', name);
  it('reports nothing on valid.Dockerfile', () => {
    const text = readFileSync(path.join(dir, 'valid.Dockerfile'), 'utf8');
    expect(run(ruleNamed(name), text).map((d) => `${d.range.startLine}: ${at(text, d)}`)).toEqual([]);
  });
  it('reports every problem in invalid.Dockerfile', () => {
    const text = readFileSync(path.join(dir, 'invalid.Dockerfile'), 'utf8');
    const found = run(ruleNamed(name), text).map((d) => `${d.range.startLine}: ${at(text, d)}`);
    expect(found.length, found.join('\n')).toBe(INVALID_COUNTS[name]!);
  });
});

describe('exact ranges', () => {
  it('DL3008 points at each unpinned package', () => {
    const text = 'FROM debian:12\nRUN apt-get update && apt-get install -y -t stable python3 curl=7 \\\n  git\n';
    const found = run(ruleNamed('pin-apt-versions'), text);
    expect(found.map((d) => [at(text, d), d.range.startLine, d.range.startColumn])).toEqual([
      ['python3', 2, 52],
      ['git', 3, 3],
    ]);
  });
  it('DL3008 maps packages across comment lines and in RUN heredocs', () => {
    const rule = ruleNamed('pin-apt-versions');
    const cont = 'FROM debian:12\nRUN apt-get install -y \\\n# the editor\n    vim \\\n    curl=7\n';
    expect(run(rule, cont).map((d) => [at(cont, d), d.range.startLine])).toEqual([['vim', 4]]);
    const heredoc = 'FROM debian:12\nRUN <<EOF\nset -e\napt-get install -y jq\nEOF\n';
    expect(run(rule, heredoc).map((d) => [at(heredoc, d), d.range.startLine])).toEqual([['jq', 4]]);
  });
  it('DL3008 honours the escape directive', () => {
    const text = '# escape=`\nFROM debian:12\nRUN apt-get install -y `\n    vim\n';
    expect(run(ruleNamed('pin-apt-versions'), text).map((d) => [at(text, d), d.range.startLine])).toEqual([['vim', 4]]);
  });
  it('DL3013 points at the package, also through python -m pip and quotes', () => {
    const text = "FROM python:3\nRUN python3 -m pip install 'requests[socks]' flask==3.0\n";
    expect(run(ruleNamed('pin-pip-versions'), text).map((d) => at(text, d))).toEqual(["'requests[socks]'"]);
  });
  it('DL3007 points at the :latest tag', () => {
    const text = 'FROM localhost:5000/app:latest AS x\n';
    const [d] = run(ruleNamed('no-latest-tag'), text);
    expect(at(text, d!)).toBe(':latest');
  });
  it('DL3006 points at the image', () => {
    const text = 'FROM --platform=$BUILDPLATFORM golang AS build\n';
    expect(run(ruleNamed('require-image-tag'), text).map((d) => at(text, d))).toEqual(['golang']);
  });
  it('DL3014 and DL3015 point at `apt-get ... install`', () => {
    const text = 'FROM debian:12\nRUN apt-get -q install curl=7\n';
    expect(run(ruleNamed('require-apt-get-yes'), text).map((d) => at(text, d))).toEqual(['apt-get -q install']);
    expect(run(ruleNamed('require-no-install-recommends'), text).map((d) => at(text, d))).toEqual(['apt-get -q install']);
  });
  it('DL3009 points at the update command', () => {
    const text = 'FROM debian:12\nRUN apt-get -q update && apt-get install -y curl=7\n';
    expect(run(ruleNamed('require-apt-lists-cleanup'), text).map((d) => at(text, d))).toEqual(['apt-get -q update']);
  });
  it('DL3022 and DL3023 point at the --from value', () => {
    const text = 'FROM a:1 AS one\nCOPY --from=one x y\nCOPY --from=two x y\n';
    expect(run(ruleNamed('no-copy-from-self'), text).map((d) => [at(text, d), d.range.startLine])).toEqual([['one', 2]]);
    expect(run(ruleNamed('no-unknown-copy-from'), text).map((d) => [at(text, d), d.range.startLine])).toEqual([['two', 3]]);
  });
  it('DL3029 points at the --platform flag', () => {
    const text = 'FROM --platform=linux/amd64 debian:12\n';
    expect(run(ruleNamed('no-from-platform'), text).map((d) => at(text, d))).toEqual(['--platform=linux/amd64']);
  });
  it('DL3010 points at the copied archive', () => {
    const text = 'FROM debian:12\nCOPY a.txt app.tar.gz /opt/\nRUN tar -xzf /opt/app.tar.gz\n';
    expect(run(ruleNamed('prefer-add-to-extract'), text).map((d) => at(text, d))).toEqual(['app.tar.gz']);
  });
  it('DL3001, DL3003, DL3004 and DL3027 point at the command name', () => {
    const text = 'FROM debian:12\nRUN cd /x && sudo apt install vim=2 && sudo service x start\n';
    expect(run(ruleNamed('no-cd-in-run'), text).map((d) => at(text, d))).toEqual(['cd']);
    expect(run(ruleNamed('no-sudo'), text).map((d) => at(text, d))).toEqual(['sudo', 'sudo']);
    expect(run(ruleNamed('no-apt'), text).map((d) => at(text, d))).toEqual(['apt']);
    expect(run(ruleNamed('no-irrelevant-commands'), text).map((d) => at(text, d))).toEqual(['service']);
  });
  it('DL3002 points at the USER argument of the last USER of each stage', () => {
    const text = 'FROM a:1\nUSER root\nFROM b:1\nUSER root:root\nRUN x\n';
    expect(run(ruleNamed('no-root-user'), text).map((d) => [at(text, d), d.range.startLine])).toEqual([
      ['root', 2],
      ['root:root', 4],
    ]);
  });
  it('DL1001 points at the pragma comment', () => {
    const text = 'FROM a:1\n  # hadolint ignore=DL3003\nRUN cd /x\n';
    expect(run(ruleNamed('no-inline-ignore-pragma'), text).map((d) => at(text, d))).toEqual(['# hadolint ignore=DL3003']);
  });
});

describe('fixes', () => {
  it('DL3014 adds -y after install (safe)', () => {
    const rule = ruleNamed('require-apt-get-yes');
    const text = 'FROM debian:12\nRUN apt-get update && apt-get install curl=7 \\\n && echo ok\n';
    expect(run(rule, text)[0]!.fix!.safety).toBe('safe');
    expect(fixed(rule, text)).toBe('FROM debian:12\nRUN apt-get update && apt-get install -y curl=7 \\\n && echo ok\n');
    expect(run(rule, fixed(rule, text))).toEqual([]);
  });
  it('DL3015 adds --no-install-recommends (unsafe)', () => {
    const rule = ruleNamed('require-no-install-recommends');
    const text = 'FROM debian:12\nRUN apt-get install -y curl=7\n';
    expect(run(rule, text)[0]!.fix!.safety).toBe('unsafe');
    expect(fixed(rule, text)).toBe('FROM debian:12\nRUN apt-get install --no-install-recommends -y curl=7\n');
  });
  it('DL3019 adds --no-cache (unsafe)', () => {
    const rule = ruleNamed('require-apk-no-cache');
    expect(fixed(rule, 'FROM alpine:3\nRUN apk add curl=8\n')).toBe('FROM alpine:3\nRUN apk add --no-cache curl=8\n');
  });
  it('DL3020 replaces ADD with COPY, safe only for sources with an extension or a trailing slash', () => {
    const rule = ruleNamed('prefer-copy-over-add');
    const safe = 'FROM a:1\nadd app.conf conf.d/ /etc/app/\n';
    expect(run(rule, safe)[0]!.fix!.safety).toBe('safe');
    expect(fixed(rule, safe)).toBe('FROM a:1\ncopy app.conf conf.d/ /etc/app/\n');
    expect(run(rule, 'FROM a:1\nADD bundle /srv/\n')[0]!.fix!.safety).toBe('unsafe');
    expect(run(rule, 'FROM a:1\nADD --checksum=sha256:abc file /srv/\n')[0]!.fix).toBeUndefined();
    expect(run(rule, 'FROM a:1\nADD file archive.tar /srv/\n')[0]!.fix).toBeUndefined();
  });
  it('DL3021 adds the slash, inside quotes and JSON strings', () => {
    const rule = ruleNamed('require-copy-dest-slash');
    const text = 'FROM a:1\nCOPY a b /app\nCOPY a b "dest"\nCOPY ["a", "b", "c"]\n';
    expect(fixed(rule, text)).toBe('FROM a:1\nCOPY a b /app/\nCOPY a b "dest/"\nCOPY ["a", "b", "c/"]\n');
  });
  it('DL3027 replaces apt with apt-get or apt-cache where they are equivalent (unsafe)', () => {
    const rule = ruleNamed('no-apt');
    const text = 'FROM debian:12\nRUN apt update && apt show curl && apt upgrade -y\n';
    expect(fixed(rule, text)).toBe('FROM debian:12\nRUN apt-get update && apt-cache show curl && apt upgrade -y\n');
    expect(run(rule, text).map((d) => d.fix?.safety)).toEqual(['unsafe', 'unsafe', undefined]);
  });
});

describe('stage and ONBUILD behaviour', () => {
  it('DL3009 only reports stages that ship: the last one and those reused as a base', () => {
    const rule = ruleNamed('require-apt-lists-cleanup');
    const text = 'FROM debian:12 AS a\nRUN apt-get update\nFROM debian:12 AS b\nRUN apt-get update\nFROM A\nRUN true\n';
    expect(run(rule, text).map((d) => d.range.startLine)).toEqual([2]);
  });
  it('DL3010 forgets archives at each FROM', () => {
    const rule = ruleNamed('prefer-add-to-extract');
    expect(run(rule, 'FROM a:1\nCOPY x.tar /\nFROM b:1\nRUN tar -xf /x.tar\n')).toEqual([]);
  });
  it('rules marked OB in hadolint check ONBUILD RUN, the others do not', () => {
    expect(run(ruleNamed('pin-apt-versions'), 'FROM a:1\nONBUILD RUN apt-get install -y curl\n')).toHaveLength(1);
    expect(run(ruleNamed('no-cd-in-run'), 'FROM a:1\nONBUILD RUN cd /x\n')).toHaveLength(0);
  });
  it('DL3026 does nothing without trustedRegistries', () => {
    const rule = ruleNamed('no-untrusted-registry');
    expect(lint('FROM quay.io/a/b:1\n', { rules: [rule] }).diagnostics).toEqual([]);
  });
  it('a PowerShell SHELL turns off the shell-based rules', () => {
    const text = 'FROM mcr.microsoft.com/windows/servercore:ltsc2022\nSHELL ["powershell", "-Command"]\nRUN apt-get install curl\n';
    expect(run(ruleNamed('pin-apt-versions'), text)).toEqual([]);
  });
});

describe('helpers', () => {
  const words = (...vs: string[]): ShellWord[] =>
    vs.map((value) => ({ value, raw: value, range: { start: 0, end: 0, startLine: 1, startColumn: 1, endLine: 1, endColumn: 1 } }));
  const summary = (vs: string[], valueFlags: string[]) => {
    const p = parseOptions(words(...vs), valueFlags);
    return {
      options: p.options.map((o) => (o.value === null ? o.name : `${o.name}=${o.value}`)),
      operands: p.operands.map((w) => w.value),
      rest: p.afterDoubleDash.map((w) => w.value),
    };
  };
  it('parseOptions reads options the way getopt does', () => {
    expect(summary(['-yq', '-t', 'stable', 'install', '--opt=x', 'a', '-', '--', '-b'], ['t'])).toEqual({
      options: ['y', 'q', 't=stable', 'opt=x'],
      operands: ['install', 'a', '-'],
      rest: ['-b'],
    });
    expect(summary(['-tstable', '--target-release', 'sid', '--index-url=u', 'pkg'], ['t', 'target-release', 'index-url'])).toEqual({
      options: ['t=stable', 'target-release=sid', 'index-url=u'],
      operands: ['pkg'],
      rest: [],
    });
  });
  it('parseImageRef splits registry, repository, tag and digest', () => {
    expect(parseImageRef('localhost:5000/team/app:1.2@sha256:ab')).toEqual({
      registry: 'localhost:5000', repository: 'team/app', tag: '1.2', tagOffset: 24, digest: 'sha256:ab',
    });
    expect(parseImageRef('zemanlx/ubuntu:18.04')).toMatchObject({ registry: null, repository: 'zemanlx/ubuntu', tag: '18.04' });
    expect(parseImageRef('registry.example.com:5000/app')).toMatchObject({ registry: 'registry.example.com:5000', tag: null });
  });
  it('mountsOf and hasVolatileMountOver read RUN --mount', () => {
    const run = parse('FROM a:1\nRUN --mount=type=cache,target=/var/lib/apt --mount=from=img:1,dst=/m true\n').instructions[1]!;
    expect(mountsOf(run).map((m) => [m.type, m.target, m.from])).toEqual([
      ['cache', '/var/lib/apt', null],
      ['bind', '/m', 'img:1'],
    ]);
    expect(hasVolatileMountOver(run, '/var/lib/apt/lists')).toBe(true);
    expect(hasVolatileMountOver(run, '/var/cache/apt')).toBe(false);
  });
});

describe('robustness', () => {
  const partA = Object.keys(INVALID_COUNTS).map(ruleNamed);
  const word = fc.constantFrom(
    'apt-get', 'apt', 'install', 'update', '-y', '-qq', '-t', '--no-install-recommends', 'pip', 'pip3', 'python', '-m',
    'npm', 'i', 'apk', 'add', '--no-cache', '-X', 'gem', '--', '-v', 'sudo', 'cd', 'rm', '-rf', '/var/lib/apt/lists/*',
    'tar', '-xf', 'a.tar', 'x=1', '"q u"', "'s'", '$V', '${V:-x}', '&&', '||', ';', '|', '(', ')', '\\\n', '<<EOF',
    '#', '=', '@', ':', '.', '/', 'foo@1', '@s/p', 'git+https://h/r.git@v', '-o', 'APT::Get::Assume-Yes=true',
  );
  const line = fc.oneof(
    fc.array(word, { maxLength: 12 }).map((ws) => `RUN ${ws.join(' ')}`),
    fc.array(word, { maxLength: 8 }).map((ws) => `ONBUILD RUN ${ws.join(' ')}`),
    fc.constantFrom(
      'FROM a:latest AS s', 'FROM s', 'FROM --platform=linux/amd64 b', 'FROM $X', 'FROM', 'USER root', 'USER 0:0',
      'COPY a.tar b c', 'COPY --from=s x .', 'COPY --from=9 x y', 'COPY ["a", "b"]', 'ADD f /x', 'ADD', 'EXPOSE 99999 1-x',
      'RUN ["apt-get", "install", "z"]', 'RUN --mount=type=cache,target=/var/cache/apk,from=q.io/i apk add k',
      '# hadolint ignore=DL3008', 'EOF', 'SHELL ["pwsh", "-c"]', 'RUN <<EOF', 'apt-get install j', 'EOF',
    ),
  );
  it('never crashes and keeps every range inside the text', () => {
    fc.assert(
      fc.property(fc.array(line, { maxLength: 12 }), (lines) => {
        const text = `${lines.join('\n')}\n`;
        const ds = lint(text, { rules: partA, config: { trustedRegistries: ['x.io'], severity: { DL1001: 'info' } } }).diagnostics;
        for (const d of ds) {
          expect(d.code).not.toBe(RULE_CRASH_CODE);
          expect(d.range.start).toBeGreaterThanOrEqual(0);
          expect(d.range.end).toBeLessThanOrEqual(text.length);
          expect(d.range.start).toBeLessThanOrEqual(d.range.end);
        }
      }),
      { numRuns: 300 },
    );
  });
});
