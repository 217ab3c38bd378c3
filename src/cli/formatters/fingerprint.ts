// Stable issue fingerprints for code-quality reports: they survive edits elsewhere in the file
// (no line numbers inside), and repeated identical findings stay distinct by occurrence.
import type { Diagnostic } from '../../core/diagnostic.js';
import type { FileReport } from './types.js';
import { createHash } from '../../core/lazy-crypto.js';

/** One fingerprint per diagnostic of `report`, in order. */
export function fingerprints(report: FileReport): string[] {
  const seen = new Map<string, number>();
  return report.diagnostics.map((d) => {
    const base = `${report.file}\u0000${d.code}\u0000${d.message}\u0000${flagged(report.text, d)}`;
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    return createHash('md5').update(`${base}\u0000${n}`).digest('hex');
  });
}

/** The flagged source text with whitespace collapsed (a re-indented line keeps its fingerprint). */
function flagged(text: string, d: Diagnostic): string {
  return text.slice(d.range.start, d.range.end).replace(/\s+/g, ' ').trim();
}
