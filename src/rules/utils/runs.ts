// The RUNs a rule sees and the commands they run, worked out once per lint: RUN sites (with the
// ONBUILD RUN triggers for the rules hadolint marks OB), each site's commands in the view a rule
// asks for (shell form, heredoc scripts and exec form alike), the names those commands go by, and
// one set per lint of every name any RUN's command may go by, so that rules looking for certain
// commands (`apt-get`, `yum`...) return at once for the many files and RUNs that never run them.
import type { Dockerfile, Instruction } from '../../parser/ast.js';
import { baseName, effectiveCommand, execFormCommand, namedCommandList, unwrapCommand, unwrappedCommandList } from '../../shell/query.js';
import { parseScriptWord, shellScriptAt } from '../../shell/script-of.js';
import { isPosixShellName } from '../../shell/shell-in-effect.js';
import type { ShellCommand, ShellScript, ShellWord } from '../../shell/types.js';
import type { RuleContext } from '../types.js';
import { fileScratch, lintScratch } from './lint-scratch.js';

/** A RUN a rule inspects: the RUN itself and the top-level instruction carrying it. */
export interface RunSite {
  /** The RUN instruction (for `ONBUILD RUN`, the trigger). */
  run: Instruction;
  /** The instruction in `file.instructions`: the RUN, or the ONBUILD that wraps it. */
  top: Instruction;
  /** True when the RUN is an ONBUILD trigger. */
  onbuild: boolean;
}

/**
 * Every RUN of the file in order. With `onbuild`, `ONBUILD RUN` triggers are included too (hadolint
 * applies its rules marked OB to the wrapped instruction as well); without it they are skipped.
 * The lists are built once per file and shared: callers never modify them.
 */
export function runSites(file: Dockerfile, opts: { onbuild: boolean }): RunSite[] {
  const memo = fileScratch(file);
  const key = opts.onbuild ? 'runs:sites+onbuild' : 'runs:sites';
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
 * How a RUN's commands are seen:
 * - `launchers`: through ShellCheck's wrappers (`command`, `exec`, `busybox`...) and launchers (`sudo`,
 *   `env A=1`, `xargs`, `nice`, `timeout`...), so `sudo apt-get install foo` is an `apt-get install`;
 *   assignment-only statements (`A=1`) are left out.
 * - `launchers+assignments`: the same, assignment-only statements kept (for rules reading assignments).
 * - `hadolint`: through ShellCheck's wrappers only, as hadolint sees commands (`sudo x` is `sudo`).
 * - `launchers+scripts`: `launchers`, each command that hands a POSIX shell a `-c` script (`sh -c
 *   "curl -k …"`, exec form `["bash", "-lc", "…"]`) followed by that script's commands: what the
 *   security rules read, where Trivy's and Checkov's checks match the RUN's text, scripts included.
 */
export type CommandView = 'launchers' | 'launchers+assignments' | 'hadolint' | 'launchers+scripts';

/** A RUN's commands and the names they go by, computed once per lint and view. */
interface SiteCommands {
  cmds: readonly ShellCommand[];
  names: Set<string> | undefined;
}

/**
 * The simple commands a RUN executes in `view`: the parsed shell script for shell form and
 * heredocs, or the one command an exec-form (JSON) RUN names (hadolint re-parses the joined
 * elements as shell). Empty when the script is not POSIX shell (a PowerShell `SHELL`, for
 * instance). The list is shared by every rule of the lint: do not modify it.
 */
export function commandsOf(ctx: RuleContext, site: RunSite, view: CommandView = 'launchers'): readonly ShellCommand[] {
  return siteCommands(ctx, site, view).cmds;
}

/**
 * Every name the commands of {@link commandsOf} go by: each one as written and its last path
 * component (`/usr/bin/yum` gives both). Rules whose findings all concern commands of certain
 * names skip a RUN without any of them, whichever of the two forms they compare.
 */
