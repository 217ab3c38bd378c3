// The package-manager rules: version pins, non-interactive switches, caches and lists left in a
// layer, index updates, signature checks; and the table they read (src/rules/utils/package-managers.ts).
import { beforeAll, describe, expect, it } from 'vitest';
import { initLinter } from '../src/linter/index.js';
import { CACHE_COMMAND_NAMES, UNSIGNED_OPTIONS } from '../src/rules/utils/package-commands.js';
import { ALL_PACKAGE_MANAGERS, CACHE_KINDS, PACKAGE_MANAGERS } from '../src/rules/utils/package-managers.js';
import { at, describeRule, findings, fixed, itFinds } from './rules-kit.js';

beforeAll(() => initLinter());

describe('the package-manager table', () => {
  /** For each manager with a pin syntax: words it takes as pinned, and words it does not. */
  const PINS: Record<string, { pinned: string[]; unpinned: string[]; known?: string[] }> = {
    apt: { pinned: ['curl=7.88.1-10', 'curl/bookworm-backports', './local.deb'], unpinned: ['curl', 'libc6-dev'] },
    apk: { pinned: ['curl=8.9.1-r2', 'curl~8.9', 'curl>8', './x.apk'], unpinned: ['curl', 'curl-doc'] },
    yum: { pinned: ['httpd-2.4.6', 'git-core-${VERSION}', 'x.rpm', '$PKGS'], unpinned: ['httpd', 'git-core', 'httpd-latest'], known: ['VERSION'] },
    dnf: { pinned: ['httpd-2.4.58-1.fc40', 'x.rpm'], unpinned: ['httpd', 'httpd-${UNDECLARED}'] },
    zypper: { pinned: ['httpd=2.4.58', 'vim>=9', 'x.rpm', '$PKG'], unpinned: ['httpd'] },
    pip: { pinned: ['six==1.16', 'six>=1,<2', 'six~=1.16', 'pkg.whl', 'git+https://h/r.git@v1', './dir'], unpinned: ['six', 'git+https://h/r.git', 'six[extra]'] },
    npm: { pinned: ['ts@5.6', '@scope/pkg@1', 'git+https://h/r.git#v1', 'x.tgz', './dir', 'user/repo#ref'], unpinned: ['ts', '@scope/pkg', 'git+https://h/r.git', 'user/repo'] },
    gem: { pinned: ['bundler:2.5.22', 'local.gem'], unpinned: ['bundler'] },
    go: { pinned: ['golang.org/x/tools/gopls@v0.15.3'], unpinned: ['golang.org/x/tools/gopls', 'x.com/y@latest', 'x.com/y@none', 'x.com/y@'] },
  };

  it('every manager that installs has pin cases here (adding a manager means adding its cases)', () => {
    const installs = Object.entries(PACKAGE_MANAGERS).filter(([, m]) => 'install' in m).map(([id]) => id);
    expect(Object.keys(PINS).sort()).toEqual(installs.sort());
  });

  it.each(Object.keys(PINS))('%s: the version-pin syntax', (id) => {
    const m = PACKAGE_MANAGERS[id as keyof typeof PACKAGE_MANAGERS];
    const { pinned, unpinned, known = [] } = PINS[id]!;
    const install = (m as { install: { pinned(p: string, k?: ReadonlySet<string>): boolean } }).install;
    expect(pinned.filter((p) => !install.pinned(p, new Set(known)))).toEqual([]);
    expect(unpinned.filter((p) => install.pinned(p, new Set(known)))).toEqual([]);
  });

  it('DH008 follows each cache once, in table order; yum and dnf share theirs', () => {
    expect(CACHE_KINDS.map((k) => k.id)).toEqual(['apt', 'apk', 'yum', 'zypper', 'pip', 'npm', 'yarn']);
    expect(PACKAGE_MANAGERS.yum.layerCache).toBe(PACKAGE_MANAGERS.dnf.layerCache);
    expect([...CACHE_COMMAND_NAMES].sort()).toEqual(['apk', 'apt', 'apt-get', 'aptitude', 'dnf', 'microdnf', 'npm', 'pip', 'pip3', 'rm', 'yarn', 'yum', 'zypper']);
  });

  it('DH014 reads the signature-skipping options of every manager that has them', () => {
    expect([...UNSIGNED_OPTIONS.keys()].sort()).toEqual(['apk', 'apt', 'apt-get', 'dnf', 'microdnf', 'rpm', 'tdnf', 'yum']);
    expect(ALL_PACKAGE_MANAGERS.filter((m) => m.unsigned).length).toBe(5);
    expect(UNSIGNED_OPTIONS.get('tdnf')).toEqual(['nogpgcheck']);
  });
});

