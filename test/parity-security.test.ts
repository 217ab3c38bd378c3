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
