// The rules about the commands a RUN runs (package managers aside: rules-packages.test.ts): cd,
// sudo, commands that make no sense in a build, downloads, users, the shell and its pipes, TLS
// checks turned off, passwords; and how the helpers read a command's words and a RUN's mounts.
import { beforeAll, describe, expect, it } from 'vitest';
import { initLinter } from '../src/linter/index.js';
import { parse } from '../src/parser/index.js';
import { parseOptions } from '../src/rules/utils/command-args.js';
import { hasVolatileMountOver, mountsOf } from '../src/rules/utils/mounts.js';
import type { ShellWord } from '../src/shell/types.js';
import { at, describeRule, findings, fixed, itFinds, itLines } from './rules-kit.js';

beforeAll(() => initLinter());

/** One RUN that several rules below point into. */
const MIXED = 'FROM debian:12\nRUN cd /x && sudo apt install vim=2 && sudo service x start\n';

describeRule('no-irrelevant-commands', { invalidCount: 5 }, () => {
  it('points at the command name', () => {
    expect(findings('no-irrelevant-commands', MIXED).map((d) => at(MIXED, d))).toEqual(['service']);
  });
  itLines('no-irrelevant-commands', 'hadolint: the nine commands, also in subshells and substitutions; ifconfig is not one of them', 'FROM debian:12\nRUN (ps aux)\nRUN echo $(free -m)\nRUN ifconfig\nRUN kill 1 && mount x && shutdown now && ssh h && top && vim f\n', [2, 3, 5, 5, 5, 5, 5, 5]);
  itFinds('no-irrelevant-commands', 'unlike hadolint: the message names the command found', 'FROM debian:12\nRUN top\n', ['2: For some bash commands it makes no sense running them in a Docker container like `top`']);
});

describeRule('no-cd-in-run', { invalidCount: 2 }, () => {
  it('points at the command name', () => {
    expect(findings('no-cd-in-run', MIXED).map((d) => at(MIXED, d))).toEqual(['cd']);
  });
  it('does not check ONBUILD RUN (hadolint does not mark it OB)', () => {
    expect(findings('no-cd-in-run', 'FROM a:1\nONBUILD RUN cd /x\n')).toHaveLength(0);
  });
  itLines('no-cd-in-run', 'hadolint: every cd, subshells included', 'FROM debian:12\nRUN true && (cd /x && make)\nRUN cd /opt\n', [2, 3]);
});

describeRule('no-sudo', { invalidCount: 2 }, () => {
  it('points at the command name', () => {
    expect(findings('no-sudo', MIXED).map((d) => at(MIXED, d))).toEqual(['sudo', 'sudo']);
  });
  itLines('no-sudo', 'hadolint: sudo run through `command` is seen', 'FROM debian:12\nRUN command sudo x\n', [2]);
});

describeRule('useradd-without-no-log-init', {}, () => {
  it('points at the UID', () => {
    const text = 'FROM debian\nRUN useradd -u 1234567 app';
    expect(findings('DL3046', text).map((d) => at(text, d))).toEqual(['1234567']);
  });
  it('does not judge a UID given by a variable', () => {
    const text = 'FROM debian\nRUN useradd -u $USER_UID a && useradd --uid=1000000 b';
    expect(findings('DL3046', text).map((d) => at(text, d))).toEqual(['--uid=1000000']);
  });
  it('fixed text no longer triggers it', () => {
    expect(findings('DL3046', fixed('DL3046', 'FROM x\nRUN useradd -u 99999999 a'))).toEqual([]);
  });
  itLines('useradd-without-no-log-init', 'hadolint: -l or --no-log-init exempts, and a UID of five characters is fine', 'FROM debian:12\nRUN useradd -l -u 1000000 a\nRUN useradd --no-log-init -u 1000000 b\nRUN useradd -u 12345 c\n', []);
  itLines('useradd-without-no-log-init', 'unlike hadolint: --uid, --uid= and -uNNN are read as the UID', 'FROM debian:12\nRUN useradd --uid 1000000 a\nRUN useradd --uid=1000000 b\nRUN useradd -u1000000 c\n', [2, 3, 4]);
});

describeRule('wget-progress-bar', {}, () => {
  it('fixed text no longer triggers it', () => {
    expect(findings('DL3047', fixed('DL3047', 'FROM x\nRUN wget u'))).toEqual([]);
  });
  itLines('wget-progress-bar', 'hadolint: -q, -nv, -o, -a, --progress, --no-verbose (clusters too) exempt; -O and --show-progress do not', 'FROM debian:12\nRUN wget -qO- u\nRUN wget -nv u\nRUN wget -o log u\nRUN wget -a log u\nRUN wget --progress=dot:giga u\nRUN wget --no-verbose u\nRUN wget -O x u\nRUN wget --show-progress u\nRUN busybox wget u\n', [8, 9, 10]);
});

