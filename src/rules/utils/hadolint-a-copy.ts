// COPY / ADD operands as the hadolint-derived rules read them: sources, destination and the
// archive suffixes hadolint treats as "extractable" (DL3010, DL3020).
import type { Arg, Instruction } from '../../parser/ast.js';
import { unquote } from './hadolint-a-refs.js';

/** Sources and destination of a COPY/ADD (heredoc sources included as written, e.g. `<<EOF`). */
export function copyOperands(ins: Instruction): { sources: Arg[]; dest: Arg } | undefined {
  if (ins.args.length < 2) return undefined;
  return { sources: ins.args.slice(0, -1), dest: ins.args[ins.args.length - 1]! };
}

/**
 * The value of a COPY/ADD operand without surrounding quotes (exec-form values have none). BuildKit
 * splits non-JSON operands at whitespace, so a quoted path with a space arrives in pieces that
 * each carry one quote (`"C:\Program`, `Files\app.tar"`); stray quotes at either end go too.
 */
export function operandValue(arg: Arg): string {
  const v = unquote(arg.value);
  const first = v.charCodeAt(0);
  const last = v.charCodeAt(v.length - 1);
  // Most operands have no stray quote at either end: no regex, no copy.
  if (first !== 0x22 && first !== 0x27 && last !== 0x22 && last !== 0x27) return v;
  return v.replace(/^["']|["']$/g, '');
}

/** True when a source is a heredoc (`<<EOF`, `<<-EOF`). */
export function isHeredocSource(arg: Arg): boolean {
  return arg.value.startsWith('<<');
}

/** hadolint's archive suffixes (what ADD may unpack). */
/** Archive suffixes: each is one dot and what follows it, so a path ends with one exactly when its last dot starts one. */
const ARCHIVE_SUFFIXES = new Set(['.tar', '.Z', '.bz2', '.gz', '.lz', '.lzma', '.tZ', '.tb2', '.tbz', '.tbz2', '.tgz', '.tlz', '.tpz', '.txz', '.xz']);

/** True when a path ends with an archive suffix. */
export function isArchivePath(path: string): boolean {
  const dot = path.lastIndexOf('.');
  return dot >= 0 && ARCHIVE_SUFFIXES.has(path.slice(dot));
}

/** Last path component, with `/` and `\` both separating (Windows paths appear in Dockerfiles too). */
export function basename(path: string): string {
  const trimmed = path.replace(/[/\\]+$/, '');
  const i = Math.max(trimmed.lastIndexOf('/'), trimmed.lastIndexOf('\\'));
  return i < 0 ? trimmed : trimmed.slice(i + 1);
}
