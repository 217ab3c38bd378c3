// The rules about FROM and stages: image tags and registries, stage names and references,
// platforms, global ARGs in FROM, a stage's health check; and how image references are read.
import { beforeAll, describe, expect, it } from 'vitest';
import { initLinter, lint } from '../src/linter/index.js';
import { literalTagOf, parseImageRef } from '../src/rules/utils/images.js';
import { baseStageOf } from '../src/rules/utils/from-line.js';
import { parse } from '../src/parser/index.js';
import { buildModel } from '../src/semantic/index.js';
import { at, describeRule, findings, fixed, itFinds, itFixes, itLines, ruleNamed } from './rules-kit.js';

beforeAll(() => initLinter());

describeRule('require-image-tag', { invalidCount: 3 }, () => {
  it('points at the image', () => {
    const text = 'FROM --platform=$BUILDPLATFORM golang AS build\n';
    expect(findings('require-image-tag', text).map((d) => at(text, d))).toEqual(['golang']);
  });
  itLines('require-image-tag', 'hadolint: an earlier stage name, a digest and a name starting with `$` are exempt; a later stage name is not', 'FROM base\nFROM debian:12 AS base\nFROM base\nFROM debian@sha256:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\nFROM $IMG\n', [1]);
  itLines('require-image-tag', 'unlike hadolint: `scratch` and stage names in any case, and a variable anywhere, are exempt', 'FROM SCRATCH\nFROM debian:12 AS Build\nFROM build\nFROM registry.example.com/${IMG}\n', []);
});

describeRule('no-latest-tag', { invalidCount: 2 }, () => {
  it('points at the :latest tag', () => {
    const text = 'FROM localhost:5000/app:latest AS x\n';
    const [d] = findings('no-latest-tag', text);
    expect(at(text, d!)).toBe(':latest');
  });
  itLines('no-latest-tag', 'hadolint: a digest pins `latest`; the tag is compared exactly', 'FROM debian:latest@sha256:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\nFROM debian:LATEST\nFROM ${IMG}:latest\n', [3]);
});

describeRule('no-unknown-copy-from', { invalidCount: 3 }, () => {
  it('points at the --from value', () => {
    const text = 'FROM a:1 AS one\nCOPY --from=one x y\nCOPY --from=two x y\n';
    expect(findings('no-unknown-copy-from', text).map((d) => [at(text, d), d.range.startLine])).toEqual([['two', 3]]);
  });
  itLines('no-unknown-copy-from', 'hadolint: an earlier name, an index below the stages so far or an image with a tag; not a later name or index', 'FROM a:1 AS one\nCOPY --from=0 /a /b\nCOPY --from=one /a /b\nCOPY --from=two /a /b\nCOPY --from=img:1 /a /b\nCOPY --from=1 /a /b\nFROM b:1 AS two\n', [4, 6]);
  itLines('no-unknown-copy-from', 'unlike hadolint: a variable is not judged and names match case-insensitively', 'FROM a:1 AS One\nFROM b:1\nCOPY --from=one /a /b\nCOPY --from=$STAGE /a /b\n', []);
  itLines('no-unknown-copy-from', 'unlike hadolint: an empty `--from=` copies from the build context (hadolint cannot parse it)', 'FROM a:1 AS one\nCOPY --from= /a /b\nCOPY --from="" /a /b\nCOPY --from=two /a /b\n', [4]);
  itLines('no-unknown-copy-from', 'unlike hadolint: a quoted stage name or index names that stage (BuildKit removes the quotes)', 'FROM a:1 AS one\nFROM b:1\nCOPY --from="one" /a /b\nCOPY --from=\'0\' /a /b\n', []);
});

describeRule('no-copy-from-self', { invalidCount: 2 }, () => {
  it('points at the --from value', () => {
    const text = 'FROM a:1 AS one\nCOPY --from=one x y\nCOPY --from=two x y\n';
    expect(findings('no-copy-from-self', text).map((d) => [at(text, d), d.range.startLine])).toEqual([['one', 2]]);
  });
  itLines('no-copy-from-self', "unlike hadolint: the stage's own index and its name in any case", 'FROM a:1 AS Build\nCOPY --from=build /a /b\nFROM b:1\nCOPY --from=1 /a /b\n', [2, 4]);
  itLines('no-copy-from-self', 'unlike hadolint: a quoted value names the stage (BuildKit removes the quotes)', 'FROM a:1 AS self\nCOPY --from="self" /a /b\nCOPY --from=\'self\' /a /b\n', [2, 3]);
});