describeRule('consecutive-runs', {}, () => {
  it('merges a RUN into the previous one unless comments sit between', () => {
    expect(fixed('DL3059', 'FROM x\nRUN a\nRUN b\nRUN c\n')).toBe('FROM x\nRUN a && \\\n    b && \\\n    c\n');
    expect(fixed('DL3059', '# escape=`\nFROM x\r\nRUN a\r\nRUN b\r\n')).toBe('# escape=`\nFROM x\r\nRUN a && `\r\n    b\r\n');
    expect(findings('DL3059', 'FROM x\nRUN a\n# keep me\nRUN b')[0]!.fix).toBeUndefined();
    const pwsh = 'FROM x\nSHELL ["powershell", "-Command"]\nRUN Write-Host a\nRUN Write-Host b\nRUN $a = 1; Write-Host $a\n';
    expect(findings('DL3059', pwsh).map((d) => [d.range.startLine, d.fix])).toEqual([[4, undefined]]);
  });
  it('fixed text no longer triggers it', () => {
    expect(findings('DL3059', fixed('DL3059', 'FROM x\nRUN a\nRUN b'))).toEqual([]);
  });
  it('does not check ONBUILD RUN', () => {
    expect(findings('DL3059', 'FROM x\nONBUILD RUN a\nONBUILD RUN b')).toEqual([]);
  });
  itLines('consecutive-runs', 'hadolint: flags that mean the same are equal (mount fields in any order, `dst` = `target`)', 'FROM a\nRUN --mount=type=cache,target=/a foo\nRUN --mount=target=/a,type=cache bar\nRUN --mount=type=cache,target=/b baz\nRUN --mount=dst=/b,type=cache qux\n', [3, 5]);
  itLines('consecutive-runs', 'hadolint: a RUN of several commands is a deliberate split; an assignment is no command', 'FROM a\nRUN a\nRUN b && c\nRUN d\nRUN X=1 e\nRUN f\n', [5, 6]);
  itLines('consecutive-runs', 'hadolint: any other instruction, ONBUILD too, separates RUNs; comments do not', 'FROM a\nRUN a\nONBUILD RUN b\nRUN c\n# note\nRUN d\n', [6]);
});

describeRule('curl-and-wget', {}, () => {
  it('reports once both tools are used in one stage', () => {
    expect(findings('DL4001', 'FROM a\nRUN curl x\nRUN wget -q y\nRUN curl z').map((d) => d.range.startLine)).toEqual([3, 4]);
  });
  itLines('curl-and-wget', 'hadolint: the RUN completing the pair is reported, and FROM starts over', 'FROM a\nRUN curl x\nRUN wget y\nFROM b\nRUN wget z\nRUN curl x && wget y\n', [3, 6]);
  itLines('curl-and-wget', 'unlike hadolint: ONBUILD RUNs are paired within their stage only', 'FROM a\nONBUILD RUN curl -o x u\nFROM b\nONBUILD RUN wget u\n', []);
  itLines('curl-and-wget', 'unlike hadolint: launchers are seen through', 'FROM a\nRUN curl x\nRUN sudo wget y\n', [3]);
});

describeRule('ln-bin-sh', {}, () => {
  it('points at /bin/sh', () => {
    const text = 'FROM debian\nRUN ln -sf /bin/bash /bin/sh';
    expect(findings('DL4005', text).map((d) => at(text, d))).toEqual(['/bin/sh']);
  });
  itLines('ln-bin-sh', 'unlike hadolint: /bin/sh must be the link created, not its target', 'FROM a\nRUN ln -s /bin/sh /usr/local/bin/sh\nRUN ln -sf bash /bin/sh\nRUN cd /bin && ln -sf bash sh\n', [3]);
});

