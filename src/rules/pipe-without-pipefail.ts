// DL4006: a RUN with a pipe while the shell does not run with `-o pipefail`.
import { defineRule } from './types.js';
import type { Span } from '../core/range.js';
import type { Dockerfile, Instruction } from '../parser/ast.js';
import type { ShellScript } from '../shell/types.js';
import { baseName } from '../shell/query.js';
import { execFormScript, execFormShellCall } from '../shell/script-of.js';
import { stageGraph } from '../semantic/stage-graph.js';

const PIPEFAIL_SHELLS = new Set(['bash', 'zsh', 'ash']);
const NON_POSIX = ['pwsh', 'powershell', 'cmd'];

export default defineRule({
  code: 'DL4006',
  name: 'pipe-without-pipefail',
  aliases: [],
  severity: 'warning',
  origin: 'hadolint',
  fixable: 'none',
  docs: {
    summary: 'RUN with a pipe, but the shell is not set to `-o pipefail`.',
    why: 'A pipeline\'s exit status is that of its last command: `wget -O - url | tar x` succeeds even when the download fails, and the build goes on with a broken layer.',
    bad: 'FROM debian:12\nRUN wget -O - https://example.com/install.sh | bash',
    good: 'FROM debian:12\nSHELL ["/bin/bash", "-o", "pipefail", "-c"]\nRUN wget -O - https://example.com/install.sh | bash',
    fix: 'Add `SHELL ["/bin/bash", "-o", "pipefail", "-c"]` before the RUN (on Alpine/BusyBox use `/bin/ash`), or start the script with `set -o pipefail`.',
    notes:
      'Like hadolint: only a SHELL of bash, zsh or ash with `-o pipefail` counts (plain `sh` may not support it), the SHELL ' +
      'is reset at FROM <image>, a non-POSIX SHELL (pwsh, powershell, cmd) turns the check off, and an exec-form RUN that ' +
      'runs a shell on a script (`RUN ["sh", "-c", "curl x | sh"]`) is checked. Unlike hadolint: such an exec-form RUN is ' +
      'judged by the shell it names, not by SHELL (exec form bypasses SHELL; `["bash", "-o", "pipefail", "-c", ...]` is ' +
      'fine, and `|` inside other exec-form arguments is not a pipe); a stage built `FROM <stage>` keeps that stage\'s SHELL ' +
      '(as the builder does; hadolint resets it); a script that runs `set -o pipefail` before the pipe is fine; pipes in ' +
      'RUN heredoc bodies are found; the finding points at the `|`; shells are recognised by base name (`/usr/bin/pwsh`); ' +
      'a Windows stage without SHELL (cmd) is not checked; and `pipefail` must be the name an `o` of the shell options ' +
      'takes, as bash reads them (`-oeu pipefail` counts; hadolint accepts any `o` flag with the word `pipefail` anywhere).',
  },
  check(ctx) {
    const parents = stageGraph(ctx.file).parents;
    const atEnd = new Map<number, Mode>();
    let shell: Mode = 'plain';
    for (const ins of ctx.file.instructions) {
      if (ins.keyword === 'FROM') {
        // A stage built FROM an earlier stage runs with that stage's SHELL (it is in the image config).
        const p = parents[ins.stageIndex] ?? null;
        shell = p !== null ? (atEnd.get(p) ?? 'plain') : 'plain';
        atEnd.set(ins.stageIndex, shell);
      } else if (ins.keyword === 'SHELL') {
        shell = classify(ins);
        // Only FROM and SHELL change the shell: what was set last is the stage's shell at its end.
        atEnd.set(ins.stageIndex, shell);
      } else if (ins.keyword === 'RUN') {
        // An exec-form RUN bypasses SHELL: `RUN ["sh", "-c", "a | b"]` is judged by the shell it names.
        const pipe = ins.json ? execFormPipe(ctx.file, ins) : shell === 'plain' ? firstUnguardedPipe(ctx.shell(ins)) : undefined;
        if (pipe) {
          ctx.report({
            range: pipe,
            message: 'Set the SHELL option -o pipefail before RUN with a pipe in it. If you are using /bin/sh in an alpine image or if your shell is symlinked to busybox then consider explicitly setting your SHELL to /bin/ash, or disable this check',
          });
        }
      }
    }
  },
});

type Mode = 'pipefail' | 'plain' | 'off';

function classify(ins: Instruction): Mode {
  const words = ins.args.map((a) => a.value);
  const exe = baseName(words[0] ?? '').toLowerCase();
  if (NON_POSIX.some((p) => exe.startsWith(p))) return 'off';
  return PIPEFAIL_SHELLS.has(exe) && setsPipefail(words.slice(1)) ? 'pipefail' : 'plain';
}

/** The first pipe of an exec-form RUN's `-c` script, unless the shell it names runs with `-o pipefail`. */
function execFormPipe(file: Dockerfile, ins: Instruction): Span | undefined {
  const call = execFormShellCall(ins);
  if (!call || !call.script.value.includes('|')) return undefined;
  if (PIPEFAIL_SHELLS.has(call.shell) && setsPipefail(call.options)) return undefined;
  return firstUnguardedPipe(execFormScript(ins, file));
}

/**
 * `-o pipefail` among shell options, as bash reads them: each `o` of a cluster (`-eo`, `-oeu`,
 * `-euxo`) takes the next word as the name of the option it sets.
 */
function setsPipefail(words: string[]): boolean {
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    if (!/^-[a-zA-Z]+$/.test(w)) continue;
    const names = w.split('o').length - 1;
    if (words.slice(i + 1, i + 1 + names).includes('pipefail')) return true;
    i += names;
  }
  return false;
}

/** The range of the first pipe of the RUN, unless `set -o pipefail` ran before it. */
function firstUnguardedPipe(script: ShellScript | undefined): Span | undefined {
  const pipe = script?.operators.find((o) => o.op === '|' || o.op === '|&');
  if (!script || !pipe) return undefined;
  const guarded = script.commands.some((c) => c.range.start < pipe.range.start && c.name === 'set' && setsPipefail(c.args.map((w) => w.value)));
  return guarded ? undefined : pipe.range;
}