describeRule('pin-apt-versions', { invalidCount: 5 }, () => {
  it('points at each unpinned package', () => {
    const text = 'FROM debian:12\nRUN apt-get update && apt-get install -y -t stable python3 curl=7 \\\n  git\n';
    const found = findings('pin-apt-versions', text);
    expect(found.map((d) => [at(text, d), d.range.startLine, d.range.startColumn])).toEqual([
      ['python3', 2, 52],
      ['git', 3, 3],
    ]);
  });
  it('maps packages across comment lines and in RUN heredocs', () => {
    const cont = 'FROM debian:12\nRUN apt-get install -y \\\n# the editor\n    vim \\\n    curl=7\n';
    expect(findings('pin-apt-versions', cont).map((d) => [at(cont, d), d.range.startLine])).toEqual([['vim', 4]]);
    const heredoc = 'FROM debian:12\nRUN <<EOF\nset -e\napt-get install -y jq\nEOF\n';
    expect(findings('pin-apt-versions', heredoc).map((d) => [at(heredoc, d), d.range.startLine])).toEqual([['jq', 4]]);
  });
  it('honours the escape directive', () => {
    const text = '# escape=`\nFROM debian:12\nRUN apt-get install -y `\n    vim\n';
    expect(findings('pin-apt-versions', text).map((d) => [at(text, d), d.range.startLine])).toEqual([['vim', 4]]);
  });
  it('checks ONBUILD RUN (hadolint marks it OB)', () => {
    expect(findings('pin-apt-versions', 'FROM a:1\nONBUILD RUN apt-get install -y curl\n')).toHaveLength(1);
  });
  it('a PowerShell SHELL turns it off', () => {
    const text = 'FROM mcr.microsoft.com/windows/servercore:ltsc2022\nSHELL ["powershell", "-Command"]\nRUN apt-get install curl\n';
    expect(findings('pin-apt-versions', text)).toEqual([]);
  });
});

describeRule('require-apt-lists-cleanup', { invalidCount: 4 }, () => {
  it('points at the update command', () => {
    const text = 'FROM debian:12\nRUN apt-get -q update && apt-get install -y curl=7\n';
    expect(findings('require-apt-lists-cleanup', text).map((d) => at(text, d))).toEqual(['apt-get -q update']);
  });
  it('only reports stages that ship: the last one and those reused as a base', () => {
    const text = 'FROM debian:12 AS a\nRUN apt-get update\nFROM debian:12 AS b\nRUN apt-get update\nFROM A\nRUN true\n';
    expect(findings('require-apt-lists-cleanup', text).map((d) => d.range.startLine)).toEqual([2]);
  });
});

describeRule('pin-pip-versions', { invalidCount: 6 }, () => {
  it('points at the package, also through python -m pip and quotes', () => {
    const text = "FROM python:3\nRUN python3 -m pip install 'requests[socks]' flask==3.0\n";
    expect(findings('pin-pip-versions', text).map((d) => at(text, d))).toEqual(["'requests[socks]'"]);
  });
});

