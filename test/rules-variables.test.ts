// The rules about ARG and ENV: undefined variables, self-references, secrets in build arguments
// and environment variables, and the descriptions BuildKit reads from comments.
import { beforeAll, expect, it } from 'vitest';
import { initLinter } from '../src/linter/index.js';
import { at, describeRule, findings, itFinds, itLines } from './rules-kit.js';

beforeAll(() => initLinter());

describeRule('undefined-var', {}, () => {
  itFinds(
    'undefined-var',
    'unknown base image: only near-misses of defined names are reported',
    'FROM example/app:1\nARG APP_DIR=/srv\nCOPY . $APP_DRI\nWORKDIR $IMAGE_HOME\n',
    ["3: Usage of undefined variable '$APP_DRI' (did you mean $APP_DIR?)"],
  );
  itFinds(
    'undefined-var',
    'variables of a known official image are defined',
    'FROM golang:1.23\nWORKDIR $GOPATH/src\nENV PATH=$GOPATH/bin:$PATH\nCOPY . $GOPTH\n',
    ["4: Usage of undefined variable '$GOPTH' (did you mean $GOPATH?)"],
  );
  itFinds(
    'undefined-var',
    'an ARG without value declares the name; inherited through FROM <stage>',
    'FROM scratch AS base\nARG VERSION\nENV V=${VERSION}\nFROM base\nLABEL version=$VERSION\n',
    [],
  );
});

describeRule('env-self-reference', {}, () => {
  it('points at the reference', () => {
    const text = 'FROM alpine\nENV A=1 B="x/${A}/y"';
    expect(findings('DL3044', text).map((d) => at(text, d))).toEqual(['${A}']);
  });
  itLines('env-self-reference', "hadolint: a reference to a later pair's key counts too", 'FROM a\nENV A=$B B=1\n', [2]);
  itLines('env-self-reference', 'hadolint: `$VAR` at the end of a value and `${VAR}` count; a key defined earlier and a self-reference do not', 'FROM a\nENV A=1 B=x$A C=${A}y\nARG D\nENV D=1 E=$D PATH=/x:$PATH\n', [2, 2]);
  itLines('env-self-reference', 'unlike hadolint: single-quoted and escaped `$` are no references, `${VAR:-x}` is one', "FROM a\nENV A=1 B='$A' C=\\$A D=${A:-x}\n", [2]);
  itLines('env-self-reference', 'unlike hadolint: the finding points at the reference, on its own line', 'FROM a\nENV A=1 \\\n    B=$A\n', [3]);
  itLines('env-self-reference', 'unlike hadolint: a key set twice is reported at the second self-reference only', 'FROM a\nENV PATH=$PATH:/a \\\n    X=1 \\\n    PATH=$PATH:/b\n', [4]);
});

describeRule('secrets-used-in-arg-or-env', {}, () => {
  itFinds(
    'secrets-used-in-arg-or-env',
    'global ARGs are not checked, allow-words win',
    'ARG NPM_TOKEN\nFROM alpine\nARG NPM_TOKEN\nENV KEY_FILE=/k PUBLIC_KEY=x DB_PASSWD=y\n',
    [
      '3: Do not use ARG or ENV instructions for sensitive data (ARG "NPM_TOKEN")',
      '4: Do not use ARG or ENV instructions for sensitive data (ENV "DB_PASSWD")',
    ],
  );
});

describeRule('secret-in-arg-or-env', {}, () => {
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
    expect(findings('DL3064', text).map((d) => d.range.startLine)).toEqual([2, 3, 4]);
  });
  itLines('secret-in-arg-or-env', 'hadolint: ONBUILD ARG and ENV are checked', 'FROM a\nONBUILD ARG api_key\nONBUILD ENV NPM_TOKEN=x\nARG normal\n', [2, 3]);
});

describeRule('invalid-definition-description', {});
