// hadolint DL3025 / BuildKit JSONArgsRecommended: CMD, ENTRYPOINT (and HEALTHCHECK CMD) in shell form.
import type { Fix } from '../core/diagnostic.js';
import type { Dockerfile, Instruction } from '../parser/ast.js';
import { defineRule } from './types.js';
import { stageChain } from '../semantic/stage-graph.js';
import { buildkitUrl } from './utils/docs-url.js';
import { knownWithoutEntrypoint, rootImage } from './utils/images.js';
import { inheritedTriggers, modelOf } from './utils/model.js';
import { instructionsWithTriggers } from './utils/instructions.js';

export default defineRule({
  code: 'DL3025',
  name: 'json-args-recommended',
  aliases: ['JSONArgsRecommended'],
  severity: 'warning',
  origin: 'hadolint',
  fixable: 'sometimes-safe',
  url: buildkitUrl('JSONArgsRecommended'),
  docs: {
    summary: 'Use the JSON (exec) form for CMD and ENTRYPOINT.',
    why:
      'In shell form the command runs as `/bin/sh -c "..."`: the shell is PID 1 and does not forward SIGTERM, so ' +
      '`docker stop` waits and then kills your process without a clean shutdown.',
    bad: 'FROM alpine\nCMD node server.js\n',
    good: 'FROM alpine\nCMD ["node", "server.js"]\n',
    fix:
      'Write the command as a JSON array. If you need shell features, use `["/bin/sh", "-c", "exec ..."]` ' +
      'or set a SHELL explicitly.',
    fixSafety:
      'Offered only when the command uses no shell syntax (quotes, variables, globs, operators, redirections). ' +
      'Safe for HEALTHCHECK CMD, and for CMD when no exec-form ENTRYPOINT can receive it (none in the stage chain ' +
      'and a base image known to have none, e.g. alpine or debian); unsafe otherwise, because the ENTRYPOINT then ' +
      'gets `node server.js` instead of `/bin/sh -c "node server.js"`. Unsafe for ENTRYPOINT: in exec form the ' +
      'image\'s CMD is appended as arguments, while the shell form ignored it.',
    notes:
      'As in BuildKit, nothing is reported when a SHELL instruction is in effect for the stage (its own or an ' +
      'ancestor stage\'s); hadolint reports shell form under any SHELL. As in hadolint 2.15, `HEALTHCHECK CMD` in shell ' +
      'form is reported too. As in BuildKit, an ONBUILD CMD or ENTRYPOINT is checked in the stages built FROM its ' +
      'stage (reported at their FROM). The message is BuildKit\'s.',
  },
  check(ctx) {
    const file = ctx.file;
    // An ONBUILD CMD or ENTRYPOINT runs in a stage built FROM its stage: BuildKit checks it there, under
    // that stage's SHELL, and reports it at its FROM (hadolint does not follow triggers).
    for (const { stage, info } of inheritedTriggers(file)) {
      const t = info.instruction;
      if ((t.keyword !== 'CMD' && t.keyword !== 'ENTRYPOINT') || t.json || info.scope.shellExplicit) continue;
      ctx.report({ range: stage.from.range, message: message(t.keywordRaw) });
    }
    for (const ins of file.instructions) {
      if (ins.keyword !== 'CMD' && ins.keyword !== 'ENTRYPOINT' && ins.keyword !== 'HEALTHCHECK') continue;
      if (ins.keyword === 'HEALTHCHECK') {
        const cmd = healthcheckCommand(ins);
        if (!cmd || cmd.json || hasShell(file, ins)) continue;
        ctx.report({
          range: ins.keywordRange,
          message: message(`${ins.keywordRaw} CMD`),
          fix: execFormFix(file, ins, cmd.offset, 'safe'),
        });
        continue;
      }
      if (ins.json || hasShell(file, ins)) continue;
      ctx.report({
        range: ins.keywordRange,
        message: message(ins.keywordRaw),
        fix: execFormFix(file, ins, 0, ins.keyword === 'CMD' && !entrypointMayTakeCmd(file, ins) ? 'safe' : 'unsafe'),
      });
    }
  },
});

