// `--format checkstyle`: Checkstyle XML, read by Jenkins, SonarQube imports and many CI plugins.
import type { Severity } from '../../core/diagnostic.js';
import type { Formatter } from './types.js';

const LEVEL: Record<Severity, string> = { error: 'error', warning: 'warning', info: 'info', style: 'info' };

export const formatCheckstyle: Formatter = (reports) => {
  const lines = ['<?xml version="1.0" encoding="utf-8"?>', '<checkstyle version="4.3">'];
  for (const r of reports) {
    lines.push(`<file name="${xml(r.file)}">`);
    for (const d of r.diagnostics) {
      lines.push(
        `<error line="${d.range.startLine}" column="${d.range.startColumn}" severity="${LEVEL[d.severity]}" message="${xml(d.message)}" source="${xml(d.code)}"/>`,
      );
    }
    lines.push('</file>');
  }
  lines.push('</checkstyle>');
  return `${lines.join('\n')}\n`;
};

/** Escapes text for an XML attribute; drops characters XML 1.0 cannot carry. */
export function xml(s: string): string {
  return s
    .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;')
    .replace(/\n/g, '&#10;')
    .replace(/\r/g, '&#13;')
    .replace(/\t/g, '&#9;');
}
