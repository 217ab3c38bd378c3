// Shape of one CLI command: yargs options plus a run function returning the exit code.
import type { Argv } from 'yargs';
import type { Io } from './io.js';
import type { QuickOption } from './quick-args.js';

/** A subcommand of `dockhand`. */
export interface Command {
  /** yargs command string, e.g. `lint [paths..]`. */
  command: string;
  describe: string;
  builder(y: Argv): Argv;
  /**
   * Its options as data: applied to yargs after `builder`, and, with the positional the `command`
   * string declares, used by quick-args.ts to read plain command lines without loading yargs.
   */
  options?: Readonly<Record<string, QuickOption>>;
  /** The default of an optional one-word positional (`context [dir]`), which `builder` gives yargs too. */
  positionalDefault?: string;
  /** Runs the command; returns the process exit code (0, 1 or 2). */
  run(args: Record<string, unknown>, io: Io): Promise<number>;
}
