// The command model of a RUN's shell script: what hadolint-style rules inspect.
import type { Span } from '../core/range.js';

/**
 * One word of a shell command, mapped back to the Dockerfile. Ranges in the shell model are
 * Dockerfile offsets only: most are never reported, and lines and columns cost more to work out
 * than the rest of the reading (a rule may report a Span; the engine adds them).
 */
export interface ShellWord {
  /** The word with quotes removed where that is static (`"foo"` → `foo`); expansions kept as written. */
  value: string;
  /** The word exactly as written in the script. */
  raw: string;
  range: Span;
}

/** A flag in hadolint's model: `-abc` → a, b, c; `--x=y` → x with value y; `-` and `--` are not flags. */
export interface ShellFlag {
  name: string;
  value: string | null;
  /** The word the flag came from. */
  word: ShellWord;
}

/** A simple command (`apt-get install -y foo`). */
export interface ShellCommand {
  /** Command name as written, quotes removed (`apt-get`); '' when the command is only assignments. */
  name: string;
  nameRange: Span;
  /** Every word after the name, flags included, in order. */
  args: ShellWord[];
  flags: ShellFlag[];
  /** `args` minus flag words (flag values given as separate words stay, as in hadolint). */
  argsNoFlags: ShellWord[];
  /** Leading `VAR=value` assignments. */
  assignments: ShellWord[];
  /** The whole command. */
  range: Span;
}

/** A parsed script. */
export interface ShellScript {
  /** The script text that was parsed. */
  text: string;
  /** All simple commands in source order, including those inside `$(...)`, subshells and pipelines. */
  commands: ShellCommand[];
  /** True when the shell grammar reported an error somewhere (commands are still best-effort). */
  hasErrors: boolean;
  /** Control operators in source order (pipes, `&&`, `||`, `;`, `&`), including nested ones; newlines are not recorded. */
  operators: ShellOperator[];
  /**
   * Views of `commands` that query.ts computes once per script and shares between rules; not part
   * of the model (undefined until asked). Kept on the script rather than in a WeakMap keyed by
   * scripts, whose entries survive young-generation collections and made GC a quarter of lint time.
   */
  memo?: ShellScriptMemo;
}

/** See {@link ShellScript.memo}. */
export interface ShellScriptMemo {
  named?: ShellCommand[];
  launchers?: ShellCommand[];
  launchersAll?: ShellCommand[];
}

/** A control operator between commands (`&&`, `||`, `;`, `|`, `|&`, `&`). */
export interface ShellOperator {
  op: '&&' | '||' | ';' | '|' | '|&' | '&';
  range: Span;
}
