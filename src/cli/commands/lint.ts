// `dockhand lint [PATH..]`: find Dockerfiles, load config, lint (rules + ShellCheck), optionally
// fix, print in the chosen format and exit 0 / 1 (findings at or above the threshold) / 2 (errors).
import { writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import pkg from '../../../package.json' with { type: 'json' };
import { applyFixes } from '../../core/apply-fixes.js';
import { severityRank, type Diagnostic, type Fix } from '../../core/diagnostic.js';
import type { Dockerfile } from '../../parser/ast.js';
import type { BuildContextView } from '../../rules/types.js';
import type { Command } from '../command.js';
import { formatName } from '../../linter/config.js';
import { ConfigFinder } from '../config-file.js';
import { FORMATTERS, type FileReport } from '../formatters/index.js';
import { CliError, type Io } from '../io.js';
import { errnoReason } from '../../core/errno.js';
import { displayPath, resolveInputs, type LintInput } from '../lint-inputs.js';
import { lastValue, presetsOf, repeated } from '../options.js';
import type { ArgsOf, QuickOption } from '../quick-args.js';
import { notTextReason, readInputFile } from '../read-file.js';

/** What runLint receives: the paths and every option of LINT_OPTIONS (`--no-fail` arrives as fail=false). */
type LintArgs = { paths?: string[] } & ArgsOf<typeof LINT_OPTIONS>;

/** One file that was read and linted. */
interface Linted {
  input: LintInput;
  report: FileReport;
  file: Dockerfile;
  /** Text as read (before fixes), for writing back only when changed. */
  original: string;
  /** The file's bytes as read: a fix rewrites only the changed range of them. */
  bytes: Buffer;
  threshold: string;
  noFail: boolean;
  optionsFor: import('../../linter/index.js').LintOptions;
}

const FORMAT_NAMES = Object.keys(FORMATTERS);
const MAX_FIX_PASSES = 10;

/** lint's options, as data: yargs reads them, and so does quick-args.ts for plain command lines. */
const LINT_OPTIONS = {
  format: { alias: 'f', type: 'string', coerce: lastValue, describe: `Output format: ${FORMAT_NAMES.join('|')} (default stylish)` },
  config: { alias: 'c', type: 'string', coerce: lastValue, describe: "Config file (default: nearest .dockhand.yaml, else .hadolint.yaml, else hadolint's user files); hadolint's HADOLINT_* variables go beneath it" },
  preset: { type: 'string', coerce: repeated, describe: "Rule preset: recommended|hadolint|security|strict (replaces the config's extends; repeat, or A,B, to combine)" },
  ignore: { type: 'string', coerce: repeated, describe: 'Rule code, name or alias to ignore (one per --ignore; repeat it, or A,B)' },
  'failure-threshold': {
    alias: 't',
    type: 'string',
    coerce: lastValue,
    describe: 'Exit 1 on findings at or above: error|warning|info|style|none (default info). none (or ignore) ranks below style, as in hadolint: any finding fails; --no-fail never fails',
  },
  context: { type: 'string', coerce: lastValue, describe: "Build context for context-aware rules (default: the Dockerfile's directory)" },
  fix: { type: 'boolean', describe: 'Apply safe fixes in place (stdin: print the fixed text)' },
  'fix-unsafe': { type: 'boolean', describe: 'Apply safe and unsafe fixes' },
  'stdin-filename': { type: 'string', coerce: lastValue, describe: 'File name to report for stdin (also where config is looked up)' },
  color: { type: 'boolean', describe: 'Force colour on or off (--no-color); default: on a TTY' },
  shellcheck: { type: 'boolean', default: true, describe: 'Run ShellCheck on RUN scripts when installed (--no-shellcheck to skip)' },
  verbose: { alias: 'V', type: 'boolean', describe: 'Explain what is being done on stderr' },
  // hadolint's flags, so that CI scripts can switch tools by changing the command name.
  fail: { type: 'boolean', describe: 'Exit 1 on findings at or above the threshold (--no-fail: always exit 0, as hadolint)' },
  error: { type: 'string', coerce: repeated, describe: 'Report this rule as an error (hadolint; one per option, repeatable)' },
  warning: { type: 'string', coerce: repeated, describe: 'Report this rule as a warning (hadolint; one per option, repeatable)' },
  info: { type: 'string', coerce: repeated, describe: 'Report this rule as info (hadolint; one per option, repeatable)' },
  style: { type: 'string', coerce: repeated, describe: 'Report this rule as style (hadolint; one per option, repeatable)' },
  'trusted-registry': { type: 'string', coerce: repeated, describe: 'Allowed registry for DL3026 (hadolint; one per option, repeatable)' },
  'require-label': { type: 'string', coerce: repeated, describe: 'LABEL:TYPE required by DL3049–DL3058 (hadolint; one per option, repeatable)' },
  'strict-labels': { type: 'boolean', describe: 'Only labels from the schema are allowed (hadolint)' },
  'disable-ignore-pragma': { type: 'boolean', describe: 'Ignore in-file ignore pragmas and # check=skip= (hadolint)' },
} satisfies Record<string, QuickOption>;

const command: Command = {
  command: 'lint [paths..]',
  describe: 'Lint Dockerfiles (default: ./Dockerfile, else every Dockerfile below the current directory; directories are searched; - reads stdin)',
  builder: (y) =>
    y
      // Keeps a lone `-` (stdin) as a path; yargs would drop it. Unknown options then arrive as
      // paths too, and runLint rejects them.
      .parserConfiguration({ 'unknown-options-as-args': true })
      .positional('paths', {
        type: 'string',
        array: true,
        describe: 'Dockerfiles, directories (searched for Dockerfile, *.Dockerfile, Dockerfile.*, Containerfile, skipping .git and node_modules) or globs; none: ./Dockerfile, else a search of the current directory',
      }),
  options: LINT_OPTIONS,
  run: (args, io) => runLint(args as LintArgs, io),
};
export default command;

/** The lint command itself (exported for in-process tests). */
export async function runLint(args: LintArgs, io: Io): Promise<number> {
  const started = Date.now(); // not performance.now(): its global loads perf_hooks (~1 ms of start-up)
  // hadolint's environment (HADOLINT_*) sits beneath the config file and the command line.
  const finder = new ConfigFinder(io.env);
  const environment = finder.environment;
  const verboseOn = args.verbose ?? environment.verbose ?? false;
  const verbose = (msg: string) => { if (verboseOn) io.stderr(`dockhand: ${msg}\n`); };
  const format = args.format === undefined ? undefined : normaliseFormat(args.format);
  const cliConfig = await cliConfigOf(args);
  const fixMode = args['fix-unsafe'] ? 'unsafe' : args.fix ? 'safe' : null;

  // An unset shell variable (`dockhand lint "$DF"`) must not lint the cwd or read stdin.
  if ((args.paths ?? []).includes('')) throw new CliError('empty path given for PATH');
  for (const opt of ['config', 'context', 'stdin-filename'] as const) if (args[opt] === '') throw new CliError(`empty value given for --${opt}`);
  const unknown = (args.paths ?? []).find((p) => p.startsWith('-') && p !== '-');
  if (unknown) throw new CliError(`unknown option ${unknown.split('=')[0]} (see dockhand lint --help)`);
  const stdinName = args['stdin-filename'] ?? '-';
  const { inputs, errors } = resolveInputs(args.paths ?? [], io.cwd, stdinName);
  let ioFailed = errors.length > 0;
  for (const e of errors) io.stderr(`dockhand: ${e}\n`);

  const linter = await import('../../linter/index.js');
  const { decode, parse } = await import('../../parser/index.js');
  warnUnknownCodes(args, linter.ruleIndex(linter.allRules), io);
  for (const w of environment.warnings) io.stderr(`dockhand: warning: ${w}\n`);
  if (environment.read.length > 0) verbose(`environment: ${environment.read.join(', ')}`);
  const warnedConfigs = new Set<string>();
  const needsContext = linter.allRules.some((r) => r.needsContext);
  const linted: Linted[] = [];
  let chosenFormat = format;
  let noColorFromConfig = false;
  const reportedIgnores = new Set<string>();

  for (const input of inputs) {
    let bytes: Buffer;
    try {
      // readInputFile refuses FIFOs, sockets and devices (which would block forever) but reads
      // process substitution's /dev/fd/N.
      bytes = input.kind === 'stdin' ? await io.readStdin() : readInputFile(input.path, input.display);
    } catch (err) {
      io.stderr(`dockhand: cannot read ${err instanceof CliError ? err.message : `${input.display}: ${errnoReason(err)}`}\n`);
      ioFailed = true;
      continue;
    }
    const notText = notTextReason(bytes);
    if (notText) {
      // A binary file a directory search happened to match (docs/Dockerfile.png) is not an error
      // of the run; a file named on the command line is.
      if (input.kind === 'file' && input.searched) {
        io.stderr(`dockhand: skipped ${input.display}: ${notText}\n`);
        continue;
      }
      io.stderr(`dockhand: ${input.display}: ${notText}\n`);
      ioFailed = true;
      continue;
    }
    const dir = input.kind === 'stdin' ? resolve(io.cwd, dirname(args['stdin-filename'] ?? 'Dockerfile')) : dirname(input.path);
    const found = await finder.forDirectory(dir, args.config === undefined ? undefined : resolve(io.cwd, args.config));
    verbose(`${input.display}: ${found.path ? `config ${found.path}` : 'no config file (defaults)'}`);
    if (found.path && found.result.warnings && !warnedConfigs.has(found.path)) {
      warnedConfigs.add(found.path);
      const shown = displayPath(found.path, io.cwd);
      for (const w of found.result.warnings) io.stderr(`dockhand: warning: ${w.startsWith(`${found.path}:`) ? shown + w.slice(found.path.length) : w}\n`);
    }
    if (found.result.noColor) noColorFromConfig = true;
    // Environment, then file, then command line: later scalars win, lists add up.
    const config = linter.mergeConfig(finder.withEnvironment(found), cliConfig);
    chosenFormat ??= config.format;

    let buildContext: BuildContextView | undefined;
    if (needsContext) {
      const opened = await openContext(args.context ? resolve(io.cwd, args.context) : dir, input, verbose, args.context);
      // BuildKit fails a build whose .dockerignore is invalid or unreadable, as plan and context
      // do: say so (once per file), lint without the context, and exit 2.
      const bad = opened && dockerignoreProblem(opened, io.cwd);
      if (bad) {
        if (!reportedIgnores.has(bad)) io.stderr(`dockhand: ${bad}\n`);
        reportedIgnores.add(bad);
        verbose(`${input.display}: context-aware rules skipped`);
        ioFailed = true;
      } else buildContext = opened;
    }

    const decoded = decode(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    const text = decoded.text;
    const options = { filename: input.display, config, buildContext };
    let result = await lintWith(linter, parse, text, options, decoded.diagnostics);

    if (fixMode) {
      let current = text;
      for (let pass = 0; pass < MAX_FIX_PASSES; pass++) {
        const fixes = result.diagnostics.map((d) => d.fix).filter((f): f is Fix => f !== undefined && (fixMode === 'unsafe' || f.safety === 'safe'));
        if (fixes.length === 0) break;
        const next = applyFixes(current, fixes);
        if (next.applied === 0 || next.text === current) break;
        current = next.text;
        result = await lintWith(linter, parse, current, options, []);
      }
    }
    linted.push({
      input,
      report: { file: input.display, text: result.file.text, diagnostics: result.diagnostics },
      file: result.file,
      original: text,
      bytes,
      threshold: config.failureThreshold,
      noFail: config.noFail,
      optionsFor: options,
    });
  }

  const notes: string[] = [];
  if (args.shellcheck !== false && linted.length > 0) {
    const note = await addShellcheck(linter, linted);
    if (note) {
      notes.push(note);
      verbose(note);
    }
  }

  // Write fixes back (stdin: the fixed text goes to stdout instead of a report).
  let stdinFixed: string | null = null;
  if (fixMode) {
    for (const l of linted) {
      if (l.report.text === l.original && l.input.kind === 'file') continue;
      if (l.input.kind === 'stdin') {
        stdinFixed = l.report.text;
        continue;
      }
      const out = spliceFixed(l.bytes, l.original, l.report.text);
      if (!out) {
        io.stderr(`dockhand: ${l.input.display}: not fixed (a line to fix holds invalid UTF-8)\n`);
        ioFailed = true;
        continue;
      }
      try {
        writeFileSync(l.input.path, out);
        verbose(`${l.input.display}: fixed`);
      } catch (err) {
        io.stderr(`dockhand: cannot write ${l.input.display}: ${errnoReason(err)}\n`);
        ioFailed = true;
      }
    }
  }

  const name = chosenFormat ?? 'stylish';
  const formatter = FORMATTERS[name];
  if (!formatter) throw new CliError(`unknown format '${name}' (use ${FORMAT_NAMES.join(', ')})`);
  const color = args.color ?? (!noColorFromConfig && io.stdoutIsTTY && io.env.NO_COLOR === undefined);
  const reports = linted.map((l) => l.report);
  const fopts = { color, rules: linter.allRules, notes: name === 'stylish' ? notes : [], version: pkg.version };
  if (stdinFixed !== null) {
    io.stdout(stdinFixed);
    const others = reports.filter((r) => r.diagnostics.length > 0);
    if (others.length) io.stderr(FORMATTERS.stylish!(others, { ...fopts, color: args.color ?? io.stderrIsTTY }));
  } else {
    const out = formatter(reports, fopts);
    if (out) io.stdout(out);
  }

  const findings = linted.reduce((n, l) => n + l.report.diagnostics.length, 0);
  verbose(`linted ${linted.length} ${linted.length === 1 ? 'file' : 'files'} in ${Date.now() - started} ms: ${findings} ${findings === 1 ? 'finding' : 'findings'}`);
  if (ioFailed) return 2;
  const failed = linted.some((l) => !l.noFail && l.report.diagnostics.some((d) => atOrAbove(d, l.threshold)));
  return failed ? 1 : 0;
}

/**
 * Lint one text. tree-sitter (a 1.4 MB wasm) is loaded only when a RUN script needs it: most
 * scripts are read by the fast shell reader, so most runs never load it.
 */
async function lintWith(
  linter: typeof import('../../linter/index.js'),
  parse: typeof import('../../parser/index.js').parse,
  text: string,
  options: import('../../linter/index.js').LintOptions,
  decodeDiagnostics: Diagnostic[],
) {
  const file = parse(text);
  if (linter.needsShellParser(file)) await linter.initLinter({ liftoffOnly: true });
  const result = linter.lintFile(file, options);
  return decodeDiagnostics.length ? linter.addExternalFindings(result, decodeDiagnostics, options) : result;
}

/** `none` fails on anything shown; otherwise severities at or above the threshold fail. */
function atOrAbove(d: Diagnostic, threshold: string): boolean {
  if (threshold === 'none') return true;
  return severityRank(d.severity) >= severityRank(threshold as Diagnostic['severity']);
}

async function cliConfigOf(args: LintArgs) {
  const { addOverride, LABEL_TYPES, parseLabelSpec, parseThreshold } = await import('../../linter/config.js');
  const cfg: Partial<import('../../linter/index.js').LintConfig> = {};
  if (args.preset?.length) cfg.presets = await presetsOf(args.preset);
  if (args.ignore?.length) cfg.ignored = splitCodes(args.ignore);
  const severity: Record<string, import('../../linter/index.js').SeverityOverride> = {};
  // A rule given to several of --error/--warning/--info/--style gets the most severe, as in hadolint.
  for (const level of ['error', 'warning', 'info', 'style'] as const) for (const code of splitCodes(args[level])) addOverride(severity, code, level);
  if (Object.keys(severity).length) cfg.severity = severity;
  if (args.fail !== undefined) cfg.noFail = !args.fail;
  if (args['strict-labels'] !== undefined) cfg.strictLabels = args['strict-labels'];
  if (args['disable-ignore-pragma'] !== undefined) cfg.disableIgnorePragma = args['disable-ignore-pragma'];
  if (args['trusted-registry']?.length) cfg.trustedRegistries = args['trusted-registry'];
  if (args['require-label']?.length) {
    const schema: Record<string, string> = {};
    for (const spec of args['require-label']) {
      const parsed = parseLabelSpec(spec);
      if (!parsed) throw new CliError(`invalid --require-label '${spec}' (LABEL:TYPE with TYPE one of ${LABEL_TYPES.join(', ')})`);
      schema[parsed[0]] = parsed[1];
    }
    cfg.labelSchema = schema;
  }
  if (args['failure-threshold'] !== undefined) {
    const t = parseThreshold(args['failure-threshold']);
    if (!t) throw new CliError(`invalid --failure-threshold '${args['failure-threshold']}' (use error, warning, info, style or none)`);
    cfg.failureThreshold = t;
  }
  return cfg;
}

function normaliseFormat(f: string): string {
  const name = formatName(f);
  if (!name || !FORMATTERS[name]) throw new CliError(`unknown format '${f}' (use ${FORMAT_NAMES.join(', ')})`);
  return name;
}

/**
 * The bytes to write after fixing: the original bytes with only the changed lines replaced, so a
 * BOM, CRLF line ends, a missing final newline and invalid UTF-8 on other lines stay as they were.
 * Lines map one to one because the decoder never turns a newline byte into anything else. Null
 * when a changed line held bytes the decoder replaced (writing it back would lose them).
 */
export function spliceFixed(bytes: Uint8Array, original: string, fixed: string): Buffer | null {
  const all = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let pre = 0;
  const max = Math.min(original.length, fixed.length);
  while (pre < max && original.charCodeAt(pre) === fixed.charCodeAt(pre)) pre++;
  let suf = 0;
  while (suf < max - pre && original.charCodeAt(original.length - 1 - suf) === fixed.charCodeAt(fixed.length - 1 - suf)) suf++;
  if (pre === original.length && pre === fixed.length) return all;
  // Widen the change to whole lines of the original.
  const from = original.lastIndexOf('\n', pre - 1) + 1;
  const nl = original.indexOf('\n', original.length - suf);
  const to = nl === -1 ? original.length : nl;
  const byteFrom = nthLineStart(all, countNewlines(original, from));
  const byteTo = nl === -1 ? all.length : nthLineStart(all, countNewlines(original, to) + 1) - 1;
  if (!Buffer.from(original.slice(from, to), 'utf8').equals(all.subarray(byteFrom, byteTo))) return null;
  const middle = Buffer.from(fixed.slice(from, fixed.length - (original.length - to)), 'utf8');
  return Buffer.concat([all.subarray(0, byteFrom), middle, all.subarray(byteTo)]);
}

function countNewlines(s: string, end: number): number {
  let n = 0;
  for (let i = s.indexOf('\n'); i !== -1 && i < end; i = s.indexOf('\n', i + 1)) n++;
  return n;
}

/** Byte offset where line `n` (0-based) starts: just after the n-th newline byte. */
function nthLineStart(b: Buffer, n: number): number {
  let at = 0;
  for (let k = 0; k < n; k++) at = b.indexOf(0x0a, at) + 1;
  return at;
}

/** ShellCheck's codes are valid to ignore but are not rules of ours. */
const SHELLCHECK_CODE = /^SC\d{4}$/i;

/** A warning on stderr for each rule code given to --ignore/--error/... that names no rule. */
function warnUnknownCodes(args: LintArgs, index: import('../../linter/index.js').RuleIndex, io: Io): void {
  const seen = new Set<string>();
  for (const opt of ['ignore', 'error', 'warning', 'info', 'style'] as const) {
    for (const code of splitCodes(args[opt])) {
      if (SHELLCHECK_CODE.test(code) || index.all(code).length > 0 || seen.has(`${opt} ${code}`)) continue;
      seen.add(`${opt} ${code}`);
      io.stderr(`dockhand: warning: --${opt} ${code}: no such rule (see dockhand rules)\n`);
    }
  }
}

/** Codes from repeated options, each of which may also be a comma-separated list. */
function splitCodes(values: readonly string[] | undefined): string[] {
  return (values ?? []).flatMap((s) => s.split(',')).map((s) => s.trim()).filter(Boolean);
}

/**
 * The one-line problem with the context's .dockerignore (unreadable or invalid), worded as plan
 * and context word it (`<path>: line N: ...`, the path relative to the cwd), or null.
 */
function dockerignoreProblem(view: BuildContextView, cwd: string): string | null {
  const ctx = view as Partial<import('../../context/index.js').BuildContext>;
  const err = ctx.dockerignoreError?.();
  if (!err) return null;
  const abs = ctx.dockerignorePath;
  if (!abs || !err.message.startsWith(`${abs}: `)) return err.message;
  return `${displayPath(abs, cwd)}${err.message.slice(abs.length)}`;
}

/** Cheap pre-check: ShellCheck only runs on files with a RUN. */
function hasRun(text: string): boolean {
  return /^[ \t]*(?:onbuild[ \t]+)?run\b/im.test(text);
}

/** Views shared by the Dockerfiles of one run that see the same root and .dockerignore. */
const contextCache = new Map<string, BuildContextView>();

async function openContext(root: string, input: LintInput, verbose: (m: string) => void, explicit: string | undefined): Promise<BuildContextView | undefined> {
  try {
    const { openBuildContext, findDockerignore } = await import('../../context/index.js');
    const dockerfile = input.kind === 'file' ? input.path : resolve(root, 'Dockerfile');
    const key = `${root}\u0000${findDockerignore(root, dockerfile) ?? ''}`;
    let view = contextCache.get(key);
    if (!view) {
      view = memoised(openBuildContext(root, { dockerfile }));
      contextCache.set(key, view);
    }
    verbose(`${input.display}: build context ${root}`);
    return view;
  } catch (err) {
    // An explicit --context that cannot be opened is a usage error; the default one is optional.
    // The context error names the absolute root already: name the directory as given instead.
    if (explicit !== undefined) {
      const msg = (err as Error)?.message ?? String(err);
      throw new CliError(`--context ${explicit}: ${msg.startsWith(`${root}: `) ? msg.slice(root.length + 2) : msg}`);
    }
    verbose(`${input.display}: no build context (${(err as Error)?.message ?? String(err)}); context-aware rules skipped`);
    return undefined;
  }
}

/**
 * Directory listings and globs answered once per run: a directory holding many Dockerfiles (a
 * monorepo, the corpus) would otherwise list its context once per file.
 */
function memoised(view: BuildContextView): BuildContextView {
  const globs = new Map<string, string[]>();
  let top: string[] | undefined;
  const m = Object.create(view) as BuildContextView;
  m.topLevel = () => (top ??= view.topLevel());
  m.glob = (pattern) => {
    let hit = globs.get(pattern);
    if (!hit) globs.set(pattern, (hit = view.glob(pattern)));
    return [...hit];
  };
  return m;
}

/** Runs ShellCheck over every linted file at once; returns a note when it could not run. */
async function addShellcheck(linter: typeof import('../../linter/index.js'), linted: Linted[]): Promise<string | null> {
  const withRun = linted.filter((l) => hasRun(l.report.text));
  if (withRun.length === 0) return null;
  let res: { available: boolean; reason?: string; diagnostics: Map<string, Diagnostic[]> };
  try {
    const { runShellcheck } = await import('../../shell/shellcheck.js');
    // Keyed by position, not display name: two inputs may share one (`--stdin-filename Dockerfile - Dockerfile`).
    res = await runShellcheck(withRun.map((l, i) => ({ filename: `${i}:${l.report.file}`, file: l.file })));
  } catch (err) {
    return `ShellCheck failed (${(err as Error)?.message ?? String(err)}); SC findings were skipped`;
  }
  if (!res.available) return `ShellCheck findings were skipped: ${res.reason ?? 'shellcheck is not installed'} (install shellcheck, or pass --no-shellcheck)`;
  for (const [i, l] of withRun.entries()) {
    const extra = res.diagnostics.get(`${i}:${l.report.file}`);
    if (!extra?.length) continue;
    const merged = linter.addExternalFindings({ file: l.file, diagnostics: l.report.diagnostics }, extra, l.optionsFor);
    l.report.diagnostics = merged.diagnostics;
  }
  return null;
}
