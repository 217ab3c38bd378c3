// `--format github`: GitHub Actions workflow commands, which show up as annotations on the PR.
import type { Severity } from '../../core/diagnostic.js';
import type { Formatter } from './types.js';
import { visible } from './visible.js';

const LEVEL: Record<Severity, string> = { error: 'error', warning: 'warning', info: 'notice', style: 'notice' };

export const formatGithub: Formatter = (reports) => {
  let out = '';
  for (const r of reports) {
    for (const d of r.diagnostics) {
      const g = d.range;
      const props = [
        `file=${prop(r.file)}`,
        `line=${g.startLine}`,
        `col=${g.startColumn}`,
        `endLine=${g.endLine}`,
        `endColumn=${g.endColumn}`,
        `title=${prop(d.code)}`,
      ].join(',');
      out += `::${LEVEL[d.severity]} ${props}::${data(d.message)}\n`;
    }
  }
  return out;
};

/** Escaping of a workflow command's message (actions/toolkit's escapeData). */
function data(s: string): string {
  // Other control characters would reach the job log raw (it renders ANSI escapes): shown visibly.
  return visible(s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A'));
}

/** Escaping of a property value (actions/toolkit's escapeProperty). */
function prop(s: string): string {
  return data(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}
