// quick-args.ts reads plain `lint`, `plan`, `parse` and `context` command lines without yargs;
// wherever it accepts a line, it must give exactly what yargs gives, and it must decline whatever it
// cannot read that way.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Command } from '../src/cli/command.js';
import context from '../src/cli/commands/context.js';
import lint from '../src/cli/commands/lint.js';
import lsp from '../src/cli/commands/lsp.js';
import parse from '../src/cli/commands/parse.js';
import plan from '../src/cli/commands/plan.js';
import { yargsArgs } from '../src/cli/main.js';
import { quickArgs, quickSpecOf } from '../src/cli/quick-args.js';

const spec = quickSpecOf(lint)!;

/** The argument keys the command reads, as yargs gives them. */
async function viaYargs(words: string[], command: Command = lint): Promise<Record<string, unknown>> {
  const keys = [quickSpecOf(command)!.positional, ...Object.keys(quickSpecOf(command)!.options)].filter(Boolean);
  const all = await yargsArgs([command.command.split(' ')[0]!, ...words], command);
  return Object.fromEntries(keys.filter((k) => all[k] !== undefined).map((k) => [k, all[k]]));
}

/**
 * Generated lines from `words`: wherever quick-args accepts one, yargs reads it the same. Returns how
 * many lines were compared (the check means something only when many were).
 */
async function agreesWithYargs(command: Command, words: string[], seed: number): Promise<number> {
  let accepted = 0;
  let total = 0;
  await fc.assert(
    fc.asyncProperty(fc.array(fc.constantFrom(...words), { maxLength: 7 }), async (line) => {
      total++;
      const quick = quickArgs(line, quickSpecOf(command)!);
      if (quick === undefined) return;
      accepted++;
      expect(quick).toEqual(await viaYargs(line, command));
    }),
    { numRuns: 1500, seed },
  );
  expect(total).toBe(1500);
  return accepted;
}

describe('quick-args (lint)', () => {
  it('reads plain lines as yargs does', async () => {
    const lines = [
      [],
      ['Dockerfile'],
      ['-f', 'json', '--no-shellcheck', 'a/Dockerfile', 'b.Dockerfile'],
      ['--format=sarif', '--ignore', 'DL3008', '--ignore=DL3009,DL3015', '-t', 'warning', '-V'],
      ['--format', 'json', '--format', 'gnu', '-'],
      ['--no-color', '--no-fail', '--fix', '--context', 'ctx', '--stdin-filename', 'x/Dockerfile', '-'],
      ['--trusted-registry', 'docker.io', '--require-label', 'maintainer:text', '--strict-labels', '--disable-ignore-pragma'],
      ['--error', 'DL3000', '--warning', 'DL3001', '--info', 'DL3002', '--style', 'DL3003', '--config', '.hadolint.yaml'],
      ['--jobs', '2', '--no-cache', '--cache-location', '.cache', '-j', '16', 'Dockerfile'],
      ['0-00-4__a', '0123', '007', '1.Dockerfile', '12abc', '0-a/Dockerfile', '1e', '0xg', '--context', '0-ctx'],
    ];
    for (const words of lines) {
      const quick = quickArgs(words, spec);
      expect(quick, words.join(' ')).toBeDefined();
      expect(quick, words.join(' ')).toEqual(await viaYargs(words));
    }
  });

  it('declines what it does not read exactly', () => {
    const declined = [
      ['--help'],
      ['-h'],
      ['--bogus'],
      ['-fjson'],
      ['-f=json'],
      ['-Vf', 'json'],
      ['--fix=true'],
      ['--fix', 'false'],
      ['--fix', '--fix'],
      ['--format'],
      ['--format', '--fix'],
      ['--format='],
      ['--failureThreshold', 'error'],
      ['--format.x', 'json'],
      ['--no-format', 'json'],
      ['123'],
      ['0x10'],
      ['true'],
      ['-1'],
      ['--context', '7'],
      ['1.5'],
      ['.5'],
      ['1e3'],
      ['1.'],
      ['+1'],
      [' 12 '],
      ['-f', 'json', 'Dockerfile', '0x1F'],
    ];
    for (const words of declined) expect(quickArgs(words, spec), words.join(' ')).toBeUndefined();
  });

  it('declines a switch given a value, which the yargs path refuses (both paths refuse the line)', async () => {
    for (const words of [['--color=maybe'], ['--no-cache=x'], ['--fix=yes', 'Dockerfile'], ['-V=1']]) {
      expect(quickArgs(words, spec), words.join(' ')).toBeUndefined();
      await expect(viaYargs(words), words.join(' ')).rejects.toThrow(/is a switch: give /);
    }
    expect(quickArgs(['--color=false'], spec)).toBeUndefined();
    expect(await viaYargs(['--color=false'])).toMatchObject({ color: false });
  });

  it('agrees with yargs on generated command lines wherever it accepts one', async () => {
    const words = [
      'Dockerfile', 'a/b.Dockerfile', '-', './-x', 'x y', 'DL3008', 'DL3008,DL3009', 'json', 'warning', 'none',
      'true', 'false', '1', '1.5', '0x1', '-1', '', ' ', 'é', '--', '-f', '-t', '-c', '-V', '-h', '-x', '-fjson', '-Vf',
      '--format', '--format=json', '--format=', '--ignore', '--ignore=DL3000', '--fix', '--no-fix', '--fix=false',
      '--fix-unsafe', '--color', '--no-color', '--shellcheck', '--no-shellcheck', '--verbose', '--fail', '--no-fail',
      '--context', '--config', '--stdin-filename', '--failure-threshold', '--failureThreshold', '--error', '--style',
      '--trusted-registry', '--require-label', '--strict-labels', '--disable-ignore-pragma', '--no-ignore', '--bogus',
      '--format.x', '--help', '--version', '--no-', '---format', '--jobs', '-j', '--jobs=3', '2', '--cache', '--no-cache',
      '--cache-location', '0-00-4__a', '0123', '007', '1.Dockerfile', '12abc', '1e3', '1E3', '.5', '1.', '0.5', '0x1F',
      '0xg', '9007199254740993', '+1', ' 12', '1e', '0-a/Dockerfile',
    ];
    const l = await agreesWithYargs(lint, words, 20261122);
    expect(l).toBeGreaterThan(150);
  });
});

