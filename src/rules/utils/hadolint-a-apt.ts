// `apt-get install` as the apt rules (DL3008, DL3014, DL3015) read it: options, the subcommand
// word and the package words, with apt-get's value-taking options understood.
import type { ShellCommand, ShellWord } from '../../shell/types.js';
import { type ParsedOptions, parseOptions } from './command-args.js';
import { commandName } from './runs.js';

/** apt and apt-get options (before the subcommand) whose value may be the next word. */
export const APT_GLOBAL_VALUE_FLAGS = ['o', 'option', 'c', 'config-file', 't', 'target-release'];

/** apt-get options whose value may be the next word. */
export const APT_VALUE_FLAGS = [...APT_GLOBAL_VALUE_FLAGS, 'default-release'];

/** A parsed `apt-get install ...`. */
export interface AptGetInstall {
  parsed: ParsedOptions;
  /** The `install` word. */
  subcommand: ShellWord;
  packages: ShellWord[];
}

/** The command as an `apt-get install`, or undefined when it is anything else. */
export function aptGetInstall(cmd: ShellCommand): AptGetInstall | undefined {
  if (commandName(cmd) !== 'apt-get') return undefined;
  const parsed = parseOptions(cmd.args, APT_VALUE_FLAGS);
  const sub = parsed.operands[0];
  if (sub?.value !== 'install') return undefined;
  return { parsed, subcommand: sub, packages: parsed.operands.slice(1) };
}

/** The `-o Name=value` settings given on the command line, keyed by lower-cased name. */
export function aptSettings(parsed: ParsedOptions): Map<string, string> {
  const out = new Map<string, string>();
  for (const o of parsed.options) {
    if ((o.name !== 'o' && o.name !== 'option') || o.value === null) continue;
    const eq = o.value.indexOf('=');
    if (eq > 0) out.set(o.value.slice(0, eq).toLowerCase(), o.value.slice(eq + 1));
  }
  return out;
}

/** apt's reading of a boolean setting (`true`, `yes`, `on`, `1` and their negatives). */
export function aptBoolean(value: string | undefined): boolean | undefined {
  if (value === undefined) return undefined;
  const v = value.trim().replace(/^["']|["']$/g, '').toLowerCase();
  if (['1', 'true', 'yes', 'on', 'with', 'enable'].includes(v)) return true;
  if (['0', 'false', 'no', 'off', 'without', 'disable'].includes(v)) return false;
  return undefined;
}
