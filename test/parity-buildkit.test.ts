// BuildKit's build checks against moby/buildkit's sources (dockerfile2llb/convert.go, validations.go,
// convert_expose.go, instructions/parse.go), on inputs outside BuildKit's own test suite: each case
// is `line: message` as `docker build --check` reports it.
import { beforeAll, describe } from 'vitest';
import { initLinter } from '../src/linter/index.js';
import { itFinds } from './rules-kit.js';

beforeAll(() => initLinter());

describe('a finding on a continuation line is on its instruction\'s first line (BuildKit reports the instruction)', () => {
  itFinds('undefined-var', 'UndefinedVar', 'FROM scratch\nCOPY a \\\n   $X /b\n', ["2: Usage of undefined variable '$X'"]);
  itFinds('undefined-var', 'UndefinedVar in a RUN --mount on a later line', 'FROM scratch\nRUN \\\n  --mount=type=cache,target=$CACHE true\n', [
    "2: Usage of undefined variable '$CACHE'",
  ]);
  itFinds('secrets-used-in-arg-or-env', 'SecretsUsedInArgOrEnv, ARG and ENV', 'FROM scratch\nARG A \\\n  MY_TOKEN\nENV A=1 \\\n  API_KEY=2\n', [
    '2: Do not use ARG or ENV instructions for sensitive data (ARG "MY_TOKEN")',
    '4: Do not use ARG or ENV instructions for sensitive data (ENV "API_KEY")',
  ]);
  itFinds('undefined-arg-in-from', 'UndefinedArgInFrom', 'FROM \\\n  alpine:$TAG\n', ["1: FROM argument 'TAG' is not declared"]);
  itFinds('invalid-default-arg-in-from', 'InvalidDefaultArgInFrom', 'ARG TAG\nFROM \\\n  alpine:$TAG\n', [
    '2: Default value for ARG alpine:$TAG results in empty or invalid base image name',
  ]);
  itFinds('workdir-relative-path', 'WorkdirRelativePath', 'FROM scratch\nWORKDIR \\\n  app\n', [
    '2: Relative workdir "app" can have unexpected results if the base image changes',
  ]);
  itFinds('legacy-key-value-format', 'LegacyKeyValueFormat', 'FROM scratch\nLABEL \\\n  b 2\n', [
    '2: "LABEL key=value" should be used instead of legacy "LABEL key value" format',
  ]);
  itFinds('expose-proto-casing', 'ExposeProtoCasing', 'FROM scratch\nEXPOSE 80 \\\n  443/TCP\n', [
    "2: Defined protocol '443/TCP' in EXPOSE instruction should be lowercase",
  ]);
  itFinds('expose-invalid-format', 'ExposeInvalidFormat', 'FROM scratch\nEXPOSE 80 \\\n  8080:80\n', [
    "2: EXPOSE instruction should not define an IP address or host-port mapping, found '8080:80'",
  ]);
  itFinds('from-as-casing', 'FromAsCasing', 'FROM alpine:3 \\\n  as build\n', ["1: 'as' and 'FROM' keywords' casing do not match"]);
  itFinds('stage-name-casing', 'StageNameCasing', 'FROM alpine:3 AS \\\n  Build\n', ["1: Stage name 'Build' should be lowercase"]);
  itFinds('from-platform-flag-const-disallowed', 'FromPlatformFlagConstDisallowed', 'FROM \\\n  --platform=linux/arm64 alpine:3\n', [
    '1: FROM --platform flag should not use constant value "linux/arm64"',
  ]);
  itFinds('reserved-stage-name', 'ReservedStageName', 'FROM alpine:3 AS \\\n  scratch\n', [
    '1: Stage name should not use the same name as reserved stage "scratch"',
  ]);
  itFinds('duplicate-stage-name', 'DuplicateStageName', 'FROM alpine:3 AS a\nFROM alpine:3 \\\n  AS a\n', [
    '2: Duplicate stage name "a", stage names should be unique',
  ]);
  itFinds('copy-ignored-file', 'CopyIgnoredFile', 'FROM scratch\nCOPY \\\n  secret.txt /\n', [
    '2: Attempting to Copy file "secret.txt" that is excluded by .dockerignore',
  ], { context: ['secret.txt'], dockerignore: 'secret.txt\n' });
});

describe('EXPOSE: BuildKit checks a port spec only once its container part is valid (convert_expose.go parsePort)', () => {
  itFinds('expose-proto-casing', 'an unknown protocol is a build error, not a casing warning', 'FROM scratch\nEXPOSE 80/FOO 81/Udp\n', [
    "2: Defined protocol '81/Udp' in EXPOSE instruction should be lowercase",
  ]);
  itFinds('expose-proto-casing', 'the protocol follows the first `/`', 'FROM scratch\nEXPOSE 80/TCP/x\n', []);
  itFinds('expose-invalid-format', 'an empty host part maps nothing', 'FROM scratch\nEXPOSE :80 ::81 8080:82\n', [
    "2: EXPOSE instruction should not define an IP address or host-port mapping, found '8080:82'",
  ]);
  itFinds('expose-invalid-format', 'a mapping to no port fails the build first', 'FROM scratch\nEXPOSE 8080: 1.2.3.4:80:80/foo\n', []);
});

describe('InvalidDefaultArgInFrom: every FROM is expanded with the defaults (validations.go validateBaseImagesWithDefaultArgs)', () => {
  itFinds('invalid-default-arg-in-from', 'a base without variables is checked too', 'FROM Alpine:3\nFROM alpine:\nFROM ubuntu@sha256:abc\nFROM alpine:3\n', [
    '1: Default value for ARG Alpine:3 results in empty or invalid base image name',
    '2: Default value for ARG alpine: results in empty or invalid base image name',
    '3: Default value for ARG ubuntu@sha256:abc results in empty or invalid base image name',
  ]);
  itFinds('invalid-default-arg-in-from', 'a base that fails to expand ends the check', 'ARG X\nFROM ${X:?unset}\nFROM ${X}\n', []);
  itFinds('invalid-default-arg-in-from', 'a FROM without an image is a parse error, not a finding', 'FROM\nFROM alpine:3\n', []);
});

