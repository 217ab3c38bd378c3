// `--format json`: design.md's stable shape, one entry per file, 1-based lines, exclusive endColumn.
import type { Diagnostic } from '../../core/diagnostic.js';
import type { Formatter } from './types.js';

/** The JSON object of one diagnostic (design.md). */
export function diagnosticJson(d: Diagnostic): Record<string, unknown> {
  const out: Record<string, unknown> = {
    code: d.code,
    severity: d.severity,
    message: d.message,
    line: d.range.startLine,
    column: d.range.startColumn,
    endLine: d.range.endLine,
    endColumn: d.range.endColumn,
  };
  if (d.fix) {
    out.fix = {
      safety: d.fix.safety,
      edits: d.fix.edits.map((e) => ({
        line: e.range.startLine,
        column: e.range.startColumn,
        endLine: e.range.endLine,
        endColumn: e.range.endColumn,
        text: e.text,
      })),
    };
  }
  return out;
}

/** The object a report is in the `--format json` array. */
function reportObject(r: { file: string; diagnostics: readonly Diagnostic[] }) {
  return { file: r.file, diagnostics: r.diagnostics.map(diagnosticJson) };
}

/**
 * One report as it appears in the `--format json` array: its element of JSON.stringify([report],
 * null, 2), indented as an array element is. The results cache keeps this text, so a run served
 * from it prints without rebuilding the objects.
 */
export function reportJson(r: { file: string; diagnostics: readonly Diagnostic[] }): string {
  // `[\n` + element + `\n]`
  return JSON.stringify([reportObject(r)], null, 2).slice(2, -2);
}

/** JSON.stringify(reports as objects, null, 2); reports whose text is known are not rebuilt. */
export const formatJson: Formatter = (reports) => {
  if (!reports.some((r) => r.json !== undefined)) return `${JSON.stringify(reports.map(reportObject), null, 2)}\n`;
  return `[\n${reports.map((r) => r.json ?? reportJson(r)).join(',\n')}\n]\n`;
};
