// shellScriptOf: which RUNs are shell, and exact Dockerfile ranges across continuations,
// comment lines, ONBUILD, heredocs, escape directives and CRLF.
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Dockerfile, Instruction } from '../src/parser/ast.js';
import { parse } from '../src/parser/index.js';
import { initShellParser, isPosixShell, shellScriptOf } from '../src/shell/index.js';
import type { ShellScript, ShellWord } from '../src/shell/types.js';

beforeAll(() => initShellParser());

/** The script of the n-th instruction with `keyword` (default: the first RUN). */
function scriptOf(text: string, n = 0, keyword = 'RUN'): { file: Dockerfile; ins: Instruction; script: ShellScript | undefined } {
  const file = parse(text);
  const ins = file.instructions.filter((i) => i.keyword === keyword)[n];
  if (!ins) throw new Error(`no ${keyword} #${n} in test Dockerfile`);
  return { file, ins, script: shellScriptOf(ins, file) };
}

const slice = (file: Dockerfile, w: { range: { start: number; end: number } }) => file.text.slice(w.range.start, w.range.end);
/** Lines and columns of a shell-model range (offsets only) in its Dockerfile. */
const at = (file: Dockerfile, r: { start: number; end: number }) => file.lineIndex.range(r.start, r.end);
const pos = (file: Dockerfile, w: { range: { start: number; end: number } }) => {
  const r = at(file, w.range);
  return [r.startLine, r.startColumn, r.endLine, r.endColumn];
};

describe('which instructions have a shell script', () => {
  it('shell-form RUN yes; exec form, other instructions no', () => {
    expect(scriptOf('FROM a\nRUN echo hi\n').script?.commands.map((c) => c.name)).toEqual(['echo']);
    expect(scriptOf('FROM a\nRUN ["echo", "hi"]\n').script).toBeUndefined();
    expect(scriptOf('FROM a\nCMD echo hi\n', 0, 'CMD').script).toBeUndefined();
  });

  it('respects SHELL: PowerShell and cmd are not parsed as sh; POSIX shells are', () => {
    const text = [
      'FROM mcr.microsoft.com/windows/servercore AS win',
      'SHELL ["powershell", "-Command"]',
      'RUN Get-ChildItem | Select-Object Name',
      'SHELL ["cmd", "/S", "/C"]',
      'RUN dir',
      'SHELL ["/bin/bash", "-o", "pipefail", "-c"]',
      'RUN ls | wc -l',
      'FROM win',
      'RUN still-bash',
      'FROM ubuntu',
      'RUN echo default-sh',
      '',
    ].join('\n');
    expect(scriptOf(text, 0).script).toBeUndefined();
    expect(scriptOf(text, 1).script).toBeUndefined();
    expect(scriptOf(text, 2).script?.commands.map((c) => c.name)).toEqual(['ls', 'wc']);
    expect(scriptOf(text, 3).script).toBeDefined(); // FROM win inherits SHELL bash
    expect(scriptOf(text, 4).script).toBeDefined();
    const inherited = 'FROM x AS base\nSHELL ["pwsh", "-c"]\nFROM base\nRUN Write-Host hi\n';
    expect(scriptOf(inherited).script).toBeUndefined();
  });

  it('knows Windows images default to cmd', () => {
    for (const from of ['mcr.microsoft.com/windows/servercore:ltsc2022', 'mcr.microsoft.com/windows:1809', 'python:3.12-windowsservercore', 'golang:1.22-nanoserver-ltsc2022', '--platform=windows/amd64 alpine', 'mcr.microsoft.com/dotnet/framework/sdk:4.8']) {
      expect(scriptOf(`FROM ${from}\nRUN dir\n`).script, from).toBeUndefined();
    }
    expect(scriptOf('FROM dockcross/windows-static-x64\nRUN ls\n').script).toBeDefined();
    expect(scriptOf('ARG IMG=mcr.microsoft.com/windows/servercore\nARG TAG=ltsc2022\nFROM ${IMG}:$TAG\nRUN dir\n').script).toBeUndefined();
    expect(scriptOf('ARG IMG=alpine\nFROM ${IMG}\nRUN ls\n').script).toBeDefined();
    expect(scriptOf('FROM mcr.microsoft.com/windows/servercore:ltsc2022 AS w\nSHELL ["bash", "-c"]\nRUN ls\n').script).toBeDefined();
    expect(scriptOf('FROM python:3.12-windowsservercore AS w\nFROM w\nRUN dir\n').script).toBeUndefined();
  });

  it('classifies shells by program name', () => {
    for (const sh of [null, ['/bin/sh', '-c'], ['bash'], ['/bin/ash', '-eo', 'pipefail', '-c'], ['/usr/bin/env', 'bash', '-c'], ['/bin/busybox', 'sh', '-c'], ['zsh'], ['C:\\bin\\bash.exe']]) {
      expect(isPosixShell(sh), JSON.stringify(sh)).toBe(true);
    }
    for (const sh of [['powershell', '-Command'], ['pwsh'], ['cmd', '/S', '/C'], ['C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe'], ['python3', '-c'], []]) {
      expect(isPosixShell(sh), JSON.stringify(sh)).toBe(false);
    }
  });

  it('caches per instruction', () => {
    const { file, ins, script } = scriptOf('FROM a\nRUN echo hi\n');
    expect(shellScriptOf(ins, file)).toBe(script);
  });
});