describeRule('require-apt-get-yes', { invalidCount: 3 }, () => {
  it('points at `apt-get ... install`', () => {
    const text = 'FROM debian:12\nRUN apt-get -q install curl=7\n';
    expect(findings('require-apt-get-yes', text).map((d) => at(text, d))).toEqual(['apt-get -q install']);
  });
  it('adds -y after install (safe)', () => {
    const text = 'FROM debian:12\nRUN apt-get update && apt-get install curl=7 \\\n && echo ok\n';
    expect(findings('require-apt-get-yes', text)[0]!.fix!.safety).toBe('safe');
    expect(fixed('require-apt-get-yes', text)).toBe('FROM debian:12\nRUN apt-get update && apt-get install -y curl=7 \\\n && echo ok\n');
    expect(findings('require-apt-get-yes', fixed('require-apt-get-yes', text))).toEqual([]);
  });
});

describeRule('require-no-install-recommends', { invalidCount: 2 }, () => {
  it('points at `apt-get ... install`', () => {
    const text = 'FROM debian:12\nRUN apt-get -q install curl=7\n';
    expect(findings('require-no-install-recommends', text).map((d) => at(text, d))).toEqual(['apt-get -q install']);
  });
  it('adds --no-install-recommends (unsafe)', () => {
    const text = 'FROM debian:12\nRUN apt-get install -y curl=7\n';
    expect(findings('require-no-install-recommends', text)[0]!.fix!.safety).toBe('unsafe');
    expect(fixed('require-no-install-recommends', text)).toBe('FROM debian:12\nRUN apt-get install --no-install-recommends -y curl=7\n');
  });
});

describeRule('pin-npm-versions', { invalidCount: 5 });

describeRule('pin-apk-versions', { invalidCount: 3 });

describeRule('require-apk-no-cache', { invalidCount: 3 }, () => {
  it('adds --no-cache (unsafe)', () => {
    expect(fixed('require-apk-no-cache', 'FROM alpine:3\nRUN apk add curl=8\n')).toBe('FROM alpine:3\nRUN apk add --no-cache curl=8\n');
  });
});

describeRule('no-apt', { invalidCount: 3 }, () => {
  it('points at the command name', () => {
    const text = 'FROM debian:12\nRUN cd /x && sudo apt install vim=2 && sudo service x start\n';
    expect(findings('no-apt', text).map((d) => at(text, d))).toEqual(['apt']);
  });
  it('replaces apt with apt-get or apt-cache where they are equivalent (unsafe)', () => {
    const text = 'FROM debian:12\nRUN apt update && apt show curl && apt upgrade -y\n';
    expect(fixed('no-apt', text)).toBe('FROM debian:12\nRUN apt-get update && apt-cache show curl && apt upgrade -y\n');
    expect(findings('no-apt', text).map((d) => d.fix?.safety)).toEqual(['unsafe', 'unsafe', undefined]);
  });
});

describeRule('pin-gem-versions', { invalidCount: 3 });

describeRule('yum-without-assume-yes', {}, () => {
  it('points at `yum install`', () => {
    const text = 'FROM centos:7\nRUN yum install httpd-2.4.6';
    expect(findings('DL3030', text).map((d) => at(text, d))).toEqual(['yum install']);
  });
  it('adds -y after yum (safe)', () => {
    expect(fixed('DL3030', 'FROM centos\nRUN yum install httpd-2')).toBe('FROM centos\nRUN yum -y install httpd-2');
    expect(findings('DL3030', 'FROM centos\nRUN yum install httpd-2')[0]!.fix!.safety).toBe('safe');
  });
  it('reports exec-form RUNs without a fix', () => {
    const ds = findings('DL3030', 'FROM x\nRUN ["yum", "install", "a-1"]');
    expect(ds).toHaveLength(1);
    expect(ds[0]!.fix).toBeUndefined();
  });
  it('checks ONBUILD RUN', () => {
    expect(findings('DL3030', 'FROM x\nONBUILD RUN yum install a-1')).toHaveLength(1);
  });
});

describeRule('yum-cache-not-cleaned', {}, () => {
  it('appends the cleanup to the RUN (unsafe)', () => {
    expect(fixed('DL3032', 'FROM x\nRUN yum install -y a-1 \\\n  && echo ok\n')).toBe('FROM x\nRUN yum install -y a-1 \\\n  && echo ok && yum clean all\n');
  });
});

