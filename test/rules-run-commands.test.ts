// The rules about the commands a RUN runs (package managers aside: rules-packages.test.ts): cd,
// sudo, commands that make no sense in a build, downloads, users, the shell and its pipes, TLS
// checks turned off, passwords; and how the helpers read a command's words and a RUN's mounts.
import { beforeAll, describe, expect, it } from 'vitest';
import { initLinter } from '../src/linter/index.js';
import { parse } from '../src/parser/index.js';
import { parseOptions } from '../src/rules/utils/command-args.js';
import { hasVolatileMountOver, mountsOf } from '../src/rules/utils/mounts.js';
import type { ShellWord } from '../src/shell/types.js';
import { at, describeRule, findings, fixed } from './rules-kit.js';

beforeAll(() => initLinter());

/** One RUN that several rules below point into. */
const MIXED = 'FROM debian:12\nRUN cd /x && sudo apt install vim=2 && sudo service x start\n';

describeRule('no-irrelevant-commands', { invalidCount: 5 }, () => {
  it('points at the command name', () => {
    expect(findings('no-irrelevant-commands', MIXED).map((d) => at(MIXED, d))).toEqual(['service']);
  });
});

describeRule('no-cd-in-run', { invalidCount: 2 }, () => {
  it('points at the command name', () => {
    expect(findings('no-cd-in-run', MIXED).map((d) => at(MIXED, d))).toEqual(['cd']);
  });
  it('does not check ONBUILD RUN (hadolint does not mark it OB)', () => {
    expect(findings('no-cd-in-run', 'FROM a:1\nONBUILD RUN cd /x\n')).toHaveLength(0);
  });
});

describeRule('no-sudo', { invalidCount: 2 }, () => {
  it('points at the command name', () => {
    expect(findings('no-sudo', MIXED).map((d) => at(MIXED, d))).toEqual(['sudo', 'sudo']);
  });
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
});

describeRule('wget-progress-bar', {}, () => {
  it('fixed text no longer triggers it', () => {
    expect(findings('DL3047', fixed('DL3047', 'FROM x\nRUN wget u'))).toEqual([]);
  });
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
});

describeRule('curl-and-wget', {}, () => {
  it('reports once both tools are used in one stage', () => {
    expect(findings('DL4001', 'FROM a\nRUN curl x\nRUN wget -q y\nRUN curl z').map((d) => d.range.startLine)).toEqual([3, 4]);
  });
});

describeRule('ln-bin-sh', {}, () => {
  it('points at /bin/sh', () => {
    const text = 'FROM debian\nRUN ln -sf /bin/bash /bin/sh';
    expect(findings('DL4005', text).map((d) => at(text, d))).toEqual(['/bin/sh']);
  });
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
