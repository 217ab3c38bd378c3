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

export const formatJson: Formatter = (reports) =>
  `${JSON.stringify(reports.map((r) => ({ file: r.file, diagnostics: r.diagnostics.map(diagnosticJson) })), null, 2)}\n`;
