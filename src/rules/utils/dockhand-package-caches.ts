// Which shell commands fill a package manager's caches/lists and which clean them, for the layer-cleanup rules.
import type { ShellCommand, ShellScript } from '../../shell/types.js';
import { baseName, isCommand, namedCommandList, positionalArgs } from '../../shell/query.js';

/** A package manager whose downloads stay in a layer unless removed in the same RUN. */
export interface CacheKind {
  id: string;
  /** What the cleanup removes, for messages. */
  what: string;
  /** Does this command write the caches? */
  fills(cmd: ShellCommand): boolean;
  /** Does this command remove them? */
  cleans(cmd: ShellCommand): boolean;
}

const sub = (cmd: ShellCommand): string => positionalArgs(cmd)[0]?.value ?? '';
const removes = (cmd: ShellCommand, re: RegExp): boolean =>
  isCommand(cmd, 'rm') && positionalArgs(cmd).some((a) => re.test(a.value));

/** The package managers dockhand knows. */
export const CACHE_KINDS: CacheKind[] = [
  {
    id: 'apt',
    what: 'the apt package lists and archives',
    fills: (c) => isCommand(c, 'apt-get', 'apt', 'aptitude') && ['update', 'install', 'upgrade', 'dist-upgrade'].includes(sub(c)),
    cleans: (c) => removes(c, /^\/var\/(lib\/apt\/lists|cache\/apt)/) || (isCommand(c, 'apt-get', 'apt') && ['clean', 'autoclean'].includes(sub(c))),
  },
  {
    id: 'apk',
    what: 'the apk cache',
    fills: (c) => isCommand(c, 'apk') && ['add', 'update', 'upgrade'].includes(sub(c)) && !c.flags.some((f) => f.name === 'no-cache'),
    cleans: (c) => removes(c, /^\/var\/cache\/apk/) || (isCommand(c, 'apk') && sub(c) === 'cache' && positionalArgs(c)[1]?.value === 'clean'),
  },
  {
    id: 'yum',
    what: 'the yum/dnf cache',
    fills: (c) => isCommand(c, 'yum', 'dnf', 'microdnf') && ['install', 'update', 'upgrade', 'groupinstall', 'makecache'].includes(sub(c)),
    cleans: (c) => removes(c, /^\/var\/cache\/(yum|dnf|libdnf5)/) || (isCommand(c, 'yum', 'dnf', 'microdnf') && sub(c) === 'clean'),
  },
  {
    id: 'zypper',
    what: 'the zypper cache',
    fills: (c) => isCommand(c, 'zypper') && ['install', 'in', 'refresh', 'ref', 'update', 'up'].includes(sub(c)),
    cleans: (c) => removes(c, /^\/var\/cache\/zypp/) || (isCommand(c, 'zypper') && ['clean', 'cc'].includes(sub(c))),
  },
  {
    id: 'pip',
    what: 'the pip cache',
    fills: (c) => (isCommand(c, 'pip', 'pip3') && sub(c) === 'install' && !c.flags.some((f) => f.name === 'no-cache-dir')),
    cleans: (c) => removes(c, /(^|\/)\.cache\/pip/) || (isCommand(c, 'pip', 'pip3') && sub(c) === 'cache' && positionalArgs(c)[1]?.value === 'purge'),
  },
  {
    id: 'npm',
    what: 'the npm cache',
    fills: (c) => isCommand(c, 'npm') && ['install', 'i', 'ci', 'add'].includes(sub(c)),
    cleans: (c) => removes(c, /(^|\/)\.npm(\/|$)/) || (isCommand(c, 'npm') && sub(c) === 'cache' && positionalArgs(c)[1]?.value === 'clean'),
  },
  {
    id: 'yarn',
    what: 'the yarn cache',
    fills: (c) => isCommand(c, 'yarn') && ['', 'install', 'add'].includes(sub(c)),
    cleans: (c) => removes(c, /(^|\/)(\.cache\/yarn|\.yarn\/cache|share\/\.cache\/yarn)/) || (isCommand(c, 'yarn') && sub(c) === 'cache' && positionalArgs(c)[1]?.value === 'clean'),
  },
];

