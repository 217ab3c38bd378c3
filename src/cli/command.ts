// Shape of one CLI command: yargs options plus a run function returning the exit code.
import type { Argv } from 'yargs';
import type { Io } from './io.js';
import type { QuickSpec } from './quick-args.js';

/** A subcommand of `dockhand`. */
export interface Command {
  /** yargs command string, e.g. `lint [paths..]`. */
  command: string;
  describe: string;
  builder(y: Argv): Argv;
  /** Its positional and options as data, when plain command lines may skip yargs (quick-args.ts). */
  quick?: QuickSpec;
  /** Runs the command; returns the process exit code (0, 1 or 2). */
  run(args: Record<string, unknown>, io: Io): Promise<number>;
}
