// What ShellCheck needs to know about a RUN's surroundings, as hadolint computes it: the shell
// for the `#!` line (SHELL or a `# hadolint shell=` pragma, through `FROM <stage>`) and the
// ARG/ENV names in scope (ONBUILD ENV/ARG triggers for an ONBUILD RUN).
import type { Dockerfile, Instruction, Stage } from '../parser/ast.js';
import { parentStage } from '../semantic/stage-graph.js';
import { isWindowsBase, shellProgram } from './shell-in-effect.js';

/** Variables hadolint always exports: the proxy variables Docker passes through. */
const PROXY_VARS = ['HTTP_PROXY', 'http_proxy', 'HTTPS_PROXY', 'https_proxy', 'FTP_PROXY', 'ftp_proxy', 'NO_PROXY', 'no_proxy'];

/** The environment of a RUN for ShellCheck. */
export interface ScriptEnvironment {
  /** Interpreter for the `#!` line (`/bin/sh`, `/bin/bash`), or undefined when ShellCheck must skip the RUN. */
  shellcheckShell: string | undefined;
  /** Names to export so SC2154 stays quiet about build variables. */
  names: string[];
}

/** The ShellCheck view of `instruction` (a RUN or an ONBUILD RUN) in `file`. */
export function scriptEnvironment(instruction: Instruction, file: Dockerfile): ScriptEnvironment {
  const shell = shellArgv(instruction, file);
  return { shellcheckShell: shell === null ? '/bin/sh' : shellcheckShebang(shell), names: [...namesFor(instruction, file)] };
}

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

function namesFor(instruction: Instruction, file: Dockerfile): Set<string> {
  const names = new Set(PROXY_VARS);
  const stage = file.stages[instruction.stageIndex];
  if (instruction.keyword === 'ONBUILD') {
    // The trigger runs in a later build FROM this image: the image's ENV (the whole stage's, and
    // its parents') is there, this build's ARGs are gone, and the triggers before it have run.
    if (stage) collectEnv(file, stage, names, 0);
    const scope = stage ? stage.instructions : file.instructions.filter((i) => i.stageIndex < 0);
    const triggers = scope.filter((i) => i.keyword === 'ONBUILD' && i.range.start < instruction.range.start && i.trigger);
    addNames(triggers.map((i) => i.trigger!), Infinity, names, ['ARG', 'ENV']);
    return names;
  }
  if (stage) {
    // A stage built on another inherits its image ENV; ARGs end with the stage that declared them.
    const parent = parentStage(file, stage);
    if (parent) collectEnv(file, parent, names, 1);
    addNames(stage.instructions, instruction.range.start, names, ['ARG', 'ENV']);
  } else {
    // Before the first FROM (invalid for BuildKit, but hadolint checks it): what came before counts.
    addNames(file.instructions.filter((i) => i.stageIndex < 0), instruction.range.start, names, ['ARG', 'ENV']);
  }
  return names;
}

/** Every ENV name of a stage and of the stages it is built on. */
function collectEnv(file: Dockerfile, stage: Stage, out: Set<string>, depth: number): void {
  const parent = depth < 64 ? parentStage(file, stage) : undefined;
  if (parent) collectEnv(file, parent, out, depth + 1);
  addNames(stage.instructions, Infinity, out, ['ENV']);
}

function addNames(instructions: readonly Instruction[], before: number, out: Set<string>, kinds: string[]): void {
  for (const ins of instructions) {
    if (ins.range.start >= before || !kinds.includes(ins.keyword)) continue;
    if (ins.keyword === 'ARG') {
      for (const a of ins.args) {
        const name = a.value.split('=')[0]!;
        if (NAME.test(name)) out.add(name);
      }
    } else if (ins.keyword === 'ENV') {
      for (const p of ins.pairs) if (NAME.test(p.key)) out.add(p.key);
    }
  }
}

