// The package-manager rules: version pins, non-interactive switches, caches and lists left in a
// layer, index updates, signature checks; and the table they read (src/rules/utils/package-managers.ts).
import { beforeAll, describe, expect, it } from 'vitest';
import { initLinter, lint } from '../src/linter/index.js';
import { CACHE_COMMAND_NAMES, UNSIGNED_OPTIONS } from '../src/rules/utils/package-commands.js';
import { ALL_PACKAGE_MANAGERS, CACHE_KINDS, PACKAGE_MANAGERS } from '../src/rules/utils/package-managers.js';
import { at, describeRule, findings, fixed, itFinds, itLines } from './rules-kit.js';

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
    npm: { pinned: ['ts@5.6', '@scope/pkg@1', 'git+https://h/r.git#v1', 'x.tgz', './dir', 'user/repo#ref'], unpinned: ['ts', '@scope/pkg', '@scope', 'git+https://h/r.git', 'user/repo'] },
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
  it('sees commands in a negated group or if (tree-sitter-bash reads `! {` as a command named `{`)', () => {
    // The first script goes to the fast reader, the second (two backtick substitutions) to tree-sitter.
    for (const text of [
      'FROM debian:12\nRUN ! { apt-get install -y vim; } && ! if true; then apt-get install -y git; fi\n',
      'FROM debian:12\nRUN ! { echo `uname -m` `id -u`; apt-get install -y vim; } && ! if true; then apt-get install -y git; fi\n',
    ]) {
      expect(findings('pin-apt-versions', text).map((d) => at(text, d)), text).toEqual(['vim', 'git']);
    }
  });
  it('a PowerShell SHELL turns it off', () => {
    const text = 'FROM mcr.microsoft.com/windows/servercore:ltsc2022\nSHELL ["powershell", "-Command"]\nRUN apt-get install curl\n';
    expect(findings('pin-apt-versions', text)).toEqual([]);
  });
  itLines('pin-apt-versions', 'hadolint: a release (`name/suite`) or a .deb file is pinned, and only an install is judged', 'FROM debian:12\nRUN apt-get install -y curl/bookworm-backports ./tool.deb\nRUN apt-get download curl\n', []);
  itLines('pin-apt-versions', 'hadolint: the value of -t / --target-release is not a package; `--target-release=x` keeps the next word', 'FROM debian:12\nRUN apt-get install -y -t bookworm curl=7\nRUN apt-get install -y --target-release=bookworm vim\n', [3]);
  itLines('pin-apt-versions', 'hadolint: a command run through `command`, `exec` or `busybox` is seen', 'FROM debian:12\nRUN command apt-get install -y vim\n', [2]);
  itLines('pin-apt-versions', 'unlike hadolint: `--` ends the options and is not a package', 'FROM debian:12\nRUN apt-get install -y -- vim=2\n', []);
  itLines('pin-apt-versions', 'unlike hadolint: a package given by a variable is not judged', 'FROM debian:12\nRUN apt-get install -y $PACKAGES\n', []);
  itLines('pin-apt-versions', 'unlike hadolint: a script the shell grammar rejects is still read', 'FROM debian:12\nRUN apt-get install -y vim && echo "unterminated\n', [2]);
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
  itLines('require-apt-lists-cleanup', 'hadolint: an ONBUILD RUN is reported in any stage (it runs in the image built on top)', 'FROM debian:12 AS a\nONBUILD RUN apt-get update\nFROM debian:12\nRUN true\n', [2]);
  itLines('require-apt-lists-cleanup', 'hadolint: a stage only read by COPY --from is not reported', 'FROM debian:12 AS a\nRUN apt-get update\nFROM debian:12\nCOPY --from=a /x /x\n', []);
  itLines('require-apt-lists-cleanup', 'unlike hadolint: only an rm of the lists (or a parent) or apt-get dist-clean is the cleanup', 'FROM debian:12\nRUN apt-get update && rm -rf /tmp/x\nRUN apt-get update && rm -fr /var/lib/apt/lists\nRUN apt-get update && apt-get dist-clean\n', [2]);
  itLines('require-apt-lists-cleanup', 'unlike hadolint: a mount below the lists directory does not keep them out', 'FROM debian:12\nRUN --mount=type=cache,target=/var/lib/apt/lists/partial apt-get update\n', [2]);
  itLines('require-apt-lists-cleanup', 'unlike hadolint: two identical FROM lines are two stages', 'FROM debian:12\nRUN apt-get update\nFROM debian:12\nRUN true\n', []);
  itLines('require-apt-lists-cleanup', 'unlike hadolint: stage names match case-insensitively', 'FROM debian:12 AS Foo\nRUN apt-get update\nFROM foo\nRUN true\n', [2]);
});

