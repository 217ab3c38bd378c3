// Query helpers for rule authors over the RUN command model.
import { beforeAll, describe, expect, it } from 'vitest';
import {
  argsAfterDoubleDash,
  argsAfterSubcommand,
  commandsAfter,
  commandsNamed,
  countCommands,
  findCommands,
  flagCount,
  flagValue,
  hasArg,
  hasFlag,
  hasPipe,
  initShellParser,
  isSubcommand,
  parseShell,
  positionalArgs,
  unwrapCommand,
  usesCommand,
} from '../src/shell/index.js';

beforeAll(() => initShellParser());

const values = (ws: { value: string }[]) => ws.map((w) => w.value);
const first = (text: string) => parseShell(text).commands[0]!;

describe('finding commands', () => {
  it('matches names and path-qualified names', () => {
    const s = parseShell('apt-get update && /usr/bin/apt-get install -y x && echo apt-get');
    expect(commandsNamed(s, 'apt-get')).toHaveLength(2);
    expect(usesCommand(s, 'yum', 'echo')).toBe(true);
    expect(usesCommand(s, 'yum')).toBe(false);
  });

  it('sees through command/builtin/exec/busybox like ShellCheck (hadolint parity)', () => {
    const s = parseShell('command apt-get install x; exec -a n wget u; busybox wget v; command -v curl; sudo apt-get install y');
    expect(commandsNamed(s, 'apt-get').map((c) => values(c.args))).toEqual([['install', 'x']]);
    expect(commandsNamed(s, 'wget')).toHaveLength(2);
    expect(commandsNamed(s, 'command')).toHaveLength(1); // `command -v` is not unwrapped
    expect(commandsNamed(s, 'sudo')).toHaveLength(1);
  });

  it('optionally looks through sudo, env, xargs, timeout', () => {
    const s = parseShell('sudo -u app env -i FOO=1 pip install x; find . | xargs -n 1 -I{} rm {}; timeout -s KILL 10 curl u');
    const cmds = findCommands(s, { throughWrappers: true });
    expect(cmds.map((c) => c.name)).toEqual(['pip', 'find', 'rm', 'curl']);
    expect(values(cmds[0]!.assignments)).toEqual(['FOO=1']);
    expect(values(cmds[0]!.args)).toEqual(['install', 'x']);
    expect(unwrapCommand(first('sudo -i')).name).toBe('sudo');
  });

  it('counts named commands, detects pipes, orders commands', () => {
    const s = parseShell('A=1; yum install -y x && yum clean all | tee log');
    expect(countCommands(s)).toBe(3);
    expect(hasPipe(s)).toBe(true);
    expect(hasPipe(parseShell('a || b && c'))).toBe(false);
    const [install] = commandsNamed(s, 'yum');
    expect(commandsAfter(s, install!).map((c) => c.name)).toEqual(['yum', 'tee']);
  });
});

describe('flags and arguments', () => {
  it('hasFlag / flagCount accept names with or without dashes', () => {
    const c = first('apt-get -qq install --no-install-recommends -q x');
    expect(hasFlag(c, 'y', 'yes')).toBe(false);
    expect(hasFlag(c, '--no-install-recommends')).toBe(true);
    expect(flagCount(c, 'q')).toBe(3);
  });

  it('flagValue reads --x=y, --x y and -x y (only when x ends its cluster)', () => {
    const c = first('useradd --uid=123456 -l -m -s /bin/sh --home /h -ms x');
    expect(flagValue(c, 'u', 'uid')).toBe('123456');
    expect(flagValue(c, 'home')).toBe('/h');
    expect(flagValue(c, 's')).toBe('/bin/sh');
    expect(flagValue(c, 'z')).toBeUndefined();
  });

  it('positionalArgs drops the separate values of value-taking flags', () => {
    const c = first('apt-get install -y -t stable --target-release=x foo bar=1');
    expect(values(positionalArgs(c))).toEqual(['install', 'stable', 'foo', 'bar=1']);
    expect(values(positionalArgs(c, ['t', 'target-release']))).toEqual(['install', 'foo', 'bar=1']);
  });

  it('isSubcommand looks at the first positional argument; hasArg at any', () => {
    const c = first('npm --loglevel warn install express');
    expect(isSubcommand(first('pip install x'), 'install')).toBe(true);
    expect(isSubcommand(c, 'install')).toBe(false);
    expect(hasArg(c, 'install')).toBe(true);
  });

  it('argsAfterSubcommand gives the packages', () => {
    const c = first('apt-get -o Dpkg::Options::=--force-confdef install -y -t stable curl "git=1:2.30"');
    expect(values(argsAfterSubcommand(c, 'install', { valueFlags: ['o', 't', 'target-release'] }))).toEqual(['curl', 'git=1:2.30']);
    expect(argsAfterSubcommand(first('apt-get update'), 'install')).toEqual([]);
    expect(values(argsAfterSubcommand(first('apk add --virtual .deps -t x gcc'), ['add'], { valueFlags: ['t', 'virtual'] }))).toEqual(['gcc']);
  });

  it('argsAfterDoubleDash', () => {
    expect(values(argsAfterDoubleDash(first('gem install x -- --with-y')))).toEqual(['--with-y']);
  });
});
