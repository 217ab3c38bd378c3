// The outline of a target (`plan --outline`, BuildKit's `--call=outline`) and the target list
// (`plan --targets`, `--call=targets`), checked against the rules BuildKit's source applies. Each
// test names the rule it reflects:
//
// [comments]    frontend/dockerfile/parser/parser.go, Parse: every comment line (text after `#`,
//               trimmed) joins the instruction's PrevComment block; a bare `#` empties the block;
//               a blank line does NOT (the blank-line branch only skips the line); an instruction
//               ends the block; parser directives are taken out of it; comment lines inside a
//               continued instruction never join it.
// [prefix]      frontend/dockerfile/instructions/parse.go, getComment: the description is the rest
//               of the FIRST line of that block that starts with `<name> ` (name, then a space);
//               other lines of a multi-line comment are ignored. A FROM uses its lower-cased stage
//               name, so an unnamed stage has no description.
// [used]        dockerfile2llb/convert.go + outline.go: a target's arguments are the global ARGs its
//               FROM lines expand, every ARG declared in its stages, and the global ARGs their
//               defaults read (markAllUsed); stages are its base chain and the stages it copies or
//               mounts from; an argument is listed once, the target's own definition first.
// [scope]       convert.go, dispatchArg: a stage `ARG NAME` with neither default nor --build-arg
//               keeps the global definition (skipArgInfo: its comment, line and value); with a
//               --build-arg, or a default, the stage's own definition is used. Automatic platform
//               args (TARGETARCH, ...) are listed only when declared globally.
// [value]       the value is the --build-arg, else the default expanded, else the global value.
// [secrets]     convert_secrets.go, dispatchSecret: id = source, else id, else base name of target;
//               a file secret is mounted at target or /run/secrets/<id>, an `env=` secret without a
//               target has no file; the first mount of an id is the one recorded (its `required`).
// [ssh]         the id defaults to `default`; `required` as written.
// [order]       outline.go: arguments, secrets and sockets sorted by the line that defines them.
// [targets]     convert.go, ListTargets: every stage, its description by [prefix], the last one default.
import { describe, expect, it } from 'vitest';
import { parse } from '../src/parser/index.js';
import { planOutline, planTargets, type PlanOptions } from '../src/planner/plan.js';
import type { Outline } from '../src/planner/types.js';

const outline = (text: string, opts: PlanOptions = {}): Outline => planOutline(parse(text), opts);
const args = (o: Outline) => o.args.map((a) => [a.name, a.value, a.description, a.line]);
const descriptionOf = (text: string, name: string) => outline(text).args.find((a) => a.name === name)?.description;