describeRule('duplicate-stage-name', {}, () => {
  itLines('duplicate-stage-name', 'unlike hadolint: names that differ only in case are duplicates (BuildKit lower-cases them)', 'FROM a:1 AS Foo\nFROM b:1 AS foo\n', [2]);
});

describeRule('no-untrusted-registry', { invalidCount: 4 }, () => {
  it('does nothing without trustedRegistries', () => {
    expect(lint('FROM quay.io/a/b:1\n', { rules: [ruleNamed('no-untrusted-registry')] }).diagnostics).toEqual([]);
  });
  itLines('no-untrusted-registry', 'hadolint: COPY --from and RUN --mount from= images are checked; earlier stage names are fine', 'FROM random.com/foo AS b\nCOPY --from=other.com/img:1 /a /b\nRUN --mount=type=cache,from=other.com/img,target=/x true\nCOPY --from=b /a /b\nFROM scratch\n', [2, 3], { options: { trustedRegistries: ['random.com'] } });
  itLines('no-untrusted-registry', 'unlike hadolint: a stage index is not an image, `FROM <stage>:tag` is one', 'FROM random.com/foo AS b\nCOPY --from=0 /a /b\nFROM b:1.0\n', [3], { options: { trustedRegistries: ['random.com'] } });
  itLines('no-untrusted-registry', 'unlike hadolint: registries compare case-insensitively, and a variable is not judged', 'FROM Random.com/foo\nFROM $REG/foo\n', [], { options: { trustedRegistries: ['random.com'] } });
});

describeRule('no-from-platform', { invalidCount: 2 }, () => {
  it('points at the --platform flag', () => {
    const text = 'FROM --platform=linux/amd64 debian:12\n';
    expect(findings('no-from-platform', text).map((d) => at(text, d))).toEqual(['--platform=linux/amd64']);
  });
  itLines('no-from-platform', 'unlike hadolint: an empty `--platform=` forces nothing (hadolint cannot parse it)', 'FROM --platform= debian:12\nFROM --platform="" debian:12\n', []);
  itLines('no-from-platform', 'hadolint: values naming BUILDPLATFORM or TARGETPLATFORM anywhere are fine', 'FROM --platform=$BUILDOS/$BUILDARCH debian:12\nFROM --platform=${BUILDPLATFORM} debian:12\nFROM --platform=linux/amd64 debian:12\n', [1, 3]);
});

describeRule('missing-healthcheck', {}, () => {
  it('is off unless enabled; a stage only copied from is not reported', () => {
    expect(lint('FROM a\n').diagnostics.filter((d) => d.code === 'DL3057')).toEqual([]);
    expect(findings('DL3057', 'FROM a\n')).toHaveLength(1);
    expect(findings('DL3057', 'FROM a AS b\nFROM c\nCOPY --from=b / /x\n').map((d) => d.range.startLine)).toEqual([2]);
  });
  itLines('missing-healthcheck', 'hadolint: HEALTHCHECK NONE counts and is inherited through FROM <stage>', 'FROM a AS base\nHEALTHCHECK NONE\nFROM base\nRUN x\n', []);
  itLines('missing-healthcheck', 'hadolint: a HEALTHCHECK in a stage built on another one covers that one too; ONBUILD HEALTHCHECK does not count', 'FROM a AS base\nFROM base\nHEALTHCHECK CMD y\nFROM c\nONBUILD HEALTHCHECK CMD y\n', [4]);
  itLines('missing-healthcheck', 'unlike hadolint: a builder only read by COPY --from is not reported', 'FROM a AS builder\nRUN x\nFROM b\nCOPY --from=builder /x /x\nHEALTHCHECK CMD y\n', []);
});