describeRule('pin-pip-versions', { invalidCount: 6 }, () => {
  it('points at the package, also through python -m pip and quotes', () => {
    const text = "FROM python:3\nRUN python3 -m pip install 'requests[socks]' flask==3.0\n";
    expect(findings('pin-pip-versions', text).map((d) => at(text, d))).toEqual(["'requests[socks]'"]);
  });
  itLines('pin-pip-versions', 'hadolint: the value of -e (an editable VCS URL) is not a package', 'FROM python:3\nRUN pip install -e git+https://h/r.git#egg=r\n', []);
  itLines('pin-pip-versions', 'unlike hadolint: options between `-m pip` and `install`, and interpreters by base name', 'FROM python:3\nRUN python -m pip --no-cache-dir install foo\nRUN /usr/bin/python3 -m pip install bar\n', [2, 3]);
  itLines('pin-pip-versions', 'unlike hadolint: the values of all value-taking pip options are skipped', 'FROM python:3\nRUN pip install --timeout 60 --log /tmp/l foo==1\n', []);
  itLines('pin-pip-versions', 'unlike hadolint: a value bundled with its short option (`-t/opt`) does not swallow the next word', 'FROM python:3\nRUN pip install -t/opt/x bar\n', [2]);
  itLines('pin-pip-versions', 'unlike hadolint: a VCS URL is pinned by `@ref` after the path, not by the `git@` user', 'FROM python:3\nRUN pip install git+ssh://git@github.com/o/r.git\n', [2]);
  itLines('pin-pip-versions', 'unlike hadolint: .zip, .tgz and .tar.bz2 files are fixed artifacts', 'FROM python:3\nRUN pip install pkg.zip pkg.tgz pkg.tar.bz2\n', []);
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
  itLines('require-apt-get-yes', 'unlike hadolint: any quiet level of 2 or more, and -o APT::Get::Assume-Yes=true', 'FROM debian:12\nRUN apt-get install -qqq x=1\nRUN apt-get -o APT::Get::Assume-Yes=true install x=1\n', []);
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
  itLines('require-no-install-recommends', 'unlike hadolint: other false spellings, the setting attached to -o, and --install-recommends=false', 'FROM debian:12\nRUN apt-get install -y -o APT::Install-Recommends=0 x=1\nRUN apt-get install -y -oAPT::Install-Recommends=false x=1\nRUN apt-get install -y --install-recommends=false x=1\n', []);
});

describeRule('pin-npm-versions', { invalidCount: 5 }, () => {
  itLines('pin-npm-versions', 'hadolint: `--registry=url` keeps the next word', 'FROM node:20\nRUN npm install --registry=https://example.com express\n', [2]);
  itLines('pin-npm-versions', 'unlike hadolint: `npm i` and `npm add` are installs too', 'FROM node:20\nRUN npm i express\nRUN npm add express\n', [2, 3]);
  itLines('pin-npm-versions', 'unlike hadolint: options before `install` and their values (`--prefix dir`)', 'FROM node:20\nRUN npm --prefix /app install foo\n', [2]);
  itLines('pin-npm-versions', 'unlike hadolint: the value of any value-taking option is not a package', 'FROM node:20\nRUN npm install --omit dev foo@1\n', []);
  itLines('pin-npm-versions', 'unlike hadolint: `file:` paths and `user/repo#ref` are pinned', 'FROM node:20\nRUN npm install file:../foo user/repo#v1\n', []);
});

