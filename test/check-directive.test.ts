// Builds BuildKit refuses before any step runs, which dockhand reports as syntax errors: a `# check=`
// directive it cannot parse, RUN --mount specs it rejects, and COPY/ADD that dispatchCopy refuses.
import { beforeAll, describe, expect, it } from 'vitest';
import { initLinter, lint } from '../src/linter/index.js';
import { checkOptionsError } from '../src/linter/pragmas.js';
import { parse } from '../src/parser/index.js';
import { plan } from '../src/planner/plan.js';

beforeAll(async () => {
  await initLinter();
});

/** The syntax errors lint reports, as `line:column message`. */
const syntax = (text: string) =>
  lint(text).diagnostics.filter((d) => d.code === 'syntax').map((d) => `${d.range.startLine}:${d.range.startColumn} ${d.message}`);

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

describe('# check= after a shebang line', () => {
  // BuildKit's parser takes `#!...` for a comment that ends the directives, but it reads `check=`
  // with ParseDirective, which skips a first-line shebang (and a BOM) first.
  const codes = (text: string) => lint(text, { filename: 'Dockerfile' }).diagnostics.map((d) => `${d.code}@${d.range.startLine}`);
  const body = 'FROM alpine:3.20 as build\nCMD echo hi\n';

  it('applies, as BuildKit reads it', () => {
    expect(codes(body)).toEqual(expect.arrayContaining(['FromAsCasing@1', 'DL3025@2']));
    expect(codes(`#!/usr/bin/env -S docker build -f\n# check=skip=JSONArgsRecommended\n${body}`)).not.toContain('DL3025@4');
    expect(codes(`\ufeff#!/bin/sh\n# syntax=docker/dockerfile:1\n# check=skip=all\n${body}`)).not.toContain('DL3025@5');
    // Reported where it is written when BuildKit cannot parse it.
    const bad = lint(`#!/usr/bin/env -S docker build -f\n# check=bogus\n${body}`).diagnostics.find((d) => d.code === 'syntax');
    expect(bad).toMatchObject({ message: 'failed to parse check options: invalid check option "bogus"', range: { startLine: 2, startColumn: 9 } });
  });

  it('only on the lines right after it, each starting with #', () => {
    // (A `check=` comment right above FROM still applies to the FROM alone: the CMD tells.)
    expect(codes(`#!/bin/sh\n# check=skip=all\n${body}`)).not.toContain('DL3025@4');
    expect(codes(`#!/bin/sh\n\n# check=skip=all\n${body}`)).toContain('DL3025@5');
    expect(codes(`#!/bin/sh\n# a comment\n# check=skip=all\n${body}`)).toContain('DL3025@5');
    expect(codes(`#!/bin/sh\n  # check=skip=all\n${body}`)).toContain('DL3025@4');
    // Without a shebang the first line decides as before: a comment ends the directives.
    expect(codes(`# hello\n# check=skip=all\n${body}`)).toContain('DL3025@4');
  });
});

describe('RUN --mount specs BuildKit refuses', () => {
  // Its instruction parser fails on them, so the build does: reported as syntax errors at the flag.

  it('reports each, at its flag', () => {
    expect(syntax('FROM alpine:3.20\nRUN --mount=type=foo,target=/x true\nRUN --mount=type=secret true\nRUN --mount=type=cache,target=/ok true\n')).toEqual([
      '2:13 unsupported mount type "foo"',
      '3:13 invalid secret mount. one of source, target required',
    ]);
  });

  it('leaves specs with variables alone: a build may give them values', () => {
    expect(syntax('FROM alpine:3.20\nARG T\nRUN --mount=type=$T,target=/x true\n')).toEqual([]);
  });
});