describeRule('instruction-before-from', {}, () => {
  itLines('instruction-before-from', 'hadolint: directives, comments and ARG may come first; anything else is reported, also without any FROM', '# syntax=docker/dockerfile:1\nARG A\n# note\nLABEL x=1\nFROM a\nRUN x\n', [4]);
  itLines('instruction-before-from', 'hadolint: a file without FROM', 'RUN x\nCMD y\n', [1, 2]);
});

describeRule('reserved-stage-name', {}, () => {
  it('points at the stage name', () => {
    const text = 'FROM alpine AS Context';
    expect(findings('DL3063', text).map((d) => at(text, d))).toEqual(['Context']);
  });
  itLines('reserved-stage-name', 'unlike hadolint: names are compared case-insensitively', 'FROM a AS Scratch\nFROM b AS context\n', [1, 2]);
  itFinds('reserved-stage-name', "unlike hadolint: BuildKit's message", 'FROM a AS scratch\n', ['1: Stage name should not use the same name as reserved stage "scratch"']);
});

describeRule('redundant-target-platform', {}, () => {
  it('points at the flag', () => {
    const text = 'FROM --platform=${TARGETPLATFORM} alpine';
    expect(findings('DL3065', text).map((d) => at(text, d))).toEqual(['--platform=${TARGETPLATFORM}']);
  });
  it('removes the redundant flag', () => {
    expect(fixed('DL3065', 'FROM --platform=$TARGETPLATFORM  alpine:3\n')).toBe('FROM alpine:3\n');
  });
  itLines('redundant-target-platform', 'hadolint: $TARGETPLATFORM and ${TARGETPLATFORM} only', 'FROM --platform=${TARGETPLATFORM} a\nFROM --platform=$TARGETPLATFORM b\nFROM --platform=$BUILDPLATFORM c\nFROM --platform=${TARGETPLATFORM:-linux/amd64} d\n', [1, 2]);
});

describeRule('stage-name-casing', {}, () => {
  itFixes('stage-name-casing', {
    level: 'safe',
    input:
      'FROM alpine AS BuildBase\nRUN echo hi > /out\nFROM BuildBase AS Final\nCOPY --from=BuildBase /out /out\n' +
      'RUN --mount=type=bind,from=BuildBase,source=/out,target=/mnt cat /mnt\nFROM scratch\nCOPY --from=final /out /\n',
    output:
      'FROM alpine AS buildbase\nRUN echo hi > /out\nFROM buildbase AS final\nCOPY --from=buildbase /out /out\n' +
      'RUN --mount=type=bind,from=buildbase,source=/out,target=/mnt cat /mnt\nFROM scratch\nCOPY --from=final /out /\n',
  });
});

describeRule('from-as-casing', {}, () => {
  itFixes('from-as-casing', { level: 'safe', input: 'FROM alpine as build\nfrom alpine AS run\n', output: 'FROM alpine AS build\nfrom alpine as run\n' });
});

describeRule('from-platform-flag-const-disallowed', {}, () => {
  itFinds(
    'from-platform-flag-const-disallowed',
    'a single architecture is a constant too',
    'FROM --platform=arm64 alpine\nFROM --platform=linux/aarch64 alpine AS build-arm64\n',
    ['1: FROM --platform flag should not use constant value "arm64"'],
  );
});

describeRule('invalid-base-image-platform', {}, () => {
  itFinds(
    'invalid-base-image-platform',
    'settings.platform is the default target',
    'FROM example/tool:1\nFROM --platform=$BUILDPLATFORM example/tool:1\n',
    [
      '1: Base image example/tool:1 was pulled with platform "linux/amd64", expected "linux/arm64" for current build',
      '2: Base image example/tool:1 was pulled with platform "linux/amd64", expected "linux/arm64" for current build',
    ],
    { options: { settings: { InvalidBaseImagePlatform: { platform: 'linux/arm64', images: { 'example/tool:1': 'linux/amd64' } } } } },
  );
});

describeRule('invalid-default-arg-in-from', {}, () => {
  itFinds(
    'invalid-default-arg-in-from',
    'an upper-case repository and a bad digest are invalid',
    'ARG REPO=Alpine\nARG D=sha256:abc\nARG OK=ghcr.io/o/r:1.2@sha256:' + 'a'.repeat(64) + '\nFROM $REPO\nFROM alpine@$D\nFROM $OK\n',
    [
      '4: Default value for ARG $REPO results in empty or invalid base image name',
      '5: Default value for ARG alpine@$D results in empty or invalid base image name',
    ],
  );
});

