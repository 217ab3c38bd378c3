// The language server's build-plan I/O (for `dockhand lsp`): per build context, a context monitor
// and stat cache kept while documents are open, the planner's ContextReader over them (read again
// only after the monitor saw a change), and the baseline: a plan saved by `plan --save` when one is
// configured and present, else the git HEAD version of the Dockerfile and context, as
// `explain --since HEAD` takes it. Changes on disk (context files, .dockerignore, configs, git's
// HEAD and index) are reported to the server, which re-lints and recomputes the lenses.
import { existsSync, readFileSync, watch, type FSWatcher } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ContextMonitor } from '../context/index.js';
import type { BuildInputs, PlanSettings } from '../lsp/server.js';
import { parse } from '../parser/index.js';
import { tooLargeReason } from '../core/limits.js';
import { followLinks, withoutReading, type ContextReader } from '../planner/context.js';
import { plan } from '../planner/plan.js';
import type { Plan } from '../planner/types.js';
import { gitTop, markChanged, readRevision, revisionKnowledge } from './git-baseline.js';
import { hostPlatform } from './plan-input.js';
import type { Io } from './io.js';
import { openPlannerContext, openStatCache, type ContextSession } from './planner-context.js';
import { pickPlan } from './saved-plan.js';

/** Quiet time after a file-system event before the server hears of it. */
const SETTLE_MS = 100;

interface ContextState {
  dir: string;
  session: ContextSession;
  /** The reader of the context as it is now; null after a change. */
  reader: Promise<ContextReader & { close(): void }> | null;
  /** Inputs handed out, by Dockerfile and settings; cleared after a change. */
  inputs: Map<string, Promise<BuildInputs>>;
  /** Who wants to hear of changes, by Dockerfile. */
  listeners: Map<string, () => void>;
  timer: NodeJS.Timeout | null;
  /** Watches on git's directory (HEAD, index, logs): a commit or checkout moves the baseline. */
  git: FSWatcher[];
  gitWatched: boolean;
  /**
   * Dockerfiles whose diagnostics read this directory as their build context (watchContext): while
   * there are any, each change walks the context again through the monitor (a new directory gets
   * its watch) before the listeners hear of it.
   */
  linted: Set<string>;
}

/** Build contexts and baselines of the Dockerfiles open in an editor. */
export class BuildWorkspace {
  private readonly contexts = new Map<string, ContextState>();
  /** Which context each open Dockerfile was planned in. */
  private readonly contextOf = new Map<string, string>();

  constructor(private readonly io: Io) {}

  /** The inputs of the build plan of the Dockerfile at `path`; `onChange` hears when they go stale. */
  async inputs(path: string, settings: PlanSettings, root: string | null, onChange: () => void): Promise<BuildInputs> {
    const dir = settings.context ? resolve(root ?? dirname(path), settings.context) : dirname(path);
    const previous = this.contextOf.get(path);
    if (previous !== undefined && previous !== dir) this.release(path);
    const state = this.state(dir);
    this.contextOf.set(path, dir);
    state.listeners.set(path, onChange);
    const key = `${path}\0${JSON.stringify(settings)}\0${root ?? ''}`;
    let inputs = state.inputs.get(key);
    if (!inputs) {
      inputs = this.compute(state, path, settings, root);
      state.inputs.set(key, inputs);
      // A failure is not kept: the next request tries again.
      const made = inputs;
      inputs.catch(() => {
        if (state.inputs.get(key) === made) state.inputs.delete(key);
      });
    }
    return inputs;
  }

  /**
   * Watches the build context the diagnostics of the Dockerfile at `path` read (its directory, as
   * `lint` takes it without --context), code lenses or not: `onChange` hears of every change in it.
   * The context is walked through the monitor first (each directory is watched before it is
   * listed), then `onChange` is called once, so the document is linted again against a context
   * that is now watched: a change between the first lint and the watch is not lost. Directories
   * .dockerignore keeps out of the walk are not watched. Returns a function that stops.
   */
  watchContext(path: string, onChange: () => void): () => void {
    const state = this.state(dirname(path));
    const key = `lint\0${path}`;
    state.listeners.set(key, onChange);
    state.linted.add(path);
    void this.reader(state, path).then(
      () => undefined,
      () => undefined,
    ).then(() => {
      if (state.listeners.get(key) === onChange) onChange();
    });
    return () => {
      if (state.listeners.get(key) !== onChange) return;
      state.listeners.delete(key);
      state.linted.delete(path);
      if (state.listeners.size === 0) this.drop(state);
    };
  }

