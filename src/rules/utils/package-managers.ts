// What dockhand knows about package managers, as one table: for each manager the commands it goes
// by, the options whose value is a separate word, the subcommands that install and the syntax of a
// version pin, the switch that answers its prompts, what it leaves in a layer (directories, the
// options that keep it out, the command that cleans it), how it refreshes its index, and the
// options that skip signature checks. The pinning, assume-yes, cache-cleanup, update-alone and
// signature rules read their facts here; utils/package-commands.ts reads commands against it.
// Several rules follow hadolint exactly, and hadolint does not read every manager the same way:
// where two rules use different facts about one manager, both are here, named for what they are.
import { hasArg, positionalArgs } from '../../shell/query.js';
import type { ShellCommand, ShellWord } from '../../shell/types.js';
import { isExpansionOnly, subcommand } from './command-args.js';

/** One package manager. Every part is optional: a rule reads the parts it is about. */
export interface PackageManager {
  /** The command names the manager's own rules look for. */
  commands: readonly string[];
  /** Every command the manager goes by, when its own rules look for fewer (apt: `apt-get`, `apt`, `aptitude`). */
  frontEnds?: readonly string[];
  /** Options whose value may be the next word, so that word is neither a subcommand nor a package. */
  valueOptions?: readonly string[];
  /**
   * Every subcommand, for a tool whose subcommand is the first word naming one rather than its first
   * operand (apt-get, as apt's CommandLine::GetCommand reads it); its other operands, before or after
   * that word, are its arguments.
   */
  subcommandWords?: readonly string[];
  /** Installing packages, for the pinning rule. */
  install?: {
    subcommands: readonly string[];
    /** Options that pin every package of the command (`gem install -v 1.2 x`, `pip install -r reqs.txt`). */
    pinOptions?: readonly string[];
    /** True when the words after `--` are no packages (gem hands them to the extension build). */
    dashDashEndsPackages?: boolean;
    /** Whether a package word names a fixed version or artifact; `known`: variables declared before the RUN. */
    pinned(pkg: string, known?: ReadonlySet<string>): boolean;
  };
  /** The switch that answers the manager's prompts (what a build cannot do). */
  assumeYes?: {
    /** Subcommands that may prompt. */
    subcommands: readonly string[];
    /** Options (without dashes) that answer the prompts. */
    options: readonly string[];
    /** What a fix inserts. */
    insert: string;
    /** Value-taking options when finding the subcommand, if not `valueOptions`. */
    valueOptions?: readonly string[];
  };
  /** What installing leaves in the layer unless the same RUN cleans it, for the cleanup rules. */
  cache?: {
    /** Where the downloads go, as far as the cleanup rule accepts an `rm` of them (or of what is inside). */
    dirs: readonly string[];
    /** hadolint's cache-mount exemption: a cache or tmpfs mount whose target contains one of these. */
    mountFragments?: readonly string[];
    /** Options that keep the downloads out of the layer. */
    noCacheOptions?: readonly string[];
    /** For a call of the manager: the word that makes it download into the cache (`install`), if any. */
    installWord?(cmd: ShellCommand): ShellWord | undefined;
    /** For a call of the manager: whether it cleans the cache (an `rm` of `dirs` counts too). */
    cleans?(cmd: ShellCommand): boolean;
    /** What a fix appends after the tool's name (`clean all`: `yum clean all`). */
    clean?: string;
  };
  /** `<command> update` refreshes the package index; these subcommands then use it. */
  index?: { commands: readonly string[]; uses: readonly string[] };
  /** The cache DH008 follows from layer to layer (managers may share one: yum and dnf). */
  layerCache?: CacheKind;
  /** Options that install packages without checking their signatures, for these commands. */
  unsigned?: { commands: readonly string[]; options: readonly string[] };
}

// ---- the caches DH008 follows ---------------------------------------------------------------------

