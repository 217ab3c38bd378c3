// `dockhand lint [PATH..]`: find Dockerfiles, load config, lint (rules + ShellCheck), optionally
// fix, print in the chosen format and exit 0 / 1 (findings at or above the threshold) / 2 (errors).
import { accessSync, constants as fsConstants, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { dirname, resolve } from 'node:path';
import pkg from '../../../package.json' with { type: 'json' };
import { severityRank, type Diagnostic } from '../../core/diagnostic.js';
import { hash128 } from '../../core/hash128.js';
import type { Dockerfile } from '../../parser/ast.js';
import { BUILD_ID, bundleEntry } from '../build-info.js';
import type { Command } from '../command.js';
import { ruleKeyProblem, ruleKeyWarning } from '../../linter/codes.js';
import { formatName, mergeConfig } from '../../linter/config.js';
import { contextRuleNames } from '../../rules/context-rules.js';
import { ConfigFinder, type FoundConfig } from '../config-file.js';
import type { ContextRead, RootStamp } from '../context-reads.js';
import { FORMATTERS, type FileReport } from '../formatters/index.js';
import { CliError, type Io } from '../io.js';
import { LintContexts, type ContextChoice } from '../lint-context.js';
import type { FixMode, LaneResult } from '../lint-file.js';
import { errnoReason } from '../../core/errno.js';
import { displayPath, resolveInputs, type LintInput } from '../lint-inputs.js';
import { lastValue, presetsOf, repeated } from '../options.js';
import type { ArgsOf, QuickOption } from '../quick-args.js';
import { dockerfileProblem, readInputFile } from '../read-file.js';
import { visible } from '../../core/visible.js';

/** What runLint receives: the paths and every option of LINT_OPTIONS (`--no-fail` arrives as fail=false). */
type LintArgs = { paths?: string[] } & ArgsOf<typeof LINT_OPTIONS>;

/** One input on its way through the run: read, then served from the cache or linted. */
interface Slot {
  input: LintInput;
  /**
   * The file's bytes as read: hashed for the cache, and a fix rewrites only the changed range of
   * them (dropped once printed). Not read when the run record vouches for them and the cache has
   * the file's findings (a json run).
   */
  bytes?: Buffer;
  /** Its stat, taken before it was read (files only). */
  stat?: import('node:fs').Stats;
  config: import('../../linter/index.js').LintConfig;
  /** The run's entry for that config (its index for the worker threads, its digest for the cache). */
  run: RunConfig;
  context: ContextChoice | undefined;
  /** The digest of its bytes and its results-cache key (when the cache is on). */
  digest?: Buffer;
  key?: Buffer;
  /** Findings, once known. */
  diagnostics?: Diagnostic[];
  /** The text after fixes, when they changed it. */
  fixed?: string;
  reads?: ContextRead[];
  /** The file has scripts for ShellCheck. */
  scripts: boolean;
  /** ShellCheck should have run on it but could not: its findings are incomplete, not for the cache. */
  incomplete?: boolean;
  /** What the cache had (its findings are decoded only if a format needs them). */
  cached?: import('../lint-cache.js').CachedFile;
  /** Its element of the earlier run's output, printed from the record (a json run; see `cached`). */
  served?: import('../lint-runs.js').ServedElement;
}

const FORMAT_NAMES = Object.keys(FORMATTERS);
/**
 * Without --jobs, fewer files than this are linted on the main thread alone: a worker's start-up
 * and warm-up would cost more (bench/lint-jobs.bench.ts measures where threads start to pay).
 */
const POOL_MIN_FILES = 64;

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
  cache: { type: 'boolean', default: true, describe: 'Reuse findings of files unchanged since an earlier run (--no-cache to lint everything)' },
  'cache-location': { type: 'string', coerce: lastValue, describe: 'Directory of the results cache (default: $DOCKHAND_CACHE_DIR, else $XDG_CACHE_HOME/dockhand, else node_modules/.cache/dockhand in a project, else ~/.cache/dockhand)' },
  jobs: { alias: 'j', type: 'string', coerce: lastValue, digits: true, describe: 'Lint on up to N threads, one per CPU at most (default, from 64 files on: one per two CPUs the load average leaves free, at least 1)' },
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
  const verbose = (msg: string) => { if (verboseOn) io.stderr(`dockhand: ${visible(msg)}\n`); };
  const format = args.format === undefined ? undefined : normaliseFormat(args.format);
  const cliConfig = await cliConfigOf(args);
  const fixMode: FixMode = args['fix-unsafe'] ? 'unsafe' : args.fix ? 'safe' : null;
  const jobs = jobsOf(args.jobs);
  // More threads than CPUs only add start-up and memory (each warms up its own copy of the code):
  // `--jobs 100` over 120 files took 16 times as long as one thread, in 700 MB.
  const threads = Math.min(jobs, availableParallelism());

  // An unset shell variable (`dockhand lint "$DF"`) must not lint the cwd or read stdin.
  if ((args.paths ?? []).includes('')) throw new CliError('empty path given for PATH');
  for (const opt of ['config', 'context', 'stdin-filename', 'cache-location'] as const) if (args[opt] === '') throw new CliError(`empty value given for --${opt}`);
  const unknown = (args.paths ?? []).find((p) => p.startsWith('-') && p !== '-');
  if (unknown) throw new CliError(`unknown option ${unknown.split('=')[0]} (see dockhand lint --help)`);
  const stdinName = args['stdin-filename'] ?? '-';
  const { inputs, errors } = resolveInputs(args.paths ?? [], io.cwd, stdinName);
  let ioFailed = errors.length > 0;
  for (const e of errors) io.stderr(`dockhand: ${visible(e)}\n`);

  warnEmptyCodes(args, io);
  // Checked against the generated list of rule keys: the rules (and the parser) load only when a
  // file is linted, and a run served from the results cache needs neither (~15 ms of its start-up).
  warnUnknownCodes(args, io);
  for (const w of environment.warnings) io.stderr(`dockhand: ${visible(`warning: ${w}`)}\n`);
  if (environment.read.length > 0) verbose(`environment: ${environment.read.join(', ')}`);
  const warnedConfigs = new Set<string>();
  const needsContext = contextRuleNames.length > 0;
  const contexts = new LintContexts(io.cwd, inputsPerDirectory(inputs));
  // What ShellCheck's findings depend on: its binary ('missing' when there is none), or 'off'.
  const located = args.shellcheck === false ? undefined : (await import('../../shell/shellcheck-locate.js')).locateShellcheck(process.env.PATH); // what execFile searches
  // ShellCheck also reads options from SHELLCHECK_OPTS: they change its findings as its binary does.
  const scIdentity = args.shellcheck === false ? 'off' : located ? `${located.identity}\u0000${process.env.SHELLCHECK_OPTS ?? ''}` : 'missing';
  const cache = await openCache(args, io, fixMode, verbose);
  // A run with the same command line and nothing changed prints what the last one printed.
  const runs = cache && !fixMode && !verboseOn && inputs.length > 0 && inputs.every((i) => i.kind === 'file') ? cache.runs : undefined;
  let known: (Buffer | undefined)[] | undefined;
  let knownStats: import('node:fs').Stats[] | undefined;
  let served: (import('../lint-runs.js').ServedElement | undefined)[] | undefined;
  let source: import('../lint-runs.js').RecordSource | undefined;
  if (runs) {
    const earlier = await fromEarlierRun(runs, inputs, { args, io, format, cliConfig, finder, contexts, needsContext, scIdentity });
    const whole = earlier?.hit;
    // A json report prints each file's stored json text: the files the record vouches for need not be
    // read, and those whose element of the recorded output still holds are printed from there.
    if (earlier?.json && earlier.known) ({ known, stats: knownStats, served, source } = earlier);
    else earlier?.source?.close();
    if (whole !== undefined) {
      // Written outside fromEarlierRun's try: once the first byte is out, there is no going back.
      if (io.stdoutBytes) await whole.serve(io.stdoutBytes);
      else {
        const chunks: Buffer[] = [];
        await whole.serve(async (chunk) => { chunks.push(Buffer.from(chunk)); });
        if (chunks.length > 0) io.stdout(Buffer.concat(chunks).toString());
      }
      return ioFailed ? 2 : whole.exit;
    }
  }
  const linter = await import('../../linter/index.js');
  const { decode, parse } = await import('../../parser/index.js');
  const readAt = Date.now();
  const slots: Slot[] = [];
  const configs = new RunConfigs(finder, cliConfig, args.config === undefined ? undefined : resolve(io.cwd, args.config), format);
  const reportedIgnores = new Set<string>();

  type Read = { bytes: Buffer; stat: import('node:fs').Stats | undefined } | undefined;
  /** Says on stderr why `input` cannot be linted (unread); undefined. */
  const unread = (input: LintInput, err: unknown): Read => {
    io.stderr(`dockhand: ${visible(`cannot read ${err instanceof CliError ? err.message : `${input.display}: ${errnoReason(err)}`}`)}\n`);
    ioFailed = true;
    return undefined;
  };
  /** `bytes` as read from `input`, unless they are no text (said on stderr: undefined). */
  const asText = (input: LintInput, bytes: Buffer, stat: import('node:fs').Stats | undefined): Read => {
    const notText = dockerfileProblem(bytes);
    if (!notText) return { bytes, stat };
    // A binary file a directory search happened to match (docs/Dockerfile.png) is not an error
    // of the run; a file named on the command line is.
    if (input.kind === 'file' && input.searched) {
      io.stderr(`dockhand: ${visible(`skipped ${input.display}: ${notText}`)}\n`);
      return undefined;
    }
    io.stderr(`dockhand: ${visible(`${input.display}: ${notText}`)}\n`);
    ioFailed = true;
    return undefined;
  };
  /** The input's bytes and stat, or undefined when it cannot be read or is no text (a promise for stdin only). */
  const readInput = (input: LintInput): Read | Promise<Read> => {
    if (input.kind === 'stdin') return io.readStdin().then((bytes) => asText(input, bytes, undefined), (err: unknown) => unread(input, err));
    let bytes: Buffer;
    let stat: import('node:fs').Stats | undefined;
    try {
      // readInputFile refuses FIFOs, sockets and devices (which would block forever) but reads
      // process substitution's /dev/fd/N.
      bytes = readInputFile(input.path, input.display, (st) => (stat = st), input.stat);
    } catch (err) {
      return unread(input, err);
    }
    return asText(input, bytes, stat);
  };

  // Read every input in order (what cannot be read is said in order too), and take what the cache has.
  for (let index = 0; index < inputs.length; index++) {
    const input = inputs[index]!;
    // The run record vouches for this file's bytes (same stat as when it was read): read it only if
    // the cache does not have its findings.
    const vouched = known?.[index];
    let bytes: Buffer | undefined;
    let stat: import('node:fs').Stats | undefined;
    if (vouched) stat = knownStats![index];
    else {
      const pending = readInput(input);
      const read = pending instanceof Promise ? await pending : pending;
      if (!read) continue;
      ({ bytes, stat } = read);
    }
    const dir = input.kind === 'stdin' ? resolve(io.cwd, dirname(args['stdin-filename'] ?? 'Dockerfile')) : dirname(input.path);
    const { found, run } = await configs.forDirectory(dir);
    verbose(`${input.display}: ${found.path ? `config ${found.path}` : 'no config file (defaults)'}`);
    if (found.path && found.result.warnings?.length && !warnedConfigs.has(found.path)) {
      warnedConfigs.add(found.path);
      const shown = displayPath(found.path, io.cwd);
      for (const w of found.result.warnings) io.stderr(`dockhand: ${visible(`warning: ${w.startsWith(`${found.path}:`) ? shown + w.slice(found.path.length) : w}`)}\n`);
    }

    let context: ContextChoice | undefined;
    // Standard input belongs to no directory unless --stdin-filename or --context says which: the
    // rules that read the build context are skipped rather than run against wherever the command
    // happens to run (`docker run -i dockhand lint - < Dockerfile` runs in the image's empty /work).
    const unplaced = input.kind === 'stdin' && args['stdin-filename'] === undefined && args.context === undefined;
    if (needsContext && unplaced) verbose(`${input.display}: no build context (standard input without --stdin-filename or --context): the rules that read it are skipped`);
    if (needsContext && !unplaced) {
      // Stdin is the file --stdin-filename names (its <name>.dockerignore applies), else ./Dockerfile.
      const dockerfile = input.kind === 'file' ? input.path : resolve(io.cwd, args['stdin-filename'] ?? 'Dockerfile');
      context = await contexts.open(args.context ? resolve(io.cwd, args.context) : dir, dockerfile, args.context);
      const [first, ...rest] = context.notes;
      if (first) verbose(`${input.display}: ${first}`);
      // BuildKit fails a build whose .dockerignore is invalid or unreadable: say so (once per
      // file), lint without the context, and exit 2.
      if (context.problem) {
        if (!reportedIgnores.has(context.problem)) io.stderr(`dockhand: ${visible(context.problem)}\n`);
        reportedIgnores.add(context.problem);
        ioFailed = true;
      }
      for (const n of rest) verbose(`${input.display}: ${n}`);
    }
    // Every field from the start: a slot never changes shape. (With two properties added after it was
    // made, the 4,000-file run peaked 12 MB higher.)
    const slot: Slot = {
      input, bytes, stat, config: run.config, run, context, scripts: false,
      digest: undefined, key: undefined, cached: undefined, diagnostics: undefined, fixed: undefined, reads: undefined, incomplete: undefined, served: undefined,
    };
    const element = served?.[index];
    if (element) {
      // Printed from the earlier run's record: no results-cache entry is read (nor made).
      slot.digest = known![index];
      slot.cached = servedFile(element);
      slot.served = element;
      slot.scripts = element.scripts;
    } else if (cache) {
      const keyOf = (digest: Buffer) => cache.key(configs.canonicalOf(run), input.display, context?.answers !== undefined, scIdentity, digest);
      slot.digest = vouched ?? cache.digest(bytes!);
      slot.key = keyOf(slot.digest);
      // The format is settled by now (the first file's config at the latest): json reads the entry's json text.
      const json = (configs.format ?? 'stylish') === 'json';
      let hit = cache.lookup(slot.key, context?.answers, json);
      if (!hit && !slot.bytes) {
        // Vouched for, but not in the cache (or its context answers changed): lint it after all.
        const read = readInput(input) as Read; // a file: never a promise
        if (!read) continue;
        ({ bytes: slot.bytes, stat: slot.stat } = read);
        slot.digest = cache.digest(slot.bytes);
        slot.key = keyOf(slot.digest);
        hit = cache.lookup(slot.key, context?.answers, json);
      }
      if (hit) Object.assign(slot, { cached: hit, scripts: hit.scripts });
    }
    slots.push(slot);
  }

  // Each file is settled in input order as soon as its findings are final: its cache entry is made,
  // and with --format json its part of the output is printed and what the output no longer needs
  // (findings, bytes) let go, so a run over many files holds no file's findings past its turn.
  const name = configs.format ?? 'stylish';
  const json = name === 'json' ? await import('../formatters/json.js') : undefined;
  // A json run's record is written as its output is printed (lint-runs.ts RunWriter).
  const recording = json && !fixMode && runs ? runs.writer(slots.length) : undefined;
  const stream = json && !fixMode ? new JsonStream(io, recording) : undefined;
  let settled = 0;
  let findings = 0;
  let failed = false;
  // For the run's record: each file's element of the json output (lint-runs.ts RecordedElement).
  const elements: import('../lint-runs.js').RecordedElement[] | undefined = recording ? [] : undefined;
  const settle = (upTo: number) => {
    for (; settled < upTo; settled++) {
      const s = slots[settled]!;
      const store = !s.cached && s.key && !s.incomplete;
      // The json text is kept too when this run prints it anyway (a later json run then prints it as
      // is): the bytes printed, when the stream keeps them. A cached entry's is printed as stored.
      const element = json && (store || stream) && !s.served ? (s.cached?.json ?? json.reportJson({ file: s.input.display, diagnostics: s.diagnostics ?? s.cached!.diagnostics })) : undefined;
      const printed = s.served ? stream!.writeFrom(source!, s.served.offset, s.served.length) : stream?.write(element!, Boolean(store));
      // A json run reads the json text only: its entries keep that, not the findings too.
      if (store) {
        const root = s.context?.answers?.rootStamp;
        cache!.store(s.key!, { reads: s.reads ?? [], ...(root && { root }), diagnostics: s.diagnostics!, scripts: s.scripts, ...(element !== undefined && { json: printed ?? element }) }, !json);
      }
      const count = s.cached ? s.cached.count : s.diagnostics!.length;
      findings += count;
      if (!s.config.noFail && fails(s, s.config.failureThreshold)) failed = true;
      elements?.push({ length: printed!.length, count, worst: s.cached ? s.cached.worst : worstOf(s.diagnostics!), scripts: s.scripts });
      if (stream) {
        s.diagnostics = undefined;
        s.bytes = undefined;
      }
    }
  };

  // Lint what the cache did not have: on several threads when there are many files and ShellCheck
  // does not run (its processes take the cores then), else here, ShellCheck beside the rules.
  const todo = slots.filter((s) => !s.cached);
  const shellcheck = scIdentity !== 'off' && todo.length > 0 ? await import('../../shell/shellcheck.js') : undefined;
  const runner = located && shellcheck ? new shellcheck.ShellcheckRunner({ store: cache?.scripts, identity: scIdentity }) : undefined;
  if (todo.length > 0) {
    const { Lane } = await import('../lint-file.js');
    const { recordingView } = await import('../context-reads.js');
    const countScripts = scIdentity === 'missing' ? shellcheck!.hasShellcheckScripts : undefined;
    // What each file asked its build context is kept by the results cache only (runs need the cache).
    const lane = new Lane({ linter, parse, decode, recordingView, record: cache !== undefined, fixMode, runner, countScripts });
    // Results wait here until every file before them has one; ShellCheck's findings are merged into
    // them until lane.finish() (with it, nothing is final before).
    const results: (LaneResult | undefined)[] = new Array(todo.length);
    let ready = 0;
    const advance = () => {
      if (runner) return;
      for (; ready < todo.length && results[ready]; ready++) {
        Object.assign(todo[ready]!, results[ready]);
        results[ready] = undefined;
      }
      settle(ready < todo.length ? slots.indexOf(todo[ready]!, settled) : slots.length);
    };
    const here = async (i: number) => {
      const s = todo[i]!;
      results[i] = await lane.lint({ bytes: s.bytes!, filename: s.input.display, config: s.config, answers: s.context?.answers }, i === todo.length - 1);
      advance();
    };
    const entry = bundleEntry();
    if (jobs > threads) verbose(`--jobs ${jobs}: at most ${threads} ${threads === 1 ? 'thread' : 'threads'}, one per CPU`);
    if (!runner && entry && threads > 1 && todo.length >= (args.jobs === undefined ? POOL_MIN_FILES : 2)) {
      verbose(`linting ${todo.length} files on ${Math.min(threads, todo.length)} threads`);
      const { lintInPool } = await import('../lint-pool.js');
      const jobsOut = todo.map((s) => ({ bytes: s.bytes!, filename: s.input.display, config: s.run.index, ...(s.context?.answers && s.context.spec && { context: s.context.spec }) }));
      await lintInPool(jobsOut, { entry, threads, configs: configs.list.map((c) => c.config), fixMode, countScripts: countScripts !== undefined, record: cache !== undefined }, here, (i, r) => {
        results[i] = r;
        advance();
      });
    }
    // Everything (without threads), or what a worker left undone. `ready` moves on as files settle
    // (and their results are let go): a file below it is done, whatever results[] holds for it.
    for (let i = ready; i < todo.length; i++) if (i >= ready && !results[i]) await here(i);
    await lane.finish();
    for (; ready < todo.length; ready++) Object.assign(todo[ready]!, results[ready]);
  }
  settle(slots.length);

  const notes: string[] = [];
  const skipped = runner?.failure ?? (scIdentity === 'missing' && slots.some((s) => s.scripts) ? 'shellcheck not found on the PATH' : undefined);
  if (skipped !== undefined) {
    const note = `ShellCheck findings were skipped: ${skipped} (install shellcheck, or pass --no-shellcheck)`;
    notes.push(note);
    verbose(note);
  }
  if (cache) {
    cache.save();
    verbose(`results cache ${displayPath(cache.dir, io.cwd)}: ${slots.length - todo.length} of ${slots.length} ${slots.length === 1 ? 'file' : 'files'} unchanged`);
    for (const n of [...cache.runs.notes, ...cache.notes]) io.stderr(`dockhand: ${visible(n)}\n`);
    // Where the user named the place, a save that failed there is said as the place being unusable is.
    for (const n of cache.quietNotes) if (cache.named) io.stderr(`dockhand: ${visible(`warning: ${n}`)}\n`); else verbose(n);
  }

  // Write fixes back (stdin: the fixed text goes to stdout instead of a report).
  let stdinFixed: string | null = null;
  if (fixMode) {
    for (const s of slots) {
      if (s.input.kind === 'stdin') {
        stdinFixed = s.fixed ?? decode(s.bytes!).text;
        continue;
      }
      if (s.fixed === undefined) continue;
      const out = spliceFixed(s.bytes!, decode(s.bytes!).text, s.fixed);
      if (!out) {
        io.stderr(`dockhand: ${visible(`${s.input.display}: not fixed (a line to fix holds invalid UTF-8)`)}\n`);
        ioFailed = true;
        continue;
      }
      try {
        writeFileSync(s.input.path, out);
        verbose(`${s.input.display}: fixed`);
      } catch (err) {
        io.stderr(`dockhand: ${visible(`cannot write ${s.input.display}: ${errnoReason(err)}`)}\n`);
        ioFailed = true;
      }
    }
  }

  const formatter = FORMATTERS[name];
  if (!formatter) throw new CliError(`unknown format '${name}' (use ${FORMAT_NAMES.join(', ')})`);
  const color = configs.color(args.color, io);
  let out = '';
  if (stream) {
    stream.end();
    source?.close();
  } else {
    const reports = slots.map((s) => reportOf(s, decode));
    const fopts = { color, rules: linter.allRules, notes: name === 'stylish' ? notes : [], version: pkg.version };
    if (stdinFixed !== null) {
      io.stdout(stdinFixed);
      const others = reports.filter((r) => r.diagnostics.length > 0);
      if (others.length) io.stderr(FORMATTERS.stylish!(others, { ...fopts, color: args.color ?? io.stderrIsTTY }));
    }
    out = stdinFixed === null ? formatter(reports, fopts) : '';
    if (out) io.stdout(out);
  }

  verbose(`linted ${slots.length} ${slots.length === 1 ? 'file' : 'files'} in ${Date.now() - started} ms: ${findings} ${findings === 1 ? 'finding' : 'findings'}`);
  // For the next run with this command line, when this one printed everything there is to print.
  const complete = slots.length === inputs.length && reportedIgnores.size === 0 && warnedConfigs.size === 0 && !runner?.failure && slots.every((s) => !s.incomplete && s.stat);
  const asked = runs && complete ? readsByContext(slots) : undefined;
  if (runs && asked) {
    const shape = runShapeOf(slots, configs, { cwd: io.cwd, format: name, color, shellcheck: scIdentity, build: cache!.build });
    const record = { stats: slots.map((s) => s.stat!), digests: slots.map((s) => s.digest!), ...asked, exit: failed ? 1 : 0, findings, ...(elements && { elements }) };
    if (recording) recording.finish(runs.key(shape), record, readAt);
    else runs.save(runs.key(shape), { ...record, out }, readAt);
  } else recording?.abort();
  if (ioFailed) return 2;
  return failed ? 1 : 0;
}

