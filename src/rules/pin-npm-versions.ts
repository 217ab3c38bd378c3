// hadolint DL3016: `npm install <package>` without a version, tag or commit.
import type { ShellCommand, ShellWord } from '../shell/types.js';
import { defineRule } from './types.js';
import { isDynamic, parseOptions } from './utils/command-args.js';
import { commandName, commandsOf, mayRunAny, runSites, siteCommandNames } from './utils/runs.js';

const MESSAGE = 'Pin versions in npm. Instead of `npm install <package>` use `npm install <package>@<version>`';

export default defineRule({
  code: 'DL3016',
  name: 'pin-npm-versions',
  aliases: [],
  severity: 'warning',
  origin: 'hadolint',
  fixable: 'none',
  docs: {
    summary: 'Packages installed with `npm install <pkg>` should name a version, tag or commit.',
    why:
      'Without a version npm installs the newest release at build time, so rebuilding the same Dockerfile can give a ' +
      'different image; a release of the package can break the build or the running container.',
    bad: 'FROM node:22\nRUN npm install --global typescript\n',
    good: 'FROM node:22\nRUN npm install --global typescript@5.6.3\n',
    fix:
      'Append `@<version>` (or a tag) to the package, `#<commit>` to a git URL, or install a tarball or local folder. ' +
      'A bare `npm install` (or `npm ci`) installs what package.json and the lock file say and is fine.',
    notes:
      'As in hadolint, the package list must follow `install` as the first non-option word; scoped packages need a ' +
      'second `@` (`@scope/pkg@1.2`), git URLs need `#ref`, tarballs (`.tar`, `.tar.gz`, `.tgz`) and paths (`/`, `./`, ' +
      '`../`, `~/`) are accepted. Each unpinned package is reported at its own word. Deviations: the aliases `npm i` ' +
      'and `npm add` are checked as well (hadolint only knows `install`); more value-taking options are understood ' +
      '(`--prefix dir`, `--tag t`, `-w ws`...), not only `--loglevel` and `--registry`; packages given by a variable ' +
      'are not judged; `user/repo#ref` GitHub shorthands count as pinned.',
  },
  check(ctx) {
    // Findings are only about `npm` commands: skip files and RUNs without one.
    if (!mayRunAny(ctx, ['npm'])) return;
    for (const site of runSites(ctx.file, { onbuild: true })) {
      const cmds = commandsOf(ctx, site);
      if (!siteCommandNames(ctx, site).has('npm')) continue;
      for (const cmd of cmds) {
        for (const word of unpinnedNpmPackages(cmd)) ctx.report({ range: word.range, message: MESSAGE });
      }
    }
  },
});

/** npm options of type string: their value is the next word when not written `--opt=value`. */
const VALUE_FLAGS = [
  'loglevel', 'registry', 'prefix', 'cache', 'userconfig', 'globalconfig', 'tag', 'workspace', 'w', 'omit', 'include',
  'install-strategy', 'save-prefix', 'scope', 'otp', 'location', 'before', 'C',
];

const INSTALL = ['install', 'i', 'add'];
const GIT_PREFIXES = ['git://', 'git+ssh://', 'git+http://', 'git+https://'];
const PATH_PREFIXES = ['/', './', '../', '~/', 'file:'];
const TARBALL = /\.(tar|tar\.gz|tgz)$/;

function unpinnedNpmPackages(cmd: ShellCommand): ShellWord[] {
  if (commandName(cmd) !== 'npm') return [];
  const parsed = parseOptions(cmd.args, VALUE_FLAGS);
  if (!INSTALL.includes(parsed.operands[0]?.value ?? '')) return [];
  return parsed.operands.slice(1).filter((w) => !isDynamic(w) && !isPinned(w.value));
}

function isPinned(pkg: string): boolean {
  if (GIT_PREFIXES.some((p) => pkg.startsWith(p))) return pkg.includes('#');
  if (TARBALL.test(pkg)) return true;
  if (PATH_PREFIXES.some((p) => pkg.startsWith(p))) return true;
  // `@scope/name@version`: the version's `@` comes after the scope.
  const name = pkg.startsWith('@') ? pkg.slice(pkg.indexOf('/') + 1) : pkg;
  if (name.includes('@')) return true;
  // GitHub shorthand `user/repo#ref` names a commit or tag.
  return !pkg.startsWith('@') && pkg.includes('/') && pkg.includes('#');
}