/**
 * For each kind, the names (or base names) a command must have for `fills` / `cleans` to hold:
 * every predicate above starts with `isCommand` over these (`removes` is `isCommand(c, 'rm')`).
 * Keep in step with CACHE_KINDS; cacheActivity asks only the predicates a command can satisfy.
 */
const KIND_NAMES: Record<string, { fills: ReadonlySet<string>; cleans: ReadonlySet<string> }> = {
  apt: { fills: new Set(['apt-get', 'apt', 'aptitude']), cleans: new Set(['rm', 'apt-get', 'apt']) },
  apk: { fills: new Set(['apk']), cleans: new Set(['rm', 'apk']) },
  yum: { fills: new Set(['yum', 'dnf', 'microdnf']), cleans: new Set(['rm', 'yum', 'dnf', 'microdnf']) },
  zypper: { fills: new Set(['zypper']), cleans: new Set(['rm', 'zypper']) },
  pip: { fills: new Set(['pip', 'pip3']), cleans: new Set(['rm', 'pip', 'pip3']) },
  npm: { fills: new Set(['npm']), cleans: new Set(['rm', 'npm']) },
  yarn: { fills: new Set(['yarn']), cleans: new Set(['rm', 'yarn']) },
};

/** Commands of a script that fill / clean each kind, and which kinds end up cleaned (computed once per script). */
export interface ScriptCacheActivity {
  /** Kinds some command fills. */
  fills: Set<string>;
  /** Kinds some command cleans, with the first such command. */
  cleans: Map<string, ShellCommand>;
  /** Kinds filled whose last cleanup comes after the last command filling them. */
  cleanedAfterFill: Set<string>;
}

/** Every command name a {@link CACHE_KINDS} predicate accepts (each one requires `isCommand` with one of these). */
export const CACHE_COMMAND_NAMES: readonly string[] = ['apt-get', 'apt', 'aptitude', 'apk', 'yum', 'dnf', 'microdnf', 'zypper', 'pip', 'pip3', 'npm', 'yarn', 'rm'];
const KNOWN_NAMES = new Set(CACHE_COMMAND_NAMES);


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

function isKnown(cmd: ShellCommand): boolean {
  return KNOWN_NAMES.has(cmd.name) || KNOWN_NAMES.has(baseName(cmd.name));
}

/**
 * The cache kinds each command of a script fills and cleans. Not cached here: callers that replay
 * ancestor stages' RUNs keep their own per-lint map (a WeakMap over every script ever linted cost
 * more to consult than the answer costs to compute).
 */
export function cacheActivity(script: ShellScript): ScriptCacheActivity {
  const cmds = namedCommandList(script);
  // Most scripts run none of the package managers (nor rm): share one empty answer.
  if (!cmds.some(isKnown)) return NO_ACTIVITY;
  const fills = new Set<string>();
  const cleans = new Map<string, ShellCommand>();
  const lastFill = new Map<string, number>();
  const lastClean = new Map<string, number>();
  for (const cmd of cmds) {
    // Every fills/cleans test starts with isCommand over these names: skip other commands early.
    if (!isKnown(cmd)) continue;
    const name = cmd.name;
    const base = baseName(name);
    // An `rm` satisfies only the `removes` half of a cleans predicate; most remove nothing of a cache.
    if (base === 'rm' && !mayRemoveCache(cmd)) continue;
    for (const k of CACHE_KINDS) {
      const names = KIND_NAMES[k.id]!;
      if ((names.fills.has(name) || names.fills.has(base)) && k.fills(cmd)) {
        fills.add(k.id);
        lastFill.set(k.id, cmd.range.start);
      }
      if ((names.cleans.has(name) || names.cleans.has(base)) && k.cleans(cmd)) {
        if (!cleans.has(k.id)) cleans.set(k.id, cmd);
        lastClean.set(k.id, cmd.range.start);
      }
    }
  }
  const cleanedAfterFill = new Set<string>();
  for (const id of fills) if ((lastClean.get(id) ?? -1) > (lastFill.get(id) ?? -1)) cleanedAfterFill.add(id);
  return { fills, cleans, cleanedAfterFill };
}
