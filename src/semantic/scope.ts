// Stage state while the model is built, and the immutable per-instruction Scope snapshots. Variables live
// in a versioned map (per-key history), so a snapshot's `get`/`has` cost O(log n) and nothing is copied
// per instruction; iterating a snapshot materialises it once (its names alone: each time, kept by nobody).
import type { Scope, ScopedArg } from './types.js';

interface History<T> {
  at: number[];
  key: string[];
  value: T[];
}

/** A map whose every past version stays readable: version `n` is the state after `n` sets. */
class VersionedMap<T> {
  private readonly history = new Map<string, History<T>>();
  private readonly base = new Map<string, [string, T]>();
  private version = 0;

  constructor(
    initial: ReadonlyMap<string, T>,
    private readonly norm: (k: string) => string,
  ) {
    for (const [k, v] of initial) this.base.set(norm(k), [k, v]);
  }

  get current(): number {
    return this.version;
  }

  set(key: string, value: T): void {
    const nk = this.norm(key);
    let h = this.history.get(nk);
    if (!h) this.history.set(nk, (h = { at: [], key: [], value: [] }));
    h.at.push(this.version++);
    h.key.push(key);
    h.value.push(value);
  }

  /** The entry for `key` as of `version`. */
  lookup(key: string, version: number): [string, T] | undefined {
    const nk = this.norm(key);
    const h = this.history.get(nk);
    if (h) {
      // Last set before `version` (binary search over increasing positions; written out rather than
      // core/sorted.ts prefixLength: every variable lookup of the model comes here).
      let lo = 0;
      let hi = h.at.length;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (h.at[mid]! < version) lo = mid + 1;
        else hi = mid;
      }
      if (lo > 0) return [h.key[lo - 1]!, h.value[lo - 1]!];
    }
    return this.base.get(nk);
  }

  /** All entries as of `version`, in first-insertion order. */
  entriesAt(version: number): Map<string, T> {
    const out = new Map<string, T>();
    for (const nk of this.base.keys()) {
      const e = this.lookup(nk, version)!;
      out.set(e[0], e[1]);
    }
    for (const [nk, h] of this.history) {
      if (this.base.has(nk) || h.at[0]! >= version) continue;
      const e = this.lookup(nk, version)!;
      out.set(e[0], e[1]);
    }
    return out;
  }

  view(): ReadonlyMap<string, T> {
    return new MapView(this, this.version);
  }
}

/** A read-only view of one version of a {@link VersionedMap}. */
class MapView<T> implements ReadonlyMap<string, T> {
  private materialized: Map<string, T> | undefined;

  constructor(
    private readonly map: VersionedMap<T>,
    private readonly version: number,
  ) {}

  get(key: string): T | undefined {
    return this.map.lookup(key, this.version)?.[1];
  }

  has(key: string): boolean {
    return this.map.lookup(key, this.version) !== undefined;
  }

  private all(): Map<string, T> {
    return (this.materialized ??= this.map.entriesAt(this.version));
  }

  get size(): number {
    return this.all().size;
  }

  entries(): MapIterator<[string, T]> {
    return this.all().entries();
  }

  keys(): MapIterator<string> {
    // Made for this walk only, unless the snapshot is kept already: callers that walk the names
    // once (a "did you mean" for each undefined variable, a RUN's environment in the plan) would
    // otherwise keep a copy of the whole environment for every instruction they ask about.
    return (this.materialized ?? this.map.entriesAt(this.version)).keys();
  }

  values(): MapIterator<T> {
    return this.all().values();
  }

  forEach(fn: (value: T, key: string, map: ReadonlyMap<string, T>) => void, thisArg?: unknown): void {
    for (const [k, v] of this.all()) fn.call(thisArg, v, k, this);
  }

  [Symbol.iterator](): MapIterator<[string, T]> {
    return this.entries();
  }
}

/** Where a stage starts from. */
export interface StageStart {
  env: ReadonlyMap<string, string>;
  args: ReadonlyMap<string, ScopedArg>;
  shell: readonly string[];
  shellExplicit: boolean;
  workdir: string | null;
  user: string | null;
  labels: ReadonlyMap<string, string>;
}

/** Mutable state of one stage while its instructions are walked. */
export class StageState {
  private readonly env: VersionedMap<string>;
  private readonly args: VersionedMap<ScopedArg>;
  shell: readonly string[];
  shellExplicit: boolean;
  workdir: string | null;
  user: string | null;
  readonly labels: Map<string, string>;

  constructor(start: StageStart, caseInsensitive: boolean) {
    this.env = new VersionedMap(start.env, caseInsensitive ? (k) => k.toUpperCase() : (k) => k);
    // ARG names are compared exactly by BuildKit, even on Windows.
    this.args = new VersionedMap(start.args, (k) => k);
    this.shell = start.shell;
    this.shellExplicit = start.shellExplicit;
    this.workdir = start.workdir;
    this.user = start.user;
    this.labels = new Map(start.labels);
  }

  /** Variable lookup for the lexer (case-insensitive for Windows targets). */
  readonly lookup = (name: string): string | undefined => this.env.lookup(name, this.env.current)?.[1];

  setEnv(key: string, value: string): void {
    this.env.set(key, value);
  }

  declareArg(arg: ScopedArg): void {
    this.args.set(arg.name, arg);
  }

  /** Is `name` declared with ARG in this stage chain? */
  isDeclared(name: string): boolean {
    return this.args.lookup(name, this.args.current) !== undefined;
  }

  snapshot(): Scope {
    // Most instructions change nothing a scope shows: hand out the previous snapshot again
    // (scopes are immutable, so sharing one is indistinguishable from a copy).
    const last = this.last;
    if (
      last &&
      this.lastEnv === this.env.current &&
      this.lastArgs === this.args.current &&
      last.shell === this.shell &&
      last.shellExplicit === this.shellExplicit &&
      last.workdir === this.workdir &&
      last.user === this.user
    ) {
      return last;
    }
    const scope: Scope = {
      env: this.env.view(),
      args: this.args.view(),
      shell: this.shell,
      shellExplicit: this.shellExplicit,
      workdir: this.workdir,
      user: this.user,
    };
    this.last = scope;
    this.lastEnv = this.env.current;
    this.lastArgs = this.args.current;
    return scope;
  }

  private last: Scope | undefined;
  private lastEnv = -1;
  private lastArgs = -1;
}

/** A Scope for places outside stages (global ARGs, FROM lines). */
export function fixedScope(env: ReadonlyMap<string, string>, args: ReadonlyMap<string, ScopedArg>, shell: readonly string[]): Scope {
  return { env, args, shell, shellExplicit: false, workdir: null, user: null };
}
