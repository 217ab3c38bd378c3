// Public entry of the shell layer: load the bash grammar, parse RUN scripts into the command model.
export { initShellParser, isShellParserReady, type ShellParserOptions } from './loader.js';
export { parseShell, parseShellMapped, parseShellTreeSitter, type RangeMapper } from './parse.js';
export type { ShellCommand, ShellFlag, ShellOperator, ShellScript, ShellScriptMemo, ShellWord } from './types.js';
export * from './query.js';
export { shellScriptOf, runScriptSource, needsShellParser, type RunScriptSource } from './script-of.js';
export { shellInEffect, isPosixShell } from './shell-in-effect.js';
