// DL3042: `pip install` without `--no-cache-dir` (and no PIP_NO_CACHE_DIR or cache mount).
import type { Dockerfile, Instruction } from '../parser/ast.js';
import { stageGraph } from '../semantic/stage-graph.js';
import type { ShellCommand, ShellWord } from '../shell/types.js';
import { defineRule } from './types.js';
import { hasCacheMount } from './utils/mounts.js';
import { PACKAGE_MANAGERS } from './utils/package-managers.js';
import { unquote } from './utils/quotes.js';
import { commandHead, insertAfter } from './utils/run-edits.js';
import { anyRunNames, commandsOf, runSites, siteCommandNames, someName } from './utils/runs.js';

const PIP = PACKAGE_MANAGERS.pip;
const NO_CACHE = `--${PIP.cache.noCacheOptions[0]}`;

const TRUTHY = new Set(['1', 'true', 'True', 'TRUE', 'on', 'On', 'ON', 'yes', 'Yes', 'YES']);

export default defineRule({
  code: 'DL3042',
  name: 'pip-cache-dir-kept',
  aliases: [],
  severity: 'warning',
  origin: 'hadolint',
  fixable: 'unsafe',
  docs: {
    summary: '`pip install` without `--no-cache-dir`.',
    why: "pip keeps downloaded wheels in ~/.cache/pip. In an image they are never reused, but they are committed to the layer and make the image larger.",
    bad: 'FROM python:3.12\nRUN pip install requests==2.32.3',
    good: 'FROM python:3.12\nRUN pip install --no-cache-dir requests==2.32.3',
    fix: 'Add `--no-cache-dir`, set `ENV PIP_NO_CACHE_DIR=1` earlier in the stage, or mount the cache: `RUN --mount=type=cache,target=/root/.cache/pip pip install ...`.',
    fixSafety: 'Unsafe: it changes the image (the pip cache is no longer in the layer), which is the point but should be reviewed; a build that later relies on the cached wheels would download them again.',
    notes: 'Like hadolint: `pip`, `pip3`, `pip3.12` and `python -m pip` are checked, pipx and pipenv are not; `ENV PIP_NO_CACHE_DIR=<truthy>` in the stage (inherited through `FROM <stage>`), `PIP_NO_CACHE_DIR=<truthy>` in the RUN, and a cache/tmpfs mount on `.cache/pip` silence it; ONBUILD RUN is checked, and an earlier `ONBUILD ENV PIP_NO_CACHE_DIR=<truthy>` silences it. Unlike hadolint: an ONBUILD RUN also sees the stage\'s own ENV as the stage ends (the image built on top inherits it; hadolint only looks at ONBUILD ENV triggers), `python -m pip <options> install` is checked (hadolint needs the three words `-m pip install` in a row), `PIP_NO_CACHE_DIR` must be assigned exactly a truthy value (hadolint only checks its first occurrence in the RUN text as a prefix), a later `ENV PIP_NO_CACHE_DIR=0` turns the check back on, the finding points at the `pip install` words of each offending command, and stages are told apart by position (hadolint lets a second `FROM debian` inherit the ENV of an earlier, unrelated `FROM debian` stage).',
  },
  check(ctx) {
    // Only pip* and python* commands can be pip installs: skip files and RUNs without them.
    if (!someName(anyRunNames(ctx), isPipOrPython)) return;
    const envSet = pipEnvByInstruction(ctx.file);
    for (const site of runSites(ctx.file, { onbuild: true })) {
      if (!someName(siteCommandNames(ctx, site), isPipOrPython)) continue;
      if (envSet.get(site.top) || hasCacheMount(site.run, ...PIP.cache.mountFragments)) continue;
      const commands = commandsOf(ctx, site, 'launchers+assignments');
      if (commands.some(setsNoCacheDir)) continue;
      for (const cmd of commands) {
        const install = pipInstallWord(cmd);
        if (!install || cmd.args.some((a) => a.value === NO_CACHE)) continue;
        ctx.report({
          range: commandHead(cmd, install),
          message: 'Avoid use of cache directory with pip. Use `pip install --no-cache-dir <package>`',
          // An exec-form (JSON) RUN gets no fix: an inserted bare word would break the array.
          ...(!site.run.json && { fix: { title: `Add ${NO_CACHE}`, safety: 'unsafe' as const, edits: [insertAfter(ctx.file, install.range, ` ${NO_CACHE}`)] } }),
        });
      }
    }
  },
});

