// What every `dockhand lint` output format receives: one report per linted file.
import type { Diagnostic } from '../../core/diagnostic.js';
import type { Rule } from '../../rules/types.js';

/** The findings of one file, with its text for code frames and fingerprints. */
export interface FileReport {
  /** Path as shown to the user (relative to the working directory when possible), `/`-separated. */
  file: string;
  text: string;
  diagnostics: Diagnostic[];
  /** The report as `--format json` writes it in its array (reportJson), when already known: the results cache keeps it. */
  json?: string;
}

/** Options shared by the formatters. */
export interface FormatOptions {
  /** ANSI colours (stylish only). */
  color: boolean;
  /** Rule metadata for SARIF's rule descriptors and doc links. */
  rules: readonly Rule[];
  /** One-line notes for the human summary (e.g. "ShellCheck findings were skipped"). */
  notes: string[];
  /** dockhand's version, for tool metadata. */
  version: string;
}

/** A formatter turns reports into the text written to stdout. */
export type Formatter = (reports: readonly FileReport[], opts: FormatOptions) => string;
