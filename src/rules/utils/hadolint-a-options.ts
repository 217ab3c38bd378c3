// getopt-style reading of a command's words for the package-manager rules: which words are
// options, which option consumes the next word as its value, and which words are operands.
import type { ShellCommand, ShellWord } from '../../shell/types.js';

/** One option occurrence. Short options bundled in one word (`-yq`) give one entry each. */
export interface Option {
  /** Name without dashes: `y`, `no-cache`. */
  name: string;
  /** The value (`--x=v`, `-tv`, or the next word for value-taking options); null when none. */
  value: string | null;
  /** The word the option was written in. */
  word: ShellWord;
  /** The separate word holding the value, when the value was the next word. */
  valueWord: ShellWord | null;
}

/** The words of a command split into options and operands. */
export interface ParsedOptions {
  options: Option[];
  /** Non-option words in order (subcommand first, then packages...), before any `--`. */
  operands: ShellWord[];
  /** Words after a `--` end-of-options marker. */
  afterDoubleDash: ShellWord[];
}

/**
 * Splits `words` the way GNU getopt does: `--name=value`, `--name value` (when `name` takes a
 * value), bundled short options where a value-taking letter consumes the rest of the word or the
 * next word, `-` as an operand, and `--` ending the options.
 */
export function parseOptions(words: readonly ShellWord[], valueFlags: Iterable<string> = NO_FLAGS): ParsedOptions {
  const takesValue = valueSet(valueFlags);
  const options: Option[] = [];
  const operands: ShellWord[] = [];
  for (let i = 0; i < words.length; i++) {
    const word = words[i]!;
    const v = word.value;
    if (v === '--') return { options, operands, afterDoubleDash: words.slice(i + 1) };
    if (v === '-' || !v.startsWith('-')) {
      operands.push(word);
      continue;
    }
    if (v.startsWith('--')) {
      const eq = v.indexOf('=');
      const name = eq < 0 ? v.slice(2) : v.slice(2, eq);
      if (eq >= 0) options.push({ name, value: v.slice(eq + 1), word, valueWord: null });
      else if (takesValue.has(name) && i + 1 < words.length) {
        const next = words[++i]!;
        options.push({ name, value: next.value, word, valueWord: next });
      } else options.push({ name, value: null, word, valueWord: null });
      continue;
    }
    for (let j = 1; j < v.length; j++) {
      const name = v[j]!;
      if (!takesValue.has(name)) {
        options.push({ name, value: null, word, valueWord: null });
        continue;
      }
      const rest = v.slice(j + 1);
      if (rest !== '') options.push({ name, value: rest.startsWith('=') ? rest.slice(1) : rest, word, valueWord: null });
      else if (i + 1 < words.length) {
        const next = words[++i]!;
        options.push({ name, value: next.value, word, valueWord: next });
      } else options.push({ name, value: null, word, valueWord: null });
      break;
    }
  }
  return { options, operands, afterDoubleDash: [] };
}

const NO_FLAGS: readonly string[] = [];
const valueSets = new WeakMap<object, ReadonlySet<string>>();

/** `valueFlags` as a set; callers pass module-level lists, so each is converted once. */
function valueSet(valueFlags: Iterable<string>): ReadonlySet<string> {
  if (typeof valueFlags !== 'object' || valueFlags === null) return new Set(valueFlags);
  let set = valueSets.get(valueFlags);
  if (!set) {
    set = new Set(valueFlags);
    valueSets.set(valueFlags, set);
  }
  return set;
}

/** True when any of `names` was given. */
export function hasOption(parsed: ParsedOptions, ...names: string[]): boolean {
  return parsed.options.some((o) => names.includes(o.name));
}

/** The first occurrence of any of `names`, if given. */
export function findOption(parsed: ParsedOptions, ...names: string[]): Option | undefined {
  return parsed.options.find((o) => names.includes(o.name));
}

/**
 * A package-manager invocation `<tool> [global options] <subcommand> [options] <operands>`:
 * the parsed words when `cmd` is `tool` and its first operand is one of `subcommands`.
 */
export function subcommandOf(
  cmd: ShellCommand,
  tools: readonly string[],
  subcommands: readonly string[],
  valueFlags: Iterable<string> = [],
): { parsed: ParsedOptions; subcommand: ShellWord; operands: ShellWord[] } | undefined {
  if (!tools.includes(cmd.name)) return undefined;
  const parsed = parseOptions(cmd.args, valueFlags);
  const sub = parsed.operands[0];
  if (!sub || !subcommands.includes(sub.value)) return undefined;
  return { parsed, subcommand: sub, operands: parsed.operands.slice(1) };
}