function message(instruction: string): string {
  return `JSON arguments recommended for ${instruction} to prevent unintended behavior related to OS signals`;
}

/** True when a SHELL instruction of the stage, or of a stage it is built FROM, is in effect (BuildKit's test). */
function hasShell(file: Dockerfile, ins: Instruction): boolean {
  // Only a SHELL instruction (or an ONBUILD SHELL of a stage built FROM) makes one explicit: without any, no semantic model is needed.
  if (ins.stageIndex < 0 || instructionsWithTriggers(file, 'SHELL').length === 0) return false;
  return modelOf(file).scopeBefore(ins)?.shellExplicit === true;
}

/**
 * True when an exec-form ENTRYPOINT may receive this CMD as arguments (then `sh -c "..."` and the exec form
 * pass different arguments): one in the stage chain, or an image whose ENTRYPOINT dockhand does not know.
 */
function entrypointMayTakeCmd(file: Dockerfile, ins: Instruction): boolean {
  const stage = file.stages[ins.stageIndex];
  if (!stage) return true;
  const chain = stageChain(file, stage);
  const entrypoints = chain.flatMap((s) => s.instructions.filter((i) => i.keyword === 'ENTRYPOINT'));
  if (entrypoints.length > 0) return entrypoints.some((e) => e.json);
  const root = rootImage(file, stage.index);
  return !root || (root.kind === 'image' && !knownWithoutEntrypoint(root.ref));
}

/** For `HEALTHCHECK [opts] CMD x`: where the command starts in argsText and whether it is JSON. */
function healthcheckCommand(ins: Instruction): { offset: number; json: boolean } | undefined {
  const m = /^(cmd)(\s+)/i.exec(ins.argsText);
  if (!m) return undefined;
  const offset = m[0].length;
  const rest = ins.argsText.slice(offset);
  return { offset, json: isJsonArray(rest) };
}

function isJsonArray(s: string): boolean {
  if (!s.trimStart().startsWith('[')) return false;
  try {
    const v: unknown = JSON.parse(s);
    return Array.isArray(v) && v.every((x) => typeof x === 'string');
  } catch {
    return false;
  }
}

// Words made only of these characters mean the same to /bin/sh and to exec.
const PLAIN_WORD = /^[A-Za-z0-9_./:=@%+,-]+$/;

/** Shell builtins and keywords: no program of that name exists to exec. */
const SHELL_ONLY = new Set(['cd', 'export', 'source', '.', 'set', 'unset', 'eval', 'alias', 'ulimit', 'umask', 'trap', 'wait', 'read', 'shift', 'exit', 'return', 'if', 'for', 'while', 'until', 'case', 'function', 'exec']);

function execFormFix(file: Dockerfile, ins: Instruction, offset: number, safety: 'safe' | 'unsafe'): Fix | undefined {
  if (ins.range.startLine !== ins.range.endLine || ins.heredocs.length > 0) return undefined;
  const text = ins.argsText.slice(offset);
  const words = text.split(/[ \t]+/).filter((w) => w !== '');
  // `exec x` in shell form runs x as PID 1, exactly what exec form does.
  if (words[0] === 'exec') words.shift();
  if (words.length === 0 || !words.every((w) => PLAIN_WORD.test(w)) || SHELL_ONLY.has(words[0]!)) return undefined;
  const start = ins.argsRange.start + offset;
  if (file.text.slice(start, ins.argsRange.end) !== text) return undefined;
  return {
    title: 'Convert to exec form',
    safety,
    edits: [{ range: file.lineIndex.range(start, ins.argsRange.end), text: `[${words.map((w) => JSON.stringify(w)).join(', ')}]` }],
  };
}
