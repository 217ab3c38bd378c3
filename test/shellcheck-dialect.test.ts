// ShellCheck as hadolint runs it: the dialect from the stage's SHELL or `# hadolint shell=` pragma
// (through `FROM <stage>`), shells ShellCheck cannot check, the names declared to it (ONBUILD
// ENV/ARG triggers included). The pure parts always run; the rest runs the real `shellcheck`.
import { describe, expect, it } from 'vitest';
import type { Instruction } from '../src/parser/ast.js';
import { parse } from '../src/parser/index.js';
import { parseShellPragma, scriptEnvironment, shellArgv, shellcheckShebang } from '../src/shell/script-env.js';
import { runShellcheck } from '../src/shell/shellcheck.js';
import { shellcheckInstalled } from './shellcheck-installed.js';

const installed = shellcheckInstalled('the ShellCheck dialect tests that run it');

/** `CODE@line` of every ShellCheck finding on a Dockerfile. */
async function sc(text: string): Promise<string[]> {
  const result = await runShellcheck([{ filename: 'Dockerfile', file: parse(text) }]);
  expect(result.available).toBe(true);
  return result.diagnostics.get('Dockerfile')!.map((d) => `${d.code}@${d.range.startLine}`);
}

/** The `#!` ShellCheck gets for the last RUN / ONBUILD RUN of a file. */
function shebangOfLastRun(text: string): string | undefined {
  const file = parse(text);
  const runs = file.instructions.filter((i) => i.keyword === 'RUN' || (i.keyword === 'ONBUILD' && i.trigger?.keyword === 'RUN'));
  return scriptEnvironment(runs[runs.length - 1]!, file).shellcheckShell;
}

