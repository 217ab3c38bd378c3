// `--format codacy`: Codacy's tool result lines, one JSON object per finding and line
// (`filename`, `patternId`, `message`, `line`), the fields hadolint writes.
import type { Formatter } from './types.js';

export const formatCodacy: Formatter = (reports) => {
  let out = '';
  for (const r of reports) {
    for (const d of r.diagnostics) out += `${JSON.stringify({ filename: r.file, patternId: d.code, message: d.message, line: d.range.startLine })}\n`;
  }
  return out;
};
