// `--format codeclimate` (Code Climate engine spec: one JSON issue per document, NUL-terminated)
// and `--format gitlab` (GitLab's code-quality report: one JSON array with fingerprints).
import type { Severity } from '../../core/diagnostic.js';
import { fingerprints } from './fingerprint.js';
import type { FileReport, Formatter } from './types.js';

const LEVEL: Record<Severity, string> = { error: 'blocker', warning: 'major', info: 'info', style: 'minor' };

function issues(reports: readonly FileReport[]) {
  const out: Record<string, unknown>[] = [];
  for (const r of reports) {
    const fps = fingerprints(r);
    r.diagnostics.forEach((d, i) => {
      out.push({
        type: 'issue',
        check_name: d.code,
        description: d.message,
        categories: [d.severity === 'style' ? 'Style' : 'Bug Risk'],
        location: {
          path: r.file,
          lines: { begin: d.range.startLine, end: d.range.endLine },
          positions: {
            begin: { line: d.range.startLine, column: d.range.startColumn },
            end: { line: d.range.endLine, column: d.range.endColumn },
          },
        },
        severity: LEVEL[d.severity],
        fingerprint: fps[i],
      });
    });
  }
  return out;
}

export const formatCodeclimate: Formatter = (reports) =>
  issues(reports)
    .map((i) => {
      // The engine spec wants either `lines` or `positions`; positions carry the columns.
      const loc = i.location as { path: string; positions: unknown };
      return `${JSON.stringify({ ...i, location: { path: loc.path, positions: loc.positions } })}\u0000`;
    })
    .join('');

export const formatGitlab: Formatter = (reports) => {
  // GitLab reads `location.lines` only; drop `positions`, which its schema does not list.
  const list = issues(reports).map((i) => {
    const loc = i.location as { path: string; lines: unknown };
    return { ...i, location: { path: loc.path, lines: loc.lines } };
  });
  return `${JSON.stringify(list, null, 2)}\n`;
};
