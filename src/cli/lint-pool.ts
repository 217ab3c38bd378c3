// Linting many files on threads (`dockhand lint --jobs N`): the main thread and N-1 workers take
// the next file from a shared counter until none is left, so a slow file never holds the others up
// and the main thread lints while the workers start. The bytes the main thread read go to the
// workers in one SharedArrayBuffer; each result comes back with its index, so the output keeps the
// order of the inputs. Workers start the CLI bundle through bin/dockhand.js (V8's code cache
// included) with WORKER_FLAG.
import { parentPort, Worker, workerData } from 'node:worker_threads';
import type { LintConfig } from '../linter/index.js';
import type { ContextSpec } from './lint-context.js';
import type { FixMode, LaneResult } from './lint-file.js';

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

export interface PoolOptions {
  /** bin/dockhand.js. */
  entry: string;
  /** Threads in all, the main thread included. */
  threads: number;
  configs: LintConfig[];
  fixMode: FixMode;
  /** Say whether each file has scripts for ShellCheck (which is missing: the run notes it). */
  countScripts: boolean;
  /** Send back the build-context questions each file asked (the results cache keeps them). */
  record: boolean;
}

interface WorkerData {
  shared: SharedArrayBuffer;
  /** [next job, then per worker: jobs it took]. */
  counter: SharedArrayBuffer;
  slot: number;
  jobs: { start: number; length: number; filename: string; config: number; context?: ContextSpec }[];
  configs: LintConfig[];
  fixMode: FixMode;
  countScripts: boolean;
  record: boolean;
}

type Message = { done: [number, LaneResult][] };

/**
 * Lints `jobs` on `opts.threads` threads: `here(i)` lints job i on the main thread (and keeps its
 * result); each of the workers' results goes to `theirs(i, result)` as it comes back. A job
 * neither did (a worker stopped before finishing it) was given to neither: the caller lints it.
 */
export async function lintInPool(jobs: PoolJob[], opts: PoolOptions, here: (i: number) => Promise<void>, theirs: (i: number, result: LaneResult) => void): Promise<void> {
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
  const workers = Math.max(0, Math.min(opts.threads, jobs.length) - 1);
  // The first error of `here` or `theirs` (they print and store results): every worker is stopped,
  // and it is thrown once they have exited, as a run on one thread would throw it.
  let failure: { error: unknown } | undefined;
  const fail = (error: unknown) => {
    failure ??= { error };
    for (const r of running) void r.worker.terminate();
  };
  const counter = new Int32Array(new SharedArrayBuffer(4 * (1 + workers)));
  const running = Array.from({ length: workers }, (_, w) => {
    const data: WorkerData = {
      shared,
      counter: counter.buffer as SharedArrayBuffer,
      slot: w + 1,
      jobs: described,
      configs: opts.configs,
      fixMode: opts.fixMode,
      countScripts: opts.countScripts,
      record: opts.record,
    };
    const worker = new Worker(opts.entry, { argv: [WORKER_FLAG], workerData: data, stdout: false, stderr: false });
    worker.on('message', (m: Message) => {
      if (failure) return;
      try {
        for (const [i, r] of m.done) theirs(i, r);
      } catch (error) {
        fail(error);
      }
    });
    // A worker that fails leaves its files to the caller.
    worker.on('error', () => undefined);
    const exited = new Promise<void>((resolve) => worker.on('exit', () => resolve()));
    return { worker, exited };
  });
  while (!failure) {
    const i = Atomics.add(counter, 0, 1);
    if (i >= jobs.length) break;
    try {
      await here(i);
    } catch (error) {
      fail(error);
    }
  }
  // A worker still starting when the last file was taken has nothing to do: stop it now rather
  // than wait for it to start. (A job it took meanwhile never comes back: the caller lints it.)
  for (const [w, r] of running.entries()) if (Atomics.load(counter, w + 1) === 0) void r.worker.terminate();
  await Promise.all(running.map((r) => r.exited));
  if (failure) throw failure.error;
}

/** Results go back in small batches: fewer messages, and the main thread sees progress. */
const BATCH = 32;

/** The worker's side: called by bin/dockhand.js in a worker thread started by lintInPool. */
export async function workerMain(): Promise<void> {
  const data = workerData as WorkerData;
  const port = parentPort!;
  const [linter, { decode, parse }, { Lane }, { ContextAnswers, recordingView }, { openBuildContext }, sc] = await Promise.all([
    import('../linter/index.js'),
    import('../parser/index.js'),
    import('./lint-file.js'),
    import('./context-reads.js'),
    import('../context/index.js'),
    data.countScripts ? import('../shell/shellcheck.js') : undefined,
  ]);
  const lane = new Lane({ linter, parse, decode, recordingView, record: data.record, fixMode: data.fixMode, countScripts: sc?.hasShellcheckScripts });
  const counter = new Int32Array(data.counter);
  const bytes = new Uint8Array(data.shared);
  const contexts = new Map<string, InstanceType<typeof ContextAnswers>>();
  let done: [number, LaneResult][] = [];
  for (;;) {
    const i = Atomics.add(counter, 0, 1);
    if (i >= data.jobs.length) break;
    Atomics.add(counter, data.slot, 1);
    const job = data.jobs[i]!;
    try {
      let answers;
      if (job.context) {
        answers = contexts.get(job.context.key);
        if (!answers) contexts.set(job.context.key, (answers = new ContextAnswers(openBuildContext(job.context.root, { dockerfile: job.context.dockerfile }))));
      }
      // Copied out of shared memory: TextDecoder does not read shared buffers.
      const own = bytes.slice(job.start, job.start + job.length);
      done.push([i, await lane.lint({ bytes: own, filename: job.filename, config: data.configs[job.config], answers }, false)]);
    } catch {
      // Not sent back: the main thread lints this file itself (and reports what goes wrong).
    }
    if (done.length >= BATCH) {
      port.postMessage({ done } satisfies Message);
      done = [];
    }
  }
  if (done.length) port.postMessage({ done } satisfies Message);
  port.close();
}
