// The one Diagnostic type: produced by the parser and the rules, printed by the CLI, sent by the LSP.
import type { SourceRange } from './range.js';

/** hadolint's severity scale; `style` becomes an LSP Hint. */
export type Severity = 'error' | 'warning' | 'info' | 'style';

/** All severities, most severe first. */
export const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info', 'style'];

/** Rank for threshold comparisons: higher is more severe. */
export function severityRank(s: Severity | 'none'): number {
  switch (s) {
    case 'error': return 4;
    case 'warning': return 3;
    case 'info': return 2;
    case 'style': return 1;
    default: return 0;
  }
}

/** How safe a fix is to apply without review (Ruff's applicability levels). */
export type FixSafety = 'safe' | 'unsafe';

/** One replacement of the text in `range` by `text`. */
export interface TextEdit {
  range: SourceRange;
  text: string;
}

/** A fix: non-overlapping edits, sorted by offset, with a safety level and a title. */
export interface Fix {
  title: string;
  safety: FixSafety;
  edits: TextEdit[];
}

/**
 * A finding. `code` is the rule's primary code (`DL3008`, `StageNameCasing`, `DH001`),
 * or `syntax` / a BuildKit warning name for parser findings.
 */
export interface Diagnostic {
  code: string;
  severity: Severity;
  message: string;
  range: SourceRange;
  fix?: Fix;
  /** Kebab-case rule name, when the diagnostic comes from a rule. */
  rule?: string;
  /** Link to the rule's documentation. */
  url?: string;
}
