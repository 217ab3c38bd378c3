// Shell helpers for the hadolint RUN rules (DL3030–DL3062, DL4001–DL4006): which RUNs a rule sees
// (top level, ONBUILD triggers), their commands in hadolint's flag model, cache mounts, fix edits.
import type { SourceRange } from '../../core/range.js';
import type { Dockerfile, Instruction } from '../../parser/ast.js';
import type { ShellCommand, ShellWord } from '../../shell/types.js';
import { execFormCommand, unwrapCommand, unwrappedCommandList } from '../../shell/query.js';
import type { RuleContext } from '../types.js';
import { fileScratch, lintScratch } from './lint-scratch.js';
import { runAppendRange } from './run-append.js';
import { addCommandName } from './run-names.js';

/** A RUN the rule inspects: `run` is the RUN itself, `host` the top-level instruction holding it. */
export interface RunSite {
  run: Instruction;
  /** The instruction in `file.instructions` (the ONBUILD for a trigger, else `run`). */
  host: Instruction;
  onbuild: boolean;
}

/**
 * Every RUN of the file in order. With `onbuild`, `ONBUILD RUN` triggers are included too: hadolint
 * applies these rules to the wrapped instruction as well (`rule <> onbuild rule`).
 */
export function runSites(file: Dockerfile, onbuild: boolean): RunSite[] {
  // Most of the RUN rules ask for the same list: build it once per file (callers never modify it).
  const memo = fileScratch(file);
  const key = onbuild ? 'b-shell:sites+onbuild' : 'b-shell:sites';
  let out = memo.get(key) as RunSite[] | undefined;
  if (out) return out;
  out = [];
  for (const ins of file.instructions) {
    if (ins.keyword === 'RUN') out.push({ run: ins, host: ins, onbuild: false });
    else if (onbuild && ins.keyword === 'ONBUILD' && ins.trigger?.keyword === 'RUN') {
      out.push({ run: ins.trigger, host: ins, onbuild: true });
    }
  }
  memo.set(key, out);
  return out;
}

/** A RUN's commands and the names they go by, computed once per lint. */
interface SiteCommands {
  cmds: readonly ShellCommand[];
  names: Set<string> | undefined;
}

/**
 * The commands of a RUN. Shell form comes from the shell model; exec form (`RUN ["a", "b"]`), which
 * the shell model leaves out, becomes one command built from the JSON elements so that package rules
 * still see it (hadolint re-parses the joined elements as shell). The list is shared by every rule
 * of the lint: do not modify it.
 */
export function commandsOf(ctx: RuleContext, site: { run: Instruction; host: Instruction }): readonly ShellCommand[] {
  return siteCommands(ctx, site).cmds;
}

/**
 * Every name the commands of a RUN go by: each command's name as written and its last path
 * component (`/usr/bin/yum` gives both). Rules whose findings all concern commands of certain names
 * skip a RUN without any of them, whichever of the two forms they compare.
 */
export function siteCommandNames(ctx: RuleContext, site: { run: Instruction; host: Instruction }): ReadonlySet<string> {
  const entry = siteCommands(ctx, site);
  return (entry.names ??= namesOf(entry.cmds));
}

function siteCommands(ctx: RuleContext, site: { run: Instruction; host: Instruction }): SiteCommands {
  const scratch = lintScratch(ctx);
  let bySite = scratch.get('b-shell:commands') as Map<Instruction, SiteCommands> | undefined;
  if (!bySite) scratch.set('b-shell:commands', (bySite = new Map()));
  // A site is determined by its RUN: an ONBUILD trigger always comes with its ONBUILD.
  let entry = bySite.get(site.run);
  if (!entry) {
    entry = { cmds: computeCommands(ctx, site), names: undefined };
    bySite.set(site.run, entry);
  }
  return entry;
}

function computeCommands(ctx: RuleContext, site: { run: Instruction; host: Instruction }): readonly ShellCommand[] {
  const { run, host } = site;
  if (run.json && run.heredocs.length === 0) return execFormCommand(run.args).map(unwrapCommand);
  const script = ctx.shell(run) ?? (host !== run ? ctx.shell(host) : undefined);
  if (!script) return [];
  // `command X`, `exec X`, `busybox X` count as X, as in hadolint (ShellCheck's getCommandName);
  // launchers (`sudo`, `env A=1`, `xargs`...) are seen through as well, like part A's rules do.
  return unwrappedCommandList(script);
}

function namesOf(cmds: readonly ShellCommand[]): Set<string> {
  const names = new Set<string>();
  for (const c of cmds) addCommandName(names, c);
  return names;
}

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
 * Non-flag arguments, also dropping the word after a flag that takes a separate value
 * (hadolint's `dropFlagArg`): `-t foo` drops `foo`, `--target=foo` drops nothing more.
 */
export function argsWithoutFlagValues(cmd: ShellCommand, valueFlags: string[]): ShellWord[] {
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

/** One `--mount=` option of a RUN. */
export interface RunMount {
  type: string;
  target: string;
}

/** The `--mount` flags of a RUN, parsed from their `key=value,...` form (type defaults to bind). */
export function runMounts(run: Instruction): RunMount[] {
  const out: RunMount[] = [];
  if (run.flags.length === 0) return out;
  for (const f of run.flags) {
    if (f.name !== 'mount' || f.value === null) continue;
    let type = 'bind';
    let target = '';
    for (const part of f.value.split(',')) {
      const eq = part.indexOf('=');
      const key = (eq < 0 ? part : part.slice(0, eq)).trim().toLowerCase();
      const val = eq < 0 ? '' : part.slice(eq + 1).trim().replace(/^"(.*)"$/, '$1');
      if (key === 'type') type = val.toLowerCase();
      else if (key === 'target' || key === 'dst' || key === 'destination') target = val;
    }
    out.push({ type, target });
  }
  return out;
}

/** hadolint's cache-mount exemption: a cache or tmpfs mount whose target contains `fragment`. */
export function hasCacheMount(run: Instruction, ...fragments: string[]): boolean {
  return runMounts(run).some((m) => (m.type === 'cache' || m.type === 'tmpfs') && fragments.some((f) => m.target.includes(f)));
}

/** An edit inserting text right after a range (for "add a flag" fixes). */
export { insertAfter } from './hadolint-a-run.js';

/**
 * An edit appending ` && <command>` to a shell-form RUN (for "clean up in the same RUN" fixes),
 * before a trailing shell comment; undefined for exec form and heredoc RUNs, where there is no
 * single script end to append to.
 */
export function appendToRun(run: Instruction, command: string): { range: SourceRange; text: string } | undefined {
  const range = runAppendRange(run);
  return range && { range, text: ` && ${command}` };
}
