// Quick fixes of the BuildKit-check and DH rules: the exact text after applying them, and a second lint
// that shows none of the fixed findings.
import { beforeAll, describe, expect, it } from 'vitest';
import { applyFixes } from '../src/core/apply-fixes.js';
import type { Fix } from '../src/core/diagnostic.js';
import { initLinter, lint } from '../src/linter/index.js';
import { allRules } from '../src/rules/index.js';
import type { Rule } from '../src/rules/types.js';

interface FixCase {
  rule: string;
  input: string;
  /** `safe`: apply safe fixes only (`--fix`); `unsafe`: safe and unsafe (`--fix-unsafe`). */
  level: 'safe' | 'unsafe';
  output: string;
  /** Findings of the rule left after fixing (those without an applicable fix). */
  remaining?: number;
}

const CASES: FixCase[] = [
  {
    rule: 'stage-name-casing',
    level: 'safe',
    input:
      'FROM alpine AS BuildBase\nRUN echo hi > /out\nFROM BuildBase AS Final\nCOPY --from=BuildBase /out /out\n' +
      'RUN --mount=type=bind,from=BuildBase,source=/out,target=/mnt cat /mnt\nFROM scratch\nCOPY --from=final /out /\n',
    output:
      'FROM alpine AS buildbase\nRUN echo hi > /out\nFROM buildbase AS final\nCOPY --from=buildbase /out /out\n' +
      'RUN --mount=type=bind,from=buildbase,source=/out,target=/mnt cat /mnt\nFROM scratch\nCOPY --from=final /out /\n',
  },
  { rule: 'from-as-casing', level: 'safe', input: 'FROM alpine as build\nfrom alpine AS run\n', output: 'FROM alpine AS build\nfrom alpine as run\n' },
  {
    rule: 'consistent-instruction-casing',
    level: 'safe',
    input: 'FROM alpine\nrun echo one\nCOPY a /a\nWorkdir /srv\n',
    output: 'FROM alpine\nRUN echo one\nCOPY a /a\nWORKDIR /srv\n',
  },
  {
    rule: 'consistent-instruction-casing',
    level: 'safe',
    input: 'from alpine\nrun echo one\nCOPY a /a\n',
    output: 'from alpine\nrun echo one\ncopy a /a\n',
  },
  {
    rule: 'maintainer-deprecated',
    level: 'unsafe',
    input: 'FROM alpine\nMAINTAINER Jane "JD" Doe <jane@example.org> $HOME\n',
    output: 'FROM alpine\nLABEL org.opencontainers.image.authors="Jane \\"JD\\" Doe <jane@example.org> \\$HOME"\n',
  },
  { rule: 'maintainer-deprecated', level: 'safe', input: 'FROM alpine\nMAINTAINER jane\n', output: 'FROM alpine\nMAINTAINER jane\n', remaining: 1 },
  {
    rule: 'legacy-key-value-format',
    level: 'safe',
    input: 'FROM alpine\nENV APP_HOME /srv/app\nLABEL description A small image\nENV QUOTED "a b"\n',
    output: 'FROM alpine\nENV APP_HOME=/srv/app\nLABEL description A small image\nENV QUOTED "a b"\n',
    remaining: 2,
  },
  {
    rule: 'legacy-key-value-format',
    level: 'unsafe',
    input: 'FROM alpine\nENV APP_HOME /srv/app\nLABEL description A small image\nENV QUOTED "a b"\n',
    output: 'FROM alpine\nENV APP_HOME=/srv/app\nLABEL description="A small image"\nENV QUOTED "a b"\n',
    remaining: 1,
  },
  { rule: 'expose-proto-casing', level: 'safe', input: 'FROM alpine\nEXPOSE 80/TCP 53/Udp 443\n', output: 'FROM alpine\nEXPOSE 80/tcp 53/udp 443\n' },
  {
    rule: 'json-args-recommended',
    level: 'safe',
    input: 'FROM alpine\nENTRYPOINT exec ./run.sh --port 80\nCMD node server.js\nHEALTHCHECK --interval=5s CMD wget -q localhost\n',
    output: 'FROM alpine\nENTRYPOINT exec ./run.sh --port 80\nCMD ["node", "server.js"]\nHEALTHCHECK --interval=5s CMD ["wget", "-q", "localhost"]\n',
    remaining: 1,
  },
  {
    rule: 'json-args-recommended',
    level: 'unsafe',
    input: 'FROM alpine\nENTRYPOINT exec ./run.sh --port 80\nCMD echo $HOME && ls\nCMD cd /srv\n',
    output: 'FROM alpine\nENTRYPOINT ["./run.sh", "--port", "80"]\nCMD echo $HOME && ls\nCMD cd /srv\n',
    remaining: 2,
  },
  {
    rule: 'json-args-recommended',
    level: 'safe',
    input: 'FROM node:22\nCMD node server.js\nFROM alpine\nENTRYPOINT ["tini", "--"]\nCMD ./app\n',
    output: 'FROM node:22\nCMD node server.js\nFROM alpine\nENTRYPOINT ["tini", "--"]\nCMD ./app\n',
    remaining: 2,
  },
  {
    rule: 'inline-comment',
    level: 'unsafe',
    input: 'FROM node:22-alpine\n  WORKDIR /app  # the app directory\nEXPOSE 3000\t# web port\n',
    output: 'FROM node:22-alpine\n  # the app directory\n  WORKDIR /app\n# web port\nEXPOSE 3000\n',
  },
  {
    rule: 'inline-comment',
    level: 'unsafe',
    input: 'FROM alpine\r\nEXPOSE 80 # web\r\n',
    output: 'FROM alpine\r\n# web\r\nEXPOSE 80\r\n',
  },
  { rule: 'instruction-not-uppercase', level: 'safe', input: 'arg V=1\nfrom alpine\nrun echo hello\n', output: 'ARG V=1\nFROM alpine\nRUN echo hello\n' },
];

