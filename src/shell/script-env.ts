// What ShellCheck needs to know about a RUN's surroundings, as hadolint computes it: the shell
// for the `#!` line (SHELL or a `# hadolint shell=` pragma, through `FROM <stage>`) and the
// ARG/ENV names in scope (ONBUILD ENV/ARG triggers for an ONBUILD RUN).
import { prefixLength } from '../core/sorted.js';
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
    const scope = stage ? stage.instructions : preamble(file);
    addNames(scope, instruction.range.start, names, ['ARG', 'ENV'], true);
    return names;
  }
  if (stage) {
    // A stage built on another inherits its image ENV; ARGs end with the stage that declared them.
    const parent = parentStage(file, stage);
    if (parent) collectEnv(file, parent, names, 1);
    addNames(stage.instructions, instruction.range.start, names, ['ARG', 'ENV']);
  } else {
    // Before the first FROM (invalid for BuildKit, but hadolint checks it): what came before counts.
    addNames(preamble(file), instruction.range.start, names, ['ARG', 'ENV']);
  }
  return names;
}

/** Every ENV name of a stage and of the stages it is built on. */
function collectEnv(file: Dockerfile, stage: Stage, out: Set<string>, depth: number): void {
  const parent = depth < 64 ? parentStage(file, stage) : undefined;
  if (parent) collectEnv(file, parent, out, depth + 1);
  addNames(stage.instructions, Infinity, out, ['ENV']);
}

/** The instructions before the first FROM, once per file. */
const preambles = new WeakMap<Dockerfile, Instruction[]>();
function preamble(file: Dockerfile): Instruction[] {
  let p = preambles.get(file);
  if (!p) preambles.set(file, (p = file.instructions.filter((i) => i.stageIndex < 0)));
  return p;
}

/** The names `kinds` instructions declare in a list, in order, each with where its instruction starts. */
interface Declared {
  starts: number[];
  names: string[];
}

/**
 * By instruction list (a stage's, or the preamble), then by kinds and whether ONBUILD triggers are
 * read instead: what addNames reads, made once per list. Asking it for every RUN of a stage used
 * to walk the whole stage for each: 20,000 RUNs took seconds, 200,000 held the language server for
 * minutes.
 */
const declaredCache = new WeakMap<readonly Instruction[], Map<string, Declared>>();

function declared(instructions: readonly Instruction[], kinds: string[], triggers: boolean): Declared {
  const key = `${kinds.join()}${triggers ? ':onbuild' : ''}`;
  let byKinds = declaredCache.get(instructions);
  if (!byKinds) declaredCache.set(instructions, (byKinds = new Map()));
  let d = byKinds.get(key);
  if (d) return d;
  d = { starts: [], names: [] };
  for (const outer of instructions) {
    const ins = triggers ? (outer.keyword === 'ONBUILD' ? outer.trigger : undefined) : outer;
    if (!ins || !kinds.includes(ins.keyword)) continue;
    if (ins.keyword === 'ARG') {
      for (const a of ins.args) {
        const name = a.value.split('=')[0]!;
        if (NAME.test(name)) d.starts.push(outer.range.start), d.names.push(name);
      }
    } else if (ins.keyword === 'ENV') {
      for (const p of ins.pairs) if (NAME.test(p.key)) d.starts.push(outer.range.start), d.names.push(p.key);
    }
  }
  byKinds.set(key, d);
  return d;
}

/**
 * Adds the names the `kinds` instructions of `instructions` that start before `before` declare, in
 * order (`triggers`: those of the ONBUILD instructions' triggers instead).
 */
function addNames(instructions: readonly Instruction[], before: number, out: Set<string>, kinds: string[], triggers = false): void {
  const { starts, names } = declared(instructions, kinds, triggers);
  // Instructions are in source order: the ones before `before` are a prefix.
  const n = prefixLength(starts.length, (i) => starts[i]! < before);
  for (let i = 0; i < n; i++) out.add(names[i]!);
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
  const stages = file.stages;
  const at = (offset: number): ShellChange[] => {
    // The stage a comment or instruction belongs to: the last FROM starting before it (a binary
    // search: a scan of every stage for each SHELL and pragma was quadratic).
    const n = prefixLength(stages.length, (i) => stages[i]!.from.range.start < offset);
    if (n === 0) return preamble;
    const idx = stages[n - 1]!.index;
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

/** The last change before `offset`, if any (`changes` in source order). */
function lastBefore(changes: readonly ShellChange[] | undefined, offset: number): string[] | undefined {
  if (!changes) return undefined;
  const n = prefixLength(changes.length, (i) => changes[i]!.start < offset);
  return n > 0 ? changes[n - 1]!.shell : undefined;
}

/** The ONBUILD SHELL triggers (JSON form) of an instruction list, once per list. */
const onbuildShellCache = new WeakMap<readonly Instruction[], ShellChange[]>();
function onbuildShells(scope: readonly Instruction[]): ShellChange[] {
  let list = onbuildShellCache.get(scope);
  if (list) return list;
  list = [];
  for (const i of scope) {
    const trig = i.keyword === 'ONBUILD' ? i.trigger : undefined;
    if (trig?.keyword === 'SHELL' && trig.json && trig.args.length > 0) list.push({ start: i.range.start, shell: trig.args.map((a) => a.value) });
  }
  onbuildShellCache.set(scope, list);
  return list;
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
    const scope = stage ? stage.instructions : preamble(file);
    const onbuildShell = lastBefore(onbuildShells(scope), instruction.range.start);
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
