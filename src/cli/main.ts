// Entry point of the `dockhand` executable: parses argv (quick-args.ts for plain command lines of
// commands that declare their options as data, yargs for everything else) and dispatches to a command.
import type { Argv } from 'yargs';
import pkg from '../../package.json' with { type: 'json' };
import type { Command } from './command.js';
import { CliError, processIo, wroteDirectly, type Io } from './io.js';
import { quickArgs, quickSpecOf } from './quick-args.js';
import { visible } from '../core/visible.js';

/** Loads command modules lazily so `dockhand parse` never pays for the planner or tree-sitter. */
const COMMANDS: Record<string, () => Promise<Command>> = {
  lint: async () => (await import('./commands/lint.js')).default,
  parse: async () => (await import('./commands/parse.js')).default,
  context: async () => (await import('./commands/context.js')).default,
  plan: async () => (await import('./commands/plan.js')).default,
  explain: async () => (await import('./commands/explain.js')).default,
  rules: async () => (await import('./commands/rules.js')).default,
  format: async () => (await import('./commands/format.js')).default,
  lsp: async () => (await import('./commands/lsp.js')).default,
};

/** The lint worker thread's entry (bin/dockhand.js calls it in a worker that lint-pool.ts started). */
export async function lintWorker(): Promise<void> {
  await (await import('./lint-pool.js')).workerMain();
}

/** A usage mistake found by yargs (unknown option, bad choice): reported before anything runs. */
class UsageError extends Error {}

/**
 * True once the `lint` command has run to its end (not its help) with everything written straight
 * to the process's descriptors: bin/dockhand.js may then end the process at once, sparing Node's
 * teardown of the heap (~3-8 ms of a one-file lint). Other commands, and a run whose output went
 * through Node's streams (a terminal, a pipe that would block), end the usual way.
 */
export function mayExitNow(): boolean {
  return lintEnded && wroteDirectly();
}

let lintEnded = false;

/** Runs the CLI with the given arguments; resolves to the exit code. Never throws. */
export async function run(argv: string[], io: Io = processIo()): Promise<number> {
  try {
    return await dispatch(argv, io);
  } catch (err) {
    // One line each, whatever the message quotes (a file name, a file's bytes in a JSON error): its
    // control characters are shown, never sent to the terminal.
    if (err instanceof UsageError) {
      io.stderr(`dockhand: ${visible(err.message)}\nRun 'dockhand --help' for usage.\n`);
      return 2;
    }
    if (err instanceof CliError) {
      io.stderr(`dockhand: ${visible(err.message)}\n`);
      return err.exitCode;
    }
    const msg = err instanceof Error ? err.message : String(err);
    io.stderr(`dockhand: internal error: ${visible(msg)}\n`);
    if (io.env.DOCKHAND_DEBUG && err instanceof Error) io.stderr(`${err.stack}\n`);
    return 2;
  }
}

async function dispatch(argvIn: string[], io: Io): Promise<number> {
  const name = argvIn.find((a) => !a.startsWith('-'));
  // yargs drops a lone `-` from array positionals (and turns it into '' elsewhere, which an unset
  // "$VAR" also gives); plan and explain read `-` as "the Dockerfile on stdin".
  let argv = name === 'plan' || name === 'explain' ? argvIn.map((a) => (a === '-' ? '/dev/stdin' : a)) : argvIn;
  // After `--` every word is a path, even one that starts with a dash (POSIX): `./-x` keeps yargs
  // from reading it as an option.
  const dd = argv.indexOf('--');
  if (dd !== -1) argv = [...argv.slice(0, dd), ...argv.slice(dd + 1).map((a) => (a.startsWith('-') && a !== '-' ? `./${a}` : a))];
  const wantsHelp = argv.some((a) => a === '--help' || a === '-h');
  const helpOrVersion = wantsHelp || argv.includes('--version');
  // `--version` without a command (tools probe it): printed as yargs would, without loading yargs.
  if (!name && !wantsHelp && argv.includes('--version')) {
    io.stdout(`${pkg.version}\n`);
    return 0;
  }
  // A known command needs only itself; top-level help lists them all.
  const loaded = name && COMMANDS[name] ? [await COMMANDS[name]!()] : await Promise.all(Object.values(COMMANDS).map((l) => l()));
  // A plain line for a command with options as data needs no yargs (not even loading it).
  const only = loaded.length === 1 ? loaded[0]! : undefined;
  const spec = only && quickSpecOf(only);
  // A command run to its end (help and --version never get here: yargs prints them).
  const runCommand = async (c: Command, args: Record<string, unknown>) => {
    const code = await c.run(args, io);
    lintEnded = c.command.split(' ')[0] === 'lint';
    return code;
  };
  if (spec && argv[0] === name && !helpOrVersion) {
    const args = quickArgs(argv.slice(1), spec);
    if (args) return runCommand(only!, args);
  }
  let exitCode = 0;
  const y = await commandLine(argv, loaded, helpOrVersion, async (c, args) => {
    exitCode = await runCommand(c, args);
  });
  // A parse callback makes yargs render its help text on every run (~50 ms of string-width work);
  // only ask for output when help or the version was requested.
  if (!helpOrVersion) {
    await y.parseAsync(argv);
    return exitCode;
  }
  let helpText = '';
  await y.parseAsync(argv, {}, (err, _argv, output) => {
    if (output && !err) helpText = output;
  });
  if (helpText) io.stdout(helpText.endsWith('\n') ? helpText : `${helpText}\n`);
  return exitCode;
}

