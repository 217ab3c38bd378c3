// Which shell commands fill a package manager's caches/lists and which clean them, for the layer-cleanup rules.
import type { ShellCommand, ShellScript } from '../../shell/types.js';
import { baseName, isCommand, namedCommandList, positionalArgs } from '../../shell/query.js';

/** A package manager whose downloads stay in a layer unless removed in the same RUN. */
export interface CacheKind {
  id: string;
  /** What the cleanup removes, for messages. */
  what: string;
  /** Names (or base names) of the commands that may fill the caches: `fills` holds for no other. */
  fillers: ReadonlySet<string>;
  /** Names (or base names) of the commands that may clean them, `rm` included. */
  cleaners: ReadonlySet<string>;
  /** Does this command write the caches? */
  fills(cmd: ShellCommand): boolean;
  /** Does this command remove them? */
  cleans(cmd: ShellCommand): boolean;
  /** fills, for a command already known to go by one of `fillers`. */
  fillsNamed(cmd: ShellCommand): boolean;
  /** cleans, for an `rm` (`isRm`) or a command already known to go by one of `cleaners`. */
  cleansNamed(cmd: ShellCommand, isRm: boolean): boolean;
}

const sub = (cmd: ShellCommand): string => positionalArgs(cmd)[0]?.value ?? '';
const secondArg = (cmd: ShellCommand): string | undefined => positionalArgs(cmd)[1]?.value;

/**
 * A kind from its tools, written once: `fills` and `cleans` below are asked only of commands with
 * one of those names (or base names), and an `rm` cleans when an argument matches `removed`.
 */
function cacheKind(k: {
  id: string;
  what: string;
  fillers: string[];
  fills: (cmd: ShellCommand) => boolean;
  cleaners: string[];
  cleans: (cmd: ShellCommand) => boolean;
  removed: RegExp;
}): CacheKind {
  const removes = (c: ShellCommand) => positionalArgs(c).some((a) => k.removed.test(a.value));
  return {
    id: k.id,
    what: k.what,
    fillers: new Set(k.fillers),
    cleaners: new Set([...k.cleaners, 'rm']),
    fills: (c) => isCommand(c, ...k.fillers) && k.fills(c),
    cleans: (c) => (isCommand(c, 'rm') && removes(c)) || (isCommand(c, ...k.cleaners) && k.cleans(c)),
    fillsNamed: k.fills,
    cleansNamed: (c, isRm) => (isRm ? removes(c) : k.cleans(c)),
  };
}

/** The package managers dockhand knows. */
export const CACHE_KINDS: CacheKind[] = [
  cacheKind({
    id: 'apt',
    what: 'the apt package lists and archives',
    fillers: ['apt-get', 'apt', 'aptitude'],
    fills: (c) => ['update', 'install', 'upgrade', 'dist-upgrade'].includes(sub(c)),
    cleaners: ['apt-get', 'apt'],
    cleans: (c) => ['clean', 'autoclean'].includes(sub(c)),
    removed: /^\/var\/(lib\/apt\/lists|cache\/apt)/,
  }),
  cacheKind({
    id: 'apk',
    what: 'the apk cache',
    fillers: ['apk'],
    fills: (c) => ['add', 'update', 'upgrade'].includes(sub(c)) && !c.flags.some((f) => f.name === 'no-cache'),
    cleaners: ['apk'],
    cleans: (c) => sub(c) === 'cache' && secondArg(c) === 'clean',
    removed: /^\/var\/cache\/apk/,
  }),
  cacheKind({
    id: 'yum',
    what: 'the yum/dnf cache',
    fillers: ['yum', 'dnf', 'microdnf'],
    fills: (c) => ['install', 'update', 'upgrade', 'groupinstall', 'makecache'].includes(sub(c)),
    cleaners: ['yum', 'dnf', 'microdnf'],
    cleans: (c) => sub(c) === 'clean',
    removed: /^\/var\/cache\/(yum|dnf|libdnf5)/,
  }),
  cacheKind({
    id: 'zypper',
    what: 'the zypper cache',
    fillers: ['zypper'],
    fills: (c) => ['install', 'in', 'refresh', 'ref', 'update', 'up'].includes(sub(c)),
    cleaners: ['zypper'],
    cleans: (c) => ['clean', 'cc'].includes(sub(c)),
    removed: /^\/var\/cache\/zypp/,
  }),
  cacheKind({
    id: 'pip',
    what: 'the pip cache',
    fillers: ['pip', 'pip3'],
    fills: (c) => sub(c) === 'install' && !c.flags.some((f) => f.name === 'no-cache-dir'),
    cleaners: ['pip', 'pip3'],
    cleans: (c) => sub(c) === 'cache' && secondArg(c) === 'purge',
    removed: /(^|\/)\.cache\/pip/,
  }),
  cacheKind({
    id: 'npm',
    what: 'the npm cache',
    fillers: ['npm'],
    fills: (c) => ['install', 'i', 'ci', 'add'].includes(sub(c)),
    cleaners: ['npm'],
    cleans: (c) => sub(c) === 'cache' && secondArg(c) === 'clean',
    removed: /(^|\/)\.npm(\/|$)/,
  }),
  cacheKind({
    id: 'yarn',
    what: 'the yarn cache',
    fillers: ['yarn'],
    fills: (c) => ['', 'install', 'add'].includes(sub(c)),
    cleaners: ['yarn'],
    cleans: (c) => sub(c) === 'cache' && secondArg(c) === 'clean',
    removed: /(^|\/)(\.cache\/yarn|\.yarn\/cache|share\/\.cache\/yarn)/,
  }),
];

/** Commands of a script that fill / clean each kind, and which kinds end up cleaned (computed once per script). */
export interface ScriptCacheActivity {
  /** Kinds some command fills. */
  fills: Set<string>;
  /** Kinds some command cleans, with the first such command. */
  cleans: Map<string, ShellCommand>;
  /** Kinds filled whose last cleanup comes after the last command filling them. */
  cleanedAfterFill: Set<string>;
}

/** Every command name a {@link CACHE_KINDS} predicate accepts. */
export const CACHE_COMMAND_NAMES: readonly string[] = [...new Set(CACHE_KINDS.flatMap((k) => [...k.fillers, ...k.cleaners]))];

/** For each such name, the kinds it may fill and the kinds it may clean (in CACHE_KINDS order). */
const KINDS_BY_NAME = new Map<string, { fills: CacheKind[]; cleans: CacheKind[] }>(
  CACHE_COMMAND_NAMES.map((n) => [n, { fills: CACHE_KINDS.filter((k) => k.fillers.has(n)), cleans: CACHE_KINDS.filter((k) => k.cleaners.has(n)) }]),
);

const RM = KINDS_BY_NAME.get('rm')!;

/** The activity of a script that fills and cleans nothing (shared; never modified). */
const NO_ACTIVITY: ScriptCacheActivity = { fills: new Set(), cleans: new Map(), cleanedAfterFill: new Set() };

/**
 * False when no argument of an `rm` can match a `removes` pattern of CACHE_KINDS: each one needs
 * a path starting with `/var/` or holding `.cache/`, `.npm` or `.yarn/`.
 */
function mayRemoveCache(cmd: ShellCommand): boolean {
  for (const a of positionalArgs(cmd)) {
    const v = a.value;
    if (v.startsWith('/var/') || v.includes('.cache/') || v.includes('.npm') || v.includes('.yarn/')) return true;
  }
  return false;
}

/**
 * The cache kinds each command of a script fills and cleans. Not cached here: callers that replay
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
    // An `rm` satisfies only the `removes` half of a cleans predicate; most remove nothing of a cache.
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
