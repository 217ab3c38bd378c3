// DL3059: consecutive single-command RUN instructions that could be one layer.
import { defineRule } from './types.js';
import type { Fix } from '../core/diagnostic.js';
import type { Dockerfile, Instruction } from '../parser/ast.js';
import type { ShellCommand } from '../shell/types.js';
import { commandsOf } from './utils/runs.js';
import { stripQuotes } from './utils/quotes.js';
import { trailingShellComment } from './utils/run-edits.js';

export default defineRule({
  code: 'DL3059',
  name: 'consecutive-runs',
  aliases: [],
  severity: 'info',
  origin: 'hadolint',
  fixable: 'unsafe',
  docs: {
    summary: 'Multiple consecutive `RUN` instructions that could be consolidated.',
    why: 'Each RUN creates a layer. Consecutive simple RUNs with the same options are usually one step split by accident; merging them makes fewer layers and lets a cleanup in the same RUN actually shrink the image.',
    bad: 'FROM debian:12\nRUN apt-get update\nRUN apt-get install -y curl',
    good: 'FROM debian:12\nRUN apt-get update \\\n && apt-get install -y curl',
    fix: 'Join the commands with `&&` in one RUN.',
    fixSafety: 'Unsafe: the commands then share one shell, so a `cd` or `export` in the first one now affects the second, and the layer cache is split differently. Only offered for shell-form RUNs in a POSIX shell, without heredocs and with nothing but whitespace between them.',
    notes: 'Like hadolint: comments between the RUNs do not separate them, RUNs with different flags (e.g. different `--mount`s) are not reported, while flags that mean the same are equal (`--mount=type=cache,target=/a` and `--mount=target=/a,type=cache`), and a RUN that already chains several commands is taken as a deliberate split. ONBUILD RUN is not checked. Under a PowerShell or cmd SHELL, statements are counted by `;`, `&&`, `||` and line breaks.',
  },
  check(ctx) {
    const list = ctx.file.instructions;
    // A RUN's command count matters only next to another RUN: worked out for those alone.
    const countOf = (ins: Instruction, posix: boolean): number =>
      posix || ins.json ? namedCount(commandsOf(ctx, { run: ins, top: ins, onbuild: false })) : statementCount(ins.argsText);
    for (let i = 1; i < list.length; i++) {
      const ins = list[i]!;
      const before = list[i - 1]!;
      if (ins.keyword !== 'RUN' || before.keyword !== 'RUN' || flagKey(before) !== flagKey(ins)) continue;
      const prevPosix = !before.json && ctx.shell(before) !== undefined;
      if (countOf(before, prevPosix) > 1) continue;
      const posix = !ins.json && ctx.shell(ins) !== undefined;
      if (countOf(ins, posix) > 1) continue;
      // `&&` joins commands in sh, not in PowerShell or cmd: no fix for a non-POSIX SHELL.
      const fix = prevPosix && posix ? mergeFix(ctx.file, before, ins) : undefined;
      ctx.report({ range: ins.keywordRange, message: 'Multiple consecutive `RUN` instructions. Consider consolidation.', ...(fix && { fix }) });
    }
  },
});

/** Statements of a script in a non-POSIX SHELL (PowerShell, cmd), split on `;`, `&&`, `||` and lines. */
function statementCount(text: string): number {
  return text.split(/;|&&|\|\||\n/).filter((s) => s.trim() !== '').length;
}

/**
 * A RUN's flags as a key that is equal when their meaning is (hadolint compares parsed flags): each
 * `--mount` by its fields in any order, keys lower-cased and aliases resolved (`dst` = `target`), the
 * type `bind` when not given; flags in any order, a repeated one counted once.
 */
function flagKey(ins: Instruction): string {
  const flags = ins.flags;
  if (flags.length === 0) return '';
  if (flags.length === 1 && flags[0]!.name !== 'mount') return flags[0]!.raw;
  const parts = new Set<string>();
  for (const f of flags) parts.add(f.name === 'mount' && f.value !== null ? `--mount=${mountKey(f.value)}` : f.raw);
  return [...parts].sort().join('\u0000');
}

const MOUNT_KEY_ALIASES: Readonly<Record<string, string>> = { dst: 'target', destination: 'target', src: 'source', ro: 'readonly', rw: 'readwrite' };

/** A `--mount` spec's fields, sorted: `target=/a,type=cache` for `type=cache,dst=/a`. */
function mountKey(spec: string): string {
  const fields = new Map<string, string>([['type', 'bind']]);
  for (const field of spec.split(',')) {
    const eq = field.indexOf('=');
    const name = (eq < 0 ? field : field.slice(0, eq)).trim().toLowerCase();
    const key = MOUNT_KEY_ALIASES[name] ?? name;
    // A bare key is a boolean set to true (`ro`, `required`).
    const value = eq < 0 ? 'true' : stripQuotes(field.slice(eq + 1).trim());
    fields.set(key, key === 'type' ? value.toLowerCase() : value);
  }
  return [...fields].map(([k, v]) => `${k}=${v}`).sort().join(',');
}

/** Joins `cur` onto `prev` with `&&` (their flags are equal), when only whitespace separates them. */
function mergeFix(file: Dockerfile, prev: Instruction, cur: Instruction): Fix | undefined {
  const plain = (i: Instruction) => !i.json && i.heredocs.length === 0 && i.argsText !== '';
  if (!plain(prev) || !plain(cur) || prev.range.end > cur.range.start) return undefined;
  // `&& \` after a trailing comment would be part of the comment, and so would the merged RUN.
  if (trailingShellComment(prev) !== undefined) return undefined;
  const gap = file.text.slice(prev.range.end, cur.range.start);
  if (gap.trim() !== '') return undefined;
  const text = ` && ${file.escapeChar}${gap.includes('\r\n') ? '\r\n' : '\n'}    `;
  return { title: 'Merge into the previous RUN', safety: 'unsafe', edits: [{ range: file.lineIndex.range(prev.argsRange.end, cur.argsRange.start), text }] };
}

/** Commands with a name (assignment-only statements do not count). */
function namedCount(cmds: readonly ShellCommand[]): number {
  let n = 0;
  for (const c of cmds) if (c.name !== '') n++;
  return n;
}