describeRule('unpinned-yum-package', {}, () => {
  it('points at each unpinned package', () => {
    const text = 'FROM centos:7\nRUN yum install -y httpd \\\n    git-2.1 vim';
    expect(findings('DL3033', text).map((d) => at(text, d))).toEqual(['httpd', 'vim']);
  });
  it('does not judge packages that are only an expansion', () => {
    expect(findings('DL3033', 'FROM x\nRUN yum install -y $PKGS $(cat list) `cat l2` && yum clean all')).toEqual([]);
  });
  it('sees through launchers', () => {
    expect(findings('DL3033', 'FROM x\nRUN sudo yum install -y a')).toHaveLength(1);
  });
});

describeRule('zypper-without-non-interactive', {}, () => {
  it('adds --non-interactive after zypper', () => {
    expect(fixed('DL3034', 'FROM x\nRUN zypper in a=1')).toBe('FROM x\nRUN zypper --non-interactive in a=1');
  });
});

describeRule('zypper-dist-upgrade', {});

describeRule('zypper-cache-not-cleaned', {}, () => {
  it('offers no fix for a heredoc RUN', () => {
    expect(findings('DL3036', 'FROM x\nRUN <<EOF\nzypper in -y a=1\nEOF\n')[0]!.fix).toBeUndefined();
  });
  it('fixed text no longer triggers it', () => {
    expect(findings('DL3036', fixed('DL3036', 'FROM x\nRUN zypper in -y a=1'))).toEqual([]);
  });
});

describeRule('unpinned-zypper-package', {}, () => {
  it('points at each unpinned package', () => {
    const text = 'FROM opensuse/leap\nRUN zypper in -y tomcat "vim>=9"';
    expect(findings('DL3037', text).map((d) => at(text, d))).toEqual(['tomcat']);
  });
  it('does not judge packages that are only an expansion', () => {
    expect(findings('DL3037', 'FROM x\nRUN zypper in -y ${PKG} && zypper clean')).toEqual([]);
  });
});

describeRule('dnf-without-assume-yes', {}, () => {
  it('fixed text no longer triggers it', () => {
    expect(findings('DL3038', fixed('DL3038', 'FROM x\nRUN dnf install a-1'))).toEqual([]);
  });
});

describeRule('dnf-cache-not-cleaned', {}, () => {
  it('appends the cleanup of the tool that installed (unsafe)', () => {
    expect(fixed('DL3040', 'FROM x\nRUN microdnf install -y a-1')).toBe('FROM x\nRUN microdnf install -y a-1 && microdnf clean all');
  });
});

describeRule('unpinned-dnf-package', {}, () => {
  it('points at a module without a stream', () => {
    const text = 'FROM fedora\nRUN dnf module install -y nodejs && dnf clean all';
    expect(findings('DL3041', text).map((d) => at(text, d))).toEqual(['nodejs']);
  });
});

describeRule('pip-cache-dir-kept', {}, () => {
  it('points at `pip install`', () => {
    const text = 'FROM python\nRUN pip3 install six==1';
    expect(findings('DL3042', text).map((d) => at(text, d))).toEqual(['pip3 install']);
  });
  it('adds --no-cache-dir (unsafe)', () => {
    expect(fixed('DL3042', 'FROM x\nRUN pip install a==1')).toBe('FROM x\nRUN pip install --no-cache-dir a==1');
    expect(findings('DL3042', 'FROM x\nRUN pip install a==1')[0]!.fix!.safety).toBe('unsafe');
  });
  it('sees PIP_NO_CACHE_DIR set through env', () => {
    expect(findings('DL3042', 'FROM x\nRUN env PIP_NO_CACHE_DIR=1 pip install a==1')).toEqual([]);
  });
});

