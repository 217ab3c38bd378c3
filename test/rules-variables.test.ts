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
  itLines(
    'undefined-var',
    'a name set later in the stage, or by the same ENV, is undefined where it is used',
    'FROM scratch\nENV A=$B B=1\nCOPY $B /x\nWORKDIR $C\nENV C=/c\nUSER $C\n',
    [2, 4],
  );
  itLines('undefined-var', 'a reference nested in a default', 'FROM scratch\nARG A\nENV X=${A:-$MISSING}\nLABEL m=$A\n', [3]);
  itLines('undefined-var', 'a name going on with a non-ASCII letter is another name', 'FROM scratch\nARG A\nLABEL l=$A\u00c4 m=$A\n', [3]);
  itLines('undefined-var', 'RUN --mount values are expanded, the command is not', 'FROM scratch\nARG A\nRUN --mount=type=cache,target=$CACHE_DIR ls $NOT_EXPANDED $A\n', [3]);
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

describeRule('credentials-in-image', { invalidCount: 7 }, () => {
  const verdicts: [string, string, number][] = [
    ['COPY into a credential-file variable', 'FROM busybox\nCOPY ./config $AWS_CONFIG_FILE\n', 1],
    ['COPY into ${VAR}, with a location too: one finding', 'FROM busybox\nENV AWS_SHARED_CREDENTIALS_FILE=/root/.aws/credentials\nCOPY creds ${AWS_SHARED_CREDENTIALS_FILE}\n', 1],
    ['COPY into another variable', 'FROM busybox\nCOPY ./config $CONFIG_DIR\n', 0],
    ['a variable pointing into a copied directory', 'FROM busybox\nCOPY /src /app/\nENV GOOGLE_APPLICATION_CREDENTIALS=./app/google.json\n', 1],
    ['COPY . . with no WORKDIR copies to /', 'FROM busybox\nCOPY . .\nENV GOOGLE_APPLICATION_CREDENTIALS="./news.json"\n', 1],
    ['a variable pointing elsewhere', 'FROM busybox\nCOPY /src /src\nENV GOOGLE_APPLICATION_CREDENTIALS=./app/x.json\n', 0],
    ['a WORKDIR, and the ENV before the COPY', 'FROM busybox\nWORKDIR /srv\nENV AWS_CONFIG_FILE=/srv/aws/config\nCOPY . .\n', 1],
    ['paths compare by component', 'FROM busybox\nCOPY . /app\nENV AWS_CONFIG_FILE=/application/cfg\n', 0],
    ['nothing copied there', 'FROM busybox\nENV GOOGLE_APPLICATION_CREDENTIALS=/credentials/g.json\n', 0],
    ['an ARG default counts like an ENV', 'FROM busybox\nCOPY . /app\nARG KUBECONFIG=/app/kube/config\n', 1],
    ['a value from a variable is not judged', 'FROM busybox\nCOPY . /app\nARG P\nENV HF_TOKEN_PATH=$P\n', 0],
    ['a builder stage is not the image', 'FROM x:1 AS build\nCOPY . /app\nENV GOOGLE_APPLICATION_CREDENTIALS=/app/k.json\nFROM y:1\nCOPY --from=build /app/bin /bin\n', 0],
    ['a base stage is part of the image', 'FROM x:1 AS base\nCOPY . /app\nENV GOOGLE_APPLICATION_CREDENTIALS=/app/k.json\nFROM base\n', 1],
    ['.env copied in', 'FROM node:22\nCOPY .env /app/.env\n', 1],
    ['.env.local and .env.production.local', 'FROM node:22\nCOPY .env.local .env.production.local /app/\n', 1],
    ['templates and committed settings are not secrets', 'FROM node:22\nCOPY .env.example .env.production /app/\n', 0],
    ['.env from another stage', 'FROM node:22 AS builder\nFROM node:22\nCOPY --from=builder /app/.env ./.env\n', 1],
    ['a private key', 'FROM debian:12\nCOPY id_rsa /root/.ssh/id_rsa\n', 1],
    ['a public key as authorized_keys', 'FROM debian:12\nCOPY id_rsa.pub /home/u/.ssh/authorized_keys\n', 0],
    ['known_hosts into .ssh', 'FROM debian:12\nCOPY ssh/known_hosts /root/.ssh/\n', 0],
    ['any file into .ssh', 'FROM debian:12\nCOPY deploy-key /root/.ssh/\n', 1],
    ['a .ssh directory', 'FROM debian:12\nCOPY ./docker-cache/.ssh /root/.ssh\n', 1],
    ['into $HOME/.aws', 'FROM debian:12\nENV HOME=/home/app\nCOPY creds $HOME/.aws/credentials\n', 1],
    ['a relative destination under WORKDIR', 'FROM debian:12\nWORKDIR /root\nCOPY kubeconfig .kube/config\n', 1],
    ['a kube cache is not the config', 'FROM debian:12\nCOPY cache /root/.kube/cache/\n', 0],
    ['a Hugging Face token, not a model cache', 'FROM python:3.12\nCOPY token /root/.cache/huggingface/token\nCOPY models /root/.cache/huggingface\n', 1],
    ['a .netrc written by a heredoc', 'FROM debian:12\nCOPY <<EOF /root/.netrc\nmachine x login y password z\nEOF\n', 1],
    ['a CA certificate', 'FROM debian:12\nCOPY ca.pem /usr/local/share/ca-certificates/\n', 0],
    ['a .key file (often a public GPG key)', 'FROM debian:12\nCOPY server.key /etc/nginx/\n', 0],
    ['docker config.json (usually credential helpers)', 'FROM debian:12\nCOPY config.json /root/.docker/config.json\n', 0],
    ['aws configure set of a key', 'FROM amazon/aws-cli:2.15.0\nRUN aws configure set aws_access_key_id $KEY\n', 1],
    ['aws configure set of a profile key', 'FROM amazon/aws-cli:2.15.0\nRUN aws --profile ci configure set profile.ci.aws_secret_access_key $S\n', 1],
    ['aws configure set region', 'FROM amazon/aws-cli:2.15.0\nRUN aws configure set region eu-west-1\n', 0],
    ["a secret mount (Trivy's exemption)", 'FROM amazon/aws-cli:2.15.0\nRUN --mount=type=secret,id=aws,env=AWS_ACCESS_KEY_ID aws configure set aws_access_key_id $AWS_ACCESS_KEY_ID\n', 0],
    ['a secret mount, fields in another order', 'FROM amazon/aws-cli:2.15.0\nRUN --mount=id=aws,type=secret aws configure import --csv file:///run/secrets/aws\n', 0],
    ['gcloud inside if', 'FROM ubuntu:22.04\nRUN if [ -n "$G" ]; then gcloud auth activate-service-account --key-file="$G"; fi\n', 1],
    ['gcloud auth login --cred-file', 'FROM ubuntu:22.04\nRUN gcloud auth login --cred-file=/tmp/c.json\n', 1],
    ['gcloud auth login (interactive, fails in a build)', 'FROM ubuntu:22.04\nRUN gcloud auth login\n', 0],
    ['az login --password=x', 'FROM ubuntu:22.04\nRUN az login --service-principal -u $U --password=$P --tenant $T\n', 1],
    ['az login -p at the end', 'FROM ubuntu:22.04\nRUN az login --service-principal -u $U -p $P\n', 1],
    ['az login --federated-token', 'FROM ubuntu:22.04\nRUN az login --service-principal -u $U --federated-token "$(cat /t)" --tenant $T\n', 1],
    ['az login --identity', 'FROM ubuntu:22.04\nRUN az login --identity\n', 0],
    ['doctl auth init -t', 'FROM ubuntu:22.04\nRUN doctl auth init -t $DO_TOKEN\n', 1],
    ['docker login --password-stdin', 'FROM docker:27\nRUN echo "$T" | docker login -u bot --password-stdin registry.example.com\n', 1],
    ['docker login without a password', 'FROM docker:27\nRUN docker login registry.example.com\n', 0],
    ['echo of a login is not a login', 'FROM ubuntu:22.04\nRUN echo "aws configure set aws_access_key_id x"\n', 0],
    ['a login in a builder stage', 'FROM amazon/aws-cli:2.15.0 AS fetch\nRUN aws configure set aws_access_key_id $K && aws s3 cp s3://b/x /x\nFROM alpine:3.20\nCOPY --from=fetch /x /x\n', 0],
    ['ONBUILD triggers run in a later image', 'FROM amazon/aws-cli:2.15.0\nONBUILD RUN aws configure set aws_access_key_id $K\n', 0],
    ['a base stage named through an ARG (FROM $B) is part of the image', 'ARG B=base\nFROM alpine:3.20 AS base\nCOPY id_rsa /root/.ssh/id_rsa\nFROM $B\n', 1],
    ['a directory whose contents go into a credential directory', 'FROM debian:12\nCOPY gh/ /root/.config/gh/\n', 1],
  ];
  it.each(verdicts)('%s', (_title, text, count) => {
    expect(findings('credentials-in-image', text)).toHaveLength(count);
  });

  it('a directory source puts its contents into the destination, not itself', () => {
    const [d] = findings('credentials-in-image', 'FROM debian:12\nCOPY keys/ /home/app/.ssh/\n');
    expect(d!.message).toContain('into /home/app/.ssh,');
  });

  it('reports each offending instruction once, at the word that shows it', () => {
    const text = 'FROM busybox\nCOPY .env id_rsa /root/.ssh/\nRUN aws configure set aws_access_key_id a && aws configure set aws_secret_access_key b\n';
    expect(findings('DH018', text).map((d) => `${d.range.startLine}: ${at(text, d)}`)).toEqual(['2: .env', '3: aws']);
  });

  itFinds('credentials-in-image', 'says what is stored and where', 'FROM busybox\nWORKDIR /app\nCOPY . .\nENV GOOGLE_APPLICATION_CREDENTIALS=keys/g.json\nRUN doctl auth init --access-token "$T"\n', [
    '4: ENV GOOGLE_APPLICATION_CREDENTIALS points to /app/keys/g.json, the Google Cloud credentials file, and the COPY on line 3 puts that path into the image: anyone who can pull it can read the credential; mount the file at run time instead',
    "5: `doctl auth init --access-token` stores the credential on disk, in this RUN's layer of the image; authenticate at run time, or mount the credential with --mount=type=secret and keep the tool's configuration on a tmpfs mount",
  ]);
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
