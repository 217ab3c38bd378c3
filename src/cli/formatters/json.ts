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

/**
 * One report as it appears in the `--format json` array: JSON.stringify of the report object at
 * that depth (its lines indented once more than a top-level stringify would; JSON strings hold
 * no raw newline). The results cache keeps this text, so a run served from it prints without
 * rebuilding the objects.
 */
export function reportJson(r: { file: string; diagnostics: readonly Diagnostic[] }): string {
  return `  ${JSON.stringify({ file: r.file, diagnostics: r.diagnostics.map(diagnosticJson) }, null, 2).replace(/\n/g, '\n  ')}`;
}

/** JSON.stringify(reports as objects, null, 2), put together from each report's own text. */
export const formatJson: Formatter = (reports) => {
  if (reports.length === 0) return '[]\n';
  return `[\n${reports.map((r) => r.json ?? reportJson(r)).join(',\n')}\n]\n`;
};