describe('outline: build arguments', () => {
  // One Dockerfile with every way an argument reaches a target ([used], [scope], [value], [order]).
  const DF = `ARG base=alp
ARG other=ine
ARG notused=x\${other}
# flavour names the image flavour
ARG flavour="\${base}ine"

FROM \${flavour} AS one
# a comment that describes nothing
ARG LEVEL=1
# MODE selects the build mode
ARG MODE=debug
RUN echo $MODE

FROM busybox\${notused} AS two
ARG UNSET
RUN true

FROM scratch AS three
ARG KIND=k

# out is what CI builds
FROM three AS out
COPY --from=one /etc/os-release /

FROM two
`;

  it('[used] lists what the target, its base and the stages it copies from use, sorted by line', () => {
    const o = outline(DF, { target: 'out', buildArgs: { MODE: 'release' } });
    expect(o.target).toBe('out');
    expect(o.description).toBe('is what CI builds');
    // base: read by flavour's default (markAllUsed); flavour: FROM of `one`; LEVEL and MODE: declared
    // in `one` (copied from); KIND: declared in `three` (the base). other/notused/UNSET: only `two` uses them.
    expect(args(o)).toEqual([
      ['base', 'alp', '', 1],
      ['flavour', 'alpine', 'names the image flavour', 5],
      ['LEVEL', '1', '', 9],
      ['MODE', 'release', 'selects the build mode', 11],
      ['KIND', 'k', '', 19],
    ]);
    expect(o.args.map((a) => a.global)).toEqual([true, true, false, false, false]);
    expect(o.args.find((a) => a.name === 'flavour')).toMatchObject({ default: '"${base}ine"', readBy: [7] });
    expect(o.args.find((a) => a.name === 'base')!.readBy).toEqual([5]);
    expect(o.args.find((a) => a.name === 'MODE')!.readBy).toEqual([12]);
  });

  it('[used] the default target is the last stage, with its own arguments', () => {
    const o = outline(DF);
    expect(o.target).toBe('stage-4');
    expect(args(o)).toEqual([
      ['other', 'ine', '', 2],
      ['notused', 'xine', '', 3],
      ['UNSET', '', '', 15],
    ]);
  });

  it('[scope] a stage `ARG NAME` keeps the global definition; a default or a --build-arg makes its own', () => {
    const G = '# V the version to install\nARG V=1\nFROM alpine\nARG V\nRUN echo "$V"\n';
    expect(outline(G).args).toEqual([{ name: 'V', default: '1', value: '1', description: 'the version to install', line: 2, global: true, readBy: [5] }]);
    const S = '# V the version to install\nARG V=1\nFROM alpine\n# V the version in this stage\nARG V=2\n';
    expect(args(outline(S))).toEqual([['V', '2', 'the version in this stage', 5]]);
    // With a --build-arg BuildKit records the stage ARG, which has no comment here.
    expect(args(outline(G, { buildArgs: { V: '3' } }))).toEqual([['V', '3', '', 4]]);
  });

  it('[scope] global ARGs a target never uses are left out; automatic platform args only when declared globally', () => {
    expect(outline('ARG UNUSED=1\nFROM alpine\nRUN true\n').args).toEqual([]);
    expect(outline('FROM alpine\nARG TARGETARCH\nRUN echo $TARGETARCH\n').args).toEqual([]);
    expect(args(outline('ARG TARGETARCH\nFROM alpine\nARG TARGETARCH\n'))).toEqual([['TARGETARCH', '', '', 1]]);
  });

  it('[used] an argument defined in several stages is listed once, the target\'s definition first', () => {
    const D = 'FROM alpine AS a\n# X from a\nARG X=a\nFROM a AS b\n# X from b\nARG X=b\n';
    expect(args(outline(D))).toEqual([['X', 'b', 'from b', 6]]);
    expect(args(outline(D, { target: 'a' }))).toEqual([['X', 'a', 'from a', 3]]);
  });

  it('[used] reaches stages read through RUN --mount from=', () => {
    const M = 'FROM alpine AS tools\nARG TOOL_VERSION=2\nFROM alpine\nRUN --mount=type=bind,from=tools,target=/t true\n';
    expect(args(outline(M))).toEqual([['TOOL_VERSION', '2', '', 2]]);
  });

  it('reports the lines that read an argument: expansions and $NAME in RUN while it is declared', () => {
    const R = 'FROM alpine\nARG DIR=/srv\nARG VER=1\nWORKDIR $DIR\nRUN echo ${VER:-0} && echo $VERSION\nCOPY a ${DIR}/\nRUN echo $DIRECTORY\n';
    const o = outline(R);
    expect(o.args.find((a) => a.name === 'DIR')!.readBy).toEqual([4, 6]);
    expect(o.args.find((a) => a.name === 'VER')!.readBy).toEqual([5]);
  });
});

describe('outline: descriptions', () => {
  it('[comments] a blank line between the comment and the ARG does not detach it', () => {
    expect(descriptionOf('FROM alpine\n# A the first\n\n\nARG A\n', 'A')).toBe('the first');
  });

  it('[comments] a bare # empties the block', () => {
    expect(descriptionOf('FROM alpine\n# A the first\n#\nARG A\n', 'A')).toBe('');
    expect(descriptionOf('FROM alpine\n# A the first\n#\n# A the second\nARG A\n', 'A')).toBe('the second');
  });

  it('[comments] a comment above an earlier instruction does not describe a later one', () => {
    expect(descriptionOf('FROM alpine\n# A not this\nRUN true\nARG A\n', 'A')).toBe('');
  });

  it('[comments] comment lines inside a continued instruction never join a block', () => {
    expect(descriptionOf('FROM alpine\nRUN true \\\n# A inside\n  && true\nARG A\n', 'A')).toBe('');
  });

  it('[comments] a parser directive is not a comment', () => {
    const text = '# syntax=docker/dockerfile:1\n# check=skip=all\nARG A=1\nFROM alpine\nARG A\n';
    const o = outline(text);
    expect(parse(text).instructions[0]!.prevComment).toEqual([]);
    expect(o.args[0]).toMatchObject({ name: 'A', description: '' });
  });

  it('[prefix] a multi-line comment: the first line that starts with the name and a space, and only that line', () => {
    const text = 'FROM alpine\n# Settings for the build.\n# B sets the build flavour\n# B and this line is ignored\n# it wraps onto this one\nARG B\n';
    expect(descriptionOf(text, 'B')).toBe('sets the build flavour');
  });

  it('[prefix] the name must be followed by a space, with its exact case', () => {
    expect(descriptionOf('FROM alpine\n# Bx not B\nARG B\n', 'B')).toBe('');
    expect(descriptionOf('FROM alpine\n# B\nARG B\n', 'B')).toBe('');
    expect(descriptionOf('FROM alpine\n# b lower case\nARG B\n', 'B')).toBe('');
    expect(descriptionOf('FROM alpine\n#B  two spaces\nARG B\n', 'B')).toBe(' two spaces');
  });

  it('[prefix] each name of a multi-name ARG finds its own line', () => {
    const o = outline('FROM alpine\n# Y the y\n# X the x\nARG X=1 Y=2\n');
    expect(args(o)).toEqual([['X', '1', 'the x', 4], ['Y', '2', 'the y', 4]]);
  });

  it('[prefix] a stage is described by a line starting with its lower-cased name; an unnamed stage never', () => {
    expect(outline('# Build compiles\nFROM alpine AS Build\n').description).toBe('');
    expect(outline('# build compiles it\nFROM alpine AS Build\n').description).toBe('compiles it');
    expect(outline('# stage-0 the image\nFROM alpine\n').description).toBe('');
  });

  it('warns about undocumented arguments, with a hint when a comment is there in the wrong form', () => {
    const o = outline('FROM alpine\nARG A\n# the version\nARG B\n# C is fine\nARG C\n');
    expect(o.warnings.map((w) => [w.line, w.code])).toEqual([[2, 'undocumented-arg'], [4, 'undocumented-arg']]);
    expect(o.warnings[0]!.message).toBe('ARG A has no description: write "# A <what it sets>" on the line above it');
    expect(o.warnings[1]!.message).toMatch(/the comment above it does not start with "B "/);
  });
});

