// DL3037: `zypper install` of a package without a version constraint.
import { hasFlag } from '../shell/query.js';
import { defineRule, type RuleContext } from './types.js';
import type { ShellCommand } from '../shell/types.js';
import { packagesAfter, subcommand } from './utils/command-args.js';
import { PACKAGE_MANAGERS } from './utils/package-managers.js';
import { forEachCommand, type RunSite } from './utils/runs.js';

const ZYPPER = PACKAGE_MANAGERS.zypper;

export default defineRule({
  code: 'DL3037',
  name: 'unpinned-zypper-package',
  aliases: [],
  severity: 'warning',
  origin: 'hadolint',
  fixable: 'none',
  docs: {
    summary: 'Pin package versions in `zypper install` (`<package>=<version>`).',
    why: 'Unpinned packages install whatever the repository serves on the day of the build, so rebuilds are not reproducible and can break without any change to the Dockerfile.',
    bad: 'FROM opensuse/leap:15.6\nRUN zypper install -y httpd && zypper clean',
    good: 'FROM opensuse/leap:15.6\nRUN zypper install -y httpd=2.4.58 && zypper clean',
    fix: 'Add a version constraint: `name=version`, `name>=version`, `name<version`... (escape or quote `<` and `>` for the shell), or install an `.rpm` file.',
    notes: 'Like hadolint: `=`, `>=`, `>`, `<=`, `<` constraints and `*.rpm` files are pinned; ONBUILD RUN is checked. Unlike hadolint: only words after `install`/`in` are packages (values of `-r`, `--from` are skipped), non-package types (`-t pattern`) are not checked, each package is reported at its own position, and a package that is only an expansion (`$PKG`, `$(cat list)`) is not judged.',
  },
  check(ctx) {
    // Findings are only about `zypper` commands: files and RUNs without them are skipped.
    forEachCommand(ctx, ZYPPER.commands, reportUnpinned);
  },
});

function reportUnpinned(cmd: ShellCommand, _site: RunSite, ctx: RuleContext): void {
  if (cmd.name !== 'zypper') return;
  const sub = subcommand(cmd, ZYPPER.install.subcommands, ZYPPER.valueOptions);
  if (!sub || nonPackageType(cmd)) return;
  for (const pkg of packagesAfter(cmd, sub, ZYPPER.valueOptions)) {
    if (ZYPPER.install.pinned(pkg.value.replace(/\\/g, ''))) continue;
    ctx.report({ range: pkg.range, message: 'Specify version with `zypper install -y <package>=<version>`.' });
  }
}

/** `-t pattern`, `--type=patch`...: things that are not packages have no version to pin. */
function nonPackageType(cmd: Parameters<typeof hasFlag>[0]): boolean {
  if (!hasFlag(cmd, 't', 'type')) return false;
  const words = cmd.args.map((a) => a.value);
  const i = words.findIndex((w) => w === '-t' || w === '--type');
  const type = i >= 0 ? words[i + 1] : cmd.flags.find((f) => f.name === 'type')?.value;
  return type !== 'package';
}
