// Which shell commands fill a package manager's caches/lists and which clean them, for the layer-cleanup rules.
import type { ShellCommand, ShellScript } from '../../shell/types.js';
import { findCommands, isCommand, positionalArgs } from '../../shell/query.js';

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

/** Commands of a script that fill / clean each kind. */
export function cacheActivity(script: ShellScript): { fills: Set<string>; cleans: Map<string, ShellCommand> } {
  const fills = new Set<string>();
  const cleans = new Map<string, ShellCommand>();
  for (const cmd of findCommands(script)) {
    for (const k of CACHE_KINDS) {
      if (k.fills(cmd)) fills.add(k.id);
      if (k.cleans(cmd) && !cleans.has(k.id)) cleans.set(k.id, cmd);
    }
  }
  return { fills, cleans };
}
