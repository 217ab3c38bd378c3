// `--format junit`: JUnit XML for CI test reports (GitLab `artifacts:reports:junit`, Jenkins): one
// test suite per Dockerfile, one failed test case per finding, one passed case for a clean file.
import { xml } from './checkstyle.js';
import type { Formatter } from './types.js';

export const formatJunit: Formatter = (reports, opts) => {
  const total = reports.reduce((n, r) => n + Math.max(1, r.diagnostics.length), 0);
  const failures = reports.reduce((n, r) => n + r.diagnostics.length, 0);
  const lines = ['<?xml version="1.0" encoding="utf-8"?>', `<testsuites name="dockhand ${xml(opts.version)}" tests="${total}" failures="${failures}">`];
  for (const r of reports) {
    const file = xml(r.file);
    const n = r.diagnostics.length;
    lines.push(`<testsuite name="${file}" tests="${Math.max(1, n)}" failures="${n}" errors="0">`);
    if (n === 0) lines.push(`<testcase name="dockhand lint" classname="${file}" file="${file}"/>`);
    for (const d of r.diagnostics) {
      const at = `${r.file}:${d.range.startLine}:${d.range.startColumn}`;
      lines.push(
        `<testcase name="${xml(`${d.code} at line ${d.range.startLine}`)}" classname="${file}" file="${file}" line="${d.range.startLine}">`,
        `<failure type="${d.severity}" message="${xml(d.message)}">${xml(`${at}: ${d.severity} ${d.code}: ${d.message}`)}</failure>`,
        '</testcase>',
      );
    }
    lines.push('</testsuite>');
  }
  lines.push('</testsuites>');
  return `${lines.join('\n')}\n`;
};
