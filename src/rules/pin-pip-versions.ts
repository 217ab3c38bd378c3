// hadolint DL3013: `pip install <package>` without a version specifier.
import type { ShellCommand, ShellWord } from '../shell/types.js';
import { defineRule } from './types.js';
import { hasOption, isDynamic, parseOptions } from './utils/command-args.js';
import { isPipOrPython, pipArguments } from './utils/package-commands.js';
import { PACKAGE_MANAGERS } from './utils/package-managers.js';
import { anyRunNames, commandsOf, runSites, siteCommandNames, someName } from './utils/runs.js';

const MESSAGE =
  'Pin versions in pip. Instead of `pip install <package>` use `pip install <package>==<version>` or `pip install --requirement <requirements file>`';

export default defineRule({
  code: 'DL3013',
  name: 'pin-pip-versions',
  aliases: [],
  severity: 'warning',
  origin: 'hadolint',
  fixable: 'none',
  docs: {
    summary: 'Packages installed with pip should carry a version specifier.',
    why:
      'An unpinned `pip install requests` installs whatever is newest on the day of the build, so two builds of the same ' +
      'Dockerfile can differ and a release of any dependency can break the image without a change to the file.',
    bad: 'FROM python:3.12\nRUN pip install --no-cache-dir requests\n',
    good: 'FROM python:3.12\nRUN pip install --no-cache-dir requests==2.32.3\n',
    fix:
      'Add a specifier (`pkg==1.2.3`, `pkg>=1.2,<2`, `pkg~=1.2`), install a wheel or sdist file, pin a VCS URL to a ref ' +
      '(`git+https://host/repo.git@v1.2`), or install from a requirements or constraints file (`-r`, `-c`).',
    notes:
      'Like hadolint, `pip*` commands (not `pipenv`) and `python* -m pip` are checked, and the whole command is skipped ' +
      'when it uses `-r/--requirement`, `-c/--constraint` or installs `.`. Each unpinned package is reported at its own ' +
      'word. Deviations: a value bundled with its short option (`-t/opt`) never swallows the following package (hadolint ' +
      'drops the next word after `-t`, `-e`, `-i`... unless the flag word holds `=`), and the values of all value-taking pip ' +
      'options are skipped (hadolint knows fewer: `--timeout 60` makes `60` a package); `python -m pip <options> install` ' +
      'is a pip install (hadolint needs `-m pip install` in a row); a VCS URL counts as pinned only when the `@ref` follows the ' +
      'repository path (hadolint also accepts the `user@` of `git+ssh://git@host/...`); packages that are wholly or ' +
      'partly a variable (`$PKG`) are not judged; commands run through `sudo`, `env`, `xargs`... are checked too.',
  },
  check(ctx) {
    // Only pip* and python* commands are pip installs.
    if (!someName(anyRunNames(ctx), isPipOrPython)) return;
    for (const site of runSites(ctx.file, { onbuild: true })) {
      const cmds = commandsOf(ctx, site);
      if (!someName(siteCommandNames(ctx, site), isPipOrPython)) continue;
      for (const cmd of cmds) {
        for (const word of unpinnedPipPackages(cmd)) ctx.report({ range: word.range, message: MESSAGE });
      }
    }
  },
});

const PIP = PACKAGE_MANAGERS.pip;

/** The words naming unpinned packages of a pip install command; empty for any other command. */
function unpinnedPipPackages(cmd: ShellCommand): ShellWord[] {
  const pipArgs = pipArguments(cmd);
  if (!pipArgs) return [];
  const parsed = parseOptions(pipArgs, PIP.valueOptions);
  if (!PIP.install.subcommands.includes(parsed.operands[0]?.value ?? '')) return [];
  if (hasOption(parsed, ...PIP.install.pinOptions)) return [];
  const packages = parsed.operands.slice(1);
  // Installing the local project lets its metadata pin what the command lists.
  if (packages.some((w) => w.value === '.') || parsed.options.some((o) => o.value === '.')) return [];
  return packages.filter((w) => !isDynamic(w) && !PIP.install.pinned(w.value));
}
