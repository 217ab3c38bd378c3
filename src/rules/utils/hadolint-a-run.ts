// RUN access for the hadolint-derived rules: which RUNs a rule sees (optionally the ones inside
// ONBUILD, as hadolint's `onbuild` wrapper does) and their commands, for shell and exec form alike.
import type { TextEdit } from '../../core/diagnostic.js';
import type { SourceRange } from '../../core/range.js';
import type { Dockerfile, Instruction } from '../../parser/ast.js';
import { effectiveCommand, execFormCommand, unwrapCommand } from '../../shell/query.js';
import type { ShellCommand, ShellScript, ShellWord } from '../../shell/types.js';
import type { RuleContext } from '../types.js';

/** A RUN a rule inspects: the RUN itself and the top-level instruction carrying it. */
export interface RunSite {
  /** The RUN instruction (for `ONBUILD RUN`, the trigger). */
  run: Instruction;
  /** The top-level instruction: the RUN, or the ONBUILD that wraps it. */
  top: Instruction;
  /** True when the RUN is an ONBUILD trigger. */
  onbuild: boolean;
}

/**
 * Every RUN of the file in order. With `onbuild`, `ONBUILD RUN` triggers are included too
 * (hadolint's rules marked OB); without it they are skipped, as hadolint does for the others.
 */
export function runSites(file: Dockerfile, opts: { onbuild: boolean }): RunSite[] {
  const out: RunSite[] = [];
  for (const ins of file.instructions) {
    if (ins.keyword === 'RUN') out.push({ run: ins, top: ins, onbuild: false });
    else if (opts.onbuild && ins.keyword === 'ONBUILD' && ins.trigger?.keyword === 'RUN') {
      out.push({ run: ins.trigger, top: ins, onbuild: true });
    }
  }
  return out;
}

/**
 * How commands are named: `hadolint` sees through `command`/`builtin`/`exec`/`busybox` only (as
 * ShellCheck does); `launchers` also looks through `sudo`, `env`, `xargs`, `nice`, `timeout`...
 * so `sudo apt-get install foo` is an `apt-get install`.
 */
export type Unwrap = 'hadolint' | 'launchers';

/**
 * The simple commands a RUN executes, assignment-only statements left out: the parsed shell
 * script for shell form and heredocs, or the one command an exec-form (JSON) RUN names.
 * Empty when the script is not POSIX shell (a PowerShell `SHELL`, for instance).
 */
export function commandsOf(ctx: RuleContext, site: RunSite, unwrap: Unwrap = 'launchers'): ShellCommand[] {
  if (site.run.json) return unwrapAll(execFormCommand(site.run.args), unwrap);
  const script = ctx.shell(site.run) ?? (site.onbuild ? ctx.shell(site.top) : undefined);
  if (!script) return [];
  // Scripts are cached per lint by the engine: unwrap their commands once for every rule.
  const cache = unwrap === 'launchers' ? launcherCache : hadolintCache;
  let cmds = cache.get(script);
  if (!cmds) {
    cmds = unwrapAll(script.commands, unwrap);
    cache.set(script, cmds);
  }
  return cmds.slice();
}

const launcherCache = new WeakMap<ShellScript, ShellCommand[]>();
const hadolintCache = new WeakMap<ShellScript, ShellCommand[]>();

function unwrapAll(cmds: readonly ShellCommand[], unwrap: Unwrap): ShellCommand[] {
  const out: ShellCommand[] = [];
  for (const c of cmds) {
    if (c.name === '') continue;
    out.push(unwrap === 'launchers' ? unwrapCommand(c) : effectiveCommand(c));
  }
  return out;
}

/** Last path component of a command name (`/usr/bin/apt-get` → `apt-get`). */
export function commandName(cmd: ShellCommand): string {
  const slash = cmd.name.lastIndexOf('/');
  return slash < 0 ? cmd.name : cmd.name.slice(slash + 1);
}

/** The smallest range covering all of `ranges` (which must be non-empty and in order). */
export function spanOf(ranges: SourceRange[]): SourceRange {
  const first = ranges[0]!;
  const last = ranges[ranges.length - 1]!;
  return {
    start: first.start,
    end: last.end,
    startLine: first.startLine,
    startColumn: first.startColumn,
    endLine: last.endLine,
    endColumn: last.endColumn,
  };
}

/** True when a word's value depends on an expansion (`$VAR`, `${VAR}`, `$(cmd)`, backticks). */
export function isDynamic(word: ShellWord | string): boolean {
  const v = typeof word === 'string' ? word : word.value;
  return v.includes('$') || v.includes('`');
}

/** An edit inserting `text` right after `range`. */
export function insertAfter(file: Dockerfile, range: SourceRange, text: string): TextEdit {
  return { range: file.lineIndex.range(range.end, range.end), text };
}