describeRule('pipe-without-pipefail', {}, () => {
  it('points at the pipe', () => {
    const text = 'FROM debian\nRUN a || b && c | d';
    expect(findings('DL4006', text).map((d) => at(text, d))).toEqual(['|']);
  });
  it('does not check ONBUILD RUN', () => {
    expect(findings('DL4006', 'FROM x\nONBUILD RUN a | b')).toEqual([]);
  });
  it('checks heredoc scripts, where `set -o pipefail` counts', () => {
    expect(findings('DL4006', 'FROM x\nRUN <<EOF\nset -e\nwget -qO- u | tar x\nEOF\n')).toHaveLength(1);
    expect(findings('DL4006', 'FROM x\nRUN <<EOF\nset -eo pipefail\nwget -qO- u | tar x\nEOF\n')).toEqual([]);
  });
  it('resets SHELL at FROM and honours non-POSIX shells', () => {
    expect(findings('DL4006', 'FROM a\nSHELL ["/bin/ash","-o","pipefail","-c"]\nRUN a | b\nFROM b\nRUN a | b')).toHaveLength(1);
    expect(findings('DL4006', 'FROM a\nSHELL ["/usr/bin/pwsh","-c"]\nRUN a | b')).toEqual([]);
    expect(findings('DL4006', 'FROM a AS s\nSHELL ["/bin/bash","-o","pipefail","-c"]\nFROM s\nRUN a | b')).toEqual([]);
  });
  itLines('pipe-without-pipefail', 'hadolint: an exec-form RUN that runs a shell on a script with a pipe', 'FROM a\nRUN ["/bin/sh", "-c", "curl x | sh"]\n', [2]);
  itLines('pipe-without-pipefail', 'unlike hadolint: an exec-form RUN is judged by the shell it names, and `|` in other words is no pipe', 'FROM a\nSHELL ["/bin/bash", "-o", "pipefail", "-c"]\nRUN ["sh", "-c", "a | b"]\nRUN ["bash", "-eo", "pipefail", "-c", "a | b"]\nRUN ["echo", "a|b"]\n', [3]);
  it('unlike hadolint: an exec-form finding points at the pipe inside the JSON string', () => {
    const text = 'FROM a\nRUN ["sh", "-ec", "curl -fsSL u | tar x"]\n';
    expect(findings('DL4006', text).map((d) => at(text, d))).toEqual(['|']);
  });
  itLines('pipe-without-pipefail', 'hadolint: pipes inside $( ) and `|&` count, `||` does not', 'FROM a\nRUN echo $(a | b)\nRUN a |& b\nRUN a || b\n', [2, 3]);
  itLines('pipe-without-pipefail', 'hadolint: `-o pipefail` anywhere among the SHELL words; `env bash` is not a pipefail shell', 'FROM a\nSHELL ["/bin/bash", "-o", "errexit", "-c", "-o", "pipefail"]\nRUN a | b\nFROM a\nSHELL ["/usr/bin/env", "bash", "-o", "pipefail", "-c"]\nRUN a | b\n', [6]);
  itLines('pipe-without-pipefail', 'unlike hadolint: a Windows stage without SHELL and a powershell.exe path are not checked', 'FROM mcr.microsoft.com/windows/servercore:ltsc2022\nRUN dir | findstr x\nFROM alpine:3\nSHELL ["C:\\\\Windows\\\\System32\\\\WindowsPowerShell\\\\v1.0\\\\powershell.exe", "-command"]\nRUN a | b\n', []);
});

describeRule('tls-verification-disabled', {});

describeRule('chpasswd-in-run', {});

describe('command-args: parseOptions', () => {
  const words = (...vs: string[]): ShellWord[] =>
    vs.map((value) => ({ value, raw: value, range: { start: 0, end: 0, startLine: 1, startColumn: 1, endLine: 1, endColumn: 1 } }));
  const summary = (vs: string[], valueFlags: string[]) => {
    const p = parseOptions(words(...vs), valueFlags);
    return {
      options: p.options.map((o) => (o.value === null ? o.name : `${o.name}=${o.value}`)),
      operands: p.operands.map((w) => w.value),
      rest: p.afterDoubleDash.map((w) => w.value),
    };
  };
  it('reads options the way getopt does', () => {
    expect(summary(['-yq', '-t', 'stable', 'install', '--opt=x', 'a', '-', '--', '-b'], ['t'])).toEqual({
      options: ['y', 'q', 't=stable', 'opt=x'],
      operands: ['install', 'a', '-'],
      rest: ['-b'],
    });
    expect(summary(['-tstable', '--target-release', 'sid', '--index-url=u', 'pkg'], ['t', 'target-release', 'index-url'])).toEqual({
      options: ['t=stable', 'target-release=sid', 'index-url=u'],
      operands: ['pkg'],
      rest: [],
    });
  });
});

describe('mounts: mountsOf and hasVolatileMountOver', () => {
  it('read RUN --mount', () => {
    const run = parse('FROM a:1\nRUN --mount=type=cache,target=/var/lib/apt --mount=from=img:1,dst=/m true\n').instructions[1]!;
    expect(mountsOf(run).map((m) => [m.type, m.target, m.from])).toEqual([
      ['cache', '/var/lib/apt', null],
      ['bind', '/m', 'img:1'],
    ]);
    expect(hasVolatileMountOver(run, '/var/lib/apt/lists')).toBe(true);
    expect(hasVolatileMountOver(run, '/var/cache/apt')).toBe(false);
  });
});
