// Diagnostics: exactly what `dockhand lint` reports for the same text and options.
import type { Diagnostic } from '../core/diagnostic.js';
import { lintFile, type LintOptions } from '../linter/index.js';
import { parsed } from './document.js';

/** Every finding, as `dockhand lint` reports it for the same options. */
export function diagnostics(text: string, options: LintOptions = {}): Diagnostic[] {
  return lintFile(parsed(text), options).diagnostics;
}
