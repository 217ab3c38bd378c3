// Package-manager commands read against the table in package-managers.ts: an install call and its
// packages, apt's `-o` settings, the checks the assume-yes (DL3030, DL3034, DL3038), cleanup
// (DL3032, DL3036, DL3040, DL3060) and RPM pinning (DL3033, DL3041) rules share, and which caches
// each command of a script fills or cleans (DH008, DH009).
import type { Dockerfile, Instruction } from '../../parser/ast.js';
import { stageGraph, isShippedStage } from '../../semantic/stage-graph.js';
import { baseName, hasFlag, namedCommandList, positionalArgs } from '../../shell/query.js';
import type { ShellCommand, ShellScript, ShellWord } from '../../shell/types.js';
import type { RuleContext } from '../types.js';
import { hasOption, isDynamic, packagesAfter, parseOptions, subcommand, type ParsedOptions } from './command-args.js';
import { normalizePath, hasCacheMount } from './mounts.js';
import { ALL_PACKAGE_MANAGERS, CACHE_KINDS, type CacheKind, type PackageManager } from './package-managers.js';
import { appendToRun, commandHead, insertAfter } from './run-edits.js';
import { commandName, commandsOf, hasAny, mayRunAny, runSites, siteCommandNames, type RunSite } from './runs.js';

// ---- install calls, read the way getopt does (apt-get, apk, npm, gem) -----------------------------

/** A parsed `<manager> [options] <install subcommand> [options] <packages>`. */
export interface InstallCall {
  parsed: ParsedOptions;
  /** The subcommand word (`install`, `add`). */
  subcommand: ShellWord;
  packages: ShellWord[];
}

/**
 * The command as an install call of `pm` (by base name; its subcommand, the first operand or the
 * first of `pm.subcommandWords`, an install subcommand), or undefined. `--` ends the options, not
 * the packages: `npm install -- x` installs `x` (except where the manager passes what follows `--`
 * on, as gem does).
 */
export function installCall(cmd: ShellCommand, pm: PackageManager): InstallCall | undefined {
  if (!pm.install || !pm.commands.includes(commandName(cmd))) return undefined;
  const parsed = parseOptions(cmd.args, pm.valueOptions);
  const ops = parsed.operands;
  const words = pm.subcommandWords;
  const i = words ? ops.findIndex((w) => words.includes(w.value)) : 0;
  const sub = ops[i];
  if (!sub || !pm.install.subcommands.includes(sub.value)) return undefined;
  const packages = i === 0 ? ops.slice(1) : [...ops.slice(0, i), ...ops.slice(i + 1)];
  if (!pm.install.dashDashEndsPackages) packages.push(...parsed.afterDoubleDash);
  return { parsed, subcommand: sub, packages };
}

/** Whether a command name may be a pip call: `pip*` itself or `python* -m pip` (see {@link pipArguments}). */
export function isPipOrPython(name: string): boolean {
  return name.startsWith('pip') || name.startsWith('python');
}

/** The arguments pip receives: after `pip*` itself (not `pipenv`) or after `python* -m pip`. */
export function pipArguments(cmd: ShellCommand): ShellWord[] | undefined {
  const name = commandName(cmd);
  if (name.startsWith('pip') && !name.startsWith('pipenv')) return cmd.args;
  if (!name.startsWith('python')) return undefined;
  for (let i = 0; i < cmd.args.length; i++) {
    const v = cmd.args[i]!.value;
    if (v === '-m' && cmd.args[i + 1]?.value === 'pip') return cmd.args.slice(i + 2);
    if (v === '-mpip') return cmd.args.slice(i + 1);
    if (v === '-W' || v === '-X') i++; // interpreter options with a separate value
    if (!v.startsWith('-')) return undefined; // a script name: what follows are its arguments
  }
  return undefined;
}

/**
 * The package words of an install call of `pm` that pin no version, by `pm`'s pin syntax: none when
 * an option pins them all (`gem install -v`); words built from variables are not judged.
 */
export function unpinnedPackages(cmd: ShellCommand, pm: PackageManager): ShellWord[] {
  const install = installCall(cmd, pm);
  if (!install) return [];
  const { pinOptions, pinned } = pm.install!;
  if (pinOptions && hasOption(install.parsed, ...pinOptions)) return [];
  return install.packages.filter((w) => !isDynamic(w) && !pinned(w.value));
}

