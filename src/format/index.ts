// `dockhand format`: a conservative Dockerfile formatter. It changes only what BuildKit ignores,
// so the parsed file (every instruction's arguments, flags, heredocs and comments) is the same
// before and after: instruction keywords (and FROM's `AS`) upper-cased, one space after the
// keyword, no trailing whitespace where BuildKit drops it, runs of blank lines between
// instructions collapsed to one, and one line end at the end of the file. Whitespace that can be
// part of a command (before a line-continuation escape, the indentation of continuation lines,
// anything in a heredoc) is never touched, and neither is an ONBUILD trigger: BuildKit stores the
// logical line after `ONBUILD` as written (case, inner and trailing blanks) in the image's OnBuild
// list. Pure: text in, text out.
import type { Dockerfile, Instruction } from '../parser/ast.js';
import { parse } from '../parser/index.js';

/** The formatted text of a parsed file (its syntax errors are the caller's business). */
export function formatFile(file: Dockerfile): string {
  return formatLines(file).map((l) => l.text).join('');
}

/** One source line and what the formatter makes of it. */
export interface FormattedLine {
  /** The line's offsets in the source, its line end included. */
  start: number;
  end: number;
  /** Its formatted text, line end included ('' when the line goes: extra blank lines, blank lines at the end). */
  text: string;
}

/**
 * The formatter line by line: every source line with its formatted text, so that joining them
 * gives `formatFile` and an editor can apply the changes of some lines only (range formatting).
 * Each line's formatting depends on the parsed file, never on how the other lines were formatted,
 * so any subset of the changes keeps BuildKit's parse.
 */
