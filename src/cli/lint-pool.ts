// Linting many files on worker threads (`dockhand lint --jobs N`). The main thread has read every
// file; their bytes go to the workers in one SharedArrayBuffer, and each worker takes the next
// file from a shared counter until none is left, so a slow file never holds up the others. Each
// result goes back with its index: the output keeps the order of the inputs. Workers start the
// CLI bundle through bin/dockhand.js (its V8 code cache included) with WORKER_FLAG.
import { parentPort, Worker, workerData } from 'node:worker_threads';
import type { Diagnostic } from '../core/diagnostic.js';
import type { LintConfig } from '../linter/index.js';
import type { ContextRead } from './context-reads.js';
import type { ContextSpec } from './lint-context.js';
import type { FixMode } from './lint-file.js';

/** The argument that makes bin/dockhand.js run a lint worker instead of the CLI. */
export const WORKER_FLAG = '--dockhand-internal-lint-worker';

/** One file to lint. */
export interface PoolJob {
  bytes: Uint8Array;
  filename: string;
  /** Index into PoolOptions.configs. */
  config: number;
  context?: ContextSpec;
}

/** What a worker found for one file. */
export interface PoolResult {
  diagnostics: Diagnostic[];
  /** The build-context questions the lint asked (when recording). */
  reads?: ContextRead[];
  /** The fixed text, when fixes changed it. */
  fixed?: string;
  /** The file has scripts for ShellCheck (asked with wantScripts). */
  scripts?: boolean;
}

export interface PoolOptions {
  /** bin/dockhand.js. */
  entry: string;
  threads: number;
  configs: LintConfig[];
  fixMode: FixMode;
  /** Record build-context reads (for the results cache). */
  record: boolean;
  /** Say whether each file has scripts for ShellCheck (which is missing: the run notes it). */
  wantScripts: boolean;
}

interface WorkerData {
  shared: SharedArrayBuffer;
  counter: SharedArrayBuffer;
  jobs: { start: number; length: number; filename: string; config: number; context?: ContextSpec }[];
  configs: LintConfig[];
  fixMode: FixMode;
  record: boolean;
  wantScripts: boolean;
}

type Message = { done: [number, PoolResult][] } | { error: string };

/**
 * Lints `jobs` on `threads` workers; resolves to one result per job, in order. Files a worker
 * could not finish (it crashed) come back undefined, for the caller to lint itself.
 */
export async function lintInPool(jobs: PoolJob[], opts: PoolOptions): Promise<(PoolResult | undefined)[]> {
  let total = 0;
  for (const j of jobs) total += j.bytes.byteLength;
  const shared = new SharedArrayBuffer(Math.max(1, total));
  const view = new Uint8Array(shared);
  let at = 0;
  const described = jobs.map((j) => {
    view.set(j.bytes, at);
    const d = { start: at, length: j.bytes.byteLength, filename: j.filename, config: j.config, ...(j.context && { context: j.context }) };
    at += j.bytes.byteLength;
    return d;
  });
  const data: WorkerData = {
    shared,
    counter: new SharedArrayBuffer(4),
    jobs: described,
    configs: opts.configs,
    fixMode: opts.fixMode,
    record: opts.record,
    wantScripts: opts.wantScripts,
  };
  const results: (PoolResult | undefined)[] = new Array(jobs.length);
  const threads = Math.max(1, Math.min(opts.threads, jobs.length));
  await Promise.all(Array.from({ length: threads }, () => new Promise<void>((resolve) => {
    const w = new Worker(opts.entry, { argv: [WORKER_FLAG], workerData: data, stdout: false, stderr: false });
    w.on('message', (m: Message) => {
      if ('done' in m) for (const [i, r] of m.done) results[i] = r;
    });
    // A worker that fails leaves its files undefined; the caller lints them.
    w.on('error', () => undefined);
    w.on('exit', () => resolve());
  })));
  return results;
}

/** Results go back in small batches: fewer messages, and the main thread sees progress. */
const BATCH = 32;

/** The worker's side: called by bin/dockhand.js in a worker thread started by lintInPool. */
export async function workerMain(): Promise<void> {
  const data = workerData as WorkerData;
  const port = parentPort!;
  const [linter, { decode, parse }, { lintText }, reads, { openBuildContext }, sc] = await Promise.all([
    import('../linter/index.js'),
    import('../parser/index.js'),
    import('./lint-file.js'),
    import('./context-reads.js'),
    import('../context/index.js'),
    data.wantScripts ? import('../shell/shellcheck.js') : undefined,
  ]);
  const counter = new Int32Array(data.counter);
  const bytes = new Uint8Array(data.shared);
  const contexts = new Map<string, InstanceType<typeof reads.ContextAnswers>>();
  let done: [number, PoolResult][] = [];
  for (;;) {
    const i = Atomics.add(counter, 0, 1);
    if (i >= data.jobs.length) break;
    const job = data.jobs[i]!;
    try {
      let answers;
      if (job.context) {
        const key = `${job.context.root}\u0000${job.context.dockerfile}`;
        answers = contexts.get(key);
        if (!answers) contexts.set(key, (answers = new reads.ContextAnswers(openBuildContext(job.context.root, { dockerfile: job.context.dockerfile }))));
      }
      const recorded = answers && reads.recordingView(answers);
      // Copied out of shared memory: TextDecoder does not read shared buffers.
      const decoded = decode(bytes.slice(job.start, job.start + job.length));
      const options = { filename: job.filename, config: data.configs[job.config]!, buildContext: recorded?.view };
      let scripts: boolean | undefined;
      const count = sc && ((file: import('../parser/ast.js').Dockerfile) => void (scripts = sc.hasShellcheckScripts(file)));
      const { result, text } = await lintText(linter, parse, decoded.text, decoded.diagnostics, options, data.fixMode, count);
      if (count && data.fixMode) count(result.file);
      const r: PoolResult = { diagnostics: result.diagnostics };
      if (scripts !== undefined) r.scripts = scripts;
      if (data.record && recorded) r.reads = recorded.reads;
      if (text !== decoded.text) r.fixed = text;
      done.push([i, r]);
    } catch {
      // Left undefined: the main thread lints this file itself (and reports what goes wrong).
    }
    if (done.length >= BATCH) {
      port.postMessage({ done } satisfies Message);
      done = [];
    }
  }
  if (done.length) port.postMessage({ done } satisfies Message);
  port.close();
}
