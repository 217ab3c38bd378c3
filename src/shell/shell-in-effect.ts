// Which SHELL a RUN runs under, computed from the AST alone (stage chain via `FROM <stage>`).
import type { Dockerfile, Instruction, Stage } from '../parser/ast.js';
import { parentStage } from '../semantic/stage-graph.js';

/**
 * The exec-form `SHELL` in effect at `instruction` (an ONBUILD counts at its own position), or
 * null for the default `/bin/sh -c`. A stage built `FROM` an earlier stage inherits its SHELL.
 */
export function shellInEffect(instruction: Instruction, file: Dockerfile): string[] | null {
  const stage = file.stages[instruction.stageIndex];
  if (!stage) return null;
  return shellAt(stageShells(file, stage, 0), instruction.range.start);
}

/** Where the SHELL changes within one stage: the inherited shell, then (offset, shell) in order. */
interface StageShells {
  initial: string[] | null;
  changes: { start: number; shell: string[] }[];
}

// Computed once per stage of the last file asked about: every RUN asks, and rescanning the stage
// each time was quadratic in the number of instructions. Not a WeakMap keyed by files: its
// entries survive young-generation collections and get promoted (costly garbage collection).
let cachedFile: Dockerfile | undefined;
let cachedStages = new Map<number, StageShells>();

function stageShells(file: Dockerfile, stage: Stage, depth: number): StageShells {
  if (cachedFile !== file) {
    cachedFile = file;
    cachedStages = new Map();
  }
  const perFile = cachedStages;
  const hit = perFile.get(stage.index);
  if (hit) return hit;
  const parent = depth < 64 ? parentStage(file, stage) : undefined;
  let initial: string[] | null = null;
  if (parent) {
    const p = stageShells(file, parent, depth + 1);
    initial = p.changes.length ? p.changes[p.changes.length - 1]!.shell : p.initial;
  } else if (isWindowsBase(stage, file)) initial = WINDOWS_DEFAULT;
  const changes: StageShells['changes'] = [];
  for (const ins of stage.instructions) {
    // BuildKit only accepts SHELL in JSON form; a shell-form SHELL is an error and changes nothing.
    if (ins.keyword === 'SHELL' && ins.json && ins.args.length > 0) changes.push({ start: ins.range.start, shell: ins.args.map((a) => a.value) });
  }
  const result = { initial, changes };
  perFile.set(stage.index, result);
  return result;
}

/** The shell in effect just before `offset`: the last change starting before it. */
function shellAt(s: StageShells, offset: number): string[] | null {
  let lo = 0;
  let hi = s.changes.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (s.changes[mid]!.start < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo === 0 ? s.initial : s.changes[lo - 1]!.shell;
}


/** BuildKit's default shell on Windows images. */
const WINDOWS_DEFAULT = ['cmd', '/S', '/C'];

/**
 * Windows images run RUN with `cmd /S /C`. The AST cannot know an image's OS, so this recognises
 * the unambiguous cases: a `windows/*` platform, Microsoft's Windows repositories, and the
 * `servercore` / `nanoserver` variants (`python:3.12-windowsservercore`, `golang:1.22-nanoserver`),
 * after substituting the defaults of global ARGs (`FROM ${BASE_IMAGE}`).
 */
export function isWindowsBase(stage: Stage, file?: Dockerfile): boolean {
  if (stage.platform && /^windows(\/|$)/i.test(stage.platform)) return true;
  const base = (file ? withGlobalDefaults(stage.base, file) : stage.base).toLowerCase();
  return /(^|\/)mcr\.microsoft\.com\/(windows([:/@]|$)|dotnet\/framework\/)/.test(base) || /servercore|nanoserver/.test(base);
}

/** `${NAME}` / `$NAME` replaced by the default of a global ARG, when it has one. */
function withGlobalDefaults(word: string, file: Dockerfile): string {
  if (!word.includes('$')) return word;
  const defaults = new Map<string, string>();
  for (const ins of file.globalArgs) {
    for (const a of ins.args) {
      const eq = a.value.indexOf('=');
      if (eq > 0) defaults.set(a.value.slice(0, eq), a.value.slice(eq + 1).replace(/^(["'])(.*)\1$/, '$2'));
    }
  }
  return word.replace(/\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?/g, (m, name: string) => defaults.get(name) ?? m);
}

const POSIX_SHELLS = new Set(['sh', 'bash', 'ash', 'dash', 'zsh', 'ksh', 'mksh', 'pdksh', 'ksh88', 'ksh93', 'oksh', 'yash', 'posh', 'lksh', 'rbash']);

/**
 * True for the default shell (null) and for `sh`-family shells by any path (`/bin/bash`,
 * `/usr/bin/env bash`, `busybox sh`); false for PowerShell, pwsh, cmd and anything unknown.
 */
export function isPosixShell(shell: readonly string[] | null): boolean {
  return shell === null || POSIX_SHELLS.has(shellProgram(shell).name);
}

/**
 * The program a command line runs, seen through `env [-opts] [NAME=value]...` and `busybox`: its
 * lower-cased base name without `.exe` (`/usr/bin/env bash -c` → `bash`) and the index of its word.
 */
export function shellProgram(words: readonly string[]): { name: string; index: number } {
  let i = 0;
  let name = programName(words[0]);
  if (name === 'env') {
    i = 1;
    while (i < words.length && (words[i]!.startsWith('-') || words[i]!.includes('='))) i++;
    name = programName(words[i]);
  }
  if (name === 'busybox') name = programName(words[++i]);
  return { name, index: i };
}

/** True when `name` (a base name, as {@link shellProgram} gives) is a POSIX shell. */
export function isPosixShellName(name: string): boolean {
  return POSIX_SHELLS.has(name);
}

function programName(word: string | undefined): string {
  if (!word) return '';
  const base = word.trim().split(/[\\/]/).pop() ?? '';
  return base.toLowerCase().replace(/\.exe$/, '');
}
