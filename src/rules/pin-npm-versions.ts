// hadolint DL3016: `npm install <package>` without a version, tag or commit.
import type { ShellCommand } from '../shell/types.js';
import { defineRule, type RuleContext } from './types.js';
import { unpinnedPackages } from './utils/package-commands.js';
import { PACKAGE_MANAGERS } from './utils/package-managers.js';
import { forEachCommand, type RunSite } from './utils/runs.js';

const NPM = PACKAGE_MANAGERS.npm;
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
      'are not judged; `user/repo#ref` GitHub shorthands (and other paths or URLs ending in `#ref`, such as ' +
      '`https://host/x/y.git#v1`) and `file:` paths count as pinned; options before `install` ' +
      'are read as options (`npm --prefix /app install foo` checks `foo`; hadolint takes `/app` for the first word ' +
      'and skips the command).',
  },
  check(ctx) {
    // Findings are only about `npm` commands: files and RUNs without one are skipped.
    forEachCommand(ctx, NPM.commands, reportUnpinned);
  },
});

function reportUnpinned(cmd: ShellCommand, _site: RunSite, ctx: RuleContext): void {
  for (const word of unpinnedPackages(cmd, NPM)) ctx.report({ range: word.range, message: MESSAGE });
}
