// Package-manager logic shared by the hadolint rules for yum, dnf, zypper and yarn (DL3030–DL3041,
// DL3060): the subcommand of a call, its package words, the RPM version test and "cleaned up later".
import type { Span } from '../../core/range.js';
import type { Dockerfile, Instruction } from '../../parser/ast.js';
import type { ShellCommand, ShellWord } from '../../shell/types.js';
import { hadolintOperands } from './command-args.js';

/** Value-taking options of yum/dnf whose value is a separate word (so it is not a package). */
export const RPM_VALUE_FLAGS = ['c', 'config', 'd', 'debuglevel', 'e', 'errorlevel', 'x', 'exclude', 'enablerepo', 'disablerepo', 'repo', 'repoid', 'installroot', 'releasever', 'setopt', 'R', 'randomwait', 'forcearch', 'downloaddir', 'destdir'];

/** The first non-flag word of the command equal to one of `subcommands`. */
export function subcommand(cmd: ShellCommand, subcommands: string[], valueFlags: string[] = []): ShellWord | undefined {
  return hadolintOperands(cmd, valueFlags).find((w) => subcommands.includes(w.value));
}

/**
 * The package words of `<cmd> ... install a b c`: the non-flag words after the `install` word
 * (option values given as separate words are skipped).
 */
export function packagesAfter(cmd: ShellCommand, sub: ShellWord, valueFlags: string[]): ShellWord[] {
  const words = hadolintOperands(cmd, valueFlags);
  const i = words.indexOf(sub);
  return i < 0 ? [] : words.slice(i + 1);
}

/** Names declared as variables before `ins`: every earlier ARG, and ENVs of its stage and ancestors. */
export function knownVariables(file: Dockerfile, ins: Instruction, parents: readonly (number | null)[]): Set<string> {
  const lineage = new Set<number>();
  for (let s: number | null = ins.stageIndex; s !== null && s >= 0; s = parents[s] ?? null) lineage.add(s);
  lineage.add(-1);
  const out = new Set<string>();
  for (const other of file.instructions) {
    if (other.range.start >= ins.range.start) break;
    if (other.keyword === 'ARG') {
      for (const a of other.args) out.add(a.value.split('=')[0]!);
    } else if (other.keyword === 'ENV' && lineage.has(other.stageIndex)) {
      for (const p of other.pairs) out.add(p.key);
    }
  }
  return out;
}

const VAR_REF = /^\$(?:\{([A-Za-z_][A-Za-z0-9_]*)(?:[:?#%/+-][^}]*)?\}|([A-Za-z_][A-Za-z0-9_]*))$/;

/** The variable a word part refers to when the part is exactly `$NAME` or `${NAME...}`. */
export function variableOf(part: string): string | undefined {
  const m = VAR_REF.exec(part);
  return m ? (m[1] ?? m[2]) : undefined;
}

/** True when a word is only an expansion (`$PKGS`, `${PKGS}`, `$(cat list)`, backquotes): its value is unknown. */
export function isExpansionOnly(word: string): boolean {
  return variableOf(word) !== undefined || /^\$\([^]*\)$/.test(word) || /^`[^`]*`$/.test(word);
}

/**
 * hadolint's RPM pinning test (DL3033, DL3041): `name-version[-release]` where every part after the
 * first `-` uses `[0-9A-Za-z.~^_:+]` and one part starts with a digit; `*.rpm` files are pinned.
 * A part that is a declared variable (`git-core-${VERSION}`) counts as a version; a word that is
 * only an expansion is not judged.
 */
export function rpmVersionPinned(pkg: string, known: Set<string>): boolean {
  if (pkg.endsWith('.rpm')) return true;
  // A package that is only an expansion (`$PKG`, `$(cat list)`) may hold anything: not judged.
  if (isExpansionOnly(pkg)) return true;
  const parts = pkg.split('-');
  if (parts.length <= 1) return false;
  const rest = parts.slice(1);
  let digit = false;
  for (const p of rest) {
    const v = variableOf(p);
    if (v !== undefined && known.has(v)) {
      digit = true;
      continue;
    }
    if (!/^[0-9A-Za-z.~^_:+]*$/.test(p)) return false;
    if (/^[0-9]/.test(p)) digit = true;
  }
  return digit;
}

/**
 * The first command matched by `isInstall` that no later command matched by `isClean` follows,
 * i.e. the install whose downloads stay in the layer. Undefined when every install is cleaned up.
 */
export function uncleanedInstall(commands: readonly ShellCommand[], isInstall: (c: ShellCommand) => boolean, isClean: (c: ShellCommand) => boolean): ShellCommand | undefined {
  let pending: ShellCommand | undefined;
  for (const c of commands) {
    if (isInstall(c)) pending ??= c;
    else if (pending && isClean(c)) pending = undefined;
  }
  return pending;
}

/** True when `rm` removes one of `dirs` (or something below it) recursively. */
export function removesDir(cmd: ShellCommand, dirs: string[]): boolean {
  if (cmd.name !== 'rm') return false;
  return cmd.argsNoFlags.some((w) => dirs.some((d) => w.value === d || w.value.startsWith(`${d}/`) || w.value.startsWith(`${d}*`)));
}

/** From the command name to `last` (e.g. `dnf install`): where a missing-flag finding points. */
export function commandHead(cmd: ShellCommand, last?: ShellWord): Span {
  return { start: cmd.nameRange.start, end: (last?.range ?? cmd.nameRange).end };
}
