// Queries over the RUN command model for rule authors: find commands, test flags, pick packages.
// Flag names are given without dashes (`'y'`, `'no-install-recommends'`); leading dashes are ignored.
import type { SourceRange } from '../core/range.js';
import type { ShellCommand, ShellScript, ShellScriptMemo, ShellWord } from './types.js';
import { shellCommand } from './words.js';

/** Last path component of a command name (`/usr/bin/apt-get` → `apt-get`). */
export function baseName(name: string): string {
  const slash = name.lastIndexOf('/');
  return slash < 0 ? name : name.slice(slash + 1);
}

/** True when the command's name, or its base name, is one of `names`. */
export function isCommand(cmd: ShellCommand, ...names: string[]): boolean {
  const name = cmd.name;
  if (names.includes(name)) return true;
  // A plain name is its own base name: no second search.
  const slash = name.lastIndexOf('/');
  return slash >= 0 && names.includes(name.slice(slash + 1));
}

/** Options for {@link findCommands}. */
export interface FindOptions {
  /** Only commands with one of these names (or base names). */
  names?: readonly string[];
  /**
   * Also look through launchers that hadolint does not unwrap: `sudo`, `doas`, `env`, `xargs`,
   * `nice`, `nohup`, `time`, `timeout`, `stdbuf`, `ionice`, `chronic`. Off by default (hadolint parity).
   */
  throughWrappers?: boolean;
}

/**
 * Every command of the script as rules should see it: `command X`, `builtin X`, `exec X` and
 * `busybox X` count as `X` (ShellCheck's getCommandName, which hadolint uses); assignment-only
 * statements (name '') are left out.
 */
export function findCommands(script: ShellScript, opts: FindOptions = {}): ShellCommand[] {
  const all = namedCommandList(script, opts.throughWrappers === true);
  const names = opts.names;
  if (!names) return all.slice();
  const out: ShellCommand[] = [];
  for (const cmd of all) if (names.includes(cmd.name) || names.includes(baseName(cmd.name))) out.push(cmd);
  return out;
}

/** The script's memo (see ShellScript.memo), created on first use. */
function memoOf(script: ShellScript): ShellScriptMemo {
  return (script.memo ??= {});
}

/**
 * The list {@link findCommands} copies, computed once per script and shared: dozens of rules ask
 * for it, and the script objects are cached per lint. Callers must not modify it.
 */
export function namedCommandList(script: ShellScript, throughWrappers = false): readonly ShellCommand[] {
  const memo = memoOf(script);
  let list = throughWrappers ? memo.launchers : memo.named;
  if (!list) {
    list = [];
    const all = throughWrappers ? unwrappedCommandList(script) : undefined;
    const raw = script.commands;
    for (let i = 0; i < raw.length; i++) {
      const c = raw[i]!;
      if (c.name === '') continue;
      list.push(all ? all[i]! : effectiveCommand(c));
    }
    if (throughWrappers) memo.launchers = list;
    else memo.named = list;
  }
  return list;
}

/**
 * Every command of the script, assignment-only statements included, each seen through launchers
 * ({@link unwrapCommand}; unchanged when there is nothing to unwrap), computed once per script and
 * shared. Callers must not modify it.
 */
export function unwrappedCommandList(script: ShellScript): readonly ShellCommand[] {
  const memo = memoOf(script);
  let list = memo.launchersAll;
  if (!list) {
    list = script.commands.map(unwrapCommand);
    memo.launchersAll = list;
  }
  return list;
}

/** Commands named one of `names` (see {@link findCommands}); e.g. `commandsNamed(script, 'apt-get')`. */
export function commandsNamed(script: ShellScript, ...names: string[]): ShellCommand[] {
  return findCommands(script, { names });
}

/** True when any command of the script is named one of `names` (hadolint's `usingProgram`). */
export function usesCommand(script: ShellScript, ...names: string[]): boolean {
  return commandsNamed(script, ...names).length > 0;
}