/** What decides a run's output besides its files' contents and build contexts (lint-runs.ts). */
function runShapeOf(
  slots: readonly { input: LintInput; context?: ContextChoice; run: RunConfig }[],
  configs: RunConfigs,
  run: Omit<import('../lint-runs.js').RunShape, 'inputs'>,
): import('../lint-runs.js').RunShape {
  return {
    ...run,
    inputs: slots.map((s) => ({
      path: s.input.kind === 'file' ? s.input.path : '-',
      config: configs.digestOf(s.run),
      context: s.context?.answers && s.context.spec ? s.context.spec.key : null,
    })),
  };
}

/**
 * Every build-context question the run's files asked, once each, by context; and the contexts' root
 * stats. Undefined when one question got two answers: worker threads and the per-file cache's check
 * each ask the context themselves, so a file created or deleted during the run can leave findings
 * made under both answers, and no single recorded answer would then stand for all of them.
 */
export function readsByContext(slots: readonly Pick<Slot, 'context' | 'cached' | 'reads'>[]): { reads: Record<string, ContextRead[]>; roots: Record<string, RootStamp> } | undefined {
  const out: Record<string, ContextRead[]> = {};
  const roots: Record<string, RootStamp> = {};
  const seen = new Map<string, string>();
  for (const s of slots) {
    const key = s.context?.answers && s.context.spec?.key;
    if (!key) continue;
    const stamp = s.context!.answers!.rootStamp;
    if (stamp) roots[key] = stamp;
    for (const r of s.cached ? s.cached.reads : s.reads ?? []) {
      const id = `${key}\u0000${r[0]}\u0000${r[1]}`;
      const had = seen.get(id);
      if (had !== undefined) {
        if (had !== r[2]) return undefined;
        continue;
      }
      seen.set(id, r[2]);
      (out[key] ??= []).push(r);
    }
  }
  return { reads: out, roots };
}

