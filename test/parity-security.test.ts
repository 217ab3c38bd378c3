// The security rules (DH010-DH018) against what Trivy's and Checkov's own code reports on inputs
// their test suites do not hold: the spellings and shapes their checks catch and dockhand once missed.
import { beforeAll, describe, expect, it } from 'vitest';
import { initLinter } from '../src/linter/index.js';
import { at, findings, itFinds, ruleNamed } from './rules-kit.js';

beforeAll(() => initLinter());

describe('DH013 tls-verification-disabled: the pip and config-manager spellings Checkov matches', () => {
  // CKV2_DOCKER_4 matches `pip3?` anywhere before `--trusted-host` in the same command.
  itFinds('DH013', 'python -m pip install --trusted-host', 'FROM python:3.12\nRUN python -m pip install --trusted-host pypi.org flask\n', [
    '2: `pip --trusted-host` downloads from that host without certificate checks: a man in the middle can change what is downloaded',
  ]);
  itFinds('DH013', 'python3 -mpip with --trusted-host=', 'FROM python:3.12\nRUN python3 -mpip install --trusted-host=pypi.org flask\n', [
    '2: `pip --trusted-host` downloads from that host without certificate checks: a man in the middle can change what is downloaded',
  ]);
  itFinds('DH013', 'pip3.11 install --trusted-host', 'FROM python:3.11\nRUN pip3.11 install --trusted-host pypi.org flask\n', [
    '2: `pip --trusted-host` downloads from that host without certificate checks: a man in the middle can change what is downloaded',
  ]);
  itFinds('DH013', 'a script run by python takes its own options', 'FROM python:3.12\nRUN python setup.py --trusted-host x\n', []);
  itFinds('DH013', 'pipenv is not pip', 'FROM python:3.12\nRUN pipenv install --trusted-host x\n', []);
  // CKV2_DOCKER_15 matches `(yum|dnf)(\s+|-)config-manager`.
  itFinds('DH013', 'yum config-manager --setopt=…sslverify=0', 'FROM rockylinux:9\nRUN yum config-manager --setopt=epel.sslverify=0 --save\n', [
    '2: `config-manager --setopt=…sslverify=0` turns off certificate checks for a repository: a man in the middle can change what is downloaded',
  ]);
  itFinds('DH013', 'yum install --setopt is not config-manager', 'FROM rockylinux:9\nRUN yum install -y --setopt=tsflags=nodocs httpd\n', []);
});

describe('DH013 tls-verification-disabled: GOINSECURE (Checkov CKV2_DOCKER_18)', () => {
  itFinds('DH013', 'ENV GOINSECURE', 'FROM golang:1.23\nENV GOINSECURE=git.example.com\n', [
    "2: ENV GOINSECURE turns off the Go tool's certificate checks for the modules it names, in the build and in every container of the image",
  ]);
  itFinds('DH013', 'ARG default, export and a command prefix', 'FROM golang:1.23\nARG GOINSECURE=*.corp\nRUN export GOINSECURE=x && go mod download\nRUN GOINSECURE=x go get example.com/m\n', [
    "2: ARG GOINSECURE's default turns off the Go tool's certificate checks for the modules it names in the build",
    "3: `export GOINSECURE=x` turns off the Go tool's certificate checks for the modules it names: a man in the middle can change what is downloaded",
    "4: GOINSECURE=x turns off the Go tool's certificate checks for the modules it names for `go`",
  ]);
  itFinds('DH013', 'an empty GOINSECURE names no module', 'FROM golang:1.23\nENV GOINSECURE=""\nARG GOINSECURE\n', []);
  it('CKV2_DOCKER_18 names DH013', () => {
    expect(ruleNamed('DH013').aliases).toContain('CKV2_DOCKER_18');
  });
});

describe('DH012 workdir-in-system-dir: paths with variables (Trivy DS030 reads the text before them)', () => {
  itFinds('DH012', 'a literal path keeps its message', 'FROM alpine:3.20\nWORKDIR /proc/app\n', ['2: WORKDIR /proc/app is inside /proc, a system directory; use an application directory such as /app']);
  itFinds('DH012', 'a variable below /proc', 'FROM alpine:3.20\nWORKDIR /proc/$APP\n', ['2: WORKDIR /proc/$APP is inside /proc, a system directory; use an application directory such as /app']);
  itFinds('DH012', 'quoted, braced, deeper', 'FROM alpine:3.20\nWORKDIR "/dev/${APP}/data"\n', ['2: WORKDIR /dev/${APP}/data is inside /dev, a system directory; use an application directory such as /app']);
  itFinds('DH012', 'the Dockerfile gives every variable its value', 'FROM alpine:3.20\nARG DIR=/boot/app\nWORKDIR $DIR\n', [
    '3: WORKDIR $DIR is /boot/app with the values in the Dockerfile, inside /boot, a system directory; use an application directory such as /app',
  ]);
  itFinds('DH012', 'a variable that may hold anything is not judged', 'FROM alpine:3.20\nWORKDIR $ROOTFS/proc\nWORKDIR /dev$SUFFIX\nWORKDIR /devices/$X\n', []);
  itFinds('DH012', 'a variable in an ONBUILD trigger', 'FROM alpine:3.20\nONBUILD WORKDIR /proc/$X\n', ['2: WORKDIR /proc/$X is inside /proc, a system directory; use an application directory such as /app']);
});