// `# hadolint shell=<name>` (hadolint's Pragma.hs `shellParser`): one word naming the shell
// ShellCheck should assume from here on, then only blanks or a `# comment`; case-sensitive.
const SHELL_PRAGMA = /^[ \t]*hadolint[ \t]+shell[ \t]*=[ \t]*([^ \t\n]+)[ \t]*(?:#.*)?$/;

/** The shell a `# hadolint shell=<name>` comment names, or undefined when the comment is not one. */
export function parseShellPragma(text: string): string | undefined {
  return SHELL_PRAGMA.exec(text)?.[1];
}

/** A change of the shell: a JSON-form SHELL, or a `# hadolint shell=` pragma (one word). */
interface ShellChange {
  start: number;
  shell: string[];
}

/** Where the shell changes in each stage, and the pragma before the first FROM (the default). */
interface ShellTable {
  byStage: Map<number, ShellChange[]>;
  /** Changes before the first FROM (SHELL instructions and pragmas), for RUNs there. */
  preamble: ShellChange[];
  /** The last `# hadolint shell=` before the first FROM: every stage's starting shell. */
  defaultPragma: string[] | undefined;
}

// Computed once for the last file asked about (ShellCheck asks for every RUN of a file in turn).
let tableFile: Dockerfile | undefined;
let table: ShellTable | undefined;

function shellTable(file: Dockerfile): ShellTable {
  if (tableFile === file && table) return table;
  const byStage = new Map<number, ShellChange[]>();
  const preamble: ShellChange[] = [];
  const at = (offset: number): ShellChange[] => {
    // The stage a comment or instruction belongs to: the last FROM starting before it.
    let idx = -1;
    for (const s of file.stages) if (s.from.range.start < offset) idx = s.index;
    if (idx < 0) return preamble;
    let list = byStage.get(idx);
    if (!list) byStage.set(idx, (list = []));
    return list;
  };
  for (const ins of file.instructions) {
    // BuildKit only accepts SHELL in JSON form; a shell-form SHELL is an error and changes nothing.
    if (ins.keyword === 'SHELL' && ins.json && ins.args.length > 0) at(ins.range.start).push({ start: ins.range.start, shell: ins.args.map((a) => a.value) });
  }
  let defaultPragma: string[] | undefined;
  const firstFrom = file.stages[0]?.from.range.start ?? Infinity;
  for (const c of file.comments) {
    const name = c.text.includes('shell') ? parseShellPragma(c.text) : undefined;
    if (name === undefined) continue;
    at(c.range.start).push({ start: c.range.start, shell: [name] });
    if (c.range.start < firstFrom) defaultPragma = [name];
  }
  for (const list of [preamble, ...byStage.values()]) list.sort((a, b) => a.start - b.start);
  tableFile = file;
  table = { byStage, preamble, defaultPragma };
  return table;
}

/** The last change before `offset`, if any. */
function lastBefore(changes: readonly ShellChange[] | undefined, offset: number): string[] | undefined {
  let found: string[] | undefined;
  for (const c of changes ?? []) {
    if (c.start >= offset) break;
    found = c.shell;
  }
  return found;
}

/**
 * The shell ShellCheck should assume for a RUN (null: the default `/bin/sh`), as hadolint tracks
 * it: the later of the stage's SHELL and `# hadolint shell=` pragmas; a stage without either
 * starts from the shell its `FROM <stage>` parent ended with, else from the pragma before the
 * first FROM (or a Windows image's `cmd`). An ONBUILD RUN runs in a later build FROM this image,
 * whose shell is the one this stage ends with, unless an earlier ONBUILD SHELL changes it.
 */
export function shellArgv(instruction: Instruction, file: Dockerfile): string[] | null {
  const t = shellTable(file);
  const stage = file.stages[instruction.stageIndex];
  if (instruction.keyword === 'ONBUILD') {
    const scope = stage ? stage.instructions : file.instructions.filter((i) => i.stageIndex < 0);
    let onbuildShell: string[] | undefined;
    for (const i of scope) {
      if (i.range.start >= instruction.range.start) break;
      const trig = i.keyword === 'ONBUILD' ? i.trigger : undefined;
      if (trig?.keyword === 'SHELL' && trig.json && trig.args.length > 0) onbuildShell = trig.args.map((a) => a.value);
    }
    if (onbuildShell) return onbuildShell;
    return stage ? finalShell(file, t, stage, 0) : null;
  }
  if (!stage) return lastBefore(t.preamble, instruction.range.start) ?? null;
  return lastBefore(t.byStage.get(stage.index), instruction.range.start) ?? startingShell(file, t, stage, 0);
}

function finalShell(file: Dockerfile, t: ShellTable, stage: Stage, depth: number): string[] | null {
  return lastBefore(t.byStage.get(stage.index), Infinity) ?? startingShell(file, t, stage, depth);
}

function startingShell(file: Dockerfile, t: ShellTable, stage: Stage, depth: number): string[] | null {
  const parent = depth < 64 ? parentStage(file, stage) : undefined;
  if (parent) return finalShell(file, t, parent, depth + 1);
  return t.defaultPragma ?? (isWindowsBase(stage, file) ? ['cmd', '/S', '/C'] : null);
}

/** ShellCheck's dialects, by the base name of a shell program. */
const DIALECTS: Record<string, 'sh' | 'bash' | 'dash' | 'ksh' | 'ash'> = {
  sh: 'sh', bash: 'bash', dash: 'dash', ksh: 'ksh', ash: 'ash',
  // Not known to ShellCheck by name: their closest dialect.
  rbash: 'bash', mksh: 'ksh', pdksh: 'ksh', lksh: 'ksh', oksh: 'ksh', ksh88: 'ksh', ksh93: 'ksh', posh: 'sh', yash: 'sh',
};

/**
 * The `#!` line (without `#!`) that makes ShellCheck check a shell's dialect, or undefined for
 * a shell it cannot check: zsh (ShellCheck refuses it with SC1071, which hadolint reports on
 * every RUN), fish, PowerShell, cmd and anything else that is not an sh-family shell.
 * `["/bin/bash", "-c"]` → `/bin/bash`; `["/usr/bin/env", "bash", "-c"]` → `/usr/bin/env bash`;
 * `["/bin/busybox", "sh", "-c"]` → `/bin/busybox sh` (checked as dash); `mksh` → `/bin/ksh`.
 */
export function shellcheckShebang(shell: readonly string[]): string | undefined {
  const { name, index } = shellProgram(shell);
  const dialect = DIALECTS[name];
  if (!dialect) return undefined;
  // ShellCheck reads these spellings itself; the others get the dialect's plain path.
  const first = shell[0]!;
  const word = shell[index]!;
  if (name === dialect && first.startsWith('/')) {
    if (index === 0) return first;
    if (!/\s/.test(word)) return `${first} ${word}`;
  }
  return `/bin/${dialect}`;
}