export function formatLines(file: Dockerfile): FormattedLine[] {
  const text = file.text;
  const eol = dominantEol(text);
  const escape = file.escapeChar;
  // Offsets that must be copied as they are: heredoc bodies and their terminator lines.
  const frozen: [number, number][] = [];
  // The keyword edits of each line (0-based), by source offset.
  const edits = new Map<number, Edit[]>();
  for (const top of file.instructions) {
    for (const ins of top.trigger ? [top, top.trigger] : [top]) {
      for (const h of ins.heredocs) {
        frozen.push([h.bodyRange.start, h.terminatorRange ? h.terminatorRange.end : ins.range.end]);
      }
    }
    for (const e of keywordEdits(file, top)) {
      const line = file.lineIndex.position(e.start).line - 1;
      const list = edits.get(line) ?? [];
      list.push(e);
      edits.set(line, list);
    }
  }
  frozen.sort((a, b) => a[0] - b[0]);

  const starts = file.lineIndex.lineStarts;
  const out: FormattedLine[] = [];
  let blankRun = 0;
  let f = 0;
  let ins = 0;
  const list = file.instructions;
  for (let n = 0; n < starts.length; n++) {
    const start = starts[n]!;
    if (start >= text.length && n > 0) break; // the empty "line" after a final newline
    const next = n + 1 < starts.length ? starts[n + 1]! : text.length;
    let end = next;
    let lineEol = '';
    if (text[end - 1] === '\n') {
      end--;
      lineEol = '\n';
      if (text[end - 1] === '\r') {
        end--;
        lineEol = '\r\n';
      }
    }
    while (f < frozen.length && frozen[f]![1] <= start) f++;
    if (f < frozen.length && frozen[f]![0] <= start) {
      // Inside a heredoc: byte for byte.
      out.push({ start, end: next, text: text.slice(start, next) });
      blankRun = 0;
      continue;
    }
    while (ins < list.length && list[ins]!.range.end < start) ins++;
    const owner = ins < list.length && list[ins]!.range.start <= end && start <= list[ins]!.range.end ? list[ins]! : undefined;
    let line = text.slice(start, end);
    // BuildKit keeps ONBUILD's logical line, less the keyword and the blanks around it, as the
    // trigger's expression in the image config: its trailing blanks are part of it.
    const keepsTrailing = owner?.keyword === 'ONBUILD';
    if (!owner) {
      // Between instructions: a comment, a directive or a blank line.
      line = trimEnd(line);
      if (line.trim() === '' && line.charCodeAt(0) !== 0xfeff) {
        blankRun++;
        out.push({ start, end: next, text: blankRun > 1 ? '' : `${line}${lineEol || eol}` });
        continue;
      }
      blankRun = 0;
      out.push({ start, end: next, text: `${line}${lineEol || eol}` });
      continue;
    }
    blankRun = 0;
    const lineEdits = edits.get(n);
    if (lineEdits) {
      // Right to left, so that earlier offsets stay valid.
      for (const e of [...lineEdits].sort((a, b) => b.start - a.start)) line = line.slice(0, e.start - start) + e.text + line.slice(e.end - start);
    }
    // Whitespace after a final escape character (a continuation) is dropped by BuildKit, and so is
    // trailing whitespace of the instruction's last line. Whitespace before the escape stays.
    const last = owner.range.end <= end;
    const trimmed = trimEnd(line);
    if ((last && !keepsTrailing) || trimmed.endsWith(escape) || trimmed.trim() === '' || /^[ \t]*#/.test(trimmed)) line = trimmed;
    out.push({ start, end: next, text: `${line}${lineEol || eol}` });
  }
  // No blank lines at the end, and exactly one line end after the last line (unless the file ends
  // inside a heredoc that is never terminated: then its body runs to the end, as it is).
  const blank = (t: string) => /^[ \t]*\r?\n?$/.test(t);
  if (out.every((l) => l.text.replace(/^\uFEFF/, '').trim() === '')) {
    // Nothing but blank lines: an empty file (keeping a byte order mark).
    out.forEach((l, i) => (l.text = i === 0 && l.text.startsWith('\uFEFF') ? '\uFEFF' : ''));
    return out;
  }
  const lastIns = list[list.length - 1];
  const heredocs = lastIns ? (lastIns.trigger ?? lastIns).heredocs : [];
  if (heredocs.length > 0 && heredocs[heredocs.length - 1]!.terminatorRange === null) return out;
  let k = out.length - 1;
  for (; k >= 0 && blank(out[k]!.text); k--) out[k]!.text = '';
  const lastLine = out[k]!;
  // The last line's trailing blanks go, unless they are part of an ONBUILD trigger.
  const onbuild = lastIns?.keyword === 'ONBUILD' && lastLine.end > lastIns.range.start;
  // Its own line end is kept: with mixed line ends, which one dominates can change once blank lines
  // are gone, and the next run must not change it again.
  const own = /\r?\n$/.exec(lastLine.text)?.[0] ?? eol;
  const content = lastLine.text.replace(/\r?\n$/, '');
  lastLine.text = (onbuild ? content : trimEnd(content)) + own;
  return out;
}

/** Formats Dockerfile text (see formatFile). */
export function format(text: string): string {
  return formatFile(parse(text));
}

interface Edit {
  start: number;
  end: number;
  text: string;
}

/**
 * The edits of an instruction's keywords, each within one line: the keyword upper-cased, one space
 * after it, and `AS` upper-cased in FROM. A keyword (or `AS`) split by line continuations is
 * upper-cased piece by piece, in place, so the escapes, line ends and comment lines between the
 * pieces stay. An ONBUILD trigger is left as written: BuildKit keeps it verbatim (see formatLines).
 */
function keywordEdits(file: Dockerfile, ins: Instruction): Edit[] {
  const text = file.text;
  const out: Edit[] = [];
  const upper = (start: number, end: number) => {
    for (const [a, b] of pieces(ins, start, end)) {
      const was = text.slice(a, b);
      if (/[\r\n]/.test(was)) continue;
      const now = was.replace(/[a-z]+/g, (w) => w.toUpperCase());
      if (now !== was) out.push({ start: a, end: b, text: now });
    }
  };
  upper(ins.keywordRange.start, ins.keywordRange.end);
  // The gap after the keyword, when something follows on the same line.
  const ke = ins.keywordRange.end;
  const gap = /^[ \t]+/.exec(text.slice(ke, file.lineIndex.lineEnd(ins.keywordRange.endLine)));
  if (gap && ke + gap[0].length < file.lineIndex.lineEnd(ins.keywordRange.endLine) && gap[0] !== ' ') {
    out.push({ start: ke, end: ke + gap[0].length, text: ' ' });
  }
  if (ins.keyword === 'FROM' && ins.args.length === 3 && ins.args[1]!.value.toLowerCase() === 'as') upper(ins.args[1]!.range.start, ins.args[1]!.range.end);
  return out;
}

/** The source spans of [start, end) that are part of the instruction's logical line (not escapes, line ends or comment lines). */
function pieces(ins: Instruction, start: number, end: number): [number, number][] {
  const out: [number, number][] = [];
  for (const s of ins.segments) {
    const a = Math.max(start, s.sourceStart);
    const b = Math.min(end, s.sourceStart + s.length);
    if (a < b) out.push([a, b]);
  }
  return out;
}

/**
 * The line without its trailing blanks, unless they follow a carriage return: with the line end
 * after it, that CR would become part of a CRLF line end, which BuildKit's line scanner drops, so
 * `a\\ \r ` would turn into `a\\ `, a continuation.
 */
function trimEnd(line: string): string {
  const trimmed = line.replace(/[ \t]+$/, '');
  return trimmed.endsWith('\r') ? line : trimmed;
}

function dominantEol(text: string): string {
  const lf = text.split('\n').length - 1;
  const crlf = text.split('\r\n').length - 1;
  return crlf > lf - crlf ? '\r\n' : '\n';
}