describe('ranges in the Dockerfile', () => {
  it('maps words across continuations and dropped comment lines', () => {
    const text = ['FROM alpine', 'RUN apk add \\', '# a comment', '    --no-cache \\', '', '    curl && \\', '  echo "a b"', ''].join('\n');
    const { file, script } = scriptOf(text);
    const [apk, echo] = script!.commands;
    expect(apk!.args.map((a) => a.value)).toEqual(['add', '--no-cache', 'curl']);
    for (const w of [...apk!.args, ...echo!.args]) expect(slice(file, w)).toBe(w.raw);
    expect(pos(file, apk!.args[1]!)).toEqual([4, 5, 4, 15]);
    expect(pos(file, apk!.args[2]!)).toEqual([6, 5, 6, 9]);
    expect(pos(file, { range: apk!.nameRange })).toEqual([2, 5, 2, 8]);
    expect(pos(file, apk!)).toEqual([2, 5, 6, 9]);
    expect(pos(file, echo!.args[0]!)).toEqual([7, 8, 7, 13]);
    expect(script!.operators.map((o) => [o.op, at(file, o.range).startLine, at(file, o.range).startColumn])).toEqual([['&&', 6, 10]]);
  });

  it('gives a word split by a continuation the range from its first to its last character', () => {
    const { file, script } = scriptOf('FROM a\nRUN echo foo\\\nbar baz\n');
    const w = script!.commands[0]!.args[0]!;
    expect(w.value).toBe('foobar');
    expect(pos(file, w)).toEqual([2, 10, 3, 4]);
    expect(slice(file, w)).toBe('foo\\\nbar');
  });

  it('starts after RUN flags', () => {
    const { file, script } = scriptOf('FROM a\nRUN --mount=type=cache,target=/root/.cache pip install x\n');
    const pip = script!.commands[0]!;
    expect(slice(file, { range: pip.nameRange })).toBe('pip');
    expect(at(file, pip.nameRange).startColumn).toBe(44);
  });

  it('maps ONBUILD RUN (given the ONBUILD or its trigger)', () => {
    const { file, ins, script } = scriptOf('FROM a\nONBUILD RUN sudo make install\n', 0, 'ONBUILD');
    const sudo = script!.commands[0]!;
    expect(sudo.name).toBe('sudo');
    expect(pos(file, { range: sudo.nameRange })).toEqual([2, 13, 2, 17]);
    expect(shellScriptOf(ins.trigger!, file)?.commands[0]!.name).toBe('sudo');
    expect(scriptOf('FROM a\nONBUILD COPY . /x\n', 0, 'ONBUILD').script).toBeUndefined();
  });

  it('handles the backtick escape directive', () => {
    const { file, script } = scriptOf('# escape=`\nFROM a\nRUN echo one `\n    two\n');
    const args = script!.commands[0]!.args;
    expect(args.map((a) => a.value)).toEqual(['one', 'two']);
    expect(slice(file, args[1]!)).toBe('two');
    expect(at(file, args[1]!.range).startLine).toBe(4);
  });

  it('handles CRLF line endings', () => {
    const { file, script } = scriptOf('FROM a\r\nRUN apt-get update && \\\r\n    apt-get install -y x\r\n');
    const install = script!.commands[1]!;
    expect(install.args.map((a) => a.value)).toEqual(['install', '-y', 'x']);
    for (const w of install.args) expect(slice(file, w)).toBe(w.raw);
    expect(at(file, install.nameRange).startLine).toBe(3);
  });

  it('maps every word of random continued RUNs back to its source text', () => {
    const token = fc.constantFrom('apt-get', 'install', '-y', '"a b"', "'c'", '$X', 'x=1', '&&', '|', ';', '(', ')', '$(id)', 'é🐳');
    const sep = fc.constantFrom(' ', '  ', ' \\\n  ', ' \\\n# note\n  ', ' \\\n\n  ', '\\\n');
    const body = fc.array(fc.tuple(token, sep), { minLength: 1, maxLength: 12 }).map((parts) => parts.map(([t, s]) => t + s).join('').replace(/[\s\\]+$/, ''));
    fc.assert(
      fc.property(body, (run) => {
        const text = `FROM a\nRUN ${run}\n`;
        const file = parse(text);
        const ins = file.instructions.find((i) => i.keyword === 'RUN');
        if (!ins) return;
        const script = shellScriptOf(ins, file);
        const words: ShellWord[] = script!.commands.flatMap((c) => [...c.args, ...c.assignments]);
        for (const w of words) {
          // A word's source is its raw text plus any continuations / dropped lines inside it.
          const source = slice(file, w).replace(/\\\r?\n(?:[ \t]*(?:#[^\n]*)?\r?\n)*/g, '');
          expect(source).toBe(w.raw);
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('heredocs', () => {
  it('runs a lone heredoc body as the script', () => {
    const text = 'FROM a\nRUN <<EOF\napt-get update\n  apt-get install -y curl\nEOF\nRUN echo after\n';
    const { file, script } = scriptOf(text);
    const [update, install] = script!.commands;
    expect(script!.commands.map((c) => c.name)).toEqual(['apt-get', 'apt-get']);
    expect(pos(file, { range: update!.nameRange })).toEqual([3, 1, 3, 8]);
    expect(pos(file, install!.args[2]!)).toEqual([4, 22, 4, 26]);
    expect(slice(file, install!.args[2]!)).toBe('curl');
  });

  it('treats `cmd <<EOF` as a command line with heredoc data', () => {
    const text = 'FROM a\nRUN cat <<EOF > /etc/motd && chmod 644 /etc/motd\nhello $(id -u)\nEOF\n';
    const { file, script } = scriptOf(text);
    expect(script!.commands.map((c) => c.name)).toEqual(['cat', 'chmod', 'id']);
    const id = script!.commands[2]!;
    expect(pos(file, { range: id.nameRange })).toEqual([3, 9, 3, 11]);
    expect(slice(file, id.args[0]!)).toBe('-u');
  });

  it('does not parse the data of `python3 <<EOF` as shell', () => {
    const { script } = scriptOf('FROM a\nRUN python3 <<EOF\nimport os\nos.system("x")\nEOF\n');
    expect(script!.commands.map((c) => c.name)).toEqual(['python3']);
  });

  it('honours a heredoc script shebang', () => {
    expect(scriptOf('FROM a\nRUN <<EOF\n#!/usr/bin/env python3\nprint(1)\nEOF\n').script).toBeUndefined();
    expect(scriptOf('FROM a\nRUN <<EOF\n#!/bin/bash\nset -e\nEOF\n').script?.commands.map((c) => c.name)).toEqual(['set']);
  });

  it('treats a heredoc fed to a shell on stdin (`RUN <<EOT bash`) as the script', () => {
    const { file, script } = scriptOf('FROM a\nRUN <<EOT bash\n  set -ex\n  apt-get install -y curl\nEOT\n');
    expect(script!.commands.map((c) => c.name)).toEqual(['set', 'apt-get']);
    expect(slice(file, script!.commands[1]!.args[2]!)).toBe('curl');
    expect(scriptOf('FROM a\nRUN sh -eux <<EOT\nls\nEOT\n').script!.commands.map((c) => c.name)).toEqual(['ls']);
    // `-c` takes the script from its argument; stdin is then data.
    expect(scriptOf('FROM a\nRUN bash -c cat <<EOT\nls\nEOT\n').script!.commands.map((c) => c.name)).toEqual(['bash']);
  });

  it('maps a <<- heredoc with tab-indented body', () => {
    const { file, script } = scriptOf('FROM a\nRUN <<-EOT\n\techo one\n\tEOT\n');
    const echo = script!.commands[0]!;
    expect(echo.name).toBe('echo');
    expect(slice(file, echo.args[0]!)).toBe('one');
    expect(at(file, echo.args[0]!.range).startLine).toBe(3);
  });
});

describe('robustness', () => {
  it('never throws on random RUN text and keeps ranges inside the file', () => {
    const ch = fc.constantFrom(...'ab -=$(){}|&;<>\'"`\\\n#é'.split(''), '<<EOF\n', 'EOF\n', ' \\\n', '\r\n');
    fc.assert(
      fc.property(fc.array(ch, { maxLength: 50 }).map((a) => a.join('')), (body) => {
        const text = `FROM a\nRUN ${body}\nRUN x\n`;
        const file = parse(text);
        for (const ins of file.instructions) {
          const s = shellScriptOf(ins, file);
          for (const c of s?.commands ?? []) {
            for (const r of [c.range, c.nameRange, ...c.args.map((a) => a.range)]) {
              expect(r.start).toBeGreaterThanOrEqual(0);
              expect(r.end).toBeLessThanOrEqual(text.length);
              expect(r.start).toBeLessThanOrEqual(r.end);
            }
          }
        }
      }),
      { numRuns: 300 },
    );
  });
});
