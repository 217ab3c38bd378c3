// The rules about how instructions are written and what they set: casing, exec form, repeated
// CMD / ENTRYPOINT / HEALTHCHECK, continuation lines and comments, the legacy `ENV key value` form,
// EXPOSE, WORKDIR, USER, ONBUILD, and inline ignore pragmas.
import { beforeAll, describe, expect, it } from 'vitest';
import { applyFixes } from '../src/core/apply-fixes.js';
import type { Fix } from '../src/core/diagnostic.js';
import { initLinter, lint } from '../src/linter/index.js';
import { parse } from '../src/parser/index.js';
import { instructionsOf, instructionsWithTriggers } from '../src/rules/utils/instructions.js';
import { at, describeRule, findings, itFinds, itFixes, itLines, ruleNamed } from './rules-kit.js';

beforeAll(() => initLinter());

describeRule('no-inline-ignore-pragma', { invalidCount: 2 }, () => {
  it('points at the pragma comment', () => {
    const text = 'FROM a:1\n  # hadolint ignore=DL3003\nRUN cd /x\n';
    expect(findings('no-inline-ignore-pragma', text).map((d) => at(text, d))).toEqual(['# hadolint ignore=DL3003']);
  });
  itLines('no-inline-ignore-pragma', 'hadolint: global and stage pragmas are not inline pragmas', '# hadolint global ignore=DL3003\nFROM a:1\n# hadolint stage ignore=DL3003\nRUN cd /x\n', []);
  itLines('no-inline-ignore-pragma', 'unlike hadolint: `# dockhand ignore=` is reported too', 'FROM a:1\n# dockhand ignore=DL3003\nRUN cd /x\n', [2]);
});

describeRule('no-root-user', { invalidCount: 2 }, () => {
  it('points at the USER argument of the last USER of each stage', () => {
    const text = 'FROM a:1\nUSER root\nFROM b:1\nUSER root:root\nRUN x\n';
    expect(findings('no-root-user', text).map((d) => [at(text, d), d.range.startLine])).toEqual([
      ['root', 2],
      ['root:root', 4],
    ]);
  });
  itLines('no-root-user', 'hadolint: only the last USER of each stage counts; 0:<group> is root; USER before FROM and ONBUILD USER are not seen', 'USER root\nFROM a AS x\nUSER 0:0\nFROM b\nUSER root\nUSER app\nONBUILD USER root\n', [3]);
  itLines('no-root-user', 'unlike hadolint: a quoted "root" is root (the builder removes the quotes)', 'FROM a\nUSER "root"\n', [2]);
});

describeRule('non-numeric-user', {}, () => {
  it('points at the user name', () => {
    const text = 'FROM alpine\nUSER app:app\nUSER $APP_UID\nUSER 1000';
    expect(findings('DL3066', text).map((d) => at(text, d))).toEqual(['app']);
  });
  itLines('non-numeric-user', 'hadolint: only the part before `:` is judged', 'FROM a\nUSER 1000:app\nUSER app:1000\n', [3]);
  itLines('non-numeric-user', 'unlike hadolint: any variable is accepted, not only an earlier ARG', 'FROM a\nENV APP_UID=1000\nUSER $APP_UID\n', []);
  itFinds('non-numeric-user', 'unlike hadolint: the message names the user', 'FROM a\nUSER app\n', ['2: Use a numeric UID instead of the user name `app` in USER.']);
});

describeRule('no-user', {});

describeRule('no-invalid-port', { invalidCount: 2 }, () => {
  itLines('no-invalid-port', 'hadolint: no lower bound, both ends of a range, ports given by a variable are skipped', 'FROM a\nEXPOSE 0 65535\nEXPOSE 80000/udp\nEXPOSE 8000-70000\nEXPOSE $PORT\n', [3, 4]);
});

describeRule('expose-invalid-format', {});

describeRule('expose-proto-casing', {}, () => {
  itFinds('expose-proto-casing', 'ports from variables are expanded first', 'FROM alpine\nENV P="80/TCP 53/udp"\nEXPOSE $P\n', [
    "3: Defined protocol '80/TCP' in EXPOSE instruction should be lowercase",
  ]);
  itFixes('expose-proto-casing', { level: 'safe', input: 'FROM alpine\nEXPOSE 80/TCP 53/Udp 443\n', output: 'FROM alpine\nEXPOSE 80/tcp 53/udp 443\n' });
});

describeRule('expose-ssh-port', {});

describeRule('require-absolute-workdir', {}, () => {
  itLines('require-absolute-workdir', 'hadolint: a variable, `/...` and a drive letter (with either slash, quoted too) are absolute', 'FROM a\nWORKDIR ${work}\nWORKDIR C:/x\nWORKDIR "C:\\\\"\nWORKDIR relative/dir\n', [5]);
});