export function siteCommandNames(ctx: RuleContext, site: RunSite, view: CommandView = 'launchers'): ReadonlySet<string> {
  const entry = siteCommands(ctx, site, view);
  if (!entry.names) {
    entry.names = new Set();
    for (const c of entry.cmds) addCommandName(entry.names, c);
  }
  return entry.names;
}

function siteCommands(ctx: RuleContext, site: RunSite, view: CommandView): SiteCommands {
  const scratch = lintScratch(ctx);
  const key = VIEW_KEYS[view];
  let bySite = scratch.get(key) as Map<Instruction, SiteCommands> | undefined;
  if (!bySite) scratch.set(key, (bySite = new Map()));
  // A site is determined by its RUN: an ONBUILD trigger always comes with its ONBUILD.
  let entry = bySite.get(site.run);
  if (!entry) {
    entry = { cmds: computeCommands(ctx, site, view), names: undefined };
    bySite.set(site.run, entry);
  }
  return entry;
}

/** The scratch key of each view (constant strings: a key built per call costs an allocation and a hash). */
const VIEW_KEYS: Readonly<Record<CommandView, string>> = {
  launchers: 'runs:launchers',
  'launchers+assignments': 'runs:launchers+assignments',
  hadolint: 'runs:hadolint',
  'launchers+scripts': 'runs:launchers+scripts',
};

function computeCommands(ctx: RuleContext, site: RunSite, view: CommandView): readonly ShellCommand[] {
  if (view === 'launchers+scripts') return withShellScripts(ctx, siteCommands(ctx, site, 'launchers').cmds, 0);
  if (site.run.json) {
    const unwrap = view === 'hadolint' ? effectiveCommand : unwrapCommand;
    const out: ShellCommand[] = [];
    for (const c of execFormCommand(site.run.args)) if (c.name !== '') out.push(unwrap(c));
    return out;
  }
  const script = ctx.shell(site.run) ?? (site.onbuild ? ctx.shell(site.top) : undefined);
  if (!script) return NO_COMMANDS;
  // The shell module keeps these lists per script, shared with the other rule helpers.
  if (view === 'launchers+assignments') return unwrappedCommandList(script);
  return namedCommandList(script, view === 'launchers');
}

const NO_COMMANDS: readonly ShellCommand[] = [];

/** `cmds`, each followed by the commands of the `-c` script it hands a shell (nested ones too, to a depth). */
function withShellScripts(ctx: RuleContext, cmds: readonly ShellCommand[], depth: number): readonly ShellCommand[] {
  let out: ShellCommand[] | undefined;
  for (let i = 0; i < cmds.length; i++) {
    const script = depth < 4 ? shellScriptOfCommand(ctx, cmds[i]!) : undefined;
    if (!script) {
      out?.push(cmds[i]!);
      continue;
    }
    out ??= cmds.slice(0, i);
    out.push(cmds[i]!, ...withShellScripts(ctx, namedCommandList(script, true), depth + 1));
  }
  return out ?? cmds;
}

/** The parsed `-c` script a command hands a POSIX shell (`sh -c '…'`, `bash -ec '…'`), once per lint; else undefined. */
function shellScriptOfCommand(ctx: RuleContext, cmd: ShellCommand): ShellScript | undefined {
  if (!isPosixShellName(commandName(cmd))) return undefined;
  const at = shellScriptAt(cmd.args.map((a) => a.value), 0);
  if (!at) return undefined;
  const word = cmd.args[at.script]!;
  const scratch = lintScratch(ctx);
  let scripts = scratch.get('runs:shell-scripts') as Map<ShellWord, ShellScript | null> | undefined;
  if (!scripts) scratch.set('runs:shell-scripts', (scripts = new Map()));
  let script = scripts.get(word);
  if (script === undefined) scripts.set(word, (script = parseScriptWord(word, ctx.file.text) ?? null));
  return script ?? undefined;
}

/**
 * Calls `visit` for each command, in `view`, of each RUN site some command of which goes by one of
 * `names` (ONBUILD RUN triggers included unless `onbuild` is false): files and RUNs that run none
 * of them cost a set lookup. `visit` still meets the site's other commands. Pass a module-level
 * function, not a closure made per file.
 */