describeRule('undefined-arg-in-from', {}, () => {
  itFinds('undefined-arg-in-from', 'stage ARGs do not count for a later FROM', 'FROM alpine\nARG TAG=1\nFROM alpine:$TAG\n', [
    "3: FROM argument 'TAG' is not declared",
  ]);
});

describeRule('latest-base-in-default-build', { invalidCount: 4 }, () => {
  const verdicts: [string, string, number][] = [
    ['an ARG default of latest', 'ARG TAG=latest\nFROM alpine:${TAG}\n', 1],
    ['quotes around the default are removed', 'ARG TAG="latest"\nFROM foo:${TAG}\n', 1],
    ['a declared ARG without default leaves no tag', 'ARG TAG\nFROM alpine$TAG\n', 1],
    ['an undeclared variable expands to nothing', 'FROM alpine$TAG\n', 1],
    ['a variable registry before an untagged name', 'ARG REGISTRY\nFROM ${REGISTRY}/ubuntu\n', 1],
    ['an untagged name after a registry with a default', 'ARG REGISTRY=ghcr.io\nFROM ${REGISTRY}/org/app\n', 1],
    ['a default given in the reference', 'ARG V\nFROM node:${V:-latest}\n', 1],
    ['the whole reference from an ARG, untagged', 'ARG IMAGE=node\nFROM $IMAGE\n', 1],
    ['the whole reference from an ARG, latest', 'ARG IMAGE=node:latest\nFROM $IMAGE\n', 1],
    ['an empty tag is InvalidDefaultArgInFrom\'s', 'ARG TAG\nFROM foo:${TAG}\n', 0],
    ['no default at all', 'ARG BASE_IMAGE\nFROM $BASE_IMAGE\n', 0],
    ['a pinned default', 'ARG TAG=3.20\nFROM alpine:${TAG}\n', 0],
    ['a pinned default in ${V:-x}', 'ARG V\nFROM node:${V:-22}\n', 0],
    ['a build arg is not the default build', 'ARG V=20\nFROM node:${V:-latest}\n', 0],
    ['a pinned whole reference', 'ARG IMAGE=alpine:3.20\nFROM $IMAGE\n', 0],
    ['a stage ARG does not reach a later FROM', 'FROM alpine:3.5\nARG IMAGE=all-in-one\nFROM $IMAGE\n', 0],
    ['a stage ARG after FROM does not change the global', 'ARG TAG=test\nFROM foo:${TAG}\nARG TAG=latest\nFROM bar:${TAG}\n', 0],
    ['the default names an earlier stage', 'ARG BASE=builder\nFROM alpine:3.20 AS builder\nFROM ${BASE}\n', 0],
    ['the default names a stage, in another case', 'ARG BASE=Builder\nFROM alpine:3.20 AS builder\nFROM ${BASE}\n', 0],
    ['scratch', 'ARG IMG=scratch\nFROM ${IMG}\n', 0],
    ['a literal latest after a variable is DL3007\'s', 'ARG REPO=repo\nFROM $REPO/image:latest\n', 0],
    ['a literal tag after a variable', 'ARG REPO=repo\nFROM $REPO/image:1.2\n', 0],
    ['a digest in the default', 'ARG IMG=alpine:latest@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef\nFROM $IMG\n', 0],
    ['a literal digest after a variable', 'ARG R\nFROM ${R}/alpine@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef\n', 0],
    ['an automatic platform ARG is a tag', 'FROM alpine:${TARGETARCH}\n', 0],
    ['a registry port is not a tag', 'ARG R=localhost:5000\nFROM ${R}/app:${T:-1.0}\n', 0],
  ];
  it.each(verdicts)('%s', (_title, text, count) => {
    expect(findings('latest-base-in-default-build', text)).toHaveLength(count);
  });

  it('reports a stage built on a latest base once, on the FROM that names the image', () => {
    const text = 'ARG BASE=node\nFROM ${BASE} AS build\nFROM build\n';
    expect(findings('DH016', text).map((d) => [d.range.startLine, at(text, d)])).toEqual([[2, '${BASE}']]);
  });

  itFinds('latest-base-in-default-build', 'says what the default build uses and which ARG to pin', 'ARG TAG=latest\nFROM alpine:${TAG}\nFROM python$VARIANT\nFROM ${REGISTRY}/ubuntu\n', [
    '2: `alpine:${TAG}` is `alpine:latest` with the ARG defaults, so a build without --build-arg uses the `latest` tag; give TAG a pinned default',
    '3: `python$VARIANT` is `python` with the ARG defaults: no tag, so a build without --build-arg uses `latest`; give VARIANT a pinned default',
    '4: `${REGISTRY}/ubuntu` names no tag, so every build uses `latest` whatever the build arguments; add `:<version>` after the last variable',
  ]);

  it('never reports a FROM that DL3006 or DL3007 reports', () => {
    const texts = [
      'FROM alpine\n', 'FROM alpine:latest\n', 'ARG T\nFROM alpine$T\n', 'ARG R\nFROM ${R}/ubuntu\n', 'ARG R\nFROM registry.io/${R}/ubuntu\n',
      'ARG R\nFROM ${R}/ubuntu:latest\n', 'ARG T=latest\nFROM alpine:$T\n', 'ARG I=alpine\nFROM $I\n', 'ARG V\nFROM app${V}\n',
    ];
    for (const text of texts) {
      const lines = (code: string) => new Set(findings(code, text).map((d) => d.range.startLine));
      const dh016 = lines('DH016');
      for (const code of ['DL3006', 'DL3007']) for (const l of lines(code)) expect(dh016.has(l), `${code} and DH016 on line ${l} of ${JSON.stringify(text)}`).toBe(false);
    }
  });

  it('literalTagOf reads the last path component outside ${...}', () => {
    expect(literalTagOf('$REPO/app:1.2')).toBe('pinned');
    expect(literalTagOf('${IMG}@sha256:ab')).toBe('pinned');
    expect(literalTagOf('${IMG:-a/b:c}')).toBe('variable');
    expect(literalTagOf('${R}:5000/app')).toBe('untagged');
    expect(literalTagOf('alpine:${TAG}')).toBe('variable');
    expect(literalTagOf('alpine$TAG')).toBe('variable');
    expect(literalTagOf('app@${DIGEST}')).toBe('variable');
  });
});