describe('the shell ShellCheck is told about', () => {
  it("maps each shell to a dialect ShellCheck knows, and refuses the ones it cannot check", () => {
    expect(shellcheckShebang(['/bin/bash', '-o', 'pipefail', '-c'])).toBe('/bin/bash');
    expect(shellcheckShebang(['/bin/sh', '-c'])).toBe('/bin/sh');
    expect(shellcheckShebang(['/bin/dash', '-c'])).toBe('/bin/dash');
    expect(shellcheckShebang(['/bin/ash', '-eo', 'pipefail', '-c'])).toBe('/bin/ash');
    expect(shellcheckShebang(['/usr/bin/env', 'bash', '-c'])).toBe('/usr/bin/env bash');
    expect(shellcheckShebang(['/usr/bin/env', '-S', 'bash', '-e'])).toBe('/usr/bin/env bash');
    expect(shellcheckShebang(['/bin/busybox', 'sh', '-c'])).toBe('/bin/busybox sh');
    expect(shellcheckShebang(['bash'])).toBe('/bin/bash'); // a pragma's bare name: ShellCheck wants a path
    expect(shellcheckShebang(['/bin/mksh', '-c'])).toBe('/bin/ksh');
    expect(shellcheckShebang(['/bin/rbash', '-c'])).toBe('/bin/bash');
    expect(shellcheckShebang(['/bin/posh', '-c'])).toBe('/bin/sh');
    expect(shellcheckShebang(['/usr/bin/oksh', '-c'])).toBe('/bin/ksh'); // ShellCheck 0.11 knows oksh as ksh
    for (const shell of [['/bin/zsh', '-c'], ['/usr/bin/env', 'zsh'], ['/usr/bin/fish', '-c'], ['pwsh', '-c'], ['powershell.exe'], ['cmd', '/S', '/C'], ['C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe'], ['/usr/bin/python3', '-c'], ['/bin/busybox']]) {
      expect(shellcheckShebang(shell), shell.join(' ')).toBeUndefined();
    }
  });

  it("reads `# hadolint shell=` with hadolint's grammar", () => {
    expect(parseShellPragma('hadolint shell=powershell')).toBe('powershell');
    expect(parseShellPragma('hadolint shell = powershell.exe')).toBe('powershell.exe');
    expect(parseShellPragma('hadolint\tshell=bash # why')).toBe('bash');
    expect(parseShellPragma('hadolint shell=/bin/bash')).toBe('/bin/bash');
    // Not pragmas: trailing words, another case, no name, no blank after `hadolint`.
    for (const text of ['hadolint shell=bash please', 'Hadolint shell=bash', 'hadolint SHELL=bash', 'hadolint shell=', 'hadolintshell=bash', 'hadolint ignore=DL3002']) {
      expect(parseShellPragma(text), text).toBeUndefined();
    }
  });

  it('takes the later of SHELL and the pragma in the stage, else what the stage built on ended with', () => {
    expect(shebangOfLastRun('FROM a\nRUN true\n')).toBe('/bin/sh');
    expect(shebangOfLastRun('FROM a\n# hadolint shell=bash\nSHELL ["/bin/dash", "-c"]\nRUN true\n')).toBe('/bin/dash');
    expect(shebangOfLastRun('FROM a\nSHELL ["/bin/dash", "-c"]\n# hadolint shell=bash\nRUN true\n')).toBe('/bin/bash');
    // A pragma before the first FROM is every stage's default; one inside a stage stays there...
    expect(shebangOfLastRun('# hadolint shell=bash\nFROM a\nRUN true\nFROM b\nRUN true\n')).toBe('/bin/bash');
    expect(shebangOfLastRun('FROM a AS one\n# hadolint shell=bash\nFROM b\nRUN true\n')).toBe('/bin/sh');
    // ...unless a stage is built FROM it: then it starts with the shell that stage ended with.
    expect(shebangOfLastRun('FROM x AS a\n# hadolint shell=powershell\nFROM a\nRUN Get-Foo | Bar $x\n')).toBeUndefined();
    expect(shebangOfLastRun('FROM x AS a\nSHELL ["/bin/bash", "-c"]\n# hadolint shell=ksh\nFROM a AS b\nFROM b\nRUN true\n')).toBe('/bin/ksh');
    expect(shebangOfLastRun('FROM x AS a\nRUN true\nSHELL ["/bin/bash", "-c"]\nFROM a\nRUN true\n')).toBe('/bin/bash');
    // An explicit pragma wins over the guess that a Windows image runs cmd.
    expect(shebangOfLastRun('FROM mcr.microsoft.com/windows/servercore:ltsc2022\nRUN echo %x%\n')).toBeUndefined();
    expect(shebangOfLastRun('# hadolint shell=bash\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\nRUN echo hi\n')).toBe('/bin/bash');
  });

  it("gives an ONBUILD RUN the shell of the image it runs on: the stage's last, or an earlier ONBUILD SHELL", () => {
    const file = parse('FROM a\nONBUILD RUN one\nSHELL ["/bin/bash", "-c"]\nONBUILD SHELL ["/bin/dash", "-c"]\nONBUILD RUN two\nRUN three\n');
    const [, first, , , second, third] = file.instructions;
    expect(shellArgv(first!, file)).toEqual(['/bin/bash', '-c']);
    expect(shellArgv(second!, file)).toEqual(['/bin/dash', '-c']);
    expect(shellArgv(third!, file)).toEqual(['/bin/bash', '-c']);
  });

  it('declares ONBUILD ENV/ARG triggers to an ONBUILD RUN, and the whole image ENV', () => {
    const file = parse('FROM a AS base\nENV base_env=1\nFROM base\nARG stage_arg\nONBUILD ENV ob_env=1\nONBUILD ARG ob_arg\nONBUILD RUN echo\nENV late_env=1\nONBUILD ENV after=1\nRUN echo\n');
    const onbuildRun = file.instructions[6]!;
    const run = file.instructions[9]!;
    const names = (i: typeof run) => scriptEnvironment(i, file).names.filter((n) => !/proxy/i.test(n));
    expect(names(onbuildRun).sort()).toEqual(['base_env', 'late_env', 'ob_arg', 'ob_env']);
    // A RUN of this build sees the stage's ARG and ENV, not the triggers meant for a later build.
    expect(names(run).sort()).toEqual(['base_env', 'late_env', 'stage_arg']);
  });

  it('reads a stage once for all its RUNs and ONBUILD RUNs, not once for each (a stage of 100,000 RUNs held the language server for minutes)', () => {
    const n = 2_000;
    const body = Array.from({ length: n }, (_, i) => (i % 500 === 0 ? `ARG a${i}\nONBUILD ENV o${i}=1\nONBUILD SHELL ["/bin/bash", "-c"]\nRUN echo\nONBUILD RUN echo` : 'RUN echo\nONBUILD RUN echo')).join('\n');
    const parsed = parse(`FROM a AS base\nENV base_env=1\nFROM base\n${body}\n`);
    // The same file, its stages' instruction lists counting the elements read from them.
    let reads = 0;
    const counting = (list: Instruction[]) => new Proxy(list, { get: (t, k, r) => (typeof k === 'string' && /^\d+$/.test(k) && reads++, Reflect.get(t, k, r)) });
    const file = { ...parsed, stages: parsed.stages.map((st) => ({ ...st, instructions: counting(st.instructions) })) };
    const runs = parsed.instructions.filter((i) => i.keyword === 'RUN' || (i.keyword === 'ONBUILD' && i.trigger?.keyword === 'RUN'));
    expect(runs.length).toBe(2 * n);
    const envs = runs.map((r) => scriptEnvironment(r, file));
    expect(reads).toBeLessThan(10 * parsed.instructions.length);
    const own = (e: { names: string[] }) => e.names.filter((x) => !/proxy/i.test(x));
    // A RUN sees base_env and the ARGs before it; an ONBUILD RUN base_env, every ENV of its stage and the triggers before it.
    expect(own(envs[2 * n - 2]!)).toEqual(['base_env', 'a0', 'a500', 'a1000', 'a1500']);
    expect(own(envs[2 * n - 1]!)).toEqual(['base_env', 'o0', 'o500', 'o1000', 'o1500']);
    expect(own(envs[0]!)).toEqual(['base_env', 'a0']);
    expect(own(envs[1]!)).toEqual(['base_env', 'o0']);
    expect(envs[0]!.shellcheckShell).toBe('/bin/sh');
    expect(envs[1]!.shellcheckShell).toBe('/bin/bash');
  });

  it('finds the stage of each SHELL and shell pragma in a number of steps linear in the file (a file of many stages was quadratic)', () => {
    /** The shell of every RUN in `n` stages that set theirs, and how many stages were read to tell. */
    const shellsOf = (n: number) => {
      const stage = (i: number) => `FROM alpine:3 AS s${i}\nRUN a\n# hadolint shell=zsh\nRUN b\n${i % 2 ? 'SHELL ["/bin/bash", "-c"]\n' : ''}RUN c`;
      const parsed = parse(`${Array.from({ length: n }, (_, i) => stage(i)).join('\n')}\n`);
      let reads = 0;
      const stages = new Proxy(parsed.stages, { get: (t, k, r) => (typeof k === 'string' && /^\d+$/.test(k) && reads++, Reflect.get(t, k, r)) });
      const file = { ...parsed, stages };
      const shells = parsed.instructions.filter((i) => i.keyword === 'RUN').map((r) => shellArgv(r, file)?.join(' ') ?? 'sh');
      return { shells, reads };
    };
    const small = shellsOf(1_000);
    const large = shellsOf(2_000);
    expect(large.shells.slice(0, 6)).toEqual(['sh', 'zsh', 'zsh', 'sh', 'zsh', '/bin/bash -c']);
    expect(large.reads / small.reads).toBeLessThan(2.5);
  });
});