/**
 * Serves the run from an earlier one with the same command line when nothing it depends on
 * changed (lint-runs.ts); undefined otherwise (or when anything here goes differently from a plain
 * run: that one then runs and says what it has to say). The caller writes the output (nothing else).
 */
async function fromEarlierRun(
  runs: import('../lint-runs.js').RunCache,
  inputs: LintInput[],
  run: {
    args: LintArgs; io: Io; format: string | undefined; cliConfig: Partial<Slot['config']>; finder: ConfigFinder; contexts: LintContexts;
    needsContext: boolean; scIdentity: string;
  },
): Promise<(import('../lint-runs.js').RunLookup & { stats: import('node:fs').Stats[]; json: boolean }) | undefined> {
  const { args, io } = run;
  try {
    const stats: import('node:fs').Stats[] = [];
    const answers = new Map<string, import('../context-reads.js').ContextAnswers>();
    const configs = new RunConfigs(run.finder, run.cliConfig, args.config === undefined ? undefined : resolve(io.cwd, args.config), run.format);
    const shaped: { input: LintInput; context?: ContextChoice; run: RunConfig }[] = [];
    const contextRoot = args.context ? resolve(io.cwd, args.context) : undefined;
    for (const input of inputs) {
      if (input.kind !== 'file') return undefined;
      // The stat resolving the path took (moments ago, before the record is read) will do.
      const st = input.stat ?? statSync(input.path);
      if (!st.isFile()) return undefined;
      stats.push(st);
      const dir = dirname(input.path);
      const { found, run: config } = await configs.forDirectory(dir);
      // A config file with warnings has them printed by a full run (not part of the recorded output).
      if (found.result.warnings?.length) return undefined;
      let context: ContextChoice | undefined;
      if (run.needsContext) {
        context = await run.contexts.open(contextRoot ?? dir, input.path, args.context);
        if (context.problem) return undefined;
        if (context.answers && context.spec) answers.set(context.spec.key, context.answers);
      }
      shaped.push({ input, context, run: config });
    }
    const name = configs.format ?? 'stylish';
    const color = configs.color(args.color, io);
    const shape = runShapeOf(shaped, configs, { cwd: io.cwd, format: name, color, shellcheck: run.scIdentity, build: runs.build });
    const contextOf = (i: number) => shape.inputs[i]!.context;
    return { ...runs.lookup(runs.key(shape), stats, answers, name === 'json' ? contextOf : undefined), stats, json: name === 'json' };
  } catch {
    return undefined;
  }
}