describe('outline: secrets and SSH sockets', () => {
  const DF = `FROM alpine AS fetch
RUN --mount=type=secret,target=/root/.netrc,required=true --mount=type=ssh wget -q https://example.com/x
FROM alpine AS other
RUN --mount=type=secret,id=unused true
FROM fetch AS build
ARG TOKEN_ID=api
RUN --mount=type=secret,id=\${TOKEN_ID},env=API_TOKEN ./build.sh
RUN --mount=type=secret,id=npmrc,target=/root/.npmrc npm ci
RUN --mount=type=secret,id=npmrc,required=true npm test
RUN --mount=type=ssh,id=deploy,required git fetch
RUN --mount=type=secret,id=cfg,env=CFG,target=/etc/cfg true
`;

  it('[secrets] ids, required, where each is mounted; the first mount of an id is the one recorded', () => {
    const o = outline(DF);
    expect(o.secrets).toEqual([
      { id: '.netrc', required: true, target: '/root/.netrc', env: null, line: 2 },
      { id: 'api', required: false, target: null, env: 'API_TOKEN', line: 7 },
      { id: 'npmrc', required: false, target: '/root/.npmrc', env: null, line: 8 },
      { id: 'cfg', required: false, target: '/etc/cfg', env: 'CFG', line: 11 },
    ]);
  });

  it('[ssh] the default id, and required', () => {
    expect(outline(DF).ssh).toEqual([
      { id: 'default', required: false, line: 2 },
      { id: 'deploy', required: true, line: 10 },
    ]);
  });

  it('[secrets] a file secret without a target appears under /run/secrets', () => {
    expect(outline('FROM alpine\nRUN --mount=type=secret,id=aws cat /run/secrets/aws\n').secrets).toEqual([
      { id: 'aws', required: false, target: '/run/secrets/aws', env: null, line: 2 },
    ]);
  });

  it('warns when a RUN reads /run/secrets/<name> where no secret is mounted', () => {
    const o = outline('FROM alpine\nRUN --mount=type=secret,id=npmrc,target=/root/.npmrc cat /run/secrets/npmrc\nRUN --mount=type=secret,id=ok cat /run/secrets/ok\n');
    expect(o.warnings).toEqual([
      { line: 2, code: 'undeclared-secret', message: 'RUN reads /run/secrets/npmrc, but no secret is mounted there: add --mount=type=secret,id=npmrc to this RUN' },
    ]);
  });
});

describe('targets', () => {
  it('[targets] every stage, described by the comment above its FROM; the last one is the default', () => {
    const text = '# deps installs the dependencies\nFROM node:22 AS deps\n\nFROM --platform=$BUILDPLATFORM deps AS build\n# not a description\nFROM build\n';
    expect(planTargets(parse(text))).toEqual([
      { index: 0, name: 'deps', description: 'installs the dependencies', default: false, base: 'node:22', platform: null, line: 2 },
      { index: 1, name: 'build', description: '', default: false, base: 'deps', platform: '$BUILDPLATFORM', line: 4 },
      { index: 2, name: null, description: '', default: true, base: 'build', platform: null, line: 6 },
    ]);
  });

  it('rejects an unknown target', () => {
    expect(() => outline('FROM alpine AS a\n', { target: 'b' })).toThrow(/target stage "b" not found \(stages: a\)/);
  });
});
