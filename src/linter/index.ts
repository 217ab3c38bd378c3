// Public entry of the linter: `initLinter()` once (loads the shell parser), then `lint(text)`.
// Everything here is pure; the CLI and the LSP add file discovery, config files and ShellCheck.
import { parse } from '../parser/index.js';
import { allRules } from '../rules/index.js';
import type { Rule } from '../rules/types.js';
import { lintParsed, mergeExternal, type LintOptions, type LintResult, type ShellOf } from './lint.js';

export type { LintOptions, LintResult } from './lint.js';
export { lintParsed, sortDiagnostics, ruleIndex, RULE_CRASH_CODE } from './lint.js';
export { defaultConfig, mergeConfig, parseThreshold, type LintConfig, type Threshold, type SeverityOverride } from './config.js';
export { parseIgnorePragma, parseCheckOptions, BUILDKIT_CHECKS, type IgnorePragma, type CheckOptions } from './pragmas.js';
export { RuleIndex } from './codes.js';
export { allRules };

let shellOf: ShellOf | undefined;
let loading: Promise<void> | undefined;

/**
 * Load the shell parser (tree-sitter-bash) so rules can inspect RUN scripts. Idempotent.
 * `liftoffOnly` keeps a short-lived CLI process from paying for V8's optimising compiler.
 */
export function initLinter(opts: { liftoffOnly?: boolean } = {}): Promise<void> {
  loading ??= (async () => {
    const shell = await import('../shell/index.js');
    await shell.initShellParser(opts);
    shellOf = shell.shellScriptOf;
  })();
  return loading;
}

/** True once `initLinter()` has finished (RUN scripts are parsed). */
export function linterReady(): boolean {
  return shellOf !== undefined;
}

/**
 * Lint Dockerfile text: parse, run every registered rule (or `options.rules`), apply pragmas,
 * config and severities. Never throws. Call `initLinter()` first for the shell-based rules.
 */
export function lint(text: string, options: LintOptions = {}): LintResult {
  return lintParsed(parse(text), options.rules ?? allRules, options, shellOf);
}

/** Merge ShellCheck's (or any external) findings into a result under the same pragmas and config. */
export function addExternalFindings(result: LintResult, extra: LintResult['diagnostics'], options: LintOptions = {}): LintResult {
  return mergeExternal(result, extra, { ...options, rules: options.rules ?? (allRules as readonly Rule[]) });
}