export function forEachCommand(
  ctx: RuleContext,
  names: readonly string[],
  visit: (cmd: ShellCommand, site: RunSite, ctx: RuleContext) => void,
  opts: { onbuild?: boolean; view?: CommandView } = ALL_RUNS,
): void {
  if (!mayRunAny(ctx, names)) return;
  const view = opts.view ?? 'launchers';
  for (const site of runSites(ctx.file, opts.onbuild === false ? TOP_RUNS : ALL_RUNS)) {
    if (!hasAny(siteCommandNames(ctx, site, view), names)) continue;
    for (const cmd of commandsOf(ctx, site, view)) visit(cmd, site, ctx);
  }
}

const ALL_RUNS = { onbuild: true } as const;
const TOP_RUNS = { onbuild: false } as const;

/** The name a command goes by without its path (`/usr/bin/apt-get` → `apt-get`). */
export function commandName(cmd: ShellCommand): string {
  return baseName(cmd.name);
}

/**
 * Names (as written and their last path component) of every command of every RUN and ONBUILD RUN,
 * seen plainly, through ShellCheck's wrappers (`command`, `exec`...) and through launchers (`sudo`,
 * `env`...), shell and exec form alike: a superset of the names in any view of {@link commandsOf},
 * so "none of these names here" safely means "no finding". One set per lint.
 */
export function anyRunNames(ctx: RuleContext): ReadonlySet<string> {
  const scratch = lintScratch(ctx);
  let names = scratch.get('runs:any-names') as Set<string> | undefined;
  if (names) return names;
  names = new Set();
  for (const ins of ctx.file.instructions) {
    let run: Instruction | undefined;
    if (ins.keyword === 'RUN') run = ins;
    else if (ins.keyword === 'ONBUILD' && ins.trigger?.keyword === 'RUN') run = ins.trigger;
    else continue;
    if (run.json) {
      for (const c of execFormCommand(run.args)) {
        addCommandName(names, c);
        addCommandName(names, unwrapCommand(c));
        addCommandName(names, effectiveCommand(c));
      }
    }
    const script = ctx.shell(run) ?? (run !== ins ? ctx.shell(ins) : undefined);
    if (!script) continue;
    // The unwrapped lists hold the very same objects wherever there is nothing to unwrap.
    const raw = script.commands;
    const launched = unwrappedCommandList(script);
    const effective = namedCommandList(script);
    let k = 0;
    for (let i = 0; i < raw.length; i++) {
      const c = raw[i]!;
      addCommandName(names, c);
      const l = launched[i]!;
      if (l !== c) addCommandName(names, l);
      if (c.name === '') continue;
      const e = effective[k++]!;
      if (e !== c) addCommandName(names, e);
    }
  }
  // The commands of `-c` scripts (the `launchers+scripts` view): only files that run a shell have any.
  if (someName(names, isPosixShellName)) {
    for (const site of runSites(ctx.file, ALL_RUNS)) for (const c of commandsOf(ctx, site, 'launchers+scripts')) addCommandName(names, c);
  }
  scratch.set('runs:any-names', names);
  return names;
}

/** True when some command of the file's RUNs may be called one of `names` (see {@link anyRunNames}). */
export function mayRunAny(ctx: RuleContext, names: readonly string[]): boolean {
  return hasAny(anyRunNames(ctx), names);
}

/** True when the set holds one of `names`. */
export function hasAny(have: ReadonlySet<string>, names: readonly string[]): boolean {
  if (have.size === 0) return false;
  for (const n of names) if (have.has(n)) return true;
  return false;
}

/** True when some name of the set passes `test` (for prefix tests such as `pip*`). */
export function someName(names: ReadonlySet<string>, test: (name: string) => boolean): boolean {
  for (const n of names) if (test(n)) return true;
  return false;
}

/** Adds the name a command goes by, and its last path component when it has one (`/usr/bin/yum`). */
function addCommandName(names: Set<string>, c: ShellCommand): void {
  const name = c.name;
  names.add(name);
  if (name.includes('/')) names.add(baseName(name));
}