/** What yargs reads from `argv` for `command` (tests compare quick-args.ts with it). */
export async function yargsArgs(argv: string[], command: Command): Promise<Record<string, unknown>> {
  let seen: Record<string, unknown> | undefined;
  await (await commandLine(argv, [command], false, async (_c, args) => {
    seen = args;
  })).parseAsync(argv);
  if (!seen) throw new Error('yargs ran no command');
  return seen;
}

/**
 * The yargs parser for the given commands; `onRun` receives the command chosen and its arguments.
 * `showsHelp`: help or the version may be printed (otherwise yargs need not prepare its help text).
 */
async function commandLine(
  argv: string[], loaded: Command[], showsHelp: boolean, onRun: (c: Command, args: Record<string, unknown>) => Promise<void>,
): Promise<Argv> {
  const { default: yargs } = await import('yargs');
  let y = yargs(argv)
    .scriptName('dockhand')
    .usage('$0 <command> [options]\n\nParse, lint and plan Dockerfiles the way BuildKit reads them.')
    .strict()
    .demandCommand(1, `Give a command: ${Object.keys(COMMANDS).slice(0, -1).join(', ')} or ${Object.keys(COMMANDS).at(-1)}.`)
    .recommendCommands()
    .help()
    .alias('h', 'help')
    .version(pkg.version)
    .wrap(Math.min(100, process.stdout.columns ?? 100))
    .exitProcess(false)
    .fail((msg, err) => {
      // Throwing stops yargs before it runs the command, so a usage error has no side effects.
      if (err && !(err.name === 'YError')) throw err;
      throw new UsageError((msg ?? err?.message ?? 'bad usage').replace(/\s*\n\s*/g, ' ').trim());
    });
  for (const c of loaded) {
    const builder = (b: Argv) => {
      const built = c.options ? c.builder(b).options(c.options) : c.builder(b);
      if (!showsHelp) refuseSwitchValues(argv, (built as unknown as { getOptions(): { boolean: string[] } }).getOptions().boolean);
      return built;
    };
    y = y.command(c.command, c.describe, builder, (args) => onRun(c, args as Record<string, unknown>));
  }
  y = y.showHelpOnFail(false);
  if (!showsHelp) {
    // yargs also renders and caches the help text after every command it runs, in case it is
    // shown later; nothing here shows it after a command, so skip that work.
    const usage = (y as unknown as { getInternalMethods?(): { getUsageInstance?(): { cacheHelpMessage?: () => void } } })
      .getInternalMethods?.().getUsageInstance?.();
    if (usage && typeof usage.cacheHelpMessage === 'function') usage.cacheHelpMessage = () => {};
  }
  return y;
}

/**
 * yargs reads `--color=<anything but true>` as false (`--fix=yes` quietly turns fixing off) and
 * `--no-cache=x` as an unknown word: a switch given a value other than true or false is a usage
 * error. quick-args.ts never reads `--switch=value`, so both readers refuse the same lines.
 */
function refuseSwitchValues(argv: readonly string[], switches: readonly string[]): void {
  const known = new Set(switches);
  for (const word of argv) {
    const m = /^(--?)([^=]+)=([^]*)$/.exec(word);
    if (!m || (m[1] === '-' && m[2]!.length !== 1)) continue;
    const [, dashes, key, value] = m as unknown as [string, string, string, string];
    const negated = dashes === '--' && key.startsWith('no-') && known.has(key.slice(3));
    if (!negated && !known.has(key)) continue;
    if (!negated && (value === 'true' || value === 'false')) continue;
    const name = negated ? key.slice(3) : key;
    const spelled = dashes === '-' ? `-${name}` : `--${name}`;
    const pair = dashes === '-' ? spelled : `--${name} or --no-${name}`;
    throw new UsageError(`${spelled} is a switch: give ${pair}, not ${word}`);
  }
}
