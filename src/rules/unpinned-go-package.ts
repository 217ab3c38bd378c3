// DL3062: `go install` / `go get` / `go run` of a remote package without an `@version`.
import { defineRule } from './types.js';
import type { ShellCommand, ShellWord } from '../shell/types.js';
import { commandsOf, mayRunAny, runSites, siteCommandNames } from './utils/runs.js';
import { isFlagWord } from './utils/command-args.js';
import { isExpansionOnly } from './utils/hadolint-b-packages.js';

/** go build flags whose value is the next word (`-tags foo`), so that word is not a package. */
const VALUE_FLAGS = new Set(['C', 'p', 'o', 'asmflags', 'buildmode', 'buildvcs', 'compiler', 'gccgoflags', 'gcflags', 'installsuffix', 'ldflags', 'mod', 'modfile', 'overlay', 'pgo', 'pkgdir', 'tags', 'toolexec', 'exec', 'coverpkg', 'covermode']);

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
    notes: 'Like hadolint: local paths (`.`, `./x`, `/x`) are fine, only the first argument of `go run` is a package, and ONBUILD RUN is checked. Unlike hadolint: the value of a go build flag given as a separate word (`-tags netgo`, `-ldflags "-s"`) is not mistaken for a package, each unpinned package is reported at its own position, and a package that is only an expansion (`$PKG`, `$(cat list)`) is not judged.',
  },
  check(ctx) {
    // Findings are only about `go` commands: skip files and RUNs without them.
    if (!mayRunAny(ctx, ['go'])) return;
    for (const site of runSites(ctx.file, { onbuild: true })) {
      if (!siteCommandNames(ctx, site).has('go')) continue;
      for (const cmd of commandsOf(ctx, site)) {
        for (const pkg of unpinned(cmd)) {
          ctx.report({ range: pkg.range, message: 'Pin versions in go. Instead of `go install <package>` use `go install <package>@<version>`' });
        }
      }
    }
  },
});

function unpinned(cmd: ShellCommand): ShellWord[] {
  if (cmd.name !== 'go') return [];
  const words = positional(cmd.args);
  const verb = words[0]?.value;
  if (verb !== 'install' && verb !== 'get' && verb !== 'run') return [];
  const pkgs = verb === 'run' ? words.slice(1, 2) : words.slice(1);
  return pkgs.filter((w) => w.value !== 'tool' && !isExpansionOnly(w.value) && isRemote(w.value) && !pinned(w.value));
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
    if (!name.includes('=') && VALUE_FLAGS.has(name)) i++;
  }
  return out;
}

function isRemote(pkg: string): boolean {
  return !(pkg === '.' || pkg.startsWith('.') || pkg.startsWith('/'));
}

function pinned(pkg: string): boolean {
  const at = pkg.lastIndexOf('@');
  if (at < 0) return false;
  const version = pkg.slice(at + 1);
  return version !== '' && version !== 'latest' && version !== 'none';
}
