// The security rules (DH010-DH018) against what Trivy's and Checkov's own code reports on inputs
// their test suites do not hold: the spellings and shapes their checks catch and dockhand once missed.
import { beforeAll, describe, expect, it } from 'vitest';
import { initLinter } from '../src/linter/index.js';
import { at, findings, itFinds } from './rules-kit.js';

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