describeRule('workdir-relative-path', {}, () => {
  itFinds(
    'workdir-relative-path',
    'only the first WORKDIR of a stage chain, after expansion',
    'FROM alpine\nENV BASE=/srv\nWORKDIR $BASE/app\nWORKDIR sub\nFROM alpine\nWORKDIR ${UNSET}rel\n',
    ['6: Relative workdir "rel" can have unexpected results if the base image changes'],
  );
  itFinds(
    'workdir-relative-path',
    'a variable an unknown base image may define is not judged',
    'FROM jupyter/base-notebook\nWORKDIR "${HOME}"\nFROM alpine\nWORKDIR "${HOME}"\n',
    ['4: Relative workdir "" can have unexpected results if the base image changes'],
  );
});

describeRule('workdir-in-system-dir', {});

describeRule('onbuild-forbidden-trigger', {});

describeRule('onbuild-trigger-fails', { invalidCount: 7 }, () => {
  it('reports where the trigger is wrong, with BuildKit\'s reason', () => {
    const text = 'FROM alpine:3.20\nONBUILD COPY --chmod=999 a /a\nONBUILD HEALTHCHECK --interval=5 CMD true\n';
    expect(findings('onbuild-trigger-fails', text).map((d) => `${d.range.startLine}: ${at(text, d)}`)).toEqual(['2: --chmod=999', '3: --interval=5']);
  });
  itLines('onbuild-trigger-fails', 'a stage of the file built on the trigger\'s stage makes it a syntax error instead', 'FROM alpine:3.20 AS base\nONBUILD STOPSIGNAL 0\nFROM base\n', []);
  itLines('onbuild-trigger-fails', 'a stage built on another stage does not inherit from that stage\'s base', 'FROM alpine:3.20 AS base\nONBUILD STOPSIGNAL 0\nFROM base AS one\nONBUILD STOPSIGNAL 0\n', [4]);
});

describeRule('multiple-healthcheck', {}, () => {
  itLines('multiple-healthcheck', 'hadolint: a `# hadolint ignore=DL3012` above the later HEALTHCHECK silences it; NONE counts', 'FROM a\nHEALTHCHECK CMD x\n# hadolint ignore=DL3012\nHEALTHCHECK NONE\n', []);
  itLines('multiple-healthcheck', 'unlike hadolint: reported at the overridden HEALTHCHECK (BuildKit); stages do not share', 'FROM a AS s\nHEALTHCHECK CMD x\nHEALTHCHECK NONE\nFROM s\nHEALTHCHECK CMD y\n', [2]);
});

describeRule('multiple-cmd', {}, () => {
  itFinds('multiple-cmd', 'reported at each overridden instruction', 'FROM alpine\nCMD ["a"]\nCMD ["b"]\nCMD ["c"]\n', [
    '2: Multiple CMD instructions should not be used in the same stage because only the last one will be used',
    '3: Multiple CMD instructions should not be used in the same stage because only the last one will be used',
  ]);
  itLines('multiple-cmd', 'hadolint: a `# hadolint ignore=DL4003` above the later CMD silences it', 'FROM a\nCMD x\n# hadolint ignore=DL4003\nCMD y\n', []);
  // hadolint reports CMD y (line 4, ignored) and CMD z (line 5); dockhand reports the overridden CMD x
  // (for hadolint's line 4) and CMD y (for hadolint's line 5), which the pragma above CMD y must not hide.
  itLines('multiple-cmd', 'hadolint: with three CMDs, a `# hadolint ignore=DL4003` above the middle one silences only its own finding', 'FROM a\nCMD x\n# hadolint ignore=DL4003\nCMD y\nCMD z\n', [4]);
  itLines('multiple-cmd', 'a `# hadolint ignore=DL4003` above the first CMD silences nothing (hadolint reports no finding there)', 'FROM a\n# hadolint ignore=DL4003\nCMD x\nCMD y\n', [3]);
  itLines('multiple-cmd', 'a `# dockhand ignore=DL4003` silences the finding where dockhand reports it, or where hadolint does', 'FROM a\n# dockhand ignore=DL4003\nCMD x\nCMD y\n# dockhand ignore=DL4003\nCMD z\n', []);
  itLines('multiple-cmd', "BuildKit: a `# check=skip=` comment above the later CMD does not reach the finding at the earlier one", 'FROM a\nCMD ["x"]\n# check=skip=MultipleInstructionsDisallowed\nCMD ["y"]\n', [2]);
  itLines('multiple-cmd', 'hadolint: stages do not share, and ONBUILD CMD does not count', 'FROM a AS s\nCMD x\nFROM s\nCMD y\nONBUILD CMD z\n', []);
  itLines('multiple-cmd', 'unlike hadolint: CMDs before the first FROM are not counted (DL3061 reports them)', 'CMD a\nCMD b\nFROM d\n', []);
});