describe('COPY and ADD that dispatchCopy refuses', () => {
  const sum = `sha256:${'1'.repeat(64)}`;

  it('a numeric --chmod that is no mode from 0 to 07777', () => {
    expect(syntax('FROM alpine:3.20\nCOPY --chmod=999 a /a\nADD --chmod=10000 a /b\nCOPY --chmod=0755 a /c\nCOPY --chmod=7777 a /d\nCOPY --chmod=u+x a /e\n')).toEqual([
      "2:6 invalid chmod parameter: '999'. it should be octal string and between 0 and 07777",
      "3:5 invalid chmod parameter: '10000'. it should be octal string and between 0 and 07777",
    ]);
  });

  it('ADD --checksum on anything but one download or git source', () => {
    expect(syntax(`FROM alpine:3.20\nADD --checksum=${sum} a.tgz /a\nADD --checksum=${sum} https://e.com/a https://e.com/b /b/\nADD --checksum=${sum} https://e.com/a /c\nADD --checksum=${'a'.repeat(40)} https://github.com/o/r.git#main /d\n`)).toEqual([
      '2:5 checksum requires HTTP(S) or Git sources',
      "3:5 checksum can't be specified for multiple sources",
    ]);
  });

  it('a URL or git source given to COPY', () => {
    expect(syntax('FROM alpine:3.20\nCOPY https://e.com/a /a\nCOPY git@github.com:o/r.git /r\nCOPY github.com/o/r.git /s\n')).toEqual([
      "2:6 source can't be a URL for COPY",
      "3:6 source can't be a git ref for COPY",
    ]);
  });

  it('leaves words with variables alone, and plan refuses the build with the values it expands', () => {
    expect(syntax('FROM alpine:3.20\nARG M=999\nCOPY --chmod=$M a /a\nARG U\nCOPY $U /b\n')).toEqual([]);
    expect(() => plan(parse('FROM alpine:3.20\nARG M=999\nCOPY --chmod=$M a /a\n'))).toThrow(/invalid chmod parameter: '999'/);
    expect(() => plan(parse('FROM alpine:3.20\nARG U\nCOPY $U /b\n'), { buildArgs: { U: 'https://e.com/x' } })).toThrow(/source can't be a URL for COPY/);
    expect(() => plan(parse('FROM alpine:3.20\nARG U\nCOPY $U /b\n'), { buildArgs: { U: 'x' } })).not.toThrow();
  });
});

describe('other instructions dispatch refuses', () => {

  it('a STOPSIGNAL that names no signal, and an empty VOLUME', () => {
    expect(syntax('FROM alpine:3.20\nSTOPSIGNAL FOO\nSTOPSIGNAL 0\nSTOPSIGNAL sigterm\nSTOPSIGNAL 9\nSTOPSIGNAL RTMIN+3\nVOLUME ["/data", ""]\nVOLUME ""\nVOLUME /ok\n')).toEqual([
      '2:12 Invalid signal: FOO',
      '3:12 Invalid signal: 0',
      '7:18 VOLUME specified can not be an empty string',
      '8:8 VOLUME specified can not be an empty string',
    ]);
    // A value from a variable is known only to the build.
    expect(syntax('FROM alpine:3.20\nARG S\nSTOPSIGNAL $S\nVOLUME $S\n')).toEqual([]);
    expect(() => plan(parse('FROM alpine:3.20\nARG S=FOO\nSTOPSIGNAL $S\n'))).toThrow(/Invalid signal: FOO/);
    expect(() => plan(parse('FROM alpine:3.20\nARG V\nVOLUME $V\n'))).toThrow(/VOLUME specified can not be an empty string/);
  });

  it('an EXPOSE port spec parsePortSpec cannot read', () => {
    expect(syntax('FROM alpine:3.20\nEXPOSE 80 443/tcp 53/udp 8000-8010 0 65535 127.0.0.1:8080:80 ::1:80:80 8080-8081:80 "90 91"\n')).toEqual([]);
    expect(syntax('FROM alpine:3.20\nEXPOSE 80-70\nEXPOSE 80a\nEXPOSE 70000\nEXPOSE 80/http\nEXPOSE 1.2.3:80:80\nEXPOSE 80-81:90-95\nEXPOSE x:80\n')).toEqual([
      '2:8 invalid containerPort: 80-70',
      '3:8 invalid containerPort: 80a',
      '4:8 invalid containerPort: 70000',
      '5:8 invalid proto: http',
      '6:8 invalid IP address: 1.2.3',
      '7:8 invalid ranges specified for container and host Ports: 90-95 and 80-81',
      '8:8 invalid hostPort: x',
    ]);
    expect(syntax('FROM alpine:3.20\nARG P\nEXPOSE $P\n')).toEqual([]);
    expect(() => plan(parse('FROM alpine:3.20\nARG P=8o\nEXPOSE $P\n'))).toThrow(/invalid containerPort: 8o/);
  });

  it('a COPY --from BuildKit cannot resolve, in any stage', () => {
    expect(syntax('FROM alpine:3.20 AS a\nCOPY --from=later /x /y\nARG X=a\nCOPY --from=$X /x /z\nCOPY --from=7 /x /w\nFROM alpine:3.20 AS later\nCOPY --from=a /x /y\n')).toEqual([
      '2:13 cannot copy from stage "later", it needs to be defined before current stage "a"',
      '4:13 variable expansion is not supported for --from, define a new stage with FROM using ARG from global scope as a workaround',
      '5:13 invalid stage index 7',
    ]);
  });
});

describe('ONBUILD triggers BuildKit refuses', () => {
  // BuildKit parses and dispatches a trigger only in a build that inherits it (initOnBuildTriggers):
  // the image with the trigger builds, a stage of the same file built on it fails.
  const triggers = [
    'ONBUILD COPY --chown a',
    'ONBUILD RUN --mount=type=cahce,target=/x true',
    'ONBUILD ENV',
    'ONBUILD EXPOSE 80/tcpx',
    'ONBUILD FROMM x',
    'ONBUILD COPY --chmod=999 a /a',
    'ONBUILD COPY https://e.com/a /a',
    'ONBUILD STOPSIGNAL SIGFOO',
  ].join('\n');
  const reasons = [
    '2:9 COPY requires at least two arguments, but only one was provided. Destination could not be determined',
    '3:21 unsupported mount type "cahce"',
    '4:9 ENV requires at least one argument',
    '5:16 invalid proto: tcpx',
    '6:9 unknown instruction: FROMM (did you mean FROM?)',
    "7:14 invalid chmod parameter: '999'. it should be octal string and between 0 and 07777",
    "8:14 source can't be a URL for COPY",
    '9:20 Invalid signal: SIGFOO',
  ];
  const dh019 = (text: string) =>
    lint(text).diagnostics.filter((d) => d.code === 'DH019').map((d) => `${d.range.startLine}:${d.range.startColumn} ${d.severity} ${d.message}`);

  it('are no syntax error where no stage inherits them, and DH019 warns of the builds FROM the image', () => {
    const text = `FROM alpine:3.20 AS base\n${triggers}\n`;
    expect(syntax(text)).toEqual([]);
    expect(dh019(text)).toEqual(reasons.map((r) => r.replace(/^(\S+) /, '$1 warning every build FROM this image fails on this ONBUILD trigger: ')));
    expect(() => plan(parse(text))).not.toThrow();
  });

  it('fail the stages built on them: syntax errors at the trigger naming the stage, and plan refuses', () => {
    const text = `FROM alpine:3.20 AS base\n${triggers}\nFROM base AS child\nRUN true\n`;
    expect(syntax(text)).toEqual(reasons.map((r) => `${r} (stage "child" inherits this ONBUILD trigger)`));
    expect(dh019(text)).toEqual([]);
    let problems: { line: number | null; message: string }[] = [];
    try {
      plan(parse(text));
    } catch (err) {
      problems = (err as { problems: typeof problems }).problems;
    }
    expect(problems).toEqual(reasons.map((r) => ({ line: Number(r.split(':')[0]), message: r.replace(/^\S+ /, '') })));
  });

  it('name every inheriting stage, found with the ARG defaults, and leave words with variables alone', () => {
    const text = 'ARG B=base\nFROM alpine:3.20 AS base\nONBUILD STOPSIGNAL 0\nONBUILD ARG S\nONBUILD STOPSIGNAL $S\nFROM ${B} AS one\nFROM base\n';
    expect(syntax(text)).toEqual(['3:20 Invalid signal: 0 (stages "one", "stage-2" inherit this ONBUILD trigger)']);
  });

  it('leave the triggers ONBUILD itself refuses to its syntax error', () => {
    const text = 'FROM alpine:3.20 AS base\nONBUILD ONBUILD\nONBUILD FROM\nFROM base\n';
    expect(syntax(text)).toEqual(["2:9 Chaining ONBUILD via `ONBUILD ONBUILD` isn't allowed", "3:9 FROM isn't allowed as an ONBUILD trigger"]);
    expect(lint(text).diagnostics.filter((d) => d.code === 'DH019')).toEqual([]);
  });

  it('are not inherited past the first stage built on them', () => {
    const text = 'FROM alpine:3.20 AS base\nONBUILD STOPSIGNAL 0\nFROM base AS one\nFROM one AS two\n';
    expect(syntax(text)).toEqual(['2:20 Invalid signal: 0 (stage "one" inherits this ONBUILD trigger)']);
  });
});
