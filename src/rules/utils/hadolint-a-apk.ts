// `apk add` as the Alpine rules (DL3018, DL3019) read it, with apk's value-taking options understood.
import type { ShellCommand, ShellWord } from '../../shell/types.js';
import { type ParsedOptions, parseOptions } from './command-args.js';
import { commandName } from './runs.js';

/** apk options (global and `add`) whose value may be the next word. */
const APK_VALUE_FLAGS = [
  't', 'virtual', 'X', 'repository', 'p', 'root', 'repositories-file', 'cache-dir', 'keys-dir', 'arch', 'progress-fd',
  'wait', 'cache-max-age', 'timeout',
];

/** A parsed `apk add ...`. */
export interface ApkAdd {
  parsed: ParsedOptions;
  subcommand: ShellWord;
  packages: ShellWord[];
}

/** The command as an `apk add`, or undefined. */
export function apkAdd(cmd: ShellCommand): ApkAdd | undefined {
  if (commandName(cmd) !== 'apk') return undefined;
  const parsed = parseOptions(cmd.args, APK_VALUE_FLAGS);
  const sub = parsed.operands[0];
  if (sub?.value !== 'add') return undefined;
  return { parsed, subcommand: sub, packages: parsed.operands.slice(1) };
}