/** A package cache whose downloads stay in a layer unless removed in the same RUN. */
export interface CacheKind {
  id: string;
  /** What the cleanup removes, for messages. */
  what: string;
  /** Names (or base names) of the commands that may fill the cache: `fills` holds for no other. */
  fillers: ReadonlySet<string>;
  /** Names (or base names) of the commands that may clean it, `rm` included. */
  cleaners: ReadonlySet<string>;
  /** fills, for a command already known to go by one of `fillers`. */
  fillsNamed(cmd: ShellCommand): boolean;
  /** cleans, for an `rm` (`isRm`) or a command already known to go by one of `cleaners`. */
  cleansNamed(cmd: ShellCommand, isRm: boolean): boolean;
}

const sub = (cmd: ShellCommand): string => positionalArgs(cmd)[0]?.value ?? '';
const secondArg = (cmd: ShellCommand): string | undefined => positionalArgs(cmd)[1]?.value;

/**
 * A cache from its tools, written once: `fills` and `cleans` are asked only of commands with one
 * of those names (or base names), and an `rm` cleans when an argument matches `removed`.
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
    fillsNamed: k.fills,
    cleansNamed: (c, isRm) => (isRm ? removes(c) : k.cleans(c)),
  };
}

const NO_NAMES: ReadonlySet<string> = new Set();

const RPM_CACHE = cacheKind({
  id: 'yum',
  what: 'the yum/dnf cache',
  fillers: ['yum', 'dnf', 'microdnf'],
  fills: (c) => ['install', 'update', 'upgrade', 'groupinstall', 'makecache'].includes(sub(c)),
  cleaners: ['yum', 'dnf', 'microdnf'],
  cleans: (c) => sub(c) === 'clean',
  removed: /^\/var\/cache\/(yum|dnf|libdnf5)/,
});

// ---- shared facts -----------------------------------------------------------------------------------

/** Value-taking options of yum and dnf whose value is a separate word (so it is not a package). */
const RPM_VALUE_OPTIONS = [
  'c', 'config', 'd', 'debuglevel', 'e', 'errorlevel', 'x', 'exclude', 'enablerepo', 'disablerepo', 'repo', 'repoid',
  'installroot', 'releasever', 'setopt', 'R', 'randomwait', 'forcearch', 'downloaddir', 'destdir',
];

/**
 * zypper's global options whose value is a separate word (`--root /mnt`). Its other global
 * options are switches: `-x` is `--xmlout` and `-t` is `--terse` before the subcommand.
 */
const ZYPPER_GLOBAL_VALUE_OPTIONS = [
  'c', 'config', 'userdata', 's', 'table-style', 'D', 'reposd-dir', 'C', 'cache-dir', 'raw-cache-dir', 'solv-cache-dir',
  'pkg-cache-dir', 'p', 'plus-repo', 'plus-content', 'R', 'root', 'installroot',
];

/** apt's and apt-get's options before the subcommand whose value may be the next word (DL3009 and DL3027 read the subcommand with these). */
export const APT_GLOBAL_VALUE_OPTIONS = ['o', 'option', 'c', 'config-file', 't', 'target-release'];

/**
 * hadolint's RPM pinning test (DL3033, DL3041): `name-version[-release]` where every part after the
 * first `-` uses `[0-9A-Za-z.~^_:+]` and one part starts with a digit; `*.rpm` files are pinned.
 * A declared variable counts as a version where it stands (`git-core-${VERSION}`, `curl-${V}.el7`);
 * a word that is only an expansion is not judged.
 */
