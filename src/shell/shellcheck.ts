// Runs the `shellcheck` binary over every RUN script, batched into a few processes, and maps its
// findings back to Dockerfile ranges as SCxxxx diagnostics. The only process-spawning part of src/shell.
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Diagnostic, Fix, Severity, TextEdit } from '../core/diagnostic.js';
import type { Dockerfile } from '../parser/ast.js';
import { runScriptSource, type RunScriptSource } from './script-of.js';
import { scriptEnvironment, shellArgv, shellcheckShebang } from './script-env.js';

/** Options for {@link runShellcheck}. */
export interface ShellcheckOptions {
  /** The binary to run; default `shellcheck` from the PATH. */
  shellcheckPath?: string;
  /** Kill a shellcheck process after this many milliseconds (default: 30 s plus 1 s per script it checks). */
  timeoutMs?: number;
}

/** What {@link runShellcheck} found. */
export interface ShellcheckResult {
  /** False when shellcheck is missing or failed; `diagnostics` is then empty. */
  available: boolean;
  /** Why shellcheck was not available (missing binary, timeout, unreadable output). */
  reason?: string;
  /** Diagnostics per item filename, sorted by position. */
  diagnostics: Map<string, Diagnostic[]>;
}

/** ShellCheck codes hadolint excludes: ash unsupported, and `source` directives Dockerfiles cannot give. */
const EXCLUDED = ['SC2187', 'SC1090', 'SC1091'];
/** At most this many scripts per shellcheck process (ShellCheck needs ~10–40 ms per script). */
const BATCH = 100;
/** Processes running side by side. */
const PARALLEL = Math.max(1, Math.min(4, availableParallelism()));

/** ShellCheck's findings for one file's scripts. */
export interface ShellcheckFindings {
  diagnostics: Diagnostic[];
  /** How many scripts the file gave ShellCheck. */
  scripts: number;
}

/** Why ShellCheck could not run when the binary is not there. */
export function notFoundReason(bin = 'shellcheck'): string {
  return `${bin} not found on the PATH`;
}

/** True when ShellCheck has scripts to check in `file` (RUNs in a POSIX shell). */
export function hasShellcheckScripts(file: Dockerfile): boolean {
  return jobsOf('', file).length > 0;
}

/** One script written for shellcheck: the file text and how to map its positions back. */
interface Job {
  filename: string;
  file: Dockerfile;
  source: RunScriptSource;
  /** The generated file: header (shebang, exports) followed by the script. */
  content: string;
  /** Length of the header in `content`. */
  header: number;
  /** Script characters left out of `content` (the script's own `#!` line, which is in the header). */
  skipped: number;
  lineStarts: number[];
}

/** One finding as ShellCheck's json1 format gives it. */
export interface ScComment {
  file: string;
  line: number;
  endLine: number;
  column: number;
  endColumn: number;
  level: string;
  code: number;
  message: string;
  fix?: { replacements: { line: number; column: number; endLine: number; endColumn: number; replacement: string }[] } | null;
}

/**
 * Run ShellCheck on every shell-form RUN (and ONBUILD RUN, and RUN heredoc script) of the given
 * files, like hadolint: the script is prefixed with `#!<shell>` and `export NAME=1` for the proxy
 * variables and the ARG/ENV names in scope, so SC2154 does not fire for build variables.
 * Never throws and never hangs: failures give `available: false` with a reason.
 */
export async function runShellcheck(
  items: { filename: string; file: Dockerfile }[],
  opts: ShellcheckOptions = {},
): Promise<ShellcheckResult> {
  const runner = new ShellcheckRunner(opts);
  const found = items.map((item) => runner.check(item.filename, item.file));
  runner.flush();
  const lists = await Promise.all(found);
  await runner.close();
  const diagnostics = new Map<string, Diagnostic[]>();
  for (const item of items) diagnostics.set(item.filename, []);
  if (runner.failure !== undefined) return { available: false, reason: runner.failure, diagnostics };
  items.forEach((item, i) => diagnostics.get(item.filename)!.push(...(lists[i]?.diagnostics ?? [])));
  return sorted(diagnostics);
}

/**
 * Where ShellCheck's findings per generated script are kept between checks: keys name the
 * binary, its options and the script text. The default is an in-memory map (the language server
 * re-checks on every edit); the CLI passes its results cache.
 */
export interface ScriptStore {
  get(key: string): ScComment[] | undefined;
  set(key: string, comments: ScComment[]): void;
}