  /** The Dockerfile at `path` was closed: stop watching its context when no one else plans in it. */
  release(path: string): void {
    const dir = this.contextOf.get(path);
    if (dir === undefined) return;
    this.contextOf.delete(path);
    const state = this.contexts.get(dir);
    if (!state) return;
    state.listeners.delete(path);
    if (state.listeners.size === 0) this.drop(state);
  }

  /** Stops every watch and saves the stat caches. */
  close(): void {
    for (const state of [...this.contexts.values()]) this.drop(state);
  }

  private state(dir: string): ContextState {
    let state = this.contexts.get(dir);
    if (!state) {
      const s: ContextState = {
        dir,
        session: undefined as unknown as ContextSession,
        reader: null,
        inputs: new Map(),
        listeners: new Map(),
        timer: null,
        git: [],
        gitWatched: false,
        linted: new Set(),
      };
      s.session = { monitor: new ContextMonitor(dir, { onEvent: () => this.changed(s) }), cache: openStatCache(dir, this.io) };
      this.contexts.set(dir, s);
      state = s;
    }
    return state;
  }

  private drop(state: ContextState): void {
    if (state.timer) clearTimeout(state.timer);
    for (const w of state.git) w.close();
    state.session.monitor.close();
    void state.reader?.then((r) => r.close(), () => undefined);
    this.contexts.delete(state.dir);
  }

  /**
   * Something changed on disk: forget what was read (`keepReader`: only the baseline moved, as on a
   * touch of git's index — the context's files and their digests still hold), and tell the documents
   * once events pause.
   */
  private changed(state: ContextState, keepReader = false): void {
    if (!keepReader) state.reader = null;
    state.inputs.clear();
    if (state.timer) clearTimeout(state.timer);
    state.timer = setTimeout(() => {
      state.timer = null;
      const tell = () => {
        if (this.contexts.get(state.dir) === state) for (const listener of [...state.listeners.values()]) listener();
      };
      // A context the diagnostics read is walked again first: a directory made since gets its watch.
      const linted = state.linted.values().next();
      if (linted.done) tell();
      else void this.reader(state, linted.value).then(tell, tell);
    }, SETTLE_MS);
  }

  /** The context as it is now, walked through the monitor when nothing read it since the last change. */
  private reader(state: ContextState, path: string): Promise<ContextReader & { close(): void }> {
    if (!state.reader) {
      const opening = state.session.monitor.settle().then(() => openPlannerContext(state.dir, path, this.io, state.session, true));
      state.reader = opening;
      opening.catch(() => {
        if (state.reader === opening) state.reader = null;
      });
    }
    return state.reader;
  }

  private async compute(state: ContextState, path: string, settings: PlanSettings, root: string | null): Promise<BuildInputs> {
    const context = await this.reader(state, path);
    const options = { dockerfile: basename(path), target: settings.target ?? null, buildArgs: settings.buildArgs ?? {}, platform: settings.platform ?? hostPlatform() };
    const baseline = await this.baseline(state, path, settings, root, context, options);
    return {
      context,
      baseline,
      ...options,
      pull: settings.pull ?? false,
      contextUri: pathToFileURL(state.dir).href.replace(/\/$/, ''),
      // A path through a symbolic link counts when the link leads somewhere in the context, as for COPY.
      has: (p) => followLinks(context.entries(), p) !== null,
    };
  }

