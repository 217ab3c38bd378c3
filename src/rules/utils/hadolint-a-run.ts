// RUN access for the hadolint-derived rules: which RUNs a rule sees (optionally the ones inside
// ONBUILD, as hadolint's `onbuild` wrapper does) and their commands, for shell and exec form alike.
import type { TextEdit } from '../../core/diagnostic.js';
import type { Span } from '../../core/range.js';
import type { Dockerfile, Instruction } from '../../parser/ast.js';
import { effectiveCommand, execFormCommand, namedCommandList, unwrapCommand } from '../../shell/query.js';
import type { ShellCommand, ShellWord } from '../../shell/types.js';
import type { RuleContext } from '../types.js';
import { fileScratch, lintScratch } from './lint-scratch.js';

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
  // A dozen rules ask for the same lists: build them once per file (callers never modify them).
  const memo = fileScratch(file);
  const key = opts.onbuild ? 'a-run:sites+onbuild' : 'a-run:sites';
  let out = memo.get(key) as RunSite[] | undefined;
  if (out) return out;
  out = [];
  for (const ins of file.instructions) {
    if (ins.keyword === 'RUN') out.push({ run: ins, top: ins, onbuild: false });
    else if (opts.onbuild && ins.keyword === 'ONBUILD' && ins.trigger?.keyword === 'RUN') {
      out.push({ run: ins.trigger, top: ins, onbuild: true });
    }
  }
  memo.set(key, out);
  return out;
}

/**
 * How commands are named: `hadolint` sees through `command`/`builtin`/`exec`/`busybox` only (as
 * ShellCheck does); `launchers` also looks through `sudo`, `env`, `xargs`, `nice`, `timeout`...
 * so `sudo apt-get install foo` is an `apt-get install`.
 */
export type Unwrap = 'hadolint' | 'launchers';

/** A RUN's commands and their names, as computed once per lint. */
interface SiteCommands {
  cmds: readonly ShellCommand[];
  names: Set<string> | undefined;
}

/**
 * The simple commands a RUN executes, assignment-only statements left out: the parsed shell
 * script for shell form and heredocs, or the one command an exec-form (JSON) RUN names.
 * Empty when the script is not POSIX shell (a PowerShell `SHELL`, for instance). The list is
 * shared by every rule of the lint: do not modify it.
 */
export function commandsOf(ctx: RuleContext, site: RunSite, unwrap: Unwrap = 'launchers'): readonly ShellCommand[] {
  return siteCommands(ctx, site, unwrap).cmds;
}

/** The {@link commandName}s of {@link commandsOf}: rules skip RUNs without the commands they look at. */
export function siteCommandNames(ctx: RuleContext, site: RunSite, unwrap: Unwrap = 'launchers'): ReadonlySet<string> {
  const entry = siteCommands(ctx, site, unwrap);
  return (entry.names ??= namesOf(entry.cmds));
}

function siteCommands(ctx: RuleContext, site: RunSite, unwrap: Unwrap): SiteCommands {
  const scratch = lintScratch(ctx);
  const key = unwrap === 'launchers' ? 'a-run:launchers' : 'a-run:hadolint';
  let bySite = scratch.get(key) as Map<Instruction, SiteCommands> | undefined;
  if (!bySite) scratch.set(key, (bySite = new Map()));
  // A site is determined by its RUN: an ONBUILD trigger always comes with its ONBUILD.
  let entry = bySite.get(site.run);
  if (!entry) {
    entry = { cmds: computeCommands(ctx, site, unwrap), names: undefined };
    bySite.set(site.run, entry);
  }
  return entry;
}

function computeCommands(ctx: RuleContext, site: RunSite, unwrap: Unwrap): readonly ShellCommand[] {
  if (site.run.json) return unwrapAll(execFormCommand(site.run.args), unwrap);
  const script = ctx.shell(site.run) ?? (site.onbuild ? ctx.shell(site.top) : undefined);
  // The shell module caches these per script, shared with the other rule helpers.
  return script ? namedCommandList(script, unwrap === 'launchers') : NO_COMMANDS;
}

const NO_COMMANDS: readonly ShellCommand[] = [];

function namesOf(cmds: readonly ShellCommand[]): Set<string> {
  const names = new Set<string>();
  for (const c of cmds) names.add(commandName(c));
  return names;
}

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
export function spanOf(ranges: Span[]): Span {
  return { start: ranges[0]!.start, end: ranges[ranges.length - 1]!.end };
}

/** True when a word's value depends on an expansion (`$VAR`, `${VAR}`, `$(cmd)`, backticks). */
export function isDynamic(word: ShellWord | string): boolean {
  const v = typeof word === 'string' ? word : word.value;
  return v.includes('$') || v.includes('`');
}

/** An edit inserting `text` right after `range`. */
export function insertAfter(file: Dockerfile, range: Span, text: string): TextEdit {
  return { range: file.lineIndex.range(range.end, range.end), text };
}