/** Number of commands with a name (assignment-only statements excluded). */
export function countCommands(script: ShellScript): number {
  let n = 0;
  for (const c of script.commands) if (c.name !== '') n++;
  return n;
}

/** True when the script pipes one command into another (`|` or `|&`). */
export function hasPipe(script: ShellScript): boolean {
  return script.operators.some((o) => o.op === '|' || o.op === '|&');
}

/** Commands that come after `cmd` in source order (for "cleans up after installing" rules). */
export function commandsAfter(script: ShellScript, cmd: ShellCommand): ShellCommand[] {
  return namedCommandList(script).filter((c) => c.range.start > cmd.range.start || (c.range.start === cmd.range.start && c.range.end < cmd.range.end));
}

const strip = (name: string): string => name.replace(/^-+/, '');

/** `names` without leading dashes; the same array when none has any (the usual case: no copy). */
function wantedNames(names: readonly string[]): readonly string[] {
  for (const n of names) if (n.charCodeAt(0) === 45 /* - */) return names.map(strip);
  return names;
}

/** True when the command has one of the flags (`hasFlag(cmd, 'y', 'yes', 'assume-yes')`). */
export function hasFlag(cmd: ShellCommand, ...names: string[]): boolean {
  const flags = cmd.flags;
  if (flags.length === 0) return false;
  const wanted = wantedNames(names);
  for (const f of flags) if (wanted.includes(f.name)) return true;
  return false;
}

/** How many times flags with these names occur (`-q -q` and `-qq` both count 2). */
export function flagCount(cmd: ShellCommand, ...names: string[]): number {
  const wanted = wantedNames(names);
  return cmd.flags.filter((f) => wanted.includes(f.name)).length;
}

/**
 * The value of the first of these flags: `--x=y` gives `y`; `--x y` and `-x y` give the next word
 * (for a short flag only when it ends its cluster: `-ax y`). `undefined` when absent or valueless.
 */
export function flagValue(cmd: ShellCommand, ...names: string[]): string | undefined {
  return flagValueWord(cmd, ...names)?.value;
}

/** Like {@link flagValue} but returns the word holding the value (for its range). */
export function flagValueWord(cmd: ShellCommand, ...names: string[]): ShellWord | undefined {
  const wanted = wantedNames(names);
  for (let i = 0; i < cmd.flags.length; i++) {
    const f = cmd.flags[i]!;
    if (!wanted.includes(f.name)) continue;
    if (f.value !== null) return { ...f.word, value: f.value };
    const endsCluster = cmd.flags[i + 1]?.word !== f.word;
    if (!endsCluster) continue;
    const next = cmd.args[cmd.args.indexOf(f.word) + 1];
    if (next) return next;
  }
  return undefined;
}

/** True when some argument equals one of `values` (hadolint's `cmdHasArgs`). */
export function hasArg(cmd: ShellCommand, ...values: string[]): boolean {
  return cmd.args.some((a) => values.includes(a.value));
}

/**
 * The arguments that are not flags, minus the separate-word values of `valueFlags`
 * (hadolint's `getArgsNoFlags . dropFlagArg valueFlags`; `--x=y` values are part of their flag word).
 */
export function positionalArgs(cmd: ShellCommand, valueFlags: readonly string[] = []): ShellWord[] {
  if (valueFlags.length === 0) return cmd.argsNoFlags;
  const wanted = wantedNames(valueFlags);
  const dropped = new Set<ShellWord>();
  for (let i = 0; i < cmd.flags.length; i++) {
    const f = cmd.flags[i]!;
    if (!wanted.includes(f.name) || f.value !== null) continue;
    if (cmd.flags[i + 1]?.word === f.word) continue; // `-tx`: t's value is attached, not the next word
    const next = cmd.args[cmd.args.indexOf(f.word) + 1];
    if (next && !dropped.has(next)) dropped.add(next);
  }
  return cmd.argsNoFlags.filter((w) => !dropped.has(w));
}