describeRule('yarn-cache-not-cleaned', {}, () => {
  it('appends the cleanup to the RUN (unsafe)', () => {
    expect(fixed('DL3060', 'FROM x\nRUN yarn install')).toBe('FROM x\nRUN yarn install && yarn cache clean');
  });
  it('reports only the shipped stages', () => {
    expect(findings('DL3060', 'FROM n AS b\nRUN yarn install\nFROM n\nRUN echo')).toEqual([]);
    expect(findings('DL3060', 'FROM n AS b\nRUN yarn install\nFROM b\nRUN echo')).toHaveLength(1);
  });
});

describeRule('unpinned-go-package', {}, () => {
  it('points at each unpinned package', () => {
    const text = 'FROM golang\nRUN go install a.com/x@v1 b.com/y';
    expect(findings('DL3062', text).map((d) => at(text, d))).toEqual(['b.com/y']);
  });
  it('does not judge a package that is only an expansion', () => {
    expect(findings('DL3062', 'FROM x\nRUN go install $TOOL')).toEqual([]);
  });
});

describeRule('apt-get-update-alone', {}, () => {
  itFinds(
    'apt-get-update-alone',
    'an update with no install after it in its RUN, alone or before a later install',
    'FROM debian\nRUN apt-get update -q && apt-get install -y curl\nRUN apt update\nRUN apt-get update && adduser app\n' +
      'RUN apk update && apk add curl\nRUN apk update\nRUN ["apt-get", "update"]\nRUN apt-get install -y x && apt-get update\n' +
      'RUN sudo apt-get update && sudo apt-get upgrade -y\nRUN apt-get update && apk add x\n' +
      'RUN apt-get update && xx-apt-get -o A=B --no-install-recommends install -y gcc\nRUN apt-get update && apt-get purge -y x\n',
    [
      "3: 'apt update' with no install after it in the same RUN: later installs reuse its cached index; run it in the same RUN as the install",
      "4: 'apt-get update' with no install after it in the same RUN: later installs reuse its cached index; run it in the same RUN as the install",
      "6: 'apk update' with no install after it in the same RUN: later installs reuse its cached index; run it in the same RUN as the install",
      "7: 'apt-get update' with no install after it in the same RUN: later installs reuse its cached index; run it in the same RUN as the install",
      "8: 'apt-get update' with no install after it in the same RUN: later installs reuse its cached index; run it in the same RUN as the install",
      // (xx-apt-get on line 11 installs later in the stage; line 12's purge leaves no later install.)
      "10: 'apt-get update' with no install after it in the same RUN: later installs reuse its cached index; run it in the same RUN as the install",
    ],
  );
});

describeRule('cleanup-in-later-layer', {}, () => {
  itFinds(
    'cleanup-in-later-layer',
    'cleanup in a stage built FROM the stage that installed',
    'FROM alpine AS base\nRUN apk add curl\nFROM base\nRUN rm -rf /var/cache/apk/*\nRUN apk add --no-cache git && rm -rf /tmp/x\n',
    ['4: This cleanup of the apk cache runs in a later layer than the RUN at line 2 that created them, so it cannot shrink the image'],
  );
  itFinds(
    'cleanup-in-later-layer',
    'nothing to report when the installing RUN already cleaned up',
    'FROM debian\nRUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*\nRUN rm -rf /var/lib/apt/lists/*\nRUN apt-get update && apt-get install -y git\nRUN apt-get clean\nRUN rm -rf /var/lib/apt/lists/*\n',
    ['5: This cleanup of the apt package lists and archives runs in a later layer than the RUN at line 4 that created them, so it cannot shrink the image'],
  );
});

describeRule('npm-cache-not-cleaned', {}, () => {
  itFinds(
    'npm-cache-not-cleaned',
    'only shipped stages; cache mounts and later cleaning are fine',
    'FROM node AS deps\nRUN npm ci\nFROM node\nRUN npm install && npm cache clean --force\nRUN npm i -g pnpm\n',
    ["5: 'npm i' leaves the npm cache in the layer; add 'npm cache clean --force' to this RUN"],
  );
});

describeRule('signature-check-disabled', {});