describeRule('pin-apk-versions', { invalidCount: 3 }, () => {
  itLines('pin-apk-versions', 'hadolint: `--virtual=.deps` keeps the next word; the value of -t is not a package', 'FROM alpine:3\nRUN apk add --virtual=.deps gcc=1\nRUN apk add -t .deps gcc\n', [3]);
  itLines('pin-apk-versions', 'unlike hadolint: words before `add` are not packages (`--root /x add`)', 'FROM alpine:3\nRUN apk --root /x add foo=1\n', []);
  itLines('pin-apk-versions', 'unlike hadolint: a package given by a variable is not judged', 'FROM alpine:3\nRUN apk add $PKGS\n', []);
});

describeRule('require-apk-no-cache', { invalidCount: 3 }, () => {
  it('adds --no-cache (unsafe)', () => {
    expect(fixed('require-apk-no-cache', 'FROM alpine:3\nRUN apk add curl=8\n')).toBe('FROM alpine:3\nRUN apk add --no-cache curl=8\n');
  });
  itLines('require-apk-no-cache', 'unlike hadolint: a cache mount over /var/cache/apk or a parent counts, one below it does not', 'FROM alpine:3\nRUN --mount=type=cache,target=/var/cache apk add foo=1\nRUN --mount=type=cache,target=/var/cache/apk/x apk add foo=1\n', [3]);
  itLines('require-apk-no-cache', 'unlike hadolint: an rm of the cache after the install, and --no-network, are fine', 'FROM alpine:3\nRUN apk add foo=1 && rm -rf /var/cache/apk/*\nRUN apk add --no-network foo=1\n', []);
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

describeRule('pin-gem-versions', { invalidCount: 3 }, () => {
  itLines('pin-gem-versions', 'unlike hadolint: only real gem options take a value (`--no-document rails` is a gem)', 'FROM ruby:3\nRUN gem install --no-document rails\n', [2]);
  itLines('pin-gem-versions', 'unlike hadolint: a local .gem file is pinned', 'FROM ruby:3\nRUN gem install ./my.gem\n', []);
});

describeRule('yum-without-assume-yes', {}, () => {
  it("hadolint: its message word for word (`<package` without its `>`)", () => {
    expect(findings('DL3030', 'FROM centos:7\nRUN yum install httpd-2.4.6').map((d) => d.message)).toEqual(['Use the -y switch to avoid manual input `yum install -y <package`']);
  });
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
  itLines('yum-without-assume-yes', 'hadolint: groupinstall and localinstall too; -y in a cluster and --assumeyes count; names are exact', 'FROM centos:7\nRUN yum groupinstall "Development Tools"\nRUN yum localinstall /tmp/x.rpm\nRUN yum -qy install a-1\nRUN yum install --assumeyes a-1\nRUN yum remove x\nRUN /usr/bin/yum install a-1\n', [2, 3]);
  itLines('yum-without-assume-yes', 'unlike hadolint: launchers are seen through', 'FROM centos:7\nRUN sudo yum install a-1\n', [2]);
});

describeRule('yum-cache-not-cleaned', {}, () => {
  it('appends the cleanup to the RUN (unsafe)', () => {
    expect(fixed('DL3032', 'FROM x\nRUN yum install -y a-1 \\\n  && echo ok\n')).toBe('FROM x\nRUN yum install -y a-1 \\\n  && echo ok && yum clean all\n');
  });
  itLines('yum-cache-not-cleaned', 'hadolint: a clean before the install does not count, and groupinstall is not an install', 'FROM centos:7\nRUN yum clean all && yum install -y x-1\nRUN yum groupinstall -y "X"\n', [2]);
  itLines('yum-cache-not-cleaned', 'unlike hadolint: the clean is `clean all` or an rm of the cache, after the last install', 'FROM centos:7\nRUN yum install -y x-1 && rm -rf /tmp/foo\nRUN yum install -y x-1 && yum clean metadata\nRUN yum install -y a-1 && yum clean all && yum install -y b-1\nRUN yum install -y a-1 && rm -r /var/cache/yum/*\n', [2, 3, 4]);
  itLines('yum-cache-not-cleaned', 'unlike hadolint: a cache mount on /var/cache/yum counts', 'FROM centos:7\nRUN --mount=type=cache,target=/var/cache/yum yum install -y a-1\n', []);
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
  itLines('unpinned-yum-package', 'hadolint: ONBUILD ENV and ARG triggers declare variables for a later ONBUILD RUN', 'FROM centos:7\nONBUILD ENV V=1.0\nONBUILD ARG W=2\nONBUILD RUN yum install -y foo-${V} bar-${W}\n', []);
  itLines('unpinned-yum-package', "hadolint: this build's ARGs do not exist where an ONBUILD RUN runs", 'ARG V=1.0\nFROM centos:7\nONBUILD RUN yum install -y foo-${V}\n', [3]);
  itLines('unpinned-yum-package', 'unlike hadolint: an ONBUILD RUN sees the ENV of its stage, which the image carries', 'FROM centos:7\nONBUILD RUN yum install -y foo-${V}\nENV V=1.0\n', []);
  itLines('unpinned-yum-package', "hadolint: a variable is a version when an ARG or the stage's (or its parent's) ENV declares it", 'ARG OTHER=1\nFROM centos:7 AS base\nENV V=1\nFROM base\nRUN yum install -y a-${V} b-${OTHER} c-${NOPE}\n', [5]);
  itLines('unpinned-yum-package', 'hadolint: version parts hold [0-9A-Za-z.~^_:+] and one starts with a digit; a module needs a stream', 'FROM centos:7\nRUN yum install -y gcc-c++-1.1.1 foo-bar foo-1.0~rc1\nRUN yum module install -y nodejs:20/common\n', [2]);
  itLines('unpinned-yum-package', 'hadolint: a version built from a declared variable is a version (`curl-${V}.el7`, `curl-$V`); an undeclared one is not', 'FROM centos:7\nARG V=7.29.0-59\nRUN yum install -y curl-${V}.el7 wget-$V zip-${V:-1}-1.el7\nRUN yum install -y tar-${W}.el7 bzip2-$W.el7\n', [4, 4]);
  itLines('unpinned-yum-package', 'unlike hadolint: a declared variable pins only where a version goes, not inside a name (`pgaudit${PG_MAJOR}`)', 'FROM centos:7\nARG PG=16\nARG V=1.2\nRUN yum install -y percona-pgaudit${PG} gzip${V} postgresql${PG}-server-$V\n', [4, 4]);
  itLines('unpinned-yum-package', 'unlike hadolint: `yum group install` is not checked, option values are not packages, a .rpm file is pinned', 'FROM centos:7\nRUN yum group install -y "Development Tools"\nRUN yum install -y --enablerepo epel foo-1.0\nRUN yum install -y /tmp/foo.rpm\n', []);
});

describeRule('zypper-without-non-interactive', {}, () => {
  it('adds --non-interactive after zypper', () => {
    expect(fixed('DL3034', 'FROM x\nRUN zypper in a=1')).toBe('FROM x\nRUN zypper --non-interactive in a=1');
  });
  itLines('zypper-without-non-interactive', 'hadolint: remove/rm, source-install/si and patch prompt too; --no-confirm and -y answer', 'FROM opensuse/leap\nRUN zypper remove x\nRUN zypper si x\nRUN zypper patch\nRUN zypper --no-confirm in x=1\nRUN zypper -y rm x\nRUN zypper refresh\n', [2, 3, 4]);
});

describeRule('zypper-dist-upgrade', {}, () => {
  itLines('zypper-dist-upgrade', 'hadolint: `dup` is dist-upgrade; `update` is not', 'FROM opensuse/leap\nRUN zypper -n dup\nRUN zypper -n update\n', [2]);
});

describeRule('apt-dist-upgrade', { invalidCount: 4 }, () => {
  const verdicts: [string, number][] = [
    ['apt-get update && apt-get dist-upgrade', 1],
    ['apt-get update && apt-get -q dist-upgrade', 1],
    ['apt-get update && apt-get --quiet dist-upgrade', 1],
    ['apt-get -o Dpkg::Options::=--force-confold -y dist-upgrade', 1],
    ['apt-get -o Dpkg::Options::="--force-confold" --option APT::Get::Assume-Yes=true full-upgrade', 1],
    ['apt full-upgrade -y', 1],
    ['aptitude full-upgrade -y', 1],
    ['sudo apt-get dist-upgrade -y', 1],
    ['if true; then /usr/bin/apt-get dist-upgrade -y; fi', 1],
    ['apt-get update && apt-get upgrade', 0],
    ['apt-get install -y dist-upgrade-helper', 0],
    ['apt-get -c dist-upgrade install -y foo', 0],
    ['echo apt-get dist-upgrade', 0],
    ['zypper dup -y', 0],
  ];
  it.each(verdicts)('RUN %s', (run, count) => {
    expect(findings('apt-dist-upgrade', `FROM debian:12\nRUN ${run}\n`)).toHaveLength(count);
  });
  it('points at the sub-command; off by default', () => {
    const text = 'FROM debian:12\nRUN apt-get -y dist-upgrade\n';
    expect(findings('DH017', text).map((d) => at(text, d))).toEqual(['dist-upgrade']);
    expect(lint(text).diagnostics.map((d) => d.code)).not.toContain('DH017');
  });
});

describeRule('zypper-cache-not-cleaned', {}, () => {
  it('offers no fix for a heredoc RUN', () => {
    expect(findings('DL3036', 'FROM x\nRUN <<EOF\nzypper in -y a=1\nEOF\n')[0]!.fix).toBeUndefined();
  });
  it('fixed text no longer triggers it', () => {
    expect(findings('DL3036', fixed('DL3036', 'FROM x\nRUN zypper in -y a=1'))).toEqual([]);
  });
  itLines('zypper-cache-not-cleaned', 'hadolint: `zypper cc` cleans, and a cache mount on /var/cache/zypp counts', 'FROM opensuse/leap\nRUN zypper in -y a=1 && zypper cc\nRUN --mount=type=cache,target=/var/cache/zypp zypper in -y a=1\n', []);
  itLines('zypper-cache-not-cleaned', 'unlike hadolint: the clean must follow the last install', 'FROM opensuse/leap\nRUN zypper in -y a=1 && zypper clean && zypper in -y b=1\n', [2]);
});

describeRule('unpinned-zypper-package', {}, () => {
  it('points at each unpinned package', () => {
    const text = 'FROM opensuse/leap\nRUN zypper in -y tomcat "vim>=9"';
    expect(findings('DL3037', text).map((d) => at(text, d))).toEqual(['tomcat']);
  });
  it('does not judge packages that are only an expansion', () => {
    expect(findings('DL3037', 'FROM x\nRUN zypper in -y ${PKG} && zypper clean')).toEqual([]);
  });
  itLines('unpinned-zypper-package', 'unlike hadolint: the values of -t and -r are not packages (and a pattern has no version)', 'FROM opensuse/leap\nRUN zypper install -y -t pattern devel_basis\nRUN zypper install -y -r myrepo foo=1\n', []);
});

describeRule('dnf-without-assume-yes', {}, () => {
  it('fixed text no longer triggers it', () => {
    expect(findings('DL3038', fixed('DL3038', 'FROM x\nRUN dnf install a-1'))).toEqual([]);
  });
  itLines('dnf-without-assume-yes', 'hadolint: microdnf, groupinstall and localinstall too', 'FROM fedora:40\nRUN microdnf install a-1\nRUN dnf groupinstall x\nRUN dnf localinstall x.rpm\nRUN dnf -y install a-1\n', [2, 3, 4]);
});

describeRule('dnf-cache-not-cleaned', {}, () => {
  it('appends the cleanup of the tool that installed (unsafe)', () => {
    expect(fixed('DL3040', 'FROM x\nRUN microdnf install -y a-1')).toBe('FROM x\nRUN microdnf install -y a-1 && microdnf clean all');
  });
  itLines('dnf-cache-not-cleaned', 'hadolint: upgrade, reinstall and their short forms fill the cache; a libdnf5 cache mount counts', 'FROM fedora:40\nRUN dnf upgrade -y\nRUN dnf rei -y a-1\nRUN dnf up-min -y\nRUN --mount=type=cache,target=/var/cache/libdnf5 dnf install -y a-1\n', [2, 3, 4]);
  itLines('dnf-cache-not-cleaned', 'hadolint: dnf and microdnf are cleaned each by itself', 'FROM fedora:40\nRUN microdnf install -y a-1 && dnf clean all\n', [2]);
  itLines('dnf-cache-not-cleaned', 'unlike hadolint: `clean all` after the last install; `update` is checked; a /var/cache/dnf mount counts', 'FROM fedora:40\nRUN dnf install -y a-1 && dnf clean packages\nRUN dnf -y update\nRUN --mount=type=cache,target=/var/cache/dnf dnf install -y a-1\nRUN dnf install -y a-1 && dnf clean all && dnf install -y b-1\n', [2, 3, 5]);
  itFinds('dnf-cache-not-cleaned', 'unlike hadolint: the message names the tool that installed', 'FROM fedora:40\nRUN microdnf install -y a-1\n', ['2: `microdnf clean all` missing after microdnf command.']);
});

describeRule('unpinned-dnf-package', {}, () => {
  it('points at a module without a stream', () => {
    const text = 'FROM fedora\nRUN dnf module install -y nodejs && dnf clean all';
    expect(findings('DL3041', text).map((d) => at(text, d))).toEqual(['nodejs']);
  });
  itLines('unpinned-dnf-package', "hadolint: ONBUILD triggers declare variables for a later ONBUILD RUN; this build's ARGs do not", 'ARG V=1.0\nFROM fedora:40\nONBUILD RUN dnf install -y foo-${V}\nONBUILD ENV W=1\nONBUILD RUN dnf install -y bar-${W}\n', [3]);
  itLines('unpinned-dnf-package', 'hadolint: groups are not checked; a module with a stream is pinned', 'FROM fedora:40\nRUN dnf group install -y x\nRUN dnf module install -y nodejs:20\n', []);
  itLines('unpinned-dnf-package', 'unlike hadolint: option values are not packages, and a .rpm file is pinned', 'FROM fedora:40\nRUN dnf install -y --setopt install_weak_deps=False foo-1.0\nRUN dnf install -y ./foo.rpm\n', []);
  itFinds('unpinned-dnf-package', 'unlike hadolint: a module without a stream gets its own message', 'FROM fedora:40\nRUN dnf module install -y nodejs\n', ['2: Specify version with `dnf module install -y <module>:<stream>`.']);
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
  itLines('pip-cache-dir-kept', 'hadolint: an ONBUILD ENV PIP_NO_CACHE_DIR before an ONBUILD RUN silences it, one after it does not', 'FROM python:3\nONBUILD RUN pip install a==1\nONBUILD ENV PIP_NO_CACHE_DIR=1\nONBUILD RUN pip install b==1\n', [2]);
  itLines('pip-cache-dir-kept', "unlike hadolint: an ONBUILD RUN sees the stage's ENV as the stage ends", 'FROM python:3\nONBUILD RUN pip install a==1\nENV PIP_NO_CACHE_DIR=1\nFROM python:3\nENV PIP_NO_CACHE_DIR=1\nONBUILD RUN pip install b==1\nENV PIP_NO_CACHE_DIR=0\n', [6]);
  itLines('pip-cache-dir-kept', 'hadolint: a cache mount on .cache/pip silences it', 'FROM python:3\nRUN --mount=type=cache,target=/root/.cache/pip pip install x==1\n', []);
  itLines('pip-cache-dir-kept', 'unlike hadolint: options between `-m pip` and `install`, and pip by base name', 'FROM python:3\nRUN python -m pip --quiet install flask==3\nRUN /usr/local/bin/pip install x==1\n', [2, 3]);
  itLines('pip-cache-dir-kept', 'unlike hadolint: PIP_NO_CACHE_DIR must be set to a truthy word, and a later ENV =0 counts', 'FROM python:3\nRUN PIP_NO_CACHE_DIR=10 pip install x==1\nRUN echo PIP_NO_CACHE_DIR=1 && pip install x==1\nENV PIP_NO_CACHE_DIR=1\nENV PIP_NO_CACHE_DIR=0\nRUN pip install x==1\n', [2, 3, 6]);
  itLines('pip-cache-dir-kept', 'unlike hadolint: a second FROM of the same image does not inherit the first stage', 'FROM python:3.11\nENV PIP_NO_CACHE_DIR=1\nFROM python:3.11\nRUN pip install x==1\n', [4]);
});

describeRule('yarn-cache-not-cleaned', {}, () => {
  it('appends the cleanup to the RUN (unsafe)', () => {
    expect(fixed('DL3060', 'FROM x\nRUN yarn install')).toBe('FROM x\nRUN yarn install && yarn cache clean');
  });
  it('reports only the shipped stages', () => {
    expect(findings('DL3060', 'FROM n AS b\nRUN yarn install\nFROM n\nRUN echo')).toEqual([]);
    expect(findings('DL3060', 'FROM n AS b\nRUN yarn install\nFROM b\nRUN echo')).toHaveLength(1);
  });
  itLines('yarn-cache-not-cleaned', 'hadolint: an ONBUILD RUN is reported in any stage (it runs in the image built on top)', 'FROM node:20 AS a\nONBUILD RUN yarn install\nFROM scratch\nCOPY --from=a /x /x\n', [2]);
  itLines('yarn-cache-not-cleaned', 'hadolint: a cache mount on .cache/yarn silences it', 'FROM node:20\nRUN --mount=type=cache,target=/usr/local/share/.cache/yarn yarn install\n', []);
  itLines('yarn-cache-not-cleaned', 'hadolint: a clean before the install does not count', 'FROM node:20\nRUN yarn cache clean && yarn install\nRUN yarn install && yarn cache clean\n', [2]);
  itLines('yarn-cache-not-cleaned', 'unlike hadolint: the clean is `yarn cache clean` (not any yarn command with `cache` or `clean`), after the last install', 'FROM node:20\nRUN yarn install && yarn clean\nRUN yarn install && yarn cache clean && yarn install\n', [2, 3]);
  itLines('yarn-cache-not-cleaned', 'unlike hadolint: two identical FROM lines are two stages', 'FROM node:20\nRUN yarn install\nFROM node:20\nRUN echo\n', []);
});

describeRule('unpinned-go-package', {}, () => {
  it('points at each unpinned package', () => {
    const text = 'FROM golang\nRUN go install a.com/x@v1 b.com/y';
    expect(findings('DL3062', text).map((d) => at(text, d))).toEqual(['b.com/y']);
  });
  it('does not judge a package that is only an expansion', () => {
    expect(findings('DL3062', 'FROM x\nRUN go install $TOOL')).toEqual([]);
  });
  itLines('unpinned-go-package', 'hadolint: @none is not a pin', 'FROM golang:1.22\nRUN go get example.com/a@none\n', [2]);
  itLines('unpinned-go-package', 'hadolint: every package of go install and go get is checked, also after `-C dir`', 'FROM golang:1.22\nRUN go install example.com/a@v1.0.0 example.com/b\nRUN go -C /src install example.com/a\n', [2, 3]);
  itLines('unpinned-go-package', 'unlike hadolint: the value of a build flag (`-tags netgo`) is not a package', 'FROM golang:1.22\nRUN go install -tags netgo example.com/a@v1.0.0\n', []);
  itLines('unpinned-go-package', 'unlike hadolint: `go install` is checked also in a RUN with a `go run`', 'FROM golang:1.22\nRUN go run example.com/x@v1 && go install example.com/a\n', [2]);
  itLines('unpinned-go-package', 'unlike hadolint: an empty version (`pkg@`) pins nothing', 'FROM golang:1.22\nRUN go install example.com/a@\n', [2]);
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
