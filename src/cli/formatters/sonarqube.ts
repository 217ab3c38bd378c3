// `--format sonarqube`: SonarQube's generic issue import format (`sonar.externalIssuesReportPaths`),
// in the shape hadolint writes: one issue per finding, 0-based columns.
import type { Severity } from '../../core/diagnostic.js';
import type { Formatter } from './types.js';

const LEVEL: Record<Severity, { severity: string; type: string }> = {
  error: { severity: 'CRITICAL', type: 'BUG' },
  warning: { severity: 'MAJOR', type: 'CODE_SMELL' },
  info: { severity: 'MINOR', type: 'CODE_SMELL' },
  style: { severity: 'INFO', type: 'CODE_SMELL' },
};

export const formatSonarqube: Formatter = (reports) => {
  const issues: Record<string, unknown>[] = [];
  for (const r of reports) {
    for (const d of r.diagnostics) {
      const { startLine, startColumn, endLine, endColumn } = d.range;
      // SonarQube refuses an empty range; a finding without extent names its line only.
      const empty = startLine === endLine && endColumn <= startColumn;
      const textRange = empty ? { startLine } : { startLine, endLine, startColumn: startColumn - 1, endColumn: endColumn - 1 };
      issues.push({
        engineId: 'dockhand',
        ruleId: d.code,
        ...LEVEL[d.severity],
        primaryLocation: { message: d.message, filePath: r.file, textRange },
      });
    }
  }
  return `${JSON.stringify({ issues }, null, 2)}\n`;
};