/** Options of a {@link ShellcheckRunner}. */
export interface RunnerOptions extends ShellcheckOptions {
  store?: ScriptStore;
  /** Part of every store key: what identifies the binary's version (default: its name). */
  identity?: string;
  /** Most processes at once (default: the CPU count, at most 4). */
  parallel?: number;
}

/**
 * Runs ShellCheck over scripts as they become known: `check` queues a file's scripts (those not
 * in the store) and a process starts as soon as a batch is full, so it runs beside whatever the
 * caller does next; `flush` starts the rest. Each process checks one batch. Identical scripts are
 * checked once. After a failure every check resolves to null and `failure` says why.
 */
export class ShellcheckRunner {
  failure: string | undefined;
  /** Scripts ShellCheck checked / found in the store. */
  checked = 0;
  reused = 0;
  private readonly bin: string;
  private readonly store: ScriptStore;
  private readonly identity: string;
  private readonly parallel: number;
  /** Script text → the checks waiting for its findings. */
  private readonly waiting = new Map<string, ((comments: ScComment[] | null) => void)[]>();
  /** Scripts not yet handed to a process, in the order they came. */
  private queue: string[] = [];
  private running = 0;
  private dir: Promise<string> | undefined;
  private readonly args = ['--format=json1', '--norc', '--severity=style', `--exclude=${EXCLUDED.join(',')}`];
  private idle: (() => void)[] = [];

  constructor(private readonly opts: RunnerOptions = {}) {
    this.bin = opts.shellcheckPath ?? 'shellcheck';
    this.store = opts.store ?? memoryStore;
    this.identity = opts.identity ?? this.bin;
    this.parallel = Math.max(1, opts.parallel ?? PARALLEL);
  }

  /** True while a shellcheck process runs (its output must be read: let the event loop turn). */
  get busy(): boolean {
    return this.running > 0;
  }

  /** The findings for `file`'s scripts, sorted by position; null when ShellCheck failed. */
  async check(filename: string, file: Dockerfile): Promise<ShellcheckFindings | null> {
    if (this.failure !== undefined) return null;
    let jobs: Job[];
    try {
      jobs = jobsOf(filename, file);
    } catch (err) {
      this.fail(`cannot prepare scripts for shellcheck: ${(err as Error).message}`);
      return null;
    }
    const found = await Promise.all(jobs.map((job) => this.findings(job.content)));
    if (this.failure !== undefined) return null;
    const list: Diagnostic[] = [];
    jobs.forEach((job, i) => {
      for (const c of found[i] ?? []) {
        const d = toDiagnostic(job, c);
        if (d) list.push(d);
      }
    });
    list.sort((a, b) => a.range.start - b.range.start || a.code.localeCompare(b.code));
    return { diagnostics: list, scripts: jobs.length };
  }

  /** Starts processes for every queued script. */
  flush(): void {
    this.pump(true);
  }

  /** Waits for the processes still running, then removes the scripts' temporary directory. */
  async close(): Promise<void> {
    while (this.running > 0 || (this.queue.length > 0 && this.failure === undefined)) {
      this.flush();
      await new Promise<void>((resolve) => this.idle.push(resolve));
    }
    const dir = this.dir;
    this.dir = undefined;
    if (dir) await dir.then((d) => rm(d, { recursive: true, force: true })).catch(() => undefined);
  }

  private key(content: string): string {
    return `${this.identity}\0${this.args.join(' ')}\0${content}`;
  }

  private findings(content: string): Promise<ScComment[] | null> {
    const cached = this.store.get(this.key(content));
    if (cached) {
      this.reused++;
      return Promise.resolve(cached);
    }
    return new Promise((resolve) => {
      const list = this.waiting.get(content);
      if (list) return list.push(resolve);
      this.waiting.set(content, [resolve]);
      this.queue.push(content);
      this.pump(false);
    });
  }

  /** Hands queued scripts to processes: full batches at once, the rest only when flushing. */
  private pump(flushing: boolean): void {
    while (this.failure === undefined && this.queue.length > 0 && this.running < this.parallel) {
      if (!flushing && this.queue.length < BATCH) return;
      // When flushing, spread what is left over the free process slots.
      const size = flushing ? Math.min(BATCH, Math.ceil(this.queue.length / (this.parallel - this.running))) : BATCH;
      const batch = this.queue.splice(0, size);
      this.running++;
      void this.runBatch(batch).finally(() => {
        this.running--;
        if (this.queue.length > 0) this.pump(this.running === 0);
        if (this.running === 0 && this.queue.length === 0) for (const f of this.idle.splice(0)) f();
      });
    }
  }