/** The first positional argument (the subcommand of `apt-get install`, `pip install`...). */
export function subcommandOf(cmd: ShellCommand, valueFlags: readonly string[] = []): ShellWord | undefined {
  return positionalArgs(cmd, valueFlags)[0];
}

/** True when the first positional argument is one of `subs` (`isSubcommand(cmd, 'install', 'in')`). */
export function isSubcommand(cmd: ShellCommand, ...subs: string[]): boolean {
  const sub = subcommandOf(cmd);
  return sub !== undefined && subs.includes(sub.value);
}

/**
 * The positional arguments after the first positional equal to one of `subs`, minus the values
 * of `valueFlags` — the packages of `apt-get install -y -t stable foo bar` with valueFlags
 * `['t', 'target-release']`. Empty when no such subcommand.
 */
export function argsAfterSubcommand(
  cmd: ShellCommand,
  subs: string | readonly string[],
  opts: { valueFlags?: readonly string[] } = {},
): ShellWord[] {
  const wanted = typeof subs === 'string' ? [subs] : subs;
  const positional = positionalArgs(cmd, opts.valueFlags);
  const at = positional.findIndex((w) => wanted.includes(w.value));
  return at < 0 ? [] : positional.slice(at + 1);
}

/** Words after `--` (and `--` excluded), e.g. `gem install -- --with-opt`. */
export function argsAfterDoubleDash(cmd: ShellCommand): ShellWord[] {
  const at = cmd.args.findIndex((w) => w.value === '--');
  return at < 0 ? [] : cmd.args.slice(at + 1);
}

// ---- unwrapping -------------------------------------------------------------------------------

interface WrapperSpec {
  /** Short/long option names whose value is the next word. */
  valueFlags: readonly string[];
  /** Positional words before the wrapped command (timeout's duration). */
  positionals?: number;
  /** `NAME=value` words before the command are assignments (env). */
  assignments?: boolean;
}

/** Wrappers ShellCheck itself sees through (ShellCheck's getCommandName): hadolint behaviour. */
const HADOLINT_WRAPPER_SPECS: Record<string, WrapperSpec> = {
  command: { valueFlags: [] },
  builtin: { valueFlags: [] },
  busybox: { valueFlags: [] },
  exec: { valueFlags: ['a'] },
};

const LAUNCHER_SPECS: Record<string, WrapperSpec> = {
  ...HADOLINT_WRAPPER_SPECS,
  sudo: { valueFlags: ['u', 'user', 'g', 'group', 'C', 'close-from', 'D', 'chdir', 'h', 'host', 'p', 'prompt', 'r', 'role', 't', 'type', 'U', 'other-user', 'T', 'command-timeout', 'R', 'chroot'] },
  doas: { valueFlags: ['u', 'C'] },
  env: { valueFlags: ['u', 'unset', 'C', 'chdir', 'S', 'split-string'], assignments: true },
  xargs: { valueFlags: ['a', 'arg-file', 'd', 'delimiter', 'E', 'I', 'L', 'n', 'max-args', 'P', 'max-procs', 's', 'max-chars', 'process-slot-var'] },
  nice: { valueFlags: ['n', 'adjustment'] },
  ionice: { valueFlags: ['c', 'class', 'n', 'classdata', 'p', 'pid', 'P', 'pgid', 'u', 'uid'] },
  nohup: { valueFlags: [] },
  time: { valueFlags: ['f', 'format', 'o', 'output'] },
  timeout: { valueFlags: ['s', 'signal', 'k', 'kill-after'], positionals: 1 },
  stdbuf: { valueFlags: ['i', 'input', 'o', 'output', 'e', 'error'] },
  chronic: { valueFlags: [] },
};