/** Output is written in chunks of about this many characters (one write each). */
const CHUNK = 1 << 16;

/** The array's punctuation. */
const OPEN = Buffer.from('[\n');
const COMMA = Buffer.from(',\n');
const CLOSE = Buffer.from('\n]\n');
const EMPTY_ARRAY = Buffer.from('[]\n');

/**
 * `--format json` written while the files are settled: the array's elements in input order, in
 * chunks of about CHUNK bytes; the same text as formatJson's. A report's text is encoded once, into
 * a slab of memory that is written as it is; the bytes a cache entry kept are written from where
 * they are (with writev), never copied, and an element of an earlier run's record is copied from
 * the record into the slab (writeFrom). write() returns each element's bytes (the results cache
 * keeps those very bytes as the file's json text). With a `record`, every chunk written goes to the
 * run's record too, so the output is not held for it.
 */
class JsonStream {
  private count = 0;
  /** Where reports' texts are encoded, and how much of it is used. */
  private slab: Buffer | undefined;
  private used = 0;
  /**
   * The slab's bytes may be referenced after they are written (a cache entry keeps an element, or
   * Node's stream holds what it could not write yet): it is not used again.
   */
  private pinned = false;
  /** What is still to be written, in order, and its size. */
  private out: Uint8Array[] = [];
  private size = 0;