describeRule('multiple-entrypoint', {}, () => {
  itLines('multiple-entrypoint', 'hadolint: a `# hadolint ignore=DL4004` above the later ENTRYPOINT silences it', 'FROM a\nENTRYPOINT x\n# hadolint ignore=DL4004\nENTRYPOINT y\n', []);
  itLines('multiple-entrypoint', 'unlike hadolint: reported at the overridden ENTRYPOINT (BuildKit)', 'FROM a\nENTRYPOINT ["x"]\nENTRYPOINT ["y"]\n', [2]);
});

describe('MultipleInstructionsDisallowed: the BuildKit name of DL3012, DL4003 and DL4004', () => {
  const TEXT = 'FROM alpine\nCMD ["a"]\nCMD ["b"]\nENTRYPOINT ["a"]\nENTRYPOINT ["b"]\nHEALTHCHECK CMD ["a"]\nHEALTHCHECK NONE\n';
  const MULTI = ['DL3012', 'DL4003', 'DL4004'];
  const codes = (text: string, config = {}) =>
    lint(text, { config }).diagnostics.map((d) => d.code).filter((c) => MULTI.includes(c)).sort();
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

describeRule('json-args-recommended', {}, () => {
  itFinds(
    'json-args-recommended',
    'a SHELL in a base stage silences it; exec form and HEALTHCHECK NONE are fine',
    'FROM alpine AS base\nSHELL ["/bin/ash", "-c"]\nFROM base\nCMD run\nFROM alpine\nHEALTHCHECK NONE\nENTRYPOINT ["x"]\n',
    [],
  );
  itFixes('json-args-recommended', {
    level: 'safe',
    input: 'FROM alpine\nENTRYPOINT exec ./run.sh --port 80\nCMD node server.js\nHEALTHCHECK --interval=5s CMD wget -q localhost\n',
    output: 'FROM alpine\nENTRYPOINT exec ./run.sh --port 80\nCMD ["node", "server.js"]\nHEALTHCHECK --interval=5s CMD ["wget", "-q", "localhost"]\n',
    remaining: 1,
  });
  itFixes('json-args-recommended', {
    level: 'unsafe',
    input: 'FROM alpine\nENTRYPOINT exec ./run.sh --port 80\nCMD echo $HOME && ls\nCMD cd /srv\n',
    output: 'FROM alpine\nENTRYPOINT ["./run.sh", "--port", "80"]\nCMD echo $HOME && ls\nCMD cd /srv\n',
    remaining: 2,
  });
  itFixes('json-args-recommended', {
    level: 'safe',
    input: 'FROM node:22\nCMD node server.js\nFROM alpine\nENTRYPOINT ["tini", "--"]\nCMD ./app\n',
    output: 'FROM node:22\nCMD node server.js\nFROM alpine\nENTRYPOINT ["tini", "--"]\nCMD ./app\n',
    remaining: 2,
  });
  itLines('json-args-recommended', 'hadolint: HEALTHCHECK CMD with options in shell form is reported; ONBUILD CMD is not checked', 'FROM a\nHEALTHCHECK --interval=5s CMD foo\nENTRYPOINT foo\nONBUILD CMD foo\n', [2, 3]);
  itLines('json-args-recommended', 'unlike hadolint: nothing is reported under a SHELL of the stage (BuildKit)', 'FROM debian:12\nSHELL ["/bin/bash", "-c"]\nCMD foo\n', []);
});

describeRule('consistent-instruction-casing', {}, () => {
  itFixes('consistent-instruction-casing', {
    level: 'safe',
    input: 'FROM alpine\nrun echo one\nCOPY a /a\nWorkdir /srv\n',
    output: 'FROM alpine\nRUN echo one\nCOPY a /a\nWORKDIR /srv\n',
  });
  itFixes('consistent-instruction-casing', {
    level: 'safe',
    input: 'from alpine\nrun echo one\nCOPY a /a\n',
    output: 'from alpine\nrun echo one\ncopy a /a\n',
  });
  it('never disagrees with DH007, so --fix converges to upper case', () => {
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

describeRule('instruction-not-uppercase', {}, () => {
  itFinds('instruction-not-uppercase', 'global ARGs and ONBUILD triggers are checked even in an upper-case file', 'arg V=1\nFROM alpine\nONBUILD run echo\n', [
    "1: Instruction 'arg' should be written in upper case ('ARG')",
    "3: Instruction 'run' should be written in upper case ('RUN')",
  ]);
  itFixes('instruction-not-uppercase', { level: 'safe', input: 'arg V=1\nfrom alpine\nrun echo hello\n', output: 'ARG V=1\nFROM alpine\nRUN echo hello\n' });
  // An ONBUILD trigger is stored as written in the image's OnBuild list: changing it changes the image.
  itFixes('instruction-not-uppercase', { level: 'safe', input: 'FROM alpine\nONBUILD run echo\n', output: 'FROM alpine\nONBUILD run echo\n', remaining: 1 });
  itFixes('instruction-not-uppercase', { level: 'unsafe', input: 'FROM alpine\nONBUILD run echo\n', output: 'FROM alpine\nONBUILD RUN echo\n' });
});

describeRule('no-empty-continuation', { wholeLines: true });

describeRule('legacy-key-value-format', {}, () => {
  itFixes('legacy-key-value-format', {
    level: 'safe',
    input: 'FROM alpine\nENV APP_HOME /srv/app\nLABEL description A small image\nENV QUOTED "a b"\n',
    output: 'FROM alpine\nENV APP_HOME=/srv/app\nLABEL description A small image\nENV QUOTED "a b"\n',
    remaining: 2,
  });
  itFixes('legacy-key-value-format', {
    level: 'unsafe',
    input: 'FROM alpine\nENV APP_HOME /srv/app\nLABEL description A small image\nENV QUOTED "a b"\n',
    output: 'FROM alpine\nENV APP_HOME=/srv/app\nLABEL description="A small image"\nENV QUOTED "a b"\n',
    remaining: 1,
  });
});

describeRule('inline-comment', {}, () => {
  itFinds('inline-comment', 'quoted and exec-form cases', 'FROM alpine\nLABEL a="x # y"\nCMD ["run"] # start\nENTRYPOINT ./run # fine in a shell\n', [
    "3: '#' after CMD is not a comment: it becomes part of the arguments",
  ]);
  itFixes('inline-comment', {
    level: 'unsafe',
    input: 'FROM node:22-alpine\n  WORKDIR /app  # the app directory\nEXPOSE 3000\t# web port\n',
    output: 'FROM node:22-alpine\n  # the app directory\n  WORKDIR /app\n# web port\nEXPOSE 3000\n',
  });
  itFixes('inline-comment', { level: 'unsafe', input: 'FROM alpine\r\nEXPOSE 80 # web\r\n', output: 'FROM alpine\r\n# web\r\nEXPOSE 80\r\n' });
});

describe('instructions by keyword (rules/utils/instructions.ts)', () => {
  const withTriggers = 'ONBUILD EXPOSE 22\nARG A=1\nFROM alpine\nEXPOSE 80\nONBUILD RUN make\nRUN ls\nonbuild expose 23\nONBUILD\nUSER app\nEXPOSE 81\n';
  const plain = 'FROM alpine\nEXPOSE 80\nRUN ls\nEXPOSE 81\nRUN pwd\n';

  it('lists the top-level instructions of a keyword in file order, as filtering every instruction does', () => {
    for (const text of [withTriggers, plain]) {
      const file = parse(text);
      for (const k of ['EXPOSE', 'RUN', 'ONBUILD', 'ARG', 'FROM', 'USER', 'COPY']) {
        expect(instructionsOf(file, k)).toEqual(file.instructions.filter((i) => i.keyword === k));
      }
    }
  });

  it('puts each ONBUILD trigger of the keyword at its ONBUILD\'s place', () => {
    const file = parse(withTriggers);
    const want = (k: string) => file.instructions.flatMap((i) => (i.keyword === k ? [i] : i.trigger?.keyword === k ? [i.trigger] : []));
    expect(instructionsWithTriggers(file, 'EXPOSE').map((i) => i.argsText)).toEqual(['22', '80', '23', '81']);
    for (const k of ['EXPOSE', 'RUN', 'ONBUILD', 'USER', 'COPY']) expect(instructionsWithTriggers(file, k)).toEqual(want(k));
    // Without triggers both views are the same lists.
    const flat = parse(plain);
    expect(instructionsWithTriggers(flat, 'EXPOSE')).toBe(instructionsOf(flat, 'EXPOSE'));
  });

  it('answers for the file asked about when files alternate', () => {
    const a = parse(plain);
    const b = parse(withTriggers);
    expect(instructionsOf(a, 'EXPOSE')).toHaveLength(2);
    expect(instructionsOf(b, 'EXPOSE')).toHaveLength(2);
    expect(instructionsWithTriggers(b, 'EXPOSE')).toHaveLength(4);
    expect(instructionsOf(a, 'RUN').map((i) => i.argsText)).toEqual(['ls', 'pwd']);
    expect(instructionsOf(b, 'RUN').map((i) => i.argsText)).toEqual(['ls']);
  });
});
