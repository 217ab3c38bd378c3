// Runs the `shellcheck` binary over every RUN script, batched into a few processes, and maps its
// findings back to Dockerfile ranges as SCxxxx diagnostics. The only process-spawning part of src/shell.
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Diagnostic, Fix, Severity, TextEdit } from '../core/diagnostic.js';
import type { Dockerfile } from '../parser/ast.js';
import { runScriptSource, type RunScriptSource } from './script-of.js';
import { scriptEnvironment, shellcheckShebang } from './script-env.js';

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

interface ScComment {
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
  const bin = opts.shellcheckPath ?? 'shellcheck';
  const timeoutFor = (scripts: number) => opts.timeoutMs ?? 30_000 + 1_000 * scripts;
  const diagnostics = new Map<string, Diagnostic[]>();
  for (const item of items) diagnostics.set(item.filename, []);

  if (!working.has(bin)) {
    const probe = await run(bin, ['--version'], Math.min(timeoutFor(0), 15_000));
    if (probe.error) return { available: false, reason: probe.error, diagnostics: emptied(diagnostics) };
    working.add(bin);
  }

  let jobs: Job[];
  try {
    jobs = items.flatMap((item) => jobsOf(item.filename, item.file));
  } catch (err) {
    return { available: false, reason: `cannot prepare scripts for shellcheck: ${(err as Error).message}`, diagnostics: emptied(diagnostics) };
  }
  if (jobs.length === 0) return { available: true, diagnostics };

  // Identical scripts (across files, and across calls: the language server re-checks on every
  // edit) are checked once; findings are cached per binary and generated script text.
  const pending = new Map<string, Job[]>();
  for (const job of jobs) {
    const cached = cache.get(cacheKey(bin, job.content));
    if (cached) addComments(diagnostics, job, cached);
    else pending.set(job.content, [...(pending.get(job.content) ?? []), job]);
  }
  if (pending.size === 0) return sorted(diagnostics);

  let dir: string | undefined;
  try {
    dir = await mkdtemp(join(tmpdir(), 'dockhand-sc-'));
    const contents = [...pending.keys()];
    const paths = contents.map((_, i) => join(dir!, `run${i}.sh`));
    await Promise.all(contents.map((content, i) => writeFile(paths[i]!, content)));
    const contentOf = new Map(paths.map((p, i) => [p, contents[i]!]));

    const batches: string[][] = [];
    const size = Math.max(1, Math.min(BATCH, Math.ceil(paths.length / PARALLEL)));
    for (let i = 0; i < paths.length; i += size) batches.push(paths.slice(i, i + size));
    const args = ['--format=json1', '--norc', '--severity=style', `--exclude=${EXCLUDED.join(',')}`];

    // A small pool: PARALLEL processes, each taking the next batch when it finishes.
    let next = 0;
    let failure: string | undefined;
    const worker = async (): Promise<void> => {
      while (failure === undefined && next < batches.length) {
        const batch = batches[next++]!;
        const out = await run(bin, [...args, '--', ...batch], timeoutFor(batch.length));
        if (out.error) {
          failure ??= out.error;
          return;
        }
        let comments: ScComment[];
        try {
          comments = (JSON.parse(out.stdout) as { comments?: ScComment[] }).comments ?? [];
        } catch {
          const detail = out.stderr.trim().split('\n')[0] ?? '';
          failure ??= `shellcheck output was not JSON${detail ? `: ${detail}` : ''}`;
          return;
        }
        const byContent = new Map<string, ScComment[]>(batch.map((p) => [contentOf.get(p)!, []]));
        for (const c of comments) byContent.get(contentOf.get(c.file) ?? '')?.push(c);
        for (const [content, found] of byContent) {
          remember(cacheKey(bin, content), found);
          for (const job of pending.get(content) ?? []) addComments(diagnostics, job, found);
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(PARALLEL, batches.length) }, worker));
    if (failure !== undefined) {
      working.delete(bin);
      return { available: false, reason: failure, diagnostics: emptied(diagnostics) };
    }
  } catch (err) {
    return { available: false, reason: `shellcheck failed: ${(err as Error).message}`, diagnostics: emptied(diagnostics) };
  } finally {
    if (dir) await rm(dir, { recursive: true, force: true }).catch(() => undefined);
  }
  return sorted(diagnostics);
}

function sorted(diagnostics: Map<string, Diagnostic[]>): ShellcheckResult {
  for (const list of diagnostics.values()) list.sort((a, b) => a.range.start - b.range.start || a.code.localeCompare(b.code));
  return { available: true, diagnostics };
}

function addComments(diagnostics: Map<string, Diagnostic[]>, job: Job, comments: readonly ScComment[]): void {
  const list = diagnostics.get(job.filename)!;
  for (const c of comments) {
    const d = toDiagnostic(job, c);
    if (d) list.push(d);
  }
}

/** Binaries that answered `--version` in this process (a later failure still reports unavailable). */
const working = new Set<string>();

/** Findings per generated script, most recent last; bounded so a long-lived server stays small. */
const cache = new Map<string, ScComment[]>();
const CACHE_LIMIT = 5000;

function cacheKey(bin: string, content: string): string {
  return `${bin}\0${content}`;
}

function remember(key: string, comments: ScComment[]): void {
  cache.delete(key);
  cache.set(key, comments);
  if (cache.size > CACHE_LIMIT) cache.delete(cache.keys().next().value!);
}

function emptied(map: Map<string, Diagnostic[]>): Map<string, Diagnostic[]> {
  for (const key of map.keys()) map.set(key, []);
  return map;
}

/** Every RUN / ONBUILD RUN of a file that shellcheck should see, as a generated script. */
function jobsOf(filename: string, file: Dockerfile): Job[] {
  const jobs: Job[] = [];
  for (const ins of file.instructions) {
    const run = ins.keyword === 'ONBUILD' ? ins.trigger : ins;
    if (!run || run.keyword !== 'RUN') continue;
    const source = runScriptSource(ins, file);
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
        if (e.code === 'ENOENT') return resolve({ stdout: '', stderr: '', error: `${bin} not found on the PATH` });
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