  constructor(private readonly io: Io, private readonly record?: import('../lint-runs.js').RunWriter) {}

  /**
   * One report's element (reportJson's text, or its UTF-8 bytes); its bytes in the output, which
   * stay as they are only with `keep` (else their memory may be used again once written).
   */
  write(element: string | Uint8Array, keep = false): Uint8Array {
    const prefix = this.count++ === 0 ? OPEN : COMMA;
    let bytes: Uint8Array;
    if (typeof element === 'string') {
      // The separator and the text, encoded one after the other (a text takes three bytes per
      // UTF-16 unit at most: only a tighter fit is measured).
      const room = this.slab ? this.slab.length - this.used : 0;
      if (room < 2 + element.length * 3) this.room(2 + Buffer.byteLength(element));
      const slab = this.slab!;
      if (keep) this.pinned = true;
      const start = this.used;
      this.used += prefix.copy(slab, start);
      const at = this.used;
      this.used += slab.write(element, at, 'utf8');
      this.add(slab.subarray(start, this.used));
      bytes = slab.subarray(at, this.used);
    } else {
      this.add(prefix);
      this.add((bytes = element));
    }
    if (this.size >= CHUNK) this.flush();
    return bytes;
  }

  /** One element copied from `source` (`length` bytes at `offset`); its bytes in the output (see write). */
  writeFrom(source: import('../lint-runs.js').RecordSource, offset: number, length: number): Uint8Array {
    const prefix = this.count++ === 0 ? OPEN : COMMA;
    this.room(prefix.length + length);
    const slab = this.slab!;
    const start = this.used;
    this.used += prefix.copy(slab, start);
    const at = this.used;
    source.copy(offset, length, slab, at);
    this.used += length;
    this.add(slab.subarray(start, this.used));
    if (this.size >= CHUNK) this.flush();
    return slab.subarray(at, this.used);
  }