function rpmVersionPinned(pkg: string, known: ReadonlySet<string> = NO_NAMES): boolean {
  if (pkg.endsWith('.rpm')) return true;
  // A package that is only an expansion (`$PKG`, `$(cat list)`) may hold anything: not judged.
  if (isExpansionOnly(pkg)) return true;
  // A declared variable stands for a version (`git-core-${VERSION}`, `curl-${V}.el7`): read as one
  // (a digit), so that it pins only where a version goes, never inside a name (`pgaudit${PG_MAJOR}`).
  // An undeclared one may hold anything, and its `$` makes the part no version.
  const parts = (pkg.includes('$') ? withKnownVariablesAsDigits(pkg, known) : pkg).split('-');
  if (parts.length <= 1) return false;
  let digit = false;
  for (const p of parts.slice(1)) {
    if (!/^[0-9A-Za-z.~^_:+]*$/.test(p)) return false;
    if (/^[0-9]/.test(p)) digit = true;
  }
  return digit;
}


/** `text` with each reference to one of `known` (`$NAME`, `${NAME}`, `${NAME...}`) replaced by `0`. */
function withKnownVariablesAsDigits(text: string, known: ReadonlySet<string>): string {
  if (known.size === 0) return text;
  return text.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)(?:[:?#%/+-][^}]*)?\}|\$([A-Za-z_][A-Za-z0-9_]*)/g, (ref, braced: string | undefined, plain: string | undefined) =>
    known.has((braced ?? plain)!) ? '0' : ref,
  );
}

/** yum's clean test (DL3032): `clean` followed by `all` among the operands. */
function yumCleanAll(c: ShellCommand): boolean {
  const words = c.argsNoFlags.map((w) => w.value);
  const i = words.indexOf('clean');
  return i >= 0 && words.slice(i + 1).includes('all');
}

/** dnf's clean test (DL3040): the words `clean` and `all` among the arguments, in any order. */
function dnfCleanAll(c: ShellCommand): boolean {
  return hasArg(c, 'clean') && hasArg(c, 'all');
}

// ---- the table ----------------------------------------------------------------------------------