  private async runBatch(contents: string[]): Promise<void> {
    try {
      const dir = await (this.dir ??= mkdtemp(join(tmpdir(), 'dockhand-sc-')));
      const paths = contents.map((_, i) => join(dir, `run${this.checked + i}.sh`));
      this.checked += contents.length;
      await Promise.all(contents.map((content, i) => writeFile(paths[i]!, content)));
      const timeout = this.opts.timeoutMs ?? 30_000 + 1_000 * contents.length;
      const out = await run(this.bin, [...this.args, '--', ...paths], timeout);
      if (out.error) return this.fail(out.error);
      let comments: ScComment[];
      try {
        comments = (JSON.parse(out.stdout) as { comments?: ScComment[] }).comments ?? [];
      } catch {
        const detail = out.stderr.trim().split('\n')[0] ?? '';
        return this.fail(`shellcheck output was not JSON${detail ? `: ${detail}` : ''}`);
      }
      const byPath = new Map<string, ScComment[]>(paths.map((p) => [p, []]));
      for (const c of comments) byPath.get(c.file)?.push(c);
      contents.forEach((content, i) => {
        // Kept without the temporary file's name, which means nothing later.
        const found = byPath.get(paths[i]!)!.map((c) => ({ ...c, file: '' }));
        this.store.set(this.key(content), found);
        for (const resolve of this.waiting.get(content) ?? []) resolve(found);
        this.waiting.delete(content);
      });
    } catch (err) {
      this.fail(`shellcheck failed: ${(err as Error).message}`);
    }
  }

  private fail(reason: string): void {
    this.failure ??= reason;
    this.queue = [];
    for (const list of this.waiting.values()) for (const resolve of list) resolve(null);
    this.waiting.clear();
  }
}

function sorted(diagnostics: Map<string, Diagnostic[]>): ShellcheckResult {
  for (const list of diagnostics.values()) list.sort((a, b) => a.range.start - b.range.start || a.code.localeCompare(b.code));
  return { available: true, diagnostics };
}

/** Findings per generated script, most recent last; bounded so a long-lived server stays small. */
const memoryCache = new Map<string, ScComment[]>();
const CACHE_LIMIT = 5000;

const memoryStore: ScriptStore = {
  get: (key) => memoryCache.get(key),
  set(key, comments) {
    memoryCache.delete(key);
    memoryCache.set(key, comments);
    if (memoryCache.size > CACHE_LIMIT) memoryCache.delete(memoryCache.keys().next().value!);
  },
};

/** Every RUN / ONBUILD RUN of a file that shellcheck should see, as a generated script. */
function jobsOf(filename: string, file: Dockerfile): Job[] {
  const jobs: Job[] = [];
  for (const ins of file.instructions) {
    const run = ins.keyword === 'ONBUILD' ? ins.trigger : ins;
    if (!run || run.keyword !== 'RUN') continue;
    // Gated by the shell ShellCheck is told about (SHELL or a later pragma), not SHELL alone.
    const source = runScriptSource(ins, file, shellArgv(ins, file));
    if (!source) continue;
    const env = scriptEnvironment(ins, file);
    const job = makeJob(filename, file, source, env.shellcheckShell, env.names);
    if (job) jobs.push(job);
  }
  return jobs;
}

/**
 * The generated script for one RUN, or undefined when ShellCheck cannot check its shell (zsh,
 * fish, PowerShell...). The shell is, first, the one a heredoc is fed to (`RUN <<EOF bash`), then
 * the heredoc script's own `#!` line, then the SHELL or pragma in effect.
 */
function makeJob(filename: string, file: Dockerfile, source: RunScriptSource, shell: string | undefined, names: string[]): Job | undefined {
  let skipped = 0;
  let own: string[] | undefined;
  // A heredoc script's own `#!` line goes into the header (the exports follow it).
  if (source.text.startsWith('#!')) {
    const nl = source.text.indexOf('\n');
    skipped = nl < 0 ? source.text.length : nl + 1;
    own = source.text.slice(2, skipped).trim().split(/\s+/).filter(Boolean);
  }
  const interpreter = source.interpreter ? shellcheckShebang([source.interpreter]) : undefined;
  const shebang = source.interpreter ? interpreter : own ? shellcheckShebang(own) : shell;
  if (shebang === undefined) return undefined;
  const header = `#!${shebang}\n${names.map((n) => `export ${n}=1\n`).join('')}`;
  const content = header + source.text.slice(skipped);
  const lineStarts = [0];
  for (let i = content.indexOf('\n'); i !== -1; i = content.indexOf('\n', i + 1)) lineStarts.push(i + 1);
  return { filename, file, source, content, header: header.length, skipped, lineStarts };
}

