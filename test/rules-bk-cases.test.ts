// Targeted cases for the BuildKit-check and DH rules beyond the fixtures: exact lines and messages of
// edge cases (unknown base images, context coverage, cross-stage state, quoting).
import { beforeAll, describe, expect, it } from 'vitest';
import { initLinter, lint } from '../src/linter/index.js';
import { allRules } from '../src/rules/index.js';
import type { ExampleSetup, Rule } from '../src/rules/types.js';
import { memoryContext } from './linter-helpers.js';

/** Lint `text` with only `rule`, with the setup's options and (for context-aware rules) in-memory context. */
function lintWith(rule: Rule, text: string, setup: ExampleSetup | undefined) {
  return lint(text, {
    rules: [rule],
    config: { ...setup?.options },
    buildContext: rule.needsContext ? memoryContext(setup) : undefined,
  }).diagnostics.filter((d) => d.code === rule.code);
}

interface Case {
  name: string;
  rule: string;
  text: string;
  setup?: ExampleSetup;
  /** `line: message` of every finding, in order. */
  expect: string[];
}

const CASES: Case[] = [
  {
    name: 'UndefinedVar: unknown base image, only near-misses of defined names are reported',
    rule: 'undefined-var',
    text: 'FROM example/app:1\nARG APP_DIR=/srv\nCOPY . $APP_DRI\nWORKDIR $IMAGE_HOME\n',
    expect: ["3: Usage of undefined variable '$APP_DRI' (did you mean $APP_DIR?)"],
  },
  {
    name: 'UndefinedVar: variables of a known official image are defined',
    rule: 'undefined-var',
    text: 'FROM golang:1.23\nWORKDIR $GOPATH/src\nENV PATH=$GOPATH/bin:$PATH\nCOPY . $GOPTH\n',
    expect: ["4: Usage of undefined variable '$GOPTH' (did you mean $GOPATH?)"],
  },
  {
    name: 'UndefinedVar: ARG without value declares the name; inherited through FROM <stage>',
    rule: 'undefined-var',
    text: 'FROM scratch AS base\nARG VERSION\nENV V=${VERSION}\nFROM base\nLABEL version=$VERSION\n',
    expect: [],
  },
  {
    name: 'UndefinedArgInFrom: stage ARGs do not count for a later FROM',
    rule: 'undefined-arg-in-from',
    text: 'FROM alpine\nARG TAG=1\nFROM alpine:$TAG\n',
    expect: ["3: FROM argument 'TAG' is not declared"],
  },
  {
    name: 'InvalidDefaultArgInFrom: upper-case repository and a bad digest are invalid',
    rule: 'invalid-default-arg-in-from',
    text: 'ARG REPO=Alpine\nARG D=sha256:abc\nARG OK=ghcr.io/o/r:1.2@sha256:' + 'a'.repeat(64) + '\nFROM $REPO\nFROM alpine@$D\nFROM $OK\n',
    expect: [
      '4: Default value for ARG $REPO results in empty or invalid base image name',
      '5: Default value for ARG alpine@$D results in empty or invalid base image name',
    ],
  },
  {
    name: 'FromPlatformFlagConstDisallowed: a single architecture is a constant too',
    rule: 'from-platform-flag-const-disallowed',
    text: 'FROM --platform=arm64 alpine\nFROM --platform=linux/aarch64 alpine AS build-arm64\n',
    expect: ['1: FROM --platform flag should not use constant value "arm64"'],
  },
  {
    name: 'JSONArgsRecommended: a SHELL in a base stage silences it; exec form and HEALTHCHECK NONE are fine',
    rule: 'json-args-recommended',
    text: 'FROM alpine AS base\nSHELL ["/bin/ash", "-c"]\nFROM base\nCMD run\nFROM alpine\nHEALTHCHECK NONE\nENTRYPOINT ["x"]\n',
    expect: [],
  },
  {
    name: 'WorkdirRelativePath: only the first WORKDIR of a stage chain, after expansion',
    rule: 'workdir-relative-path',
    text: 'FROM alpine\nENV BASE=/srv\nWORKDIR $BASE/app\nWORKDIR sub\nFROM alpine\nWORKDIR ${UNSET}rel\n',
    expect: ['6: Relative workdir "rel" can have unexpected results if the base image changes'],
  },
  {
    name: 'SecretsUsedInArgOrEnv: global ARGs are not checked, allow-words win',
    rule: 'secrets-used-in-arg-or-env',
    text: 'ARG NPM_TOKEN\nFROM alpine\nARG NPM_TOKEN\nENV KEY_FILE=/k PUBLIC_KEY=x DB_PASSWD=y\n',
    expect: [
      '3: Do not use ARG or ENV instructions for sensitive data (ARG "NPM_TOKEN")',
      '4: Do not use ARG or ENV instructions for sensitive data (ENV "DB_PASSWD")',
    ],
  },
  {
    name: 'MultipleInstructionsDisallowed: reported at each overridden instruction',
    rule: 'multiple-cmd',
    text: 'FROM alpine\nCMD ["a"]\nCMD ["b"]\nCMD ["c"]\n',
    expect: [
      '2: Multiple CMD instructions should not be used in the same stage because only the last one will be used',
      '3: Multiple CMD instructions should not be used in the same stage because only the last one will be used',
    ],
  },
  {
    name: 'ExposeProtoCasing / ExposeInvalidFormat: ports from variables are expanded first',
    rule: 'expose-proto-casing',
    text: 'FROM alpine\nENV P="80/TCP 53/udp"\nEXPOSE $P\n',
    expect: ["3: Defined protocol '80/TCP' in EXPOSE instruction should be lowercase"],
  },
  {
    name: 'CopyIgnoredFile: a .dockerignore with exceptions disables the check, as in BuildKit',
    rule: 'copy-ignored-file',
    text: 'FROM alpine\nCOPY secret.txt /\n',
    setup: { context: ['secret.txt'], dockerignore: 'secret.txt\n!keep.txt\n' },
    expect: [],
  },
  {
    name: 'CopyIgnoredFile: parent directory excluded, source expanded from ARG',
    rule: 'copy-ignored-file',
    text: 'FROM alpine\nARG DIR=build\nCOPY $DIR/out.bin /\n',
    setup: { context: ['build/out.bin'], dockerignore: 'build\n' },
    expect: ['3: Attempting to Copy file "build/out.bin" that is excluded by .dockerignore'],
  },
  {
    name: 'DH002: what .gitignore ignores is reported unless .dockerignore excludes it',
    rule: 'incomplete-dockerignore',
    text: 'FROM alpine\nCOPY . /app\n',
    setup: { context: ['coverage/', 'build/', 'main.go'], dockerignore: 'build\n', gitignore: 'coverage/\nbuild/\n' },
    expect: ['2: COPY of the whole build context includes coverage/: add it to .dockerignore'],
  },
  {
    name: 'DH001: quiet when there is a .dockerignore or no whole-context COPY',
    rule: 'copy-all-without-dockerignore',
    text: 'FROM alpine\nCOPY main.go /app/\n',
    setup: { context: ['main.go'] },
    expect: [],
  },
  {
    name: 'DH003: globs need a match; a directory source exists',
    rule: 'copy-missing-source',
    text: 'FROM alpine\nCOPY src /src\nCOPY *.md /docs/\nCOPY ["missing file.txt", "/x"]\n',
    setup: { context: ['src/a.c'] },
    expect: ['3: COPY source "*.md" does not exist in the build context', '4: COPY source "missing file.txt" does not exist in the build context'],
  },
  {
    name: 'DH004: a path that climbs out after cleaning',
    rule: 'copy-outside-context',
    text: 'FROM alpine\nCOPY a/../../b /b\nCOPY ./a/.. /c\n',
    expect: ['2: COPY source "a/../../b" is outside the build context'],
  },
  {
    name: 'DH005: an update with no install after it in its RUN, alone or before a later install',
    rule: 'apt-get-update-alone',
    text:
      'FROM debian\nRUN apt-get update -q && apt-get install -y curl\nRUN apt update\nRUN apt-get update && adduser app\n' +
      'RUN apk update && apk add curl\nRUN apk update\nRUN ["apt-get", "update"]\nRUN apt-get install -y x && apt-get update\n' +
      'RUN sudo apt-get update && sudo apt-get upgrade -y\nRUN apt-get update && apk add x\n' +
      'RUN apt-get update && xx-apt-get -o A=B --no-install-recommends install -y gcc\nRUN apt-get update && apt-get purge -y x\n',
    expect: [
      "3: 'apt update' with no install after it in the same RUN: later installs reuse its cached index; run it in the same RUN as the install",
      "4: 'apt-get update' with no install after it in the same RUN: later installs reuse its cached index; run it in the same RUN as the install",
      "6: 'apk update' with no install after it in the same RUN: later installs reuse its cached index; run it in the same RUN as the install",
      "7: 'apt-get update' with no install after it in the same RUN: later installs reuse its cached index; run it in the same RUN as the install",
      "8: 'apt-get update' with no install after it in the same RUN: later installs reuse its cached index; run it in the same RUN as the install",
      // (xx-apt-get on line 11 installs later in the stage; line 12's purge leaves no later install.)
      "10: 'apt-get update' with no install after it in the same RUN: later installs reuse its cached index; run it in the same RUN as the install",
    ],
  },
  {
    name: 'DH006: quoted and exec-form cases',
    rule: 'inline-comment',
    text: 'FROM alpine\nLABEL a="x # y"\nCMD ["run"] # start\nENTRYPOINT ./run # fine in a shell\n',
    expect: ["3: '#' after CMD is not a comment: it becomes part of the arguments"],
  },
  {
    name: 'DH007: global ARGs and ONBUILD triggers are checked even in an upper-case file',
    rule: 'instruction-not-uppercase',
    text: 'arg V=1\nFROM alpine\nONBUILD run echo\n',
    expect: ["1: Instruction 'arg' should be written in upper case ('ARG')", "3: Instruction 'run' should be written in upper case ('RUN')"],
  },
  {
    name: 'DH008: cleanup in a stage built FROM the stage that installed',
    rule: 'cleanup-in-later-layer',
    text: 'FROM alpine AS base\nRUN apk add curl\nFROM base\nRUN rm -rf /var/cache/apk/*\nRUN apk add --no-cache git && rm -rf /tmp/x\n',
    expect: ['4: This cleanup of the apk cache runs in a later layer than the RUN at line 2 that created them, so it cannot shrink the image'],
  },
  {
    name: 'DH008: nothing to report when the installing RUN already cleaned up',
    rule: 'cleanup-in-later-layer',
    text: 'FROM debian\nRUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*\nRUN rm -rf /var/lib/apt/lists/*\nRUN apt-get update && apt-get install -y git\nRUN apt-get clean\nRUN rm -rf /var/lib/apt/lists/*\n',
    expect: ['5: This cleanup of the apt package lists and archives runs in a later layer than the RUN at line 4 that created them, so it cannot shrink the image'],
  },
  {
    name: 'WorkdirRelativePath: a variable an unknown base image may define is not judged',
    rule: 'workdir-relative-path',
    text: 'FROM jupyter/base-notebook\nWORKDIR "${HOME}"\nFROM alpine\nWORKDIR "${HOME}"\n',
    expect: ['4: Relative workdir "" can have unexpected results if the base image changes'],
  },
  {
    name: 'DH009: only shipped stages; cache mounts and later cleaning are fine',
    rule: 'npm-cache-not-cleaned',
    text: 'FROM node AS deps\nRUN npm ci\nFROM node\nRUN npm install && npm cache clean --force\nRUN npm i -g pnpm\n',
    expect: ["5: 'npm i' leaves the npm cache in the layer; add 'npm cache clean --force' to this RUN"],
  },
  {
    name: 'InvalidBaseImagePlatform: settings.platform is the default target',
    rule: 'invalid-base-image-platform',
    text: 'FROM example/tool:1\nFROM --platform=$BUILDPLATFORM example/tool:1\n',
    setup: { options: { settings: { InvalidBaseImagePlatform: { platform: 'linux/arm64', images: { 'example/tool:1': 'linux/amd64' } } } } },
    expect: ['1: Base image example/tool:1 was pulled with platform "linux/amd64", expected "linux/arm64" for current build', '2: Base image example/tool:1 was pulled with platform "linux/amd64", expected "linux/arm64" for current build'],
  },
];

beforeAll(async () => {
  await initLinter();
});

describe('BuildKit-check and DH rule cases', () => {
  for (const c of CASES) {
    it(c.name, () => {
      const rule = allRules.find((r) => r.name === c.rule)!;
      const got = lintWith(rule, c.text, c.setup).map((d) => `${d.range.startLine}: ${d.message}`);
      expect(got).toEqual(c.expect);
    });
  }
});
