// `dockhand explain --watch`: the build as it is when watching starts (or a saved plan) is the
// baseline; every change to the context, the Dockerfile or its .dockerignore re-plans and prints
// which steps would now rebuild, and why. A context monitor keeps each re-plan to the files that
// changed, so a large context costs its walk once, not on every keystroke.
import { watch, type FSWatcher } from 'node:fs';
import { basename, dirname } from 'node:path';
import { ContextMonitor } from '../context/index.js';
import { explain } from '../planner/explain.js';
import type { Plan } from '../planner/types.js';
import { CliError, type Io } from './io.js';
import { isStdin, locate, planFromArgs, type PlanArgs } from './plan-input.js';
import { openStatCache, type ContextSession } from './planner-context.js';
import { visible } from '../core/visible.js';

export interface WatchOptions {
  /** Baseline from a saved plan (`--baseline`); by default the plan when watching starts. */
  loadBaseline?(session: ContextSession): Promise<{ baseline: Plan; current: Plan }>;
  format: 'text' | 'json';
  pull: boolean;
  render(ex: ReturnType<typeof explain>, plan: Plan): string;
  /** Resolves when watching should stop (default: SIGINT or SIGTERM). */
  stop?: Promise<void>;
  /** Quiet period after an event before re-planning, in ms (default 150). */
  debounceMs?: number;
}

/** Runs until stopped; returns the exit code (0). Errors while watching are shown, not fatal. */
export async function watchExplain(args: PlanArgs, io: Io, options: WatchOptions): Promise<number> {
  if (isStdin(args.file)) throw new CliError('--watch needs a Dockerfile on disk, not standard input');
  const { dockerfile, contextDir } = locate(args, io);
  let timer: NodeJS.Timeout | null = null;
  let firstEvent = 0;
  let running = false;
  let again = false;
  const debounce = options.debounceMs ?? 150;
  // Re-plan after a quiet spell, and at least once a second while changes keep coming.
  const schedule = () => {
    if (running) {
      again = true;
      return;
    }
    const now = Date.now();
    if (timer === null) firstEvent = now;
    else clearTimeout(timer);
    timer = setTimeout(() => void pass(), Math.max(0, Math.min(debounce, firstEvent + 1000 - now)));
  };
  const monitor = new ContextMonitor(contextDir, { onEvent: schedule });
  const session: ContextSession = { monitor, cache: openStatCache(contextDir, io) };
  const watchers: FSWatcher[] = [];
  const cleanup = () => {
    if (timer) clearTimeout(timer);
    for (const w of watchers) w.close();
    monitor.close();
  };

  let baseline: Plan;
  let current: Plan;
  try {
    if (options.loadBaseline) ({ baseline, current } = await options.loadBaseline(session));
    else baseline = current = (await planFromArgs(args, io, { session })).plan;
  } catch (err) {
    cleanup();
    throw err;
  }
  // The Dockerfile (and a Dockerfile-specific .dockerignore beside it) may lie outside the
  // context, or in a part of it the walk never enters: watch its folder for those names.
  const names = new Set([basename(dockerfile), `${basename(dockerfile)}.dockerignore`]);
  try {
    const w = watch(dirname(dockerfile), (_type, name) => {
      if (name === null || names.has(String(name))) schedule();
    });
    w.on('error', () => undefined);
    watchers.push(w);
  } catch {
    io.stderr(`dockhand: ${visible(`warning: cannot watch ${dirname(dockerfile)}; edits to the Dockerfile are seen only with other changes`)}\n`);
  }
  if (monitor.broken) io.stderr(`dockhand: ${visible(`warning: ${monitor.broken}; every re-plan reads the whole context`)}\n`);
  if (io.stderrIsTTY) io.stderr(`dockhand: ${visible(`watching ${args.context ?? dirname(args.file ?? 'Dockerfile')} for changes (Ctrl-C stops)`)}\n`);

  let lastOut = '';
  let lastError = '';
  let printed = false;
  // Its reader gone (`explain --watch | head`), a watch has no one left to tell: it ends.
  let readerGone!: () => void;
  const gone = new Promise<void>((resolve) => (readerGone = resolve));
  const show = (current: Plan) => {
    const ex = explain(baseline, current, { pull: options.pull });
    const out = options.format === 'json' ? `${JSON.stringify(ex)}\n` : options.render(ex, current);
    if (out === lastOut) return;
    lastOut = out;
    lastError = '';
    io.stdout(options.format === 'json' ? out : `${printed ? '\n' : ''}── ${clock()} ──\n${out}`);
    printed = true;
    if (io.stdoutClosed?.()) readerGone();
  };
  const pass = async () => {
    timer = null;
    running = true;
    try {
      await monitor.settle();
      const { plan } = await planFromArgs(args, io, { session });
      show(plan);
    } catch (err) {
      // A Dockerfile mid-edit (syntax errors, a build that would fail, briefly missing): say so once and wait.
      const message = err instanceof CliError ? err.message : `internal error: ${(err as Error)?.message ?? String(err)}`;
      if (message !== lastError) {
        lastError = message;
        lastOut = '';
        io.stderr(`dockhand: ${visible(`${message} (still watching)`)}\n`);
      }
    } finally {
      running = false;
      if (again) {
        again = false;
        schedule();
      }
    }
  };
  show(current);

  const stop =
    options.stop ??
    new Promise<void>((resolve) => {
      process.once('SIGINT', () => resolve());
      process.once('SIGTERM', () => resolve());
    });
  await Promise.race([stop, gone]);
  cleanup();
  return 0;
}

function clock(): string {
  return new Date().toTimeString().slice(0, 8);
}