  /** Closes the array and writes what is left. */
  end(): void {
    this.add(this.count === 0 ? EMPTY_ARRAY : CLOSE);
    this.flush();
  }

  /**
   * Makes room for `need` more bytes in the slab: when they do not fit, what is queued is written,
   * and the slab is used again from its start if nothing can still reference its bytes (a new
   * slab's pages cost a page fault each the first time they are written: ~3,700 for a 15 MB output).
   */
  private room(need: number): void {
    if (this.slab && this.slab.length - this.used >= need) return;
    if (this.slab && this.out.length > 0) this.flush();
    if (!this.slab || this.pinned || this.slab.length < need) this.slab = Buffer.allocUnsafeSlow(Math.max(CHUNK, need));
    this.used = 0;
    this.pinned = false;
  }

  /**
   * Queues bytes to write. Bytes that continue the last queued ones in memory (the texts encoded one
   * after the other into a slab) extend them: one chunk for many reports.
   */
  private add(bytes: Uint8Array): void {
    const last = this.out[this.out.length - 1];
    if (last && last.buffer === bytes.buffer && last.byteOffset + last.length === bytes.byteOffset) {
      this.out[this.out.length - 1] = new Uint8Array(last.buffer, last.byteOffset, last.length + bytes.length);
    } else this.out.push(bytes);
    this.size += bytes.length;
  }

  private flush(): void {
    const out = this.out;
    if (out.length === 0) return;
    this.out = [];
    this.size = 0;
    this.record?.write(out);
    if (this.io.stdoutChunks) {
      if (this.io.stdoutChunks(out) !== true) this.pinned = true;
    } else {
      const joined = Buffer.concat(out);
      if (this.io.stdoutBytes) this.io.stdoutBytes(joined);
      else this.io.stdout(joined.toString());
    }
  }
}

/** A slot's report; its text (for code frames and fingerprints) is decoded when a formatter asks. */
function reportOf(s: Slot, decode: typeof import('../../parser/index.js').decode): FileReport {
  let text = s.fixed;
  return {
    file: s.input.display,
    get diagnostics() {
      return s.diagnostics ?? s.cached!.diagnostics;
    },
    get text() {
      return (text ??= decode(s.bytes!).text);
    },
  };
}

/**
 * The --jobs value: a positive whole number. By default one thread per two CPUs left free by the
 * 1-minute load average (at least one): a lint thread keeps about one and a half cores busy (V8
 * compiles and collects garbage on helper threads beside it), and each thread warms up its own
 * copy of the code, so a thread without two free cores of its own slows the run down (on 2 CPUs,
 * `--jobs 2` took ~20% longer than `--jobs 1` over the corpus).
 */