const ruleNamed = (name: string): Rule => allRules.find((r) => r.name === name)!;

function findings(rule: Rule, text: string) {
  return lint(text, { rules: [rule] }).diagnostics.filter((d) => d.code === rule.code);
}

beforeAll(async () => {
  await initLinter();
});

describe('quick fixes', () => {
  for (const c of CASES) {
    it(`${c.rule} (--fix${c.level === 'unsafe' ? '-unsafe' : ''}): ${JSON.stringify(c.input.split('\n')[1])}`, () => {
      const rule = ruleNamed(c.rule);
      const fixes: Fix[] = findings(rule, c.input)
        .map((d) => d.fix)
        .filter((f): f is Fix => f !== undefined && (c.level === 'unsafe' || f.safety === 'safe'));
      const fixed = applyFixes(c.input, fixes).text;
      expect(fixed).toBe(c.output);
      expect(findings(rule, fixed).length).toBe(c.remaining ?? 0);
      // Idempotent: fixing the fixed text changes nothing more.
      const again = findings(rule, fixed).map((d) => d.fix).filter((f): f is Fix => f !== undefined && (c.level === 'unsafe' || f.safety === 'safe'));
      expect(applyFixes(fixed, again).text).toBe(fixed);
    });
  }

  it('ConsistentInstructionCasing and DH007 never disagree, so --fix converges to upper case', () => {
    const rules = [ruleNamed('consistent-instruction-casing'), ruleNamed('instruction-not-uppercase')];
    let text = 'from alpine\nrun echo one\nCOPY a /a\n';
    for (let pass = 0; pass < 3; pass++) {
      const fixes = lint(text, { rules }).diagnostics.map((d) => d.fix).filter((f): f is Fix => f?.safety === 'safe');
      text = applyFixes(text, fixes).text;
    }
    expect(text).toBe('FROM alpine\nRUN echo one\nCOPY a /a\n');
    expect(lint(text, { rules }).diagnostics).toEqual([]);
  });
});