describe.skipIf(!installed)('ShellCheck in the dialect of the stage', () => {
  const random = (shell: string) => `FROM a\nSHELL ${shell}\nRUN echo "$RANDOM"\n`;

  it('checks sh, dash and ash as POSIX shells, bash and ksh with their extensions', async () => {
    expect(await sc('FROM a\nRUN echo "$RANDOM"\n')).toEqual(['SC3028@2']);
    for (const s of ['["/bin/dash", "-c"]', '["/bin/ash", "-c"]', '["/bin/posh", "-c"]']) expect(await sc(random(s)), s).toEqual(['SC3028@3']);
    // A bare `bash` is checked as /bin/bash: no SC2239 about a `#!bash` line the Dockerfile never had (hadolint reports it).
    for (const s of ['["/bin/bash", "-c"]', '["bash", "-c"]', '["/bin/ksh", "-c"]', '["/bin/mksh", "-c"]', '["/usr/bin/env", "bash", "-c"]', '["/bin/rbash", "-c"]']) {
      expect(await sc(random(s)), s).toEqual([]);
    }
  });

  it('skips shells ShellCheck cannot check (zsh, fish), where hadolint reports SC1071 or SC1008', async () => {
    expect(await sc('FROM a\nSHELL ["/bin/zsh", "-c"]\nRUN echo $foo\n')).toEqual([]);
    expect(await sc('FROM a\n# hadolint shell=zsh\nRUN echo $foo\n')).toEqual([]);
    expect(await sc('FROM a\nSHELL ["/usr/bin/fish", "-c"]\nRUN set -x foo bar; echo $foo\n')).toEqual([]);
    expect(await sc('FROM a\nRUN <<EOF zsh\necho $foo\nEOF\n')).toEqual([]);
    expect(await sc('FROM a\nRUN <<EOF\n#!/bin/zsh\necho $foo\nEOF\n')).toEqual([]);
    // The same scripts under sh are checked.
    expect(await sc('FROM a\nRUN echo $foo\n')).toEqual(['SC2086@2', 'SC2154@2']);
  });

  it('checks a heredoc fed to a shell in that shell, whatever its first line says', async () => {
    expect(await sc('FROM a\nRUN <<EOF bash\n#!/bin/sh\necho "$RANDOM"\nEOF\n')).toEqual([]);
    expect(await sc('FROM a\nRUN <<EOF\n#!/bin/dash\necho "$RANDOM"\nEOF\n')).toEqual(['SC3028@4']);
    expect(await sc('FROM a\nSHELL ["/bin/bash", "-c"]\nRUN <<EOF\n#!/bin/sh\necho "$RANDOM"\nEOF\n')).toEqual(['SC3028@5']);
  });

  it('lets a later `# hadolint shell=` pragma turn ShellCheck on where SHELL or a Windows image would skip it', async () => {
    // hadolint's later-wins: the pragma after SHELL names the shell; a SHELL after the pragma wins.
    expect(await sc('FROM a\nSHELL ["pwsh", "-c"]\n# hadolint shell=bash\nRUN echo $x\n')).toEqual(['SC2086@4', 'SC2154@4']);
    expect(await sc('FROM a\n# hadolint shell=bash\nSHELL ["pwsh", "-c"]\nRUN echo $x\n')).toEqual([]);
    // The pragma wins over the guess that a Windows image runs cmd, before the first FROM or in the stage.
    expect(await sc('# hadolint shell=bash\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\nRUN echo $x\n')).toEqual(['SC2086@3', 'SC2154@3']);
    expect(await sc('FROM mcr.microsoft.com/windows/servercore:ltsc2022\n# hadolint shell=sh\nRUN echo $x\n')).toEqual(['SC2086@3', 'SC2154@3']);
    expect(await sc('FROM mcr.microsoft.com/windows/servercore:ltsc2022\nRUN echo $x\n')).toEqual([]);
  });

  it("reads a heredoc fed to a shell as shell even when its first line names another interpreter", async () => {
    // `bash` reads the `#!` line from stdin as a comment...
    expect(await sc('FROM a\nRUN <<EOF bash\n#!/usr/bin/env python3\necho $y\nEOF\n')).toEqual(['SC2086@4', 'SC2154@4']);
    // ...while a heredoc run as a file runs in the interpreter its `#!` names: not ShellCheck's.
    expect(await sc('FROM a\nRUN <<EOF\n#!/usr/bin/env python3\necho $y\nEOF\n')).toEqual([]);
  });

  it('carries SHELL and the shell pragma through FROM <stage>, not to unrelated stages', async () => {
    expect(await sc('FROM x AS a\n# hadolint shell=powershell\nFROM a\nRUN Get-Foo | Bar $x\n')).toEqual([]);
    expect(await sc('FROM x AS a\n# hadolint shell=bash\nFROM a\nRUN echo "$RANDOM"\n')).toEqual([]);
    expect(await sc('FROM x AS a\n# hadolint shell=bash\nFROM y\nRUN echo "$RANDOM"\n')).toEqual(['SC3028@4']);
    // hadolint's own cases (ShellcheckSpec "SHELL instructions are propagated").
    expect(await sc('FROM ubuntu:24.04 AS base\nSHELL ["/bin/bash", "-e", "-o", "pipefail", "-c"]\n\nFROM base\nRUN source /etc/os-release\n')).toEqual([]);
    expect(await sc('FROM ubuntu:24.04 AS base\nSHELL ["/bin/bash", "-e", "-o", "pipefail", "-c"]\n\nFROM ubuntu:24.04\nRUN source /etc/os-release\n')).toEqual(['SC3046@5']);
  });

  it('knows the ONBUILD ENV/ARG triggers before an ONBUILD RUN, but not top-level ARGs', async () => {
    expect(await sc('FROM a\nONBUILD ENV x=1\nONBUILD ARG y\nONBUILD RUN echo "$x" "$y" "$z"\n')).toEqual(['SC2154@4']);
    expect(await sc('FROM a\nARG x\nONBUILD RUN echo "$x"\n')).toEqual(['SC2154@3']);
    expect(await sc('FROM a\nONBUILD RUN echo "$x"\nENV x=1\n')).toEqual([]);
    // The triggers are not this build's variables.
    expect(await sc('FROM a\nONBUILD ENV x=1\nRUN echo "$x"\n')).toEqual(['SC2154@3']);
  });

  it("runs an ONBUILD RUN in the shell the image ends with, or an earlier ONBUILD SHELL's", async () => {
    expect(await sc('FROM a\nONBUILD RUN echo "$RANDOM"\nSHELL ["/bin/bash", "-c"]\n')).toEqual([]);
    expect(await sc('FROM a\nONBUILD SHELL ["/bin/bash", "-c"]\nONBUILD RUN echo "$RANDOM"\n')).toEqual([]);
    expect(await sc('FROM a\nSHELL ["/bin/bash", "-c"]\nONBUILD SHELL ["/bin/sh", "-c"]\nONBUILD RUN echo "$RANDOM"\n')).toEqual(['SC3028@4']);
  });
});