describe('quick-args (plan)', () => {
  it('reads plain lines as yargs does, and declines a format yargs would refuse', async () => {
    for (const words of [[], ['app/Dockerfile', '-f', 'json'], ['--format=bake', 'a/Dockerfile', 'b/Dockerfile', '--tag', 'org/a=a/Dockerfile'], ['--build-arg', 'A=1', '--build-arg=B=2', '--target', 'test', '--platform', 'linux/arm64']]) {
      const quick = quickArgs(words, quickSpecOf(plan)!);
      expect(quick, words.join(' ')).toBeDefined();
      expect(quick, words.join(' ')).toEqual(await viaYargs(words, plan));
    }
    for (const words of [['--format', 'yaml'], ['--format', 'yaml', '--format', 'json'], ['--save'], ['--bogus']]) {
      expect(quickArgs(words, quickSpecOf(plan)!), words.join(' ')).toBeUndefined();
    }
  });

  it('agrees with yargs on generated command lines wherever it accepts one', async () => {
    const words = [
      'Dockerfile', 'a/Dockerfile', './-x', 'x y', 'json', 'text', 'dot', 'bake', 'yaml', 'true', 'false', '1', '', ' ',
      '-f', '-x', '-fjson', '--format', '--format=json', '--format=bake', '--format=yaml', '--context', '--target',
      '--build-arg', 'A=1', '--build-arg=B=2', '--platform', 'linux/arm64', '--save', '--base-digests', '--tag',
      'org/x=Dockerfile', '--no-format', '--help', '--version', '--bogus', '--build-arg.x', '--buildArg', '--no-save',
    ];
    const pl = await agreesWithYargs(plan, words, 20261123);
    expect(pl).toBeGreaterThan(150);
  });
});

describe('quick-args (lsp: no positional)', () => {
  it('reads `lsp --stdio` as yargs does, and declines a positional', async () => {
    for (const words of [['--stdio'], [], ['--no-stdio']]) {
      const quick = quickArgs(words, quickSpecOf(lsp)!);
      expect(quick, words.join(' ')).toBeDefined();
      expect(quick, words.join(' ')).toEqual(await viaYargs(words, lsp));
    }
    expect(quickArgs(['x'], quickSpecOf(lsp)!)).toBeUndefined();
    expect(quickArgs(['--stdio', '-'], quickSpecOf(lsp)!)).toBeUndefined();
  });

  it('agrees with yargs on generated command lines wherever it accepts one', async () => {
    const words = ['--stdio', '--no-stdio', '--stdio=true', 'x', '-', '', '1', 'true', '--help', '--bogus', '-x'];
    expect(await agreesWithYargs(lsp, words, 20261218)).toBeGreaterThan(20);
  });
});

describe('quick-args (parse, context: one positional)', () => {
  it('reads plain lines as yargs does, and declines what yargs reads otherwise or refuses', async () => {
    for (const [command, words] of [
      [parse, ['Dockerfile']], [parse, ['-f', 'buildkit', 'a/Dockerfile']], [parse, ['--format=json', 'x', '--format', 'buildkit']],
      [context, []], [context, ['app']], [context, ['--file', 'app/Dockerfile', '-f', 'json', 'app']], [context, ['--format=text']],
    ] as const) {
      const quick = quickArgs(words, quickSpecOf(command)!);
      expect(quick, words.join(' ')).toBeDefined();
      expect(quick, words.join(' ')).toEqual(await viaYargs([...words], command));
    }
    for (const [command, words] of [
      [parse, []], [parse, ['-']], [parse, ['a', 'b']], [context, ['a', 'b']], [context, ['-f', 'yaml']], [context, ['-']],
    ] as const) {
      expect(quickArgs(words, quickSpecOf(command)!), `${command.command} ${words.join(' ')}`).toBeUndefined();
    }
  });

  it('agrees with yargs on generated command lines wherever it accepts one', async () => {
    const parseWords = ['Dockerfile', 'a/Dockerfile', '-', './-x', 'x y', 'json', 'buildkit', 'true', '1', '', '-f', '-x', '--format', '--format=json', '--format=buildkit', '--no-format', '--help', '--bogus', '--formats'];
    const parsed = await agreesWithYargs(parse, parseWords, 20261124);
    expect(parsed).toBeGreaterThan(40);
    const contextWords = ['app', 'a/b', '-', './-x', 'x y', 'json', 'text', 'yaml', 'true', '1', '', '-f', '-x', '--file', 'app/Dockerfile', '--file=Dockerfile', '--format', '--format=json', '--format=yaml', '--no-file', '--help', '--bogus'];
    const ctxd = await agreesWithYargs(context, contextWords, 20261125);
    expect(ctxd).toBeGreaterThan(150);
  });
});