describe('ONBUILD triggers run first in a stage built FROM their stage, reported at its FROM (convert.go initOnBuildTriggers)', () => {
  // The last stage (the default target) and what it needs get their base stage's triggers; others do not.
  const text = (trigger: string) => `FROM scratch AS base\nONBUILD ${trigger}\nFROM base AS unused\nFROM base\n`;
  itFinds('undefined-var', 'UndefinedVar', text('COPY $MISSING /y'), ["4: Usage of undefined variable '$MISSING'"]);
  itFinds('secrets-used-in-arg-or-env', 'SecretsUsedInArgOrEnv', text('ENV MY_TOKEN=1'), [
    '4: Do not use ARG or ENV instructions for sensitive data (ENV "MY_TOKEN")',
  ]);
  itFinds('workdir-relative-path', 'WorkdirRelativePath', text('WORKDIR app'), [
    '4: Relative workdir "app" can have unexpected results if the base image changes',
  ]);
  itFinds('legacy-key-value-format', 'LegacyKeyValueFormat', text('LABEL a b'), [
    '4: "LABEL key=value" should be used instead of legacy "LABEL key value" format',
  ]);
  itFinds('expose-proto-casing', 'ExposeProtoCasing', text('EXPOSE 80/TCP'), ["4: Defined protocol '80/TCP' in EXPOSE instruction should be lowercase"]);
  itFinds('json-args-recommended', 'JSONArgsRecommended', text('CMD echo hi'), [
    '4: JSON arguments recommended for CMD to prevent unintended behavior related to OS signals',
  ]);
  itFinds('json-args-recommended', 'JSONArgsRecommended: a stage copied from by the last one gets its triggers too', 'FROM scratch AS base\nONBUILD ENTRYPOINT run\nFROM base AS tool\nFROM scratch\nCOPY --from=tool / /\n', [
    '3: JSON arguments recommended for ENTRYPOINT to prevent unintended behavior related to OS signals',
  ]);
  itFinds('copy-ignored-file', 'CopyIgnoredFile', text('COPY secret.txt /'), ['4: Attempting to Copy file "secret.txt" that is excluded by .dockerignore'], {
    context: ['secret.txt'],
    dockerignore: 'secret.txt\n',
  });
  itFinds('workdir-relative-path', 'a trigger WORKDIR makes the stage\'s own WORKDIR not the first', 'FROM scratch AS base\nONBUILD WORKDIR /srv\nFROM base\nWORKDIR app\n', []);
});

describe('SecretsUsedInArgOrEnv: names are matched as Go\'s (?i) matches them (validations.go getSecretsRegex)', () => {
  itFinds('secrets-used-in-arg-or-env', 'case folding is Unicode\'s simple folding', 'FROM scratch\nARG API_\u212AEY\nENV MY_\u017FECRET=1\n', [
    '2: Do not use ARG or ENV instructions for sensitive data (ARG "API_\u212AEY")',
    '3: Do not use ARG or ENV instructions for sensitive data (ENV "MY_\u017FECRET")',
  ]);
});

describe('CopyIgnoredFile: a source written with a leading `/` is matched as written (validations.go validateCopySourcePath)', () => {
  const setup = (dockerignore: string) => ({ context: ['README.md', 'app.py', 'Dockerfile'], dockerignore });
  itFinds('copy-ignored-file', 'a pattern starting with **/ matches it', 'FROM scratch\nCOPY /README.md /docs/\n', [
    '2: Attempting to Copy file "/README.md" that is excluded by .dockerignore',
  ], setup('**/*.md\n'));
  itFinds('copy-ignored-file', 'its parent `` matches `*`', 'FROM scratch\nCOPY /app.py /\n', [
    '2: Attempting to Copy file "/app.py" that is excluded by .dockerignore',
  ], setup('*\n'));
  itFinds('copy-ignored-file', 'a plain pattern does not (BuildKit\'s own case)', 'FROM scratch\nCOPY /Dockerfile /\n', [], setup('Dockerfile\n'));
});

describe('InvalidBaseImagePlatform: the image as expanded, platforms normalised (validations.go validateBaseImagePlatform)', () => {
  const setup = { options: { settings: { InvalidBaseImagePlatform: { images: { 'example/arm-only:1': 'linux/aarch64' } } } } };
  itFinds('invalid-base-image-platform', 'names and platforms as BuildKit prints them', 'ARG IMG=example/arm-only:1\nFROM --platform=linux/x86_64 \\\n  ${IMG}\n', [
    '2: Base image example/arm-only:1 was pulled with platform "linux/arm64", expected "linux/amd64" for current build',
  ], setup);
  itFinds('invalid-base-image-platform', 'arm has the variant v7 by default', 'FROM --platform=linux/arm example/arm-only:1\n', [
    '1: Base image example/arm-only:1 was pulled with platform "linux/arm64", expected "linux/arm/v7" for current build',
  ], setup);
});

describe('UndefinedVar: suggestions in the order of the stage\'s environment (validations.go reportUnmatchedVariables)', () => {
  itFinds('undefined-var', 'an image variable comes before one the Dockerfile sets', 'FROM golang:1.23\nENV GOPATA=1\nCOPY . $GOPATZ\n', [
    "3: Usage of undefined variable '$GOPATZ' (did you mean $GOPATH?)",
  ]);
});
