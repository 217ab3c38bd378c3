// `--format gnu`: the GNU error-message convention editors and `compile` modes understand.
import type { Formatter } from './types.js';
import { visible } from './visible.js';

export const formatGnu: Formatter = (reports) => {
  let out = '';
  for (const r of reports) {
    for (const d of r.diagnostics) {
      out += `${visible(r.file)}:${d.range.startLine}:${d.range.startColumn}: ${d.severity}: ${visible(oneLine(d.message))} [${d.code}]\n`;
    }
  }
  return out;
};

function oneLine(s: string): string {
  return s.replace(/\r?\n/g, ' ');
}