function jobsOf(given: string | undefined): number {
  if (given === undefined) return defaultJobs(availableParallelism(), loadavg()[0]!);
  if (!/^\d+$/.test(given.trim()) || Number(given) < 1) throw new CliError(`invalid --jobs '${given}' (a whole number, 1 or more)`);
  return Number(given);
}

/** The default --jobs for `cpus` CPUs under a 1-minute load average of `load` (see jobsOf). */
export function defaultJobs(cpus: number, load: number): number {
  const free = cpus - Math.min(Math.max(load, 0), cpus);
  return Math.max(1, Math.floor(free / 2));
}

/** How many inputs each directory holds (where there are many, their contexts share a listing). */
function inputsPerDirectory(inputs: LintInput[]): Map<string, number> {
  const n = new Map<string, number>();
  for (const i of inputs) {
    if (i.kind !== 'file') continue;
    const dir = dirname(i.path);
    n.set(dir, (n.get(dir) ?? 0) + 1);
  }
  return n;
}

/**
 * The results cache, unless --no-cache, --fix (fixing always lints) or a build without an
 * identity (running from source: a cached result could be stale code's).
 */
async function openCache(args: LintArgs, io: Io, fixMode: FixMode, verbose: (m: string) => void) {
  if (args.cache === false || fixMode) return undefined;
  if (BUILD_ID === undefined) {
    verbose('results cache off: this build of dockhand has no identity (run from source)');
    return undefined;
  }
  const [{ LintCache }, { RunCache }, { defaultCacheDir }] = await Promise.all([import('../lint-cache.js'), import('../lint-runs.js'), import('../../context/stat-cache.js')]);
  const asked = args['cache-location'];
  const dir = asked !== undefined ? resolve(io.cwd, asked) : defaultCacheDir(io.cwd, io.env);
  // A place the user named that cannot hold the cache is said once, whatever -V says; the run goes on
  // without the cache (its findings and exit code are the same). The default place stays quiet
  // (LintCache.quietNotes: a read-only home in CI would otherwise warn on every run).
  const unusable = asked !== undefined ? unusableDirectory(dir) : undefined;
  if (unusable !== undefined) {
    io.stderr(`dockhand: ${visible(`warning: results cache off: --cache-location ${asked}: ${unusable}`)}\n`);
    return undefined;
  }
  const build = `${pkg.version}+${BUILD_ID}`;
  return new LintResults(new LintCache(dir), build, LintCache.key, LintCache.fileKey, new RunCache(dir, build), asked !== undefined);
}

/**
 * Why `dir` cannot be the results cache's directory (made when missing, as a save would make it):
 * it is a file, lies under one, or this process may not write there; undefined when it can.
 */
function unusableDirectory(dir: string): string | undefined {
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    accessSync(dir, fsConstants.W_OK | fsConstants.X_OK);
    return undefined;
  } catch (err) {
    // mkdir -p on a file: EEXIST, the system's word for what is in the way.
    return (err as NodeJS.ErrnoException).code === 'EEXIST' ? 'not a directory' : errnoReason(err);
  }
}

/** The results cache as lint uses it: keys made of everything findings depend on. */
class LintResults {
  readonly dir: string;
  readonly scripts: import('../../shell/shellcheck.js').ScriptStore;

  constructor(
    private readonly cache: import('../lint-cache.js').LintCache,
    readonly build: string,
    private readonly keyOf: typeof import('../lint-cache.js').LintCache.key,
    private readonly fileKeyOf: typeof import('../lint-cache.js').LintCache.fileKey,
    readonly runs: import('../lint-runs.js').RunCache,
    /** The place was named (--cache-location): problems with it are warnings, not --verbose notes. */
    readonly named = false,
  ) {
    this.dir = cache.dir;
    this.scripts = cache.scriptStore();
  }

  get notes(): readonly string[] {
    return this.cache.notes;
  }

  get quietNotes(): readonly string[] {
    return this.cache.quietNotes;
  }

  /**
   * The key of a file's findings: dockhand's build (which fixes the rules and their code), the
   * merged config, the name the file is linted under, whether the rules get a build context,
   * ShellCheck's binary, and the file's bytes (their digest). What the rules read from the context
   * is checked separately (lookup).
   */
  key(config: string, filename: string, hasContext: boolean, shellcheck: string, digest: Buffer): Buffer {
    // What most files of a run share is digested once (a config's text is long).
    const shared = `${hasContext}\u0000${shellcheck}\u0000${config}`;
    let prefix = this.prefixes.get(shared);
    if (!prefix) this.prefixes.set(shared, (prefix = this.keyOf('dockhand-lint/2', this.build, config, hasContext ? 'context' : 'no context', shellcheck)));
    return this.fileKeyOf(prefix, digest, filename);
  }

  /** The digest of a file's bytes, which its key is made of (a run record keeps it, lint-runs.ts). */
  digest(bytes: Uint8Array): Buffer {
    return this.keyOf(bytes);
  }

  private readonly prefixes = new Map<string, Buffer>();

  /** The cached findings under `key` when every build-context answer they depend on still holds. */
  lookup(key: Buffer, answers: import('../context-reads.js').ContextAnswers | undefined, json: boolean) {
    const entry = this.cache.getFile(key, json);
    if (!entry) return undefined;
    if (entry.reads.length > 0 && !answers?.holds(entry.reads, entry.root)) return undefined;
    return entry;
  }

  store(key: Buffer, entry: import('../lint-cache.js').FileEntry, findings: boolean): void {
    this.cache.setFile(key, entry, findings);
  }

  save(): void {
    this.cache.save();
  }
}

/** A config file's merged config for one run (environment, then file, then command line), made once. */
interface RunConfig {
  config: import('../../linter/index.js').LintConfig;
  /** Its place in the list the worker threads get. */
  index: number;
  /** Its JSON text (a results-cache key part) and that text's digest (a run shape's), made when asked. */
  canonical?: string;
  digest?: string;
}

