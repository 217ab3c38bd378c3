// `--format stylish` (default): findings grouped by file, each with a code frame and `^^^` under
// its range, then a summary line. Colour only when asked (a TTY or --color).
import type { Diagnostic, Severity } from '../../core/diagnostic.js';
import { LineIndex } from '../../core/line-index.js';
import type { Formatter } from './types.js';
import { displayWidth, visible } from './visible.js';

const SGR = { reset: '\u001b[0m', bold: '\u001b[1m', dim: '\u001b[2m', red: '\u001b[31m', yellow: '\u001b[33m', green: '\u001b[32m', cyan: '\u001b[36m', underline: '\u001b[4m' };
const SEV_COLOR: Record<Severity, string> = { error: SGR.red, warning: SGR.yellow, info: SGR.green, style: SGR.cyan };

export const formatStylish: Formatter = (reports, opts) => {
  const c = (code: string, s: string) => (opts.color ? `${code}${s}${SGR.reset}` : s);
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0, style: 0 };
  let fixable = 0;
  const out: string[] = [];
  for (const r of reports) {
    if (r.diagnostics.length === 0) continue;
    const index = new LineIndex(r.text);
    out.push(c(SGR.underline, visible(r.file)));
    for (const d of r.diagnostics) {
      counts[d.severity]++;
      if (d.fix) fixable++;
      const pos = `${d.range.startLine}:${d.range.startColumn}`;
      out.push(`  ${c(SGR.dim, pos.padEnd(6))} ${c(SEV_COLOR[d.severity], d.severity.padEnd(7))}  ${visible(d.message)}  ${c(SGR.dim, d.code)}${d.fix ? c(SGR.dim, ` (fix: ${d.fix.safety})`) : ''}`);
      out.push(...frame(index, d, c));
    }
    out.push('');
  }
  const total = counts.error + counts.warning + counts.info + counts.style;
  if (total > 0) {
    const noun = (s: Severity) => (counts[s] !== 1 && (s === 'error' || s === 'warning') ? `${s}s` : s);
    const parts = (['error', 'warning', 'info', 'style'] as const).map((s) => `${counts[s]} ${noun(s)}`);
    const line = `${total} ${total === 1 ? 'problem' : 'problems'} (${parts.join(', ')})`;
    out.push(c(SGR.bold, `${counts.error ? '✖' : '⚠'} ${line}`));
    if (fixable) out.push(`  ${fixable} ${fixable === 1 ? 'finding has' : 'findings have'} a fix: run with --fix (safe fixes) or --fix-unsafe.`);
  }
  for (const n of opts.notes) out.push(c(SGR.dim, `note: ${visible(n)}`));
  return out.length ? `${out.join('\n')}\n` : '';
};

/** The flagged line with its number and carets under the range (first line of multi-line ranges). */
function frame(index: LineIndex, d: Diagnostic, c: (code: string, s: string) => string): string[] {
  const line = d.range.startLine;
  if (line < 1 || line > index.lineCount) return [];
  const raw = index.lineText(line);
  // Tabs become one space so that carets stay under the characters they mark; control characters
  // are shown visibly (an ESC from the Dockerfile must not reach the terminal), and the carets are
  // placed by the shown text's widths.
  const tabless = raw.replace(/\t/g, ' ');
  const text = visible(tabless);
  const rawStart = Math.max(0, d.range.startColumn - 1);
  const rawEnd = d.range.endLine === line ? d.range.endColumn - 1 : raw.length;
  // Placed by terminal columns: wide characters (CJK, emoji) take two.
  const start = displayWidth(visible(tabless.slice(0, rawStart)));
  const width = Math.max(1, displayWidth(visible(tabless.slice(rawStart, Math.min(rawEnd, raw.length)))));
  const gutter = String(line).padStart(5);
  const shown = text.length > 200 ? `${text.slice(0, 200)}…` : text;
  return [
    `  ${c(SGR.dim, `${gutter} |`)} ${shown}`,
    `  ${c(SGR.dim, `${' '.repeat(gutter.length)} |`)} ${' '.repeat(Math.min(start, 200))}${c(SEV_COLOR[d.severity], '^'.repeat(Math.min(width, Math.max(1, 200 - start))))}`,
  ];
}
