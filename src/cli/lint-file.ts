// Linting one Dockerfile's text for `dockhand lint`: parse, (fix,) run the rules. The same code
// runs on the main thread and on the worker threads of lint-pool.ts.
import type { Diagnostic, Fix } from '../core/diagnostic.js';
import { applyFixes } from '../core/apply-fixes.js';
import type { Dockerfile } from '../parser/ast.js';
import type { LintOptions, LintResult } from '../linter/index.js';

type Linter = typeof import('../linter/index.js');
type Parse = typeof import('../parser/index.js').parse;

/** --fix (safe fixes) or --fix-unsafe (all of them). */
export type FixMode = 'safe' | 'unsafe' | null;

const MAX_FIX_PASSES = 10;

/**
 * Lints `text` (decoded, with the decoder's findings) and, with a fix mode, applies fixes and
 * lints again until nothing changes. `beforeRules` sees the parsed file before any rule runs
 * (without a fix mode only): the ShellCheck runner starts on its scripts there, so ShellCheck
 * works while the rules do. Returns the final result and text.
 */
export async function lintText(
  linter: Linter,
  parse: Parse,
  text: string,
  decodeDiagnostics: Diagnostic[],
  options: LintOptions,
  fixMode: FixMode,
  beforeRules?: (file: Dockerfile) => void,
): Promise<{ result: LintResult; text: string }> {
  let result = await lintOnce(linter, parse, text, options, decodeDiagnostics, fixMode ? undefined : beforeRules);
  let current = text;
  if (fixMode) {
    for (let pass = 0; pass < MAX_FIX_PASSES; pass++) {
      const fixes = result.diagnostics.map((d) => d.fix).filter((f): f is Fix => f !== undefined && (fixMode === 'unsafe' || f.safety === 'safe'));
      if (fixes.length === 0) break;
      const next = applyFixes(current, fixes);
      if (next.applied === 0 || next.text === current) break;
      current = next.text;
      result = await lintOnce(linter, parse, current, options, []);
    }
  }
  return { result, text: current };
}

/**
 * Lint one text. tree-sitter (a 1.4 MB wasm) is loaded only when a RUN script needs it: most
 * scripts are read by the fast shell reader, so most runs never load it.
 */
async function lintOnce(
  linter: Linter,
  parse: Parse,
  text: string,
  options: LintOptions,
  decodeDiagnostics: Diagnostic[],
  beforeRules?: (file: Dockerfile) => void,
): Promise<LintResult> {
  const file = parse(text);
  beforeRules?.(file);
  if (linter.needsShellParser(file)) await linter.initLinter({ liftoffOnly: true });
  const result = linter.lintFile(file, options);
  return decodeDiagnostics.length ? linter.addExternalFindings(result, decodeDiagnostics, options) : result;
}
