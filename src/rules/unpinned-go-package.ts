// DL3062: `go install` / `go get` / `go run` of a remote package without an `@version`.
import type { ShellCommand, ShellWord } from '../shell/types.js';
import { defineRule, type RuleContext } from './types.js';
import { isExpansionOnly, isFlagWord } from './utils/command-args.js';
import { PACKAGE_MANAGERS } from './utils/package-managers.js';
import { forEachCommand, type RunSite } from './utils/runs.js';

const GO = PACKAGE_MANAGERS.go;
const VALUE_OPTIONS: ReadonlySet<string> = new Set(GO.valueOptions);

export default defineRule({
  code: 'DL3062',
  name: 'unpinned-go-package',
  aliases: [],
  severity: 'warning',
  origin: 'hadolint',
  fixable: 'none',
  docs: {
    summary: 'Pin the version of packages fetched by `go install`, `go get` and `go run`.',
    why: 'Without `@version` (or with `@latest`) the build fetches whatever was published last, so two builds of the same Dockerfile can produce different binaries, or break.',
    bad: 'FROM golang:1.22\nRUN go install golang.org/x/tools/gopls@latest',
    good: 'FROM golang:1.22\nRUN go install golang.org/x/tools/gopls@v0.15.3',
    fix: 'Append an exact version: `go install example.com/cmd@v1.2.3`.',
    notes: 'Like hadolint: local paths (`.`, `./x`, `/x`) are fine, every package of `go install` and `go get` is checked, only the first argument of `go run` is a package, and ONBUILD RUN is checked. Unlike hadolint: the value of a go build flag given as a separate word (`-tags netgo`, `-ldflags "-s"`) is not mistaken for a package, each unpinned package is reported at its own position, a package that is only an expansion (`$PKG`, `$(cat list)`) is not judged, an empty version (`pkg@`, which go rejects) is no pin, and `go install` packages are checked also when the RUN has a `go run` (hadolint then checks the `go run` package only).',
  },
  check(ctx) {
    // Findings are only about `go` commands: files and RUNs without them are skipped.
    forEachCommand(ctx, GO.commands, reportUnpinned);
  },
});

function reportUnpinned(cmd: ShellCommand, _site: RunSite, ctx: RuleContext): void {
  for (const pkg of unpinned(cmd)) {
    ctx.report({ range: pkg.range, message: 'Pin versions in go. Instead of `go install <package>` use `go install <package>@<version>`' });
  }
}

function unpinned(cmd: ShellCommand): ShellWord[] {
  if (cmd.name !== 'go') return [];
  const words = positional(cmd.args);
  const verb = words[0]?.value ?? '';
  if (!GO.install.subcommands.includes(verb)) return [];
  const pkgs = verb === 'run' ? words.slice(1, 2) : words.slice(1);
  return pkgs.filter((w) => w.value !== 'tool' && !isExpansionOnly(w.value) && isRemote(w.value) && !GO.install.pinned(w.value));
}

/** Non-flag words, skipping the separate value of value-taking go flags. */
function positional(args: ShellWord[]): ShellWord[] {
  const out: ShellWord[] = [];
  for (let i = 0; i < args.length; i++) {
    const w = args[i]!;
    if (!isFlagWord(w)) {
      out.push(w);
      continue;
    }
    // `go run pkg -x y`: flags after the package belong to the program; positional() only needs the first.
    const name = w.value.replace(/^--?/, '');
    if (!name.includes('=') && VALUE_OPTIONS.has(name)) i++;
  }
  return out;
}

function isRemote(pkg: string): boolean {
  return !(pkg === '.' || pkg.startsWith('.') || pkg.startsWith('/'));
}
