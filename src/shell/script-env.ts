// What ShellCheck needs to know about a RUN's surroundings, as hadolint computes it: the shell
// for the `#!` line (SHELL or a `# hadolint shell=` pragma) and the ARG/ENV names in scope.
import type { Dockerfile, Instruction, Stage } from '../parser/ast.js';
import { parentStage } from '../semantic/stage-graph.js';
import { shellInEffect } from './shell-in-effect.js';

/** Variables hadolint always exports: the proxy variables Docker passes through. */
const PROXY_VARS = ['HTTP_PROXY', 'http_proxy', 'HTTPS_PROXY', 'https_proxy', 'FTP_PROXY', 'ftp_proxy', 'NO_PROXY', 'no_proxy'];

/** The environment of a RUN for ShellCheck. */
export interface ScriptEnvironment {
  /** Interpreter for the `#!` line (`/bin/sh`, `/bin/bash`), or undefined when ShellCheck must skip the RUN. */
  shellcheckShell: string | undefined;
  /** Names to export so SC2154 stays quiet about build variables. */
  names: string[];
}

const PRAGMA = /^hadolint\s+shell\s*=\s*(\S+)/i;
const NOT_SH = /pwsh|powershell|cmd/i;

/** The ShellCheck view of `instruction` (a RUN or an ONBUILD RUN) in `file`. */
export function scriptEnvironment(instruction: Instruction, file: Dockerfile): ScriptEnvironment {
  const names = new Set(PROXY_VARS);
  // An ONBUILD RUN runs in a later build, where this build's ARGs are gone but ENV persists in the image.
  const kinds = instruction.keyword === 'ONBUILD' ? ['ENV'] : ['ARG', 'ENV'];
  const stage = file.stages[instruction.stageIndex];
  if (stage) collectNames(file, stage, instruction.range.start, names, kinds, 0);
  // Before the first FROM (invalid for BuildKit, but hadolint checks it): what came before counts.
  else addNames(file.instructions.filter((i) => i.stageIndex < 0), instruction.range.start, names, kinds);
  return { shellcheckShell: shellFor(instruction, file), names: [...names] };
}

function collectNames(file: Dockerfile, stage: Stage, before: number, out: Set<string>, kinds: string[], depth: number): void {
  const parent = depth < 64 ? parentStage(file, stage) : undefined;
  // A stage built on another inherits its image ENV; ARGs end with the stage that declared them.
  if (parent) collectNames(file, parent, Infinity, out, ['ENV'], depth + 1);
  addNames(stage.instructions, before, out, kinds);
}

function addNames(instructions: readonly Instruction[], before: number, out: Set<string>, kinds: string[]): void {
  for (const ins of instructions) {
    if (ins.range.start >= before || !kinds.includes(ins.keyword)) continue;
    if (ins.keyword === 'ARG') {
      for (const a of ins.args) {
        const name = a.value.split('=')[0]!;
        if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) out.add(name);
      }
    } else if (ins.keyword === 'ENV') {
      for (const p of ins.pairs) if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(p.key)) out.add(p.key);
    }
  }
}


/**
 * The shell ShellCheck should assume: the later of the SHELL in effect and a `# hadolint shell=`
 * pragma in the stage (a pragma before the first FROM sets the default for every stage).
 */
function shellFor(instruction: Instruction, file: Dockerfile): string | undefined {
  const stage = file.stages[instruction.stageIndex];
  const shell = shellInEffect(instruction, file);
  let fromShell = shell === null ? '/bin/sh' : shebangOf(shell);
  const shellAt = shell === null ? -1 : lastShellOffset(stage, instruction.range.start);

  let pragma: string | undefined;
  let pragmaAt = -1;
  const firstFrom = file.stages[0]?.from.range.start ?? Infinity;
  for (const c of file.comments) {
    if (c.range.start >= instruction.range.start) break;
    const m = PRAGMA.exec(c.text);
    if (!m) continue;
    const inStage = stage !== undefined && c.range.start > stage.from.range.start;
    if (c.range.start < firstFrom || inStage) {
      pragma = m[1];
      pragmaAt = c.range.start;
    }
  }
  if (pragma !== undefined && pragmaAt > shellAt) fromShell = pragma;
  return NOT_SH.test(fromShell) ? undefined : fromShell;
}

function lastShellOffset(stage: Stage | undefined, before: number): number {
  let at = -1;
  for (const ins of stage?.instructions ?? []) {
    if (ins.range.start >= before) break;
    if (ins.keyword === 'SHELL') at = ins.range.start;
  }
  return at;
}

/**
 * `["/bin/bash", "-o", "pipefail", "-c"]` → `/bin/bash`; `["/usr/bin/env", "bash", "-c"]` →
 * `/usr/bin/env bash`; `["/bin/busybox", "sh", "-c"]` → `/bin/busybox sh`; ksh variants → `/bin/ksh`
 * (ShellCheck knows sh, bash, dash, ksh and, through busybox, ash).
 */
function shebangOf(shell: string[]): string {
  const first = shell[0] ?? '/bin/sh';
  if (/(^|\/)(env|busybox)$/.test(first) && shell[1]) return `${first} ${shell[1]}`;
  if (/(^|\/)(mksh|pdksh|lksh|ksh93)$/.test(first)) return '/bin/ksh';
  return first;
}
