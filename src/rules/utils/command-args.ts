// How rules read a command's words: options, their values and operands. Two models, named for
// what they are, because rules follow different tools: `parseOptions` reads words the way GNU getopt
// does (apt-get, apk, npm, pip, gem), `hadolintOperands` the way hadolint does (`getArgsNoFlags .
// dropFlagArg`: a flag word never has an operand inside it). Plus the tests for words whose value
// is only known at build time.
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

// ---- hadolint's model --------------------------------------------------------------------------

/** True when the word is a flag word in hadolint's model. */
export function isFlagWord(w: ShellWord): boolean {
  return w.value.startsWith('-') && w.value !== '-' && w.value !== '--';
}

/** hadolint's `cmdHasArgs`: the command is `name` and any argument equals one of `values`. */
export function cmdHasArgs(cmd: ShellCommand, names: string | string[], values: string[]): boolean {
  const ns = typeof names === 'string' ? [names] : names;
  return ns.includes(cmd.name) && cmd.args.some((a) => values.includes(a.value));
}

/**
 * hadolint's operands (`getArgsNoFlags . dropFlagArg`): the non-flag arguments minus the word after
 * a flag that takes a separate value: `-t foo` drops `foo`, `--target=foo` drops nothing more.
 */
export function hadolintOperands(cmd: ShellCommand, valueFlags: readonly string[] = []): ShellWord[] {
  const out: ShellWord[] = [];
  let skip = false;
  for (const w of cmd.args) {
    if (skip) {
      skip = false;
      continue;
    }
    if (isFlagWord(w)) {
      // The last flag of the word (splitFlags' model) takes the next word when it has no `=value`.
      if (takesNextWord(w.value, valueFlags)) skip = true;
      continue;
    }
    out.push(w);
  }
  return out;
}

/** For a flag word: its last flag in hadolint's model has no value and is one of `valueFlags`. */
function takesNextWord(v: string, valueFlags: readonly string[]): boolean {
  if (v.startsWith('--')) return !v.includes('=') && valueFlags.includes(v.slice(2));
  // `-abc`: the last code point (splitFlags splits the letters by code point).
  const n = v.length;
  const c = v.charCodeAt(n - 1);
  const pair = n >= 3 && c >= 0xdc00 && c <= 0xdfff && (v.charCodeAt(n - 2) & 0xfc00) === 0xd800;
  return valueFlags.includes(pair ? v.slice(n - 2) : v.slice(n - 1));
}

/** The first non-flag word of the command equal to one of `subcommands`. */
export function subcommand(cmd: ShellCommand, subcommands: readonly string[], valueFlags: readonly string[] = []): ShellWord | undefined {
  return hadolintOperands(cmd, valueFlags).find((w) => subcommands.includes(w.value));
}

/**
 * The package words of `<cmd> ... install a b c`: the non-flag words after the `install` word
 * (option values given as separate words are skipped).
 */
export function packagesAfter(cmd: ShellCommand, sub: ShellWord, valueFlags: readonly string[] = []): ShellWord[] {
  const words = hadolintOperands(cmd, valueFlags);
  const i = words.indexOf(sub);
  return i < 0 ? [] : words.slice(i + 1);
}

// ---- words known only at build time ---------------------------------------------------------------

/** True when a word's value depends on an expansion (`$VAR`, `${VAR}`, `$(cmd)`, backticks). */
export function isDynamic(word: ShellWord | string): boolean {
  const v = typeof word === 'string' ? word : word.value;
  return v.includes('$') || v.includes('`');
}

const VAR_REF = /^\$(?:\{([A-Za-z_][A-Za-z0-9_]*)(?:[:?#%/+-][^}]*)?\}|([A-Za-z_][A-Za-z0-9_]*))$/;

/** The variable a word part refers to when the part is exactly `$NAME` or `${NAME...}`. */
export function variableOf(part: string): string | undefined {
  const m = VAR_REF.exec(part);
  return m ? (m[1] ?? m[2]) : undefined;
}

/** True when a word is only an expansion (`$PKGS`, `${PKGS}`, `$(cat list)`, backquotes): its value is unknown. */
export function isExpansionOnly(word: string): boolean {
  return variableOf(word) !== undefined || /^\$\([^]*\)$/.test(word) || /^`[^`]*`$/.test(word);
}