/** apt's `-o Name=value` settings given on the command line, keyed by lower-cased name. */
export function aptSettings(parsed: ParsedOptions): Map<string, string> {
  const out = new Map<string, string>();
  for (const o of parsed.options) {
    if ((o.name !== 'o' && o.name !== 'option') || o.value === null) continue;
    const eq = o.value.indexOf('=');
    if (eq > 0) out.set(o.value.slice(0, eq).toLowerCase(), o.value.slice(eq + 1));
  }
  return out;
}

/** apt's reading of a boolean setting (`true`, `yes`, `on`, `1` and their negatives). */
export function aptBoolean(value: string | undefined): boolean | undefined {
  if (value === undefined) return undefined;
  const v = value.trim().replace(/^["']|["']$/g, '').toLowerCase();
  if (['1', 'true', 'yes', 'on', 'with', 'enable'].includes(v)) return true;
  if (['0', 'false', 'no', 'off', 'without', 'disable'].includes(v)) return false;
  return undefined;
}

/** `rm` (by base name) of `dir`, its contents (`dir/*`) or a parent directory. */
export function removesDirOrParent(cmd: ShellCommand, dir: string): boolean {
  if (commandName(cmd) !== 'rm') return false;
  return parseOptions(cmd.args).operands.some((w) => {
    const p = normalizePath(w.value.replace(/\/\*$/, ''));
    return p !== '' && p !== '/' && (p === dir || dir.startsWith(`${p}/`));
  });
}

// ---- the hadolint rules for yum, dnf, zypper and yarn ---------------------------------------------

/** Reports every call of `pm` with a subcommand that may prompt and none of its assume-yes options. */
export function checkAssumeYes(ctx: RuleContext, pm: PackageManager, message: string): void {
  const yes = pm.assumeYes!;
  const tools = pm.commands;
  // Only calls of the tools are judged: skip files and RUNs that run none of them.
  if (!mayRunAny(ctx, tools)) return;
  for (const site of runSites(ctx.file, { onbuild: true })) {
    if (!hasAny(siteCommandNames(ctx, site), tools)) continue;
    for (const cmd of commandsOf(ctx, site)) {
      if (!tools.includes(cmd.name) || hasFlag(cmd, ...yes.options)) continue;
      const sub = subcommand(cmd, yes.subcommands, yes.valueOptions ?? pm.valueOptions);
      if (!sub) continue;
      ctx.report({
        range: commandHead(cmd, sub),
        message,
        // An exec-form (JSON) RUN gets no fix: an inserted bare word would break the array.
        ...(!site.run.json && { fix: { title: `Add ${yes.insert}`, safety: 'safe' as const, edits: [insertAfter(ctx.file, cmd.nameRange, ` ${yes.insert}`)] } }),
      });
    }
  }
}

/**
 * Reports, per RUN and tool of `pm`, the first install whose downloads no later cleanup of the same
 * RUN removes, with a fix appending the cleanup. A cache or tmpfs mount over the cache exempts the
 * RUN; with `shippedOnly`, only stages whose layers ship are judged (and ONBUILD RUN triggers).
 */
export function checkCacheCleaned(ctx: RuleContext, pm: PackageManager, opts: { message: (tool: string) => string; shippedOnly?: boolean }): void {
  const cache = pm.cache!;
  // Findings are only about the tools' installs: skip files and RUNs without them.
  if (!mayRunAny(ctx, pm.commands)) return;
  for (const site of runSites(ctx.file, { onbuild: true })) {
    if (!hasAny(siteCommandNames(ctx, site), pm.commands)) continue;
    // An ONBUILD trigger runs in whatever image is built on top, which ships: always judged.
    if (opts.shippedOnly && !site.onbuild && !isShippedStage(ctx.file, site.top.stageIndex)) continue;
    if (hasCacheMount(site.run, ...cache.mountFragments!)) continue;
    const commands = commandsOf(ctx, site);
    for (const tool of pm.commands) {
      const bad = uncleanedInstall(
        commands,
        (c) => c.name === tool && cache.installWord!(c) !== undefined,
        (c) => (c.name === tool && cache.cleans!(c)) || removesDir(c, cache.dirs),
      );
      if (!bad) continue;
      const command = `${tool} ${cache.clean}`;
      const edit = appendToRun(site.run, command);
      ctx.report({
        range: commandHead(bad, cache.installWord!(bad)),
        message: opts.message(tool),
        ...(edit && { fix: { title: `Append \`${command}\``, safety: 'unsafe' as const, edits: [edit] } }),
      });
    }
  }
}

/**
 * The first command matched by `isInstall` that no later command matched by `isClean` follows,
 * i.e. the install whose downloads stay in the layer. Undefined when every install is cleaned up.
 */
function uncleanedInstall(commands: readonly ShellCommand[], isInstall: (c: ShellCommand) => boolean, isClean: (c: ShellCommand) => boolean): ShellCommand | undefined {
  let pending: ShellCommand | undefined;
  for (const c of commands) {
    if (isInstall(c)) pending ??= c;
    else if (pending && isClean(c)) pending = undefined;
  }
  return pending;
}

/** True when `rm` (as written) removes one of `dirs` or something below it. */
function removesDir(cmd: ShellCommand, dirs: readonly string[]): boolean {
  if (cmd.name !== 'rm' || dirs.length === 0) return false;
  return cmd.argsNoFlags.some((w) => dirs.some((d) => w.value === d || w.value.startsWith(`${d}/`) || w.value.startsWith(`${d}*`)));
}

/** One unpinned package or module of a yum/dnf install. */
export interface UnpinnedRpm {
  word: ShellWord;
  module: boolean;
}

/** Every unpinned package of `pm` (yum, dnf) installs in RUNs and ONBUILD RUNs. */
export function unpinnedRpms(ctx: RuleContext, pm: PackageManager): UnpinnedRpm[] {
  const out: UnpinnedRpm[] = [];
  const tools = pm.commands;
  // Only calls of the tools are judged: skip files and RUNs that run none of them.
  if (!mayRunAny(ctx, tools)) return out;
  for (const site of runSites(ctx.file, { onbuild: true })) {
    if (!hasAny(siteCommandNames(ctx, site), tools)) continue;
    let known: Set<string> | undefined;
    for (const cmd of commandsOf(ctx, site)) {
      if (!tools.includes(cmd.name)) continue;
      known ??= knownVariables(ctx.file, site);
      const valueOptions = pm.valueOptions;
      const install = subcommand(cmd, pm.install!.subcommands, valueOptions);
      if (!install) continue;
      const before = subcommand(cmd, ['module', 'group', 'groupinstall'], valueOptions);
      const pkgs = packagesAfter(cmd, install, valueOptions);
      if (before && before.range.start < install.range.start) {
        // Groups have no versions; modules are pinned by their stream (`nodejs:20`).
        if (before.value === 'module') for (const word of pkgs) if (!word.value.includes(':')) out.push({ word, module: true });
        continue;
      }
      for (const word of pkgs) if (!pm.install!.pinned(word.value, known)) out.push({ word, module: false });
    }
  }
  return out;
}

/**
 * Names a RUN's packages may use as variables. For a RUN: every earlier ARG, and the ENVs of its stage
 * and the stages it builds on, before it. For an ONBUILD RUN, which runs in the image built on top:
 * every ENV of that stage chain (the image carries them all) and the ONBUILD ENV and ARG triggers
 * before it; the ARGs of this build do not exist there.
 */
function knownVariables(file: Dockerfile, site: RunSite): Set<string> {
  const ins = site.top;
  const parents = stageGraph(file).parents;
  const lineage = new Set<number>();
  for (let s: number | null = ins.stageIndex; s !== null && s >= 0; s = parents[s] ?? null) lineage.add(s);
  lineage.add(-1);
  const out = new Set<string>();
  for (const other of file.instructions) {
    const before = other.range.start < ins.range.start;
    if (!before && !site.onbuild) break;
    if (other.keyword === 'ENV' && lineage.has(other.stageIndex)) {
      for (const p of other.pairs) out.add(p.key);
    } else if (!before) {
      continue;
    } else if (other.keyword === 'ARG' && !site.onbuild) {
      for (const a of other.args) out.add(a.value.split('=')[0]!);
    } else if (site.onbuild && other.keyword === 'ONBUILD' && other.stageIndex === ins.stageIndex) {
      const t = other.trigger;
      if (t?.keyword === 'ENV') for (const p of t.pairs) out.add(p.key);
      else if (t?.keyword === 'ARG') for (const a of t.args) out.add(a.value.split('=')[0]!);
    }
  }
  return out;
}

// ---- caches followed across layers (DH008, DH009) -------------------------------------------------

/** True when the command (by name or base name) fills the cache. */
export function fillsCache(kind: CacheKind, cmd: ShellCommand): boolean {
  return goesBy(kind.fillers, cmd) && kind.fillsNamed(cmd);
}

/** True when the command cleans the cache: its manager's clean command, or an `rm` of it. */
export function cleansCache(kind: CacheKind, cmd: ShellCommand): boolean {
  const isRm = cmd.name === 'rm' || baseName(cmd.name) === 'rm';
  return (isRm || goesBy(kind.cleaners, cmd)) && kind.cleansNamed(cmd, isRm);
}

function goesBy(names: ReadonlySet<string>, cmd: ShellCommand): boolean {
  return names.has(cmd.name) || (cmd.name.includes('/') && names.has(baseName(cmd.name)));
}

/** Commands of a script that fill / clean each cache, and which caches end up cleaned (computed once per script). */
export interface ScriptCacheActivity {
  /** Caches some command fills. */
  fills: Set<string>;
  /** Caches some command cleans, with the first such command. */
  cleans: Map<string, ShellCommand>;
  /** Caches filled whose last cleanup comes after the last command filling them. */
  cleanedAfterFill: Set<string>;
}

/** Every command name a cache of {@link CACHE_KINDS} may be filled or cleaned by. */
export const CACHE_COMMAND_NAMES: readonly string[] = [...new Set(CACHE_KINDS.flatMap((k) => [...k.fillers, ...k.cleaners]))];

/** For each such name, the caches it may fill and the caches it may clean (in CACHE_KINDS order). */
const KINDS_BY_NAME = new Map<string, { fills: CacheKind[]; cleans: CacheKind[] }>(
  CACHE_COMMAND_NAMES.map((n) => [n, { fills: CACHE_KINDS.filter((k) => k.fillers.has(n)), cleans: CACHE_KINDS.filter((k) => k.cleaners.has(n)) }]),
);

const RM = KINDS_BY_NAME.get('rm')!;

/** The activity of a script that fills and cleans nothing (shared; never modified). */
const NO_ACTIVITY: ScriptCacheActivity = { fills: new Set(), cleans: new Map(), cleanedAfterFill: new Set() };

/**
 * False when no argument of an `rm` can match a cache's `removed` pattern: each one needs a path
 * starting with `/var/` or holding `.cache/`, `.npm` or `.yarn/`.
 */
function mayRemoveCache(cmd: ShellCommand): boolean {
  for (const a of positionalArgs(cmd)) {
    const v = a.value;
    if (v.startsWith('/var/') || v.includes('.cache/') || v.includes('.npm') || v.includes('.yarn/')) return true;
  }
  return false;
}

/**
 * The caches each command of a script fills and cleans. Not cached here: callers that replay
 * ancestor stages' RUNs keep their own per-lint map (a WeakMap over every script ever linted cost
 * more to consult than the answer costs to compute).
 */
export function cacheActivity(script: ShellScript): ScriptCacheActivity {
  const cmds = namedCommandList(script);
  let fills: Set<string> | undefined;
  let cleans: Map<string, ShellCommand> | undefined;
  let lastFill: Map<string, number> | undefined;
  let lastClean: Map<string, number> | undefined;
  for (let i = 0; i < cmds.length; i++) {
    const cmd = cmds[i]!;
    // Known names hold no `/`: a path's base name is looked up only when the name has one.
    const name = cmd.name;
    const kinds = KINDS_BY_NAME.get(name) ?? (name.includes('/') ? KINDS_BY_NAME.get(baseName(name)) : undefined);
    if (!kinds) continue;
    const isRm = kinds === RM;
    // An `rm` satisfies only the `removed` half of a cleans predicate; most remove nothing of a cache.
    if (isRm && !mayRemoveCache(cmd)) continue;
    for (const k of kinds.fills) {
      if (!k.fillsNamed(cmd)) continue;
      (fills ??= new Set()).add(k.id);
      (lastFill ??= new Map()).set(k.id, cmd.range.start);
    }
    for (const k of isRm ? CACHE_KINDS : kinds.cleans) {
      if (!k.cleansNamed(cmd, isRm)) continue;
      cleans ??= new Map();
      if (!cleans.has(k.id)) cleans.set(k.id, cmd);
      (lastClean ??= new Map()).set(k.id, cmd.range.start);
    }
  }
  // Most scripts run none of the package managers (nor rm): share one empty answer.
  if (!fills && !cleans) return NO_ACTIVITY;
  const cleanedAfterFill = new Set<string>();
  if (fills) for (const id of fills) if ((lastClean?.get(id) ?? -1) > (lastFill?.get(id) ?? -1)) cleanedAfterFill.add(id);
  return { fills: fills ?? new Set(), cleans: cleans ?? new Map(), cleanedAfterFill };
}

/** The package managers with a `--<option>` that skips signature checks, by command name. */
export const UNSIGNED_OPTIONS: ReadonlyMap<string, readonly string[]> = new Map(
  ALL_PACKAGE_MANAGERS.flatMap((m) => (m.unsigned ? m.unsigned.commands.map((c) => [c, m.unsigned!.options] as const) : [])),
);
