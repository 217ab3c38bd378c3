// A small reader for the plain command lines of a command whose options are data (`Command.quick`):
// `dockhand lint -f json --no-shellcheck Dockerfile`. It gives the same argument object yargs
// gives for such lines, without loading yargs (~8 ms of a cold start, in a CPU profile of `lint`).
// It reads only what it can read exactly and declines everything else (help, unknown options,
// bundled short flags, `--flag=value` on a boolean, a boolean followed by `true`/`false`, camelCase
// spellings, ...) by returning undefined; yargs then reads the line and reports its errors.
// test/cli-quick-args.test.ts checks it against yargs on generated command lines.

/** One option, in the shape of yargs' `.options()` (the fields this reader understands). */
export interface QuickOption {
  type: 'string' | 'boolean';
  alias?: string;
  default?: unknown;
  /** Allowed values (yargs rejects others): a line giving any other value is declined. */
  choices?: readonly string[];
  coerce?: (value: unknown) => unknown;
  describe?: string;
  /**
   * A value of decimal digits is read as written (`--jobs 2`): yargs keeps a string option's value
   * as a string. Other options decline number-like values as before.
   */
  digits?: boolean;
}

/**
 * The argument object a command's run receives for options declared as data: each option's coerced
 * type (a string, a boolean or the coerce function's result), absent when not given.
 */
export type ArgsOf<O extends Readonly<Record<string, QuickOption>>> = {
  [K in keyof O]?: O[K] extends { coerce: (value: unknown) => infer R } ? Exclude<R, undefined> : O[K] extends { type: 'boolean' } ? boolean : string;
};

/** What a command declares to be read without yargs. */
export interface QuickSpec {
  /** Name of its one positional: variadic (`lint [paths..]` → `paths`) unless `single` is set; '' for none (`lsp`). */
  positional: string;
  /**
   * One word at most (`parse <file>`, `context [dir]`): `required` when it must be there, else its
   * `default` when absent. A lone `-` is declined (yargs hands it over as '').
   */
  single?: { required?: boolean; default?: string };
  options: Readonly<Record<string, QuickOption>>;
}

/**
 * The spec of a command whose options are data, its positional read off the command string
 * (`lint [paths..]`: variadic; `parse <file>`: one, required; `context [dir]`: one, optional); undefined
 * for a command without option data or with another shape of command string.
 */
export function quickSpecOf(command: { command: string; options?: Readonly<Record<string, QuickOption>>; positionalDefault?: string }): QuickSpec | undefined {
  if (!command.options) return undefined;
  if (/^\S+$/.test(command.command)) return { positional: '', options: command.options };
  const m = /^\S+ (?:<([\w-]+)>|\[([\w-]+)(\.\.)?\])$/.exec(command.command);
  if (!m) return undefined;
  if (m[1]) return { positional: m[1], single: { required: true }, options: command.options };
  if (m[3]) return { positional: m[2]!, options: command.options };
  return { positional: m[2]!, single: { default: command.positionalDefault }, options: command.options };
}

/**
 * Reads `argv` (the words after the command name) by `spec`; undefined when the line holds
 * anything yargs would read differently or reject.
 */
export function quickArgs(argv: readonly string[], spec: QuickSpec): Record<string, unknown> | undefined {
  const byName = new Map<string, string>();
  for (const [name, opt] of Object.entries(spec.options)) {
    byName.set(name, name);
    if (opt.alias !== undefined) byName.set(opt.alias, name);
  }
  const positionals: string[] = [];
  const values = new Map<string, string[]>();
  const booleans = new Map<string, boolean>();
  for (let i = 0; i < argv.length; i++) {
    const word = argv[i]!;
    if (word === '-' || !word.startsWith('-')) {
      // yargs reads number-like words as numbers, and `true`/`false` after a boolean as its value.
      if (!isPlainPositional(word)) return undefined;
      positionals.push(word);
      continue;
    }
    let key: string;
    let inline: string | undefined;
    if (word.startsWith('--')) {
      const eq = word.indexOf('=');
      key = eq === -1 ? word.slice(2) : word.slice(2, eq);
      inline = eq === -1 ? undefined : word.slice(eq + 1);
      if (key.length < 2) return undefined;
    } else {
      if (word.length !== 2) return undefined; // -abc, -fjson, -f=json, -1
      key = word.slice(1);
    }
    if (!/^[a-z][a-z-]*[a-z]$|^[a-zA-Z]$/.test(key)) return undefined; // dots, camelCase, digits
    let negated = false;
    let name = byName.get(key);
    if (name === undefined && key.startsWith('no-') && word.startsWith('--')) {
      name = byName.get(key.slice(3));
      negated = true;
    }
    if (name === undefined) return undefined;
    const opt = spec.options[name]!;
    if (opt.type === 'boolean') {
      if (inline !== undefined || booleans.has(name)) return undefined;
      const next = argv[i + 1];
      if (next === 'true' || next === 'false') return undefined;
      booleans.set(name, !negated);
      continue;
    }
    if (negated) return undefined;
    let value = inline;
    if (value === undefined) {
      const next = argv[i + 1];
      if (next === undefined || next.startsWith('-')) return undefined;
      value = next;
      i++;
    }
    if (!isPlainValue(value) && !(opt.digits && /^\d+$/.test(value))) return undefined;
    if (opt.choices && !opt.choices.includes(value)) return undefined;
    const list = values.get(name);
    if (list) list.push(value);
    else values.set(name, [value]);
  }
  const args: Record<string, unknown> = {};
  if (spec.positional === '') {
    // No positional: yargs (strict) refuses one.
    if (positionals.length > 0) return undefined;
  } else if (!spec.single) args[spec.positional] = positionals;
  else {
    if (positionals.length > 1 || positionals[0] === '-') return undefined;
    if (positionals.length === 0 && spec.single.required) return undefined;
    const value = positionals[0] ?? spec.single.default;
    if (value !== undefined) args[spec.positional] = value;
  }
  for (const [name, opt] of Object.entries(spec.options)) {
    let value: unknown = booleans.get(name);
    const given = values.get(name);
    if (given !== undefined) value = given.length === 1 ? given[0] : given;
    if (value === undefined) value = opt.default;
    if (opt.coerce && value !== undefined) value = opt.coerce(value);
    if (value !== undefined) args[name] = value;
  }
  return args;
}

/** A positional yargs keeps as the same string. */
function isPlainPositional(word: string): boolean {
  return word !== 'true' && word !== 'false' && isPlainValue(word);
}

/** A value yargs keeps as the same string (not a number, not blank). */
function isPlainValue(word: string): boolean {
  const t = word.trim();
  return t !== '' && !looksLikeNumber(word) && !looksLikeNumber(t);
}

/**
 * What yargs-parser may read as a number, with a margin: hexadecimal (`0x1f`), or a whole decimal
 * (`12`, `-1.5`, `.5`, `1e3`) unless a 0 leads another digit (`0123` and `0-a` stay strings there). A
 * leading `+` is declined too. Paths such as `0-app/Dockerfile` or `1.Dockerfile` are plain; before,
 * any word beginning with a digit sent the whole line (thousands of paths) through yargs.
 */
function looksLikeNumber(word: string): boolean {
  if (/^0x[0-9a-f]+$/i.test(word)) return true;
  if (/^0[^.]/.test(word)) return false;
  return /^[-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:e[-+]?\d+)?$/i.test(word);
}