function isPipOrPython(name: string): boolean {
  return name.startsWith('pip') || name.startsWith('python');
}

/** The `install` word of a pip call (`pip install`, `pip3.11 install`, `python3 -m pip install`). */
function pipInstallWord(cmd: ShellCommand) {
  const name = cmd.name.slice(cmd.name.lastIndexOf('/') + 1);
  // Only pip* and python* names can match below; most commands are neither.
  if (!name.startsWith('pip') && !name.startsWith('python')) return undefined;
  if (name.includes('pipx') || name.includes('pipenv')) return undefined;
  if (/^pip[0-9.]*$/.test(name)) return cmd.args.find((a) => a.value === 'install');
  if (/^python[0-9.]*$/.test(name)) {
    const m = cmd.args.findIndex((a, i) => a.value === '-m' && cmd.args[i + 1]?.value === 'pip');
    if (m < 0) return undefined;
    return cmd.args.slice(m + 2).find((a) => a.value === 'install');
  }
  return undefined;
}

/** `PIP_NO_CACHE_DIR=<truthy> pip ...`, `export PIP_NO_CACHE_DIR=<truthy>`, `env PIP_NO_CACHE_DIR=<truthy> ...`. */
function setsNoCacheDir(cmd: ShellCommand): boolean {
  return cmd.assignments.some(setsNoCacheDirWord) || ((cmd.name === 'export' || cmd.name === 'env') && cmd.args.some(setsNoCacheDirWord));
}

function setsNoCacheDirWord(w: ShellWord): boolean {
  if (!w.value.startsWith('PIP_NO_CACHE_DIR=')) return false;
  const m = /^PIP_NO_CACHE_DIR=(.*)$/s.exec(w.value);
  return m !== null && TRUTHY.has(unquote(m[1]!));
}

/**
 * Whether PIP_NO_CACHE_DIR is truthy by ENV when each top-level instruction runs. An ONBUILD RUN
 * runs in the image built on top: it sees the stage's ENV as the stage ends, then the ONBUILD ENV
 * triggers before it.
 */
function pipEnvByInstruction(file: Dockerfile): Map<Instruction, boolean> {
  const parents = stageGraph(file).parents;
  const stageValue = new Map<number, boolean>();
  const out = new Map<Instruction, boolean>();
  const onbuilds: Instruction[] = [];
  let current = false;
  for (const ins of file.instructions) {
    if (ins.keyword === 'FROM') {
      const p = parents[ins.stageIndex] ?? null;
      current = p !== null ? (stageValue.get(p) ?? false) : false;
    } else if (ins.keyword === 'ENV') {
      current = pipNoCacheDir(ins, current);
    } else if (ins.keyword === 'ONBUILD') {
      onbuilds.push(ins);
    }
    stageValue.set(ins.stageIndex, current);
    out.set(ins, current);
  }
  // Triggers, stage by stage in order: each starts from its stage's final value.
  let stage = -2;
  for (const ins of onbuilds) {
    if (ins.stageIndex !== stage) {
      stage = ins.stageIndex;
      current = stageValue.get(stage) ?? false;
    }
    if (ins.trigger?.keyword === 'ENV') current = pipNoCacheDir(ins.trigger, current);
    out.set(ins, current);
  }
  return out;
}

/** PIP_NO_CACHE_DIR truthy after an ENV, given whether it was before. */
function pipNoCacheDir(env: Instruction, before: boolean): boolean {
  let value = before;
  for (const pair of env.pairs) if (pair.key === 'PIP_NO_CACHE_DIR') value = TRUTHY.has(unquote(pair.value));
  return value;
}