  private async baseline(
    state: ContextState,
    path: string,
    settings: PlanSettings,
    root: string | null,
    context: ContextReader,
    options: { dockerfile: string; target: string | null; buildArgs: Record<string, string>; platform: string },
  ): Promise<BuildInputs['baseline']> {
    let missing = '';
    if (settings.baseline) {
      const file = resolve(root ?? dirname(path), settings.baseline);
      if (existsSync(file)) return savedBaseline(file, path, root);
      missing = `${settings.baseline} does not exist; `;
    }
    let top: string;
    try {
      top = await gitTop(dirname(path));
    } catch {
      return { plan: null, reason: `no baseline: ${missing}not in a git repository (set dockhand.plan.baseline to a plan saved by \`dockhand plan --save\`)` };
    }
    this.watchGit(state, top);
    let rev;
    try {
      rev = await readRevision(path, state.dir, 'HEAD', top);
    } catch (err) {
      return { plan: null, reason: `no baseline: ${missing}${(err as Error).message}` };
    }
    const empty: Plan = { version: 1, dockerfile: options.dockerfile, context: context.root, target: options.target, buildArgs: options.buildArgs, platform: options.platform, stages: [], order: [], criticalPath: [], advice: [], warnings: [] };
    if (rev.text === null) return { plan: empty, label: 'HEAD, where the Dockerfile does not exist' };
    if (tooLargeReason(rev.text)) return { plan: empty, label: 'HEAD, where the Dockerfile is too large to analyse' };
    const old = parse(rev.text);
    if (old.diagnostics.some((d) => d.severity === 'error')) return { plan: empty, label: 'HEAD, where the Dockerfile does not parse' };
    // When HEAD's .dockerignore differs from today's, the context is walked again under it.
    let walked: (ContextReader & { close(): void }) | undefined;
    try {
      if (rev.ignore) walked = await openPlannerContext(state.dir, path, this.io, undefined, true, rev.ignore);
      const reader = walked ?? context;
      const mark = markChanged(rev.changed, (p) => !existsSync(join(state.dir, p)), revisionKnowledge(rev));
      // The files the plan reads are hashed first, in slices, so the server's thread stays free
      // for diagnostics; then the plan reads them from memory.
      const unread = new Set<string>();
      plan(old, { ...options, context: mark(withoutReading(reader, unread)), outlines: false });
      if (unread.size) await reader.prefetch?.([...unread]);
      // What git cannot say counts as unchanged, as in `explain --since`; the lenses say so.
      const unknown = [
        { paths: rev.ignored, why: 'git ignores it' },
        { paths: rev.submodules, why: 'a submodule' },
        { paths: rev.gitDir === undefined ? [] : [rev.gitDir], why: 'git changes it as it works' },
      ].filter((g) => g.paths.length > 0);
      return { plan: plan(old, { ...options, context: mark(reader), outlines: false }), label: `${missing ? `HEAD (${missing.replace(/; $/, '')})` : 'HEAD'}`, unknown };
    } catch {
      return { plan: empty, label: 'HEAD, where the build would fail' };
    } finally {
      walked?.close();
    }
  }

  /** A commit, checkout or reset changes HEAD's files or the index: the baseline moves. */
  private watchGit(state: ContextState, top: string): void {
    if (state.gitWatched) return;
    state.gitWatched = true;
    const gitDir = join(top, '.git');
    for (const dir of [gitDir, join(gitDir, 'logs')]) {
      try {
        const w = watch(dir, { persistent: false }, (_type, name) => {
          if (name === null || /^(HEAD|index|ORIG_HEAD|COMMIT_EDITMSG)$/.test(String(name))) this.changed(state, true);
        });
        w.on('error', () => undefined);
        state.git.push(w);
      } catch {
        // A worktree's .git is a file, or the directory is unreadable: the baseline follows edits only.
      }
    }
  }
}

function savedBaseline(file: string, dockerfile: string, root: string | null): BuildInputs['baseline'] {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    return { plan: null, reason: `no baseline: ${basename(file)} is not a saved plan (${(err as Error).message})` };
  }
  const bases = [dirname(file), root ?? dirname(file), process.cwd()];
  const found = pickPlan(json, (name) => bases.some((b) => resolve(b, name) === dockerfile));
  if (!found) return { plan: null, reason: `no baseline: ${basename(file)} is not a plan saved by \`dockhand plan --save\`` };
  return { plan: found, label: basename(file) };
}

/**
 * Watches the files that change what a Dockerfile's lint reads besides its text: config files
 * (`.dockhand.yaml`, `.hadolint.yaml`, also `.yml`) in its folder and the folders above it up to
 * the workspace root (only its own folder outside a workspace), and its `.dockerignore` (or
 * `<name>.dockerignore`). Returns a function that stops watching.
 */
export function watchConfig(path: string, root: string | null, onChange: () => void): () => void {
  const names = new Set(['.dockhand.yaml', '.dockhand.yml', '.hadolint.yaml', '.hadolint.yml', '.dockerignore', `${basename(path)}.dockerignore`]);
  const watchers: FSWatcher[] = [];
  const top = root && !relative(root, path).startsWith('..') ? resolve(root) : dirname(path);
  for (let dir = dirname(path); ; dir = dirname(dir)) {
    try {
      const w = watch(dir, { persistent: false }, (_type, name) => {
        if (name === null || names.has(String(name))) onChange();
      });
      w.on('error', () => undefined);
      watchers.push(w);
    } catch {
      // An unreadable folder: its files cannot be read for config either.
    }
    if (dir === top || dirname(dir) === dir) break;
  }
  return () => watchers.forEach((w) => w.close());
}