/** Offset in the generated content of a shellcheck (line, column); columns count code points. */
function contentOffset(job: Job, line: number, column: number): number {
  const start = job.lineStarts[Math.max(0, Math.min(line, job.lineStarts.length) - 1)]!;
  let o = start;
  for (let c = 1; c < column && o < job.content.length; c++) {
    const code = job.content.charCodeAt(o);
    if (code === 10) break;
    o += code >= 0xd800 && code <= 0xdbff ? 2 : 1;
  }
  return o;
}

/** Dockerfile offset of a generated-content offset; undefined inside the header. */
function sourceOffset(job: Job, o: number): number | undefined {
  if (o < job.header) return undefined;
  return job.source.offsetOf(o - job.header + job.skipped);
}

const LEVELS: Record<string, Severity> = { error: 'error', warning: 'warning', info: 'info', style: 'style' };

function toDiagnostic(job: Job, c: ScComment): Diagnostic | undefined {
  const s = contentOffset(job, c.line, c.column);
  const e = Math.max(s, contentOffset(job, c.endLine, c.endColumn));
  const start = sourceOffset(job, s);
  if (start === undefined) return undefined; // about our own header (e.g. the shebang)
  const end = e > s ? (sourceOffset(job, e - 1) ?? start) + 1 : start;
  const code = `SC${c.code}`;
  const diagnostic: Diagnostic = {
    code,
    severity: LEVELS[c.level] ?? 'warning',
    message: c.message,
    range: job.file.lineIndex.range(start, Math.max(start, end)),
    rule: 'shellcheck',
    url: `https://www.shellcheck.net/wiki/${code}`,
  };
  const fix = c.fix ? toFix(job, c.fix.replacements) : undefined;
  if (fix) diagnostic.fix = fix;
  return diagnostic;
}

/**
 * ShellCheck's suggested replacements as a Dockerfile fix, only when every replaced span is
 * contiguous in the Dockerfile (never across a line continuation or a dropped comment line).
 */
function toFix(job: Job, replacements: NonNullable<ScComment['fix']>['replacements']): Fix | undefined {
  if (replacements.length === 0) return undefined;
  const edits: TextEdit[] = [];
  for (const r of replacements) {
    const s = contentOffset(job, r.line, r.column);
    const e = contentOffset(job, r.endLine, r.endColumn);
    const start = sourceOffset(job, s);
    if (start === undefined || e < s) return undefined;
    const end = e > s ? (sourceOffset(job, e - 1) ?? start) + 1 : start;
    if (job.file.text.slice(start, end) !== job.content.slice(s, e)) return undefined;
    edits.push({ range: job.file.lineIndex.range(start, end), text: r.replacement });
  }
  edits.sort((a, b) => a.range.start - b.range.start);
  for (let i = 1; i < edits.length; i++) if (edits[i]!.range.start < edits[i - 1]!.range.end) return undefined;
  return { title: 'Apply ShellCheck suggestion', safety: 'unsafe', edits };
}

interface RunOutput {
  stdout: string;
  stderr: string;
  /** Set when the process could not run, timed out, or failed without output. */
  error?: string;
}

function run(bin: string, args: string[], timeout: number): Promise<RunOutput> {
  return new Promise((resolve) => {
    try {
      execFile(bin, args, { timeout, maxBuffer: 256 * 1024 * 1024, killSignal: 'SIGKILL', windowsHide: true }, (err, stdout, stderr) => {
        const out = String(stdout);
        const errText = String(stderr);
        if (!err) return resolve({ stdout: out, stderr: errText });
        const e = err as Error & { killed?: boolean; code?: string | number };
        if (e.code === 'ENOENT') return resolve({ stdout: '', stderr: '', error: notFoundReason(bin) });
        if (e.killed) return resolve({ stdout: '', stderr: '', error: `${bin} timed out after ${timeout} ms` });
        // shellcheck exits 1 when it found something: that is success for us.
        if (e.code === 1 && out.trim().startsWith('{')) return resolve({ stdout: out, stderr: errText });
        const detail = errText.trim().split('\n')[0] || e.message;
        resolve({ stdout: out, stderr: errText, error: `${bin} failed: ${detail}` });
      });
    } catch (err) {
      resolve({ stdout: '', stderr: '', error: `cannot run ${bin}: ${(err as Error).message}` });
    }
  });
}