describe('images: parseImageRef', () => {
  it('splits registry, repository, tag and digest', () => {
    expect(parseImageRef('localhost:5000/team/app:1.2@sha256:ab')).toEqual({
      registry: 'localhost:5000', repository: 'team/app', tag: '1.2', tagOffset: 24, digest: 'sha256:ab',
    });
    expect(parseImageRef('zemanlx/ubuntu:18.04')).toMatchObject({ registry: null, repository: 'zemanlx/ubuntu', tag: '18.04' });
    expect(parseImageRef('registry.example.com:5000/app')).toMatchObject({ registry: 'registry.example.com:5000', tag: null });
  });
});

describe('from-line: baseStageOf', () => {
  it('finds the stage a FROM builds on as the semantic model does, with or without variables', () => {
    const texts = [
      'FROM a AS Builder\nFROM builder\nFROM Builder\nFROM a AS builder\nFROM builder\nFROM scratch\n',
      'ARG B=builder\nFROM x AS builder\nFROM $B\nFROM ${B}2\nFROM x AS builder2\nFROM ${B}2\nFROM "builder"\n',
      'ARG IMG=alpine\nFROM $IMG\nFROM 0\n',
      '# escape=`\nFROM x AS a`b\nFROM a`b\nFROM x AS ab\nFROM a`b\n',
    ];
    for (const text of texts) {
      const file = parse(text);
      const model = buildModel(file);
      const want = file.stages.map((s) => {
        const b = model.stages[s.index]!.base;
        return b.kind === 'stage' ? b.index : undefined;
      });
      expect(file.stages.map((s) => baseStageOf(file, s.index)), text).toEqual(want);
      expect(want.some((w) => w !== undefined), text).toBe(text !== texts[2]);
    }
  });
});
