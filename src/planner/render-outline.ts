// Renders a target's outline and the list of targets for people (`plan --outline`, `plan --targets`).
import { visible } from '../core/visible.js';
import type { Outline, TargetInfo } from './types.js';

/** Columns padded to their widest cell; the last column is not padded. */
function table(header: string[], rows: string[][]): string[] {
  const cells = [header, ...rows.map((r) => r.map(visible))];
  const widths = header.map((_, i) => Math.max(...cells.map((r) => [...r[i]!].length)));
  return cells.map((r) => r.map((c, i) => (i === r.length - 1 ? c : c + ' '.repeat(widths[i]! - [...c].length))).join('  ').trimEnd());
}

/** The outline of one target: its description, build arguments, secrets and SSH sockets. */
export function renderOutline(o: Outline): string {
  const lines = [`target:      ${visible(o.target)}`, `description: ${o.description ? visible(o.description) : '(none)'}`, ''];
  if (o.args.length) {
    lines.push(...table(
      ['BUILD ARG', 'VALUE', 'DEFAULT', 'LINE', 'READ ON', 'DESCRIPTION'],
      o.args.map((a) => [a.name, a.value, a.default ?? '', `${a.line}${a.global ? ' (global)' : ''}`, a.readBy.join(',') || '-', a.description]),
    ));
  } else {
    lines.push('no build arguments');
  }
  lines.push('');
  if (o.secrets.length) {
    lines.push(...table(
      ['SECRET', 'REQUIRED', 'MOUNTED AS', 'LINE'],
      o.secrets.map((s) => [s.id, s.required ? 'yes' : 'no', [s.target, s.env ? `$${s.env}` : null].filter(Boolean).join(' and '), String(s.line)]),
    ));
  } else {
    lines.push('no secrets');
  }
  lines.push('');
  if (o.ssh.length) {
    lines.push(...table(['SSH', 'REQUIRED', 'LINE'], o.ssh.map((s) => [s.id, s.required ? 'yes' : 'no', String(s.line)])));
  } else {
    lines.push('no SSH sockets');
  }
  return `${lines.join('\n')}\n`;
}

/** Every stage a build can target, the default one marked. */
export function renderTargets(list: readonly TargetInfo[]): string {
  if (list.length === 0) return 'no stages: the Dockerfile has no FROM\n';
  const rows = list.map((t) => [
    `${t.name ?? `(stage ${t.index})`}${t.default ? ' (default)' : ''}`,
    t.base,
    String(t.line),
    t.description,
  ]);
  return `${table(['TARGET', 'FROM', 'LINE', 'DESCRIPTION'], rows).join('\n')}\n`;
}