// Maps, not object lookups: command names are arbitrary strings (`constructor`, `toString`...)
// and a Map lookup neither consults Object.prototype nor interns each name.
const HADOLINT_WRAPPERS: ReadonlyMap<string, WrapperSpec> = new Map(Object.entries(HADOLINT_WRAPPER_SPECS));
const LAUNCHERS: ReadonlyMap<string, WrapperSpec> = new Map(Object.entries(LAUNCHER_SPECS));

/** hadolint's view of a command: `command apt-get ...` is `apt-get ...` (see {@link findCommands}). */
export function effectiveCommand(cmd: ShellCommand): ShellCommand {
  return unwrapWith(cmd, HADOLINT_WRAPPERS, true);
}

/**
 * Look through launchers (`sudo -u app env FOO=1 pip install x` → `pip install x`, with `FOO=1`
 * as an assignment). The result keeps the outer command's range; its name range is the inner name's.
 */
export function unwrapCommand(cmd: ShellCommand): ShellCommand {
  return unwrapWith(cmd, LAUNCHERS, false);
}

function unwrapWith(cmd: ShellCommand, table: ReadonlyMap<string, WrapperSpec>, firstArgOnly: boolean): ShellCommand {
  let current = cmd;
  for (let depth = 0; depth < 8; depth++) {
    const spec = table.get(baseName(current.name));
    if (!spec) return current;
    const inner = firstArgOnly && spec.valueFlags.length === 0 ? firstArgUnwrap(current) : optionUnwrap(current, spec);
    if (!inner) return current;
    current = inner;
  }
  return current;
}

/** ShellCheck's rule for `command`/`builtin`/`busybox`: the first argument, unless it is a flag. */
function firstArgUnwrap(cmd: ShellCommand): ShellCommand | undefined {
  const first = cmd.args[0];
  if (!first || first.value.startsWith('-')) return undefined;
  return derive(cmd, first, cmd.args.slice(1), cmd.assignments);
}

function optionUnwrap(cmd: ShellCommand, spec: WrapperSpec): ShellCommand | undefined {
  const values = new Set(spec.valueFlags);
  const assignments = [...cmd.assignments];
  let positionals = spec.positionals ?? 0;
  for (let i = 0; i < cmd.args.length; i++) {
    const w = cmd.args[i]!;
    const v = w.value;
    if (v === '--') {
      const name = cmd.args[i + 1 + positionals];
      return name ? derive(cmd, name, cmd.args.slice(i + 2 + positionals), assignments) : undefined;
    }
    if (v.startsWith('--') && v.length > 2) {
      if (!v.includes('=') && values.has(v.slice(2))) i++;
      continue;
    }
    if (v.startsWith('-') && v.length > 1) {
      // In a cluster, the first value-taking letter consumes the rest of the word or the next word.
      for (let k = 1; k < v.length; k++) {
        if (!values.has(v[k]!)) continue;
        if (k === v.length - 1) i++;
        break;
      }
      continue;
    }
    if (spec.assignments && /^[A-Za-z_][A-Za-z0-9_]*=/.test(v)) {
      assignments.push(w);
      continue;
    }
    if (positionals > 0) {
      positionals--;
      continue;
    }
    return derive(cmd, w, cmd.args.slice(i + 1), assignments);
  }
  return undefined;
}

function derive(outer: ShellCommand, name: ShellWord, args: ShellWord[], assignments: ShellWord[]): ShellCommand {
  return shellCommand(name, args, assignments, outer.range);
}

/**
 * The command of an exec-form (JSON) RUN, in the same model as a parsed script: the first element
 * is the name, the rest its words, with hadolint's flag model (nothing after `--` is a flag).
 */
export function execFormCommand(args: readonly { value: string; range: SourceRange }[]): ShellCommand[] {
  if (args.length === 0 || args[0]!.value === '') return [];
  const words: ShellWord[] = args.map((a) => ({ value: a.value, raw: a.value, range: a.range }));
  const [name, ...rest] = words;
  return [shellCommand(name, rest, [], { start: words[0]!.range.start, end: words[words.length - 1]!.range.end })];
}