/** The package managers dockhand knows, in the order DH008 reports their caches. */
export const PACKAGE_MANAGERS = {
  apt: {
    // hadolint's apt rules (DL3008, DL3014, DL3015) read `apt-get install` only.
    commands: ['apt-get'],
    frontEnds: ['apt-get', 'apt', 'aptitude'],
    valueOptions: [...APT_GLOBAL_VALUE_OPTIONS, 'default-release', 'a', 'host-architecture', 'P', 'build-profiles', 'solver', 'planner', 'with-source'],
    subcommandWords: [
      'update', 'upgrade', 'install', 'reinstall', 'remove', 'purge', 'autoremove', 'auto-remove', 'autopurge', 'markauto',
      'unmarkauto', 'dist-upgrade', 'full-upgrade', 'dselect-upgrade', 'build-dep', 'satisfy', 'clean', 'autoclean',
      'auto-clean', 'distclean', 'dist-clean', 'check', 'source', 'download', 'changelog', 'indextargets', 'moo', 'help',
    ],
    install: { subcommands: ['install'], pinned: (p) => p.includes('=') || p.includes('/') || p.endsWith('.deb') },
    assumeYes: { subcommands: ['install'], options: ['y', 'yes', 'assume-yes'], insert: '-y' },
    // `update` of any front end fills the lists (DL3009).
    cache: { dirs: ['/var/lib/apt/lists'] },
    index: { commands: ['apt-get', 'apt'], uses: ['install', 'upgrade', 'dist-upgrade', 'full-upgrade', 'source', 'build-dep', 'reinstall'] },
    layerCache: cacheKind({
      id: 'apt',
      what: 'the apt package lists and archives',
      fillers: ['apt-get', 'apt', 'aptitude'],
      fills: (c) => ['update', 'install', 'upgrade', 'dist-upgrade'].includes(sub(c)),
      cleaners: ['apt-get', 'apt'],
      cleans: (c) => ['clean', 'autoclean'].includes(sub(c)),
      removed: /^\/var\/(lib\/apt\/lists|cache\/apt)/,
    }),
    unsigned: { commands: ['apt-get', 'apt'], options: ['allow-unauthenticated', 'force-yes', 'allow-insecure-repositories'] },
  },
  apk: {
    commands: ['apk'],
    valueOptions: [
      't', 'virtual', 'X', 'repository', 'p', 'root', 'repositories-file', 'cache-dir', 'keys-dir', 'arch', 'progress-fd',
      'wait', 'cache-max-age', 'timeout',
    ],
    install: { subcommands: ['add'], pinned: (p) => /[=~<>]/.test(p) || p.endsWith('.apk') },
    // `--no-network` installs from what is already there: nothing new reaches the cache.
    cache: { dirs: ['/var/cache/apk'], noCacheOptions: ['no-cache', 'no-network'] },
    index: { commands: ['apk'], uses: ['add', 'upgrade', 'fix'] },
    layerCache: cacheKind({
      id: 'apk',
      what: 'the apk cache',
      fillers: ['apk'],
      fills: (c) => ['add', 'update', 'upgrade'].includes(sub(c)) && !c.flags.some((f) => f.name === 'no-cache'),
      cleaners: ['apk'],
      cleans: (c) => sub(c) === 'cache' && secondArg(c) === 'clean',
      removed: /^\/var\/cache\/apk/,
    }),
    unsigned: { commands: ['apk'], options: ['allow-untrusted'] },
  },
  yum: {
    commands: ['yum'],
    valueOptions: RPM_VALUE_OPTIONS,
    install: { subcommands: ['install'], pinned: rpmVersionPinned },
    assumeYes: { subcommands: ['install', 'groupinstall', 'localinstall'], options: ['y', 'assumeyes'], insert: '-y' },
    cache: {
      dirs: ['/var/cache/yum'],
      mountFragments: ['/var/cache/yum'],
      installWord: (c) => subcommand(c, ['install'], RPM_VALUE_OPTIONS),
      cleans: yumCleanAll,
      clean: 'clean all',
    },
    layerCache: RPM_CACHE,
    unsigned: { commands: ['yum'], options: ['nogpgcheck'] },
  },
  dnf: {
    commands: ['dnf', 'microdnf'],
    valueOptions: RPM_VALUE_OPTIONS,
    install: { subcommands: ['install'], pinned: rpmVersionPinned },
    assumeYes: { subcommands: ['install', 'groupinstall', 'localinstall'], options: ['y', 'assumeyes'], insert: '-y' },
    cache: {
      dirs: ['/var/cache/yum', '/var/cache/dnf', '/var/cache/libdnf5'],
      mountFragments: ['/var/cache/libdnf5', '.cache/libdnf5', '/var/cache/dnf'],
      installWord: (c) => subcommand(c, ['install', 'in', 'upgrade', 'up', 'update', 'upgrade-minimal', 'up-min', 'reinstall', 'rei'], RPM_VALUE_OPTIONS),
      cleans: dnfCleanAll,
      clean: 'clean all',
    },
    layerCache: RPM_CACHE,
    unsigned: { commands: ['dnf', 'microdnf', 'tdnf'], options: ['nogpgcheck'] },
  },
  zypper: {
    commands: ['zypper'],
    valueOptions: ['t', 'type', 'r', 'repo', 'from', 'R', 'root'],
    install: { subcommands: ['install', 'in'], pinned: (p) => /[=<>]/.test(p) || p.endsWith('.rpm') || isExpansionOnly(p) },
    assumeYes: {
      subcommands: ['install', 'in', 'remove', 'rm', 'source-install', 'si', 'patch'],
      options: ['n', 'non-interactive', 'y', 'no-confirm'],
      insert: '--non-interactive',
      // DL3034 finds the subcommand skipping the values of zypper's global options.
      valueOptions: ZYPPER_GLOBAL_VALUE_OPTIONS,
    },
    cache: {
      // The downloads go to /var/cache/zypp; DL3036 takes only `zypper clean` as the cleanup.
      dirs: [],
      mountFragments: ['/var/cache/zypp'],
      installWord: (c) => subcommand(c, ['install', 'in']),
      cleans: (c) => subcommand(c, ['clean', 'cc']) !== undefined,
      clean: 'clean',
    },
    layerCache: cacheKind({
      id: 'zypper',
      what: 'the zypper cache',
      fillers: ['zypper'],
      fills: (c) => ['install', 'in', 'refresh', 'ref', 'update', 'up'].includes(sub(c)),
      cleaners: ['zypper'],
      cleans: (c) => ['clean', 'cc'].includes(sub(c)),
      removed: /^\/var\/cache\/zypp/,
    }),
  },
  pip: {
    // DL3013 and DL3042 recognise `pip*` and `python* -m pip` themselves; DH008 knows pip and pip3.
    commands: ['pip', 'pip3'],
    valueOptions: [
      'abi', 'b', 'build', 'c', 'constraint', 'e', 'editable', 'extra-index-url', 'f', 'find-links', 'i', 'index-url',
      'implementation', 'no-binary', 'only-binary', 'platform', 'prefix', 'progress-bar', 'proxy', 'python-version', 'r',
      'requirement', 'root', 'root-user-action', 'src', 't', 'target', 'trusted-host', 'upgrade-strategy', 'log', 'cache-dir',
      'timeout', 'retries', 'exists-action', 'cert', 'client-cert', 'report', 'python', 'config-settings', 'C',
      'global-option', 'keyring-provider', 'use-feature', 'use-deprecated', 'group',
    ],
    install: {
      subcommands: ['install'],
      // Requirements and constraints files pin what the command installs.
      pinOptions: ['r', 'requirement', 'c', 'constraint'],
      // A specifier, a wheel or sdist file, a VCS URL with `@ref` after the repository path, a path or URL.
      pinned: (p) => {
        if (/[=<>!~]=|[<>]/.test(p)) return true;
        if (/\.(whl|tar\.gz|tgz|tar\.bz2|zip)$/.test(p)) return true;
        if (/^(git|hg|svn|bzr)(\+[a-z-]+)?:/.test(p)) {
          const path = p.split('#')[0]!;
          return path.slice(path.lastIndexOf('/') + 1).includes('@');
        }
        return p.includes('/');
      },
    },
    cache: { dirs: [], mountFragments: ['.cache/pip'], noCacheOptions: ['no-cache-dir'] },
    layerCache: cacheKind({
      id: 'pip',
      what: 'the pip cache',
      fillers: ['pip', 'pip3'],
      fills: (c) => sub(c) === 'install' && !c.flags.some((f) => f.name === 'no-cache-dir'),
      cleaners: ['pip', 'pip3'],
      cleans: (c) => sub(c) === 'cache' && secondArg(c) === 'purge',
      removed: /(^|\/)\.cache\/pip/,
    }),
  },
  npm: {
    commands: ['npm'],
    // npm's options of type string: their value is the next word when not written `--opt=value`.
    valueOptions: [
      'loglevel', 'registry', 'prefix', 'cache', 'userconfig', 'globalconfig', 'tag', 'workspace', 'w', 'omit', 'include',
      'install-strategy', 'save-prefix', 'scope', 'otp', 'location', 'before', 'C',
    ],
    install: {
      subcommands: ['install', 'i', 'add'],
      // A version, tag or commit: `pkg@1.2`, `@scope/pkg@1.2`, a git URL with `#ref`, a tarball, a path.
      pinned: (p) => {
        if (['git://', 'git+ssh://', 'git+http://', 'git+https://'].some((g) => p.startsWith(g))) return p.includes('#');
        if (/\.(tar|tar\.gz|tgz)$/.test(p)) return true;
        if (['/', './', '../', '~/', 'file:'].some((prefix) => p.startsWith(prefix))) return true;
        // `@scope/name@version`: the version's `@` comes after the scope (a scope alone names no package).
        const name = p.startsWith('@') ? (p.includes('/') ? p.slice(p.indexOf('/') + 1) : '') : p;
        if (name.includes('@')) return true;
        // GitHub shorthand `user/repo#ref` names a commit or tag.
        return !p.startsWith('@') && p.includes('/') && p.includes('#');
      },
    },
    cache: { dirs: [], mountFragments: ['.npm'], clean: 'cache clean --force' },
    layerCache: cacheKind({
      id: 'npm',
      what: 'the npm cache',
      fillers: ['npm'],
      fills: (c) => ['install', 'i', 'ci', 'add'].includes(sub(c)),
      cleaners: ['npm'],
      cleans: (c) => sub(c) === 'cache' && secondArg(c) === 'clean',
      removed: /(^|\/)\.npm(\/|$)/,
    }),
  },
  yarn: {
    commands: ['yarn'],
    cache: {
      dirs: [],
      mountFragments: ['.cache/yarn'],
      installWord: (c) => c.argsNoFlags.find((w) => w.value === 'install'),
      cleans: (c) => c.argsNoFlags.some((w, i) => w.value === 'cache' && c.argsNoFlags[i + 1]?.value === 'clean'),
      clean: 'cache clean',
    },
    layerCache: cacheKind({
      id: 'yarn',
      what: 'the yarn cache',
      fillers: ['yarn'],
      fills: (c) => ['', 'install', 'add'].includes(sub(c)),
      cleaners: ['yarn'],
      cleans: (c) => sub(c) === 'cache' && secondArg(c) === 'clean',
      removed: /(^|\/)(\.cache\/yarn|\.yarn\/cache|share\/\.cache\/yarn)/,
    }),
  },
  gem: {
    commands: ['gem'],
    valueOptions: [
      'v', 'version', 'i', 'install-dir', 'n', 'bindir', 's', 'source', 'P', 'trust-policy', 'platform', 'g', 'file',
      'build-root', 'config-file', 'target-rbconfig',
    ],
    // `gem:version`, or a local `.gem` file (one fixed artifact).
    install: {
      subcommands: ['install', 'i'],
      pinOptions: ['v', 'version'],
      dashDashEndsPackages: true,
      pinned: (p) => p.includes(':') || p.endsWith('.gem'),
    },
  },
  go: {
    commands: ['go'],
    // go build flags whose value is the next word (`-tags foo`).
    valueOptions: [
      'C', 'p', 'o', 'asmflags', 'buildmode', 'buildvcs', 'compiler', 'gccgoflags', 'gcflags', 'installsuffix', 'ldflags', 'mod',
      'modfile', 'overlay', 'pgo', 'pkgdir', 'tags', 'toolexec', 'exec', 'coverpkg', 'covermode',
    ],
    // `@version`, not `@latest` or `@none`; only `go run`'s first operand is a package.
    install: {
      subcommands: ['install', 'get', 'run'],
      pinned: (p) => {
        const at = p.lastIndexOf('@');
        const version = at < 0 ? '' : p.slice(at + 1);
        return version !== '' && version !== 'latest' && version !== 'none';
      },
    },
  },
  rpm: {
    commands: ['rpm'],
    unsigned: { commands: ['rpm'], options: ['nosignature', 'nodigest', 'noverify', 'nofiledigest'] },
  },
} satisfies Record<string, PackageManager>;

/** Every entry of {@link PACKAGE_MANAGERS}, in order. */
export const ALL_PACKAGE_MANAGERS: readonly PackageManager[] = Object.values(PACKAGE_MANAGERS);

/** The caches DH008 follows, each once, in table order. */
export const CACHE_KINDS: readonly CacheKind[] = [...new Set(ALL_PACKAGE_MANAGERS.flatMap((m) => (m.layerCache ? [m.layerCache] : [])))];
