// Linting one Dockerfile for `dockhand lint`: parse, (fix,) run the rules, ShellCheck beside them.
// The same code runs on the main thread and on the worker threads of lint-pool.ts.
import type { Diagnostic, Fix } from '../core/diagnostic.js';
import { applyFixes } from '../core/apply-fixes.js';
import type { Dockerfile } from '../parser/ast.js';
import type { LintOptions, LintResult } from '../linter/index.js';
import type { ShellcheckFindings, ShellcheckRunner } from '../shell/shellcheck.js';
import type { ContextAnswers, ContextRead } from './context-reads.js';

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

/** One file for a {@link Lane}. */
export interface LaneFile {
  bytes: Uint8Array;
  filename: string;
  config: LintOptions['config'];
  /** The build context's answers (undefined: the rules run without one). */
  answers?: ContextAnswers;
}

/** What a lane found for one file (ShellCheck's findings are merged in by the time `finish` resolves). */
export interface LaneResult {
  diagnostics: Diagnostic[];
  /** The build-context questions the lint asked. */
  reads?: ContextRead[];
  /** The text after fixes, when they changed it. */
  fixed?: string;
  /** The file has scripts for ShellCheck (known when ShellCheck runs, or when asked to count). */
  scripts?: boolean;
  /** ShellCheck should have checked the file but could not: the findings lack its part. */
  incomplete?: boolean;
}

/** What a lane works with. */
export interface LaneTools {
  linter: Linter;
  parse: Parse;
  decode: typeof import('../parser/index.js').decode;
  recordingView: typeof import('./context-reads.js').recordingView;
  /** Whether results keep the context questions asked (false: nothing stores them, no `reads`). */
  record: boolean;
  fixMode: FixMode;
  /** Runs ShellCheck beside the rules; absent when ShellCheck is off or missing. */
  runner?: ShellcheckRunner;
  /** Says whether a file has scripts ShellCheck would check (when it is missing: the run notes it). */
  countScripts?: (file: Dockerfile) => boolean;
}

/**
 * Lints files one after another on one thread (the main thread, or a worker's). ShellCheck starts
 * on a file's scripts before its rules run (after its fixes, with --fix); its findings are merged
 * into the file's result as they come in, and all of them by the time `finish` resolves.
 */
export class Lane {
  private readonly merges: Promise<void>[] = [];
  private count = 0;

  constructor(private readonly tools: LaneTools) {}

  /** `last`: no file follows (whatever ShellCheck has queued starts now). */
  async lint(input: LaneFile, last: boolean): Promise<LaneResult> {
    const { linter, parse, decode, fixMode, runner, countScripts } = this.tools;
    const decoded = decode(input.bytes);
    const recorded = input.answers && this.tools.recordingView(input.answers, this.tools.record);
    const options: LintOptions = { filename: input.filename, config: input.config, buildContext: recorded?.view };
    const out: LaneResult = { diagnostics: [] };
    let found: Promise<ShellcheckFindings | null> | undefined;
    const startShellcheck = (file: Dockerfile) => {
      if (countScripts) out.scripts = countScripts(file);
      if (!runner || !RUN_LINE.test(file.text)) return;
      found = runner.check(String(this.count++), file);
      if (last) runner.flush();
    };
    const { result, text } = await lintText(linter, parse, decoded.text, decoded.diagnostics, options, fixMode, startShellcheck);
    if (fixMode) startShellcheck(result.file);
    out.diagnostics = result.diagnostics;
    if (recorded && this.tools.record) out.reads = recorded.reads;
    if (text !== decoded.text) out.fixed = text;
    if (found) {
      this.merges.push(found.then((sc) => {
        if (!sc) {
          out.incomplete = true;
          return;
        }
        out.scripts = sc.scripts > 0;
        if (sc.diagnostics.length) out.diagnostics = linter.addExternalFindings({ file: result.file, diagnostics: out.diagnostics }, sc.diagnostics, options).diagnostics;
      }));
    }
    // Let the event loop turn: ShellCheck's output is read as it comes.
    if (runner?.busy) await new Promise((resolve) => setImmediate(resolve));
    return out;
  }

  /** Waits for ShellCheck (merging its findings) and cleans up after it. */
  async finish(): Promise<void> {
    const runner = this.tools.runner;
    if (!runner) return;
    runner.flush();
    await Promise.all(this.merges);
    await runner.close();
  }
}

/** Cheap pre-check: ShellCheck only runs on files with a RUN. */
const RUN_LINE = /^[ \t]*(?:onbuild[ \t]+)?run\b/im;