describe('scripts handed to a shell with -c: read as the shell reads them (Checkov and Trivy match the RUN text)', () => {
  const curlK = '`curl -k`/`--insecure` skips the server\'s certificate check: a man in the middle can change what is downloaded';
  it('DH013: sh -c "curl -k …" in shell form points at the inner command', () => {
    const text = 'FROM debian:12\nRUN sh -c "curl -k https://example.com/x -o /tmp/x"\n';
    const ds = findings('DH013', text);
    expect(ds.map((d) => `${d.range.startLine}: ${d.message}`)).toEqual([`2: ${curlK}`]);
    expect(at(text, ds[0]!)).toBe('curl -k https://example.com/x -o /tmp/x');
  });
  it('DH013: exec form ["/bin/bash", "-lc", "…"], through sudo, and a variable prefix in the script', () => {
    const text = 'FROM debian:12\nRUN ["/bin/bash", "-lc", "curl --insecure https://x | sh"]\nRUN sudo -u app bash -ec \'PYTHONHTTPSVERIFY=0 python x.py\'\n';
    expect(findings('DH013', text).map((d) => at(text, d))).toEqual(['curl --insecure https://x', 'PYTHONHTTPSVERIFY=0']);
  });
  itFinds('DH013', 'a script that only prints the words is not a finding', 'FROM debian:12\nRUN sh -c \'echo "use curl -k"\'\n', []);
  itFinds('DH013', 'words after the script are its arguments, not a script', 'FROM debian:12\nRUN sh -c \'exec "$@"\' sh curl -k https://x\n', []);
  itFinds('DH014', 'sh -c "apk add --allow-untrusted …"', 'FROM alpine:3.20\nRUN sh -c "apk add --allow-untrusted /tmp/x.apk"\n', [
    '2: `apk --allow-untrusted` installs packages without checking their signatures',
  ]);
  itFinds('DH015', 'bash -c "… | chpasswd", shell and exec form', 'FROM debian:12\nRUN bash -c "echo root:x | chpasswd"\nRUN ["/bin/sh", "-c", "echo app:x | chpasswd"]\n', [
    "2: `chpasswd` in a RUN: the password ends up in the image's history and layers",
    "3: `chpasswd` in a RUN: the password ends up in the image's history and layers",
  ]);
  itFinds('DH017', 'sh -c "apt-get -y dist-upgrade"', 'FROM debian:12\nRUN sh -c "apt-get update && apt-get -y dist-upgrade"\n', [
    '2: `apt-get dist-upgrade` adds and removes packages to follow new dependencies, so the image drifts from the tested base; use a newer base image tag (or `apt-get upgrade`)',
  ]);
  itFinds('DH018', 'sh -c "gcloud auth activate-service-account …"', 'FROM google/cloud-sdk:470.0.0\nRUN sh -c "gcloud auth activate-service-account --key-file=/k.json"\n', [
    "2: `gcloud auth activate-service-account` stores the credential on disk, in this RUN's layer of the image; authenticate at run time, or mount the credential with --mount=type=secret and keep the tool's configuration on a tmpfs mount",
  ]);
  itFinds('DH018', 'exec form with a secret mount stays exempt', 'FROM google/cloud-sdk:470.0.0\nRUN --mount=type=secret,id=k [ "sh", "-c", "gcloud auth activate-service-account --key-file=/run/secrets/k" ]\n', []);
});

describe("slips of the peers' text matching that dockhand does not copy (docs/security-deviations.md)", () => {
  itFinds('DH017', 'apt-get dist-upgrade alone (DS024 needs two spaces around its `.*`)', 'FROM debian:12\nRUN apt-get dist-upgrade -y\n', [
    '2: `apt-get dist-upgrade` adds and removes packages to follow new dependencies, so the image drifts from the tested base; use a newer base image tag (or `apt-get upgrade`)',
  ]);
  itFinds('DH018', 'a secret mount whose type comes after its id is a secret mount', 'FROM amazon/aws-cli:2.15.0\nRUN --mount=id=aws,type=secret aws configure set aws_access_key_id $(cat /run/secrets/aws)\n', []);
  itFinds('DH018', 'COPY . . into /app does not put /etc/gcp/key.json into the image', 'FROM debian:12\nWORKDIR /app\nCOPY . .\nENV GOOGLE_APPLICATION_CREDENTIALS=/etc/gcp/key.json\n', []);
  itFinds('DH010', 'EXPOSE 22/sctp', 'FROM debian:12\nEXPOSE 22/sctp\n', ['2: EXPOSE 22/sctp: port 22 means an SSH server in the container; use `docker exec` for a shell instead']);
});

describe('DH013: git reads its setting names in any case', () => {
  itFinds('DH013', 'git config http.SSLVerify false', 'FROM debian:12\nRUN git config --global http.SSLVerify false\n', [
    '2: `git config http.sslVerify false` turns off certificate checks: a man in the middle can change what is downloaded',
  ]);
});
