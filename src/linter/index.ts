// Public entry of the linter: `lint(text)`, after `initLinter()` (loads tree-sitter) when needed.
// Everything here is pure; the CLI and the LSP add file discovery, config files and ShellCheck.
import { parse } from '../parser/index.js';
import { allRules } from '../rules/index.js';
import type { Rule } from '../rules/types.js';
import type { Dockerfile } from '../parser/ast.js';
import { isShellParserReady, initShellParser } from '../shell/loader.js';
import { shellScriptOf } from '../shell/script-of.js';
import { lintParsed, mergeExternal, type LintOptions, type LintResult } from './lint.js';

export type { LintOptions, LintResult } from './lint.js';
export { lintParsed, sortDiagnostics, ruleIndex, RULE_CRASH_CODE } from './lint.js';
export { defaultConfig, mergeConfig, parseThreshold, type LintConfig, type Threshold, type SeverityOverride } from './config.js';
export { parseIgnorePragma, parseCheckOptions, BUILDKIT_CHECKS, type IgnorePragma, type CheckOptions } from './pragmas.js';
export { RuleIndex } from './codes.js';
export { PRESET_NAMES, PRESETS, presetState, isPresetName, presetNameList, type PresetName } from './presets.js';
export { allRules };
/** True when linting a file fully needs `await initLinter()` first (see {@link initLinter}). */
export { needsShellParser } from '../shell/script-of.js';

let loading: Promise<void> | undefined;

/**
 * Load tree-sitter-bash for the RUN scripts the fast shell reader declines (about 1% of the
 * corpus's script bytes). Idempotent. Without it, rules see those scripts as absent; {@link needsShellParser}
 * says whether a file has any. `liftoffOnly` keeps a short-lived CLI process from paying for
 * V8's optimising compiler.
 */
export function initLinter(opts: { liftoffOnly?: boolean } = {}): Promise<void> {
  loading ??= initShellParser(opts).catch((err: unknown) => {
    loading = undefined;
    throw err;
  });
  return loading;
}

/** True once `initLinter()` has finished (every RUN script can be parsed). */
export function linterReady(): boolean {
  return isShellParserReady();
}

/**
 * Lint Dockerfile text: parse, run every registered rule (or `options.rules`), apply pragmas,
 * config and severities. Never throws. Call `initLinter()` first (or check {@link needsShellParser})
 * so that every RUN script is parsed.
 */
export function lint(text: string, options: LintOptions = {}): LintResult {
  return lintFile(parse(text), options);
}

/** {@link lint} for an already-parsed file. */
export function lintFile(file: Dockerfile, options: LintOptions = {}): LintResult {
  return lintParsed(file, options.rules ?? allRules, options, shellScriptOf);
}

/** Merge ShellCheck's (or any external) findings into a result under the same pragmas and config. */
export function addExternalFindings(result: LintResult, extra: LintResult['diagnostics'], options: LintOptions = {}): LintResult {
  return mergeExternal(result, extra, { ...options, rules: options.rules ?? (allRules as readonly Rule[]) });
}