/**
 * The configs of one run, by config file: merged once each (later scalars win, lists add up), so
 * the linter works out its per-config answers once. The first file's config settles the format
 * unless the command line did; any config's `no-color` turns colour off.
 */
class RunConfigs {
  readonly list: RunConfig[] = [];
  private readonly byFound = new Map<FoundConfig, RunConfig>();
  /** Each directory's answer, settled once: thousands of inputs often share a few directories. */
  private readonly byDir = new Map<string, { found: FoundConfig; run: RunConfig }>();
  private noColor = false;

  constructor(
    private readonly finder: ConfigFinder,
    private readonly cliConfig: Partial<RunConfig['config']>,
    private readonly explicitPath: string | undefined,
    public format: string | undefined,
  ) {}

  async forDirectory(dir: string): Promise<{ found: FoundConfig; run: RunConfig }> {
    const settled = this.byDir.get(dir);
    if (settled) return settled;
    const found = await this.finder.forDirectory(dir, this.explicitPath);
    if (found.result.noColor) this.noColor = true;
    let run = this.byFound.get(found);
    if (!run) {
      run = { config: mergeConfig(this.finder.withEnvironment(found), this.cliConfig), index: this.list.length };
      this.byFound.set(found, run);
      this.list.push(run);
    }
    this.format ??= run.config.format;
    const answer = { found, run };
    this.byDir.set(dir, answer);
    return answer;
  }

  canonicalOf(run: RunConfig): string {
    // Key order is kept, not sorted: which of two overrides of one rule wins depends on it.
    return (run.canonical ??= JSON.stringify(run.config));
  }

  digestOf(run: RunConfig): string {
    return (run.digest ??= hash128(this.canonicalOf(run)).toString('hex'));
  }

  /** `--color`/`--no-color`, else on for a terminal unless a config or NO_COLOR turns it off. */
  color(flag: boolean | undefined, io: Io): boolean {
    return flag ?? (!this.noColor && io.stdoutIsTTY && io.env.NO_COLOR === undefined);
  }
}

/** The most severe of `diagnostics` (null when there are none). */
function worstOf(diagnostics: readonly Diagnostic[]): Diagnostic['severity'] | null {
  let worst: Diagnostic['severity'] | null = null;
  for (const d of diagnostics) if (worst === null || severityRank(d.severity) > severityRank(worst)) worst = d.severity;
  return worst;
}

/**
 * A file's findings as an earlier run's record has them (a json run prints its element of the
 * record's output, Slot.served; the count and worst decide the exit code; the findings themselves
 * are not kept).
 */
function servedFile(e: import('../lint-runs.js').ServedElement): import('../lint-cache.js').CachedFile {
  return {
    reads: e.reads,
    ...(e.root && { root: e.root }),
    scripts: e.scripts,
    count: e.count,
    worst: e.worst,
    get diagnostics(): Diagnostic[] {
      throw new Error('a file printed from the run record has no findings to format (json runs only)');
    },
  };
}

/** `none` fails on anything shown; otherwise severities at or above the threshold fail. */
function fails(s: Slot, threshold: string): boolean {
  if (s.cached) {
    if (threshold === 'none') return s.cached.count > 0;
    return s.cached.worst !== null && severityRank(s.cached.worst) >= severityRank(threshold as Diagnostic['severity']);
  }
  if (threshold === 'none') return s.diagnostics!.length > 0;
  return s.diagnostics!.some((d) => severityRank(d.severity) >= severityRank(threshold as Diagnostic['severity']));
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

/** A warning on stderr for each rule code given to --ignore/--error/... that names no rule. */
function warnUnknownCodes(args: LintArgs, io: Io): void {
  const seen = new Set<string>();
  for (const opt of OVERRIDE_OPTIONS) {
    for (const code of splitCodes(args[opt])) {
      const problem = ruleKeyProblem(code);
      // Empty codes never get here (splitCodes drops them; warnEmptyCodes says so).
      if (problem === undefined || problem === 'empty' || seen.has(`${opt} ${code}`)) continue;
      seen.add(`${opt} ${code}`);
      if (problem === 'unknown') io.stderr(`dockhand: ${visible(`warning: --${opt} ${code}: no such rule (see dockhand rules)`)}\n`);
      else io.stderr(`dockhand: ${visible(`warning: ${ruleKeyWarning(problem, `--${opt} ${code}`)}`)}\n`);
    }
  }
}

/**
 * A warning for each value of --ignore/--error/... holding an empty rule code (`--ignore ''`, or
 * `--ignore "DL3008,$MORE"` with MORE unset): it is skipped, as a code that names no rule is.
 */
function warnEmptyCodes(args: LintArgs, io: Io): void {
  for (const opt of OVERRIDE_OPTIONS) {
    for (const value of new Set(args[opt] ?? [])) {
      if (value.split(',').some((code) => code.trim() === '')) io.stderr(`dockhand: ${visible(`warning: --${opt} '${value}': empty rule code (skipped)`)}\n`);
    }
  }
  // Kept, as hadolint keeps it (it still turns DL3026 on), but it matches no registry.
  if (args['trusted-registry']?.some((r) => r.trim() === '')) {
    io.stderr(`dockhand: ${visible("warning: --trusted-registry '': an empty registry name matches no registry (alone, it makes DL3026 report every image a FROM pulls)")}\n`);
  }
}

/** The options that take rule codes. */
const OVERRIDE_OPTIONS = ['ignore', 'error', 'warning', 'info', 'style'] as const;

/** Codes from repeated options, each of which may also be a comma-separated list. */
function splitCodes(values: readonly string[] | undefined): string[] {
  return (values ?? []).flatMap((s) => s.split(',')).map((s) => s.trim()).filter(Boolean);
}
