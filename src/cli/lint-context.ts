// The build contexts `dockhand lint` hands to context-aware rules: opened once per root and
// .dockerignore for the whole run, each question answered once (context-reads.ts), which is
// also what the results cache checks its entries against.
import { readdirSync } from 'node:fs';
import { basename, dirname, join, resolve, sep } from 'node:path';
import type { BuildContextView } from '../rules/types.js';
import { ContextAnswers } from './context-reads.js';
import { CliError } from './io.js';
import { displayPath } from './lint-inputs.js';

/** How a file's context was settled: the view the rules see, and a problem to report once. */
export interface ContextChoice {
  /** Undefined when the rules run without a context (none could be opened, or .dockerignore is broken). */
  answers: ContextAnswers | undefined;
  /** Where the view lives, for a worker thread to open the same one. */
  spec?: ContextSpec;
  /** `<path>: line N: ...` when .dockerignore is unreadable or invalid (the run exits 2). */
  problem?: string;
  /** The --verbose lines. */
  notes: string[];
}

/** What openBuildContext needs: a worker opens its own view from this, one per `key`. */
export interface ContextSpec {
  root: string;
  dockerfile: string;
  /** The same for every Dockerfile that sees the same view (same root, same .dockerignore). */
  key: string;
}

/**
 * Opens build contexts for one lint run: a view per (root, .dockerignore in effect), memoised
 * (a directory holding many Dockerfiles would otherwise list its context once per file).
 */
export class LintContexts {
  /** By root, then by the .dockerignore in effect ('' for none): the key, answers and problem of each view. */
  private readonly views = new Map<string, Map<string, { key: string; answers: ContextAnswers; problem: string | null }>>();
  /** By directory: the names in it ending in `.dockerignore` (null when it cannot be listed). */
  private readonly listings = new Map<string, Set<string> | null>();
  private readonly plain = new Map<string, string | null>();
  private context: typeof import('../context/index.js') | undefined;

  /**
   * `perDir`: how many inputs each directory holds; where there are many, one listing of the
   * directory answers "is there a <Dockerfile>.dockerignore" for all of them.
   */
  constructor(private readonly cwd: string, private readonly perDir: ReadonlyMap<string, number> = new Map()) {}

  /**
   * The context of a Dockerfile at `dockerfile` (absolute; stdin gives `<root>/Dockerfile`).
   * `explicit`: the --context value as given (an unusable one is a usage error, exit 2).
   */
  async open(root: string, dockerfile: string, explicit: string | undefined): Promise<ContextChoice> {
    try {
      this.context ??= await import('../context/index.js');
      const ignore = this.findDockerignore(root, dockerfile) ?? '';
      let byIgnore = this.views.get(root);
      if (!byIgnore) this.views.set(root, (byIgnore = new Map()));
      let settled = byIgnore.get(ignore);
      if (!settled) {
        const view = this.context.openBuildContext(root, { dockerfile });
        // BuildKit fails a build whose .dockerignore is invalid or unreadable, as plan and context do.
        settled = { key: `${root}\u0000${ignore}`, answers: new ContextAnswers(view, view.root), problem: dockerignoreProblem(view, this.cwd) };
        byIgnore.set(ignore, settled);
      }
      const { key, answers, problem } = settled;
      const opened = `build context ${root}`;
      if (problem) return { answers: undefined, problem, notes: [opened, 'context-aware rules skipped'] };
      return { answers, spec: { root, dockerfile, key }, notes: [opened] };
    } catch (err) {
      // The context error names the absolute root already: name the directory as given instead.
      const msg = (err as Error)?.message ?? String(err);
      if (explicit !== undefined) throw new CliError(`--context ${explicit}: ${msg.startsWith(`${root}: `) ? msg.slice(root.length + 2) : msg}`);
      return { answers: undefined, notes: [`no build context (${msg}); context-aware rules skipped`] };
    }
  }

  /** findDockerignore, answered from one listing of the Dockerfile's directory when it holds many inputs. */
  private findDockerignore(root: string, dockerfile: string): string | null {
    const { findDockerignore, dockerignorePresent } = this.context!;
    const dir = dirname(dockerfile);
    // `Dockerfile` falls back to `dockerfile` when missing (BuildKit): leave that case to the real thing.
    if ((this.perDir.get(dir) ?? 0) < 16 || dockerfile.endsWith(`${sep}Dockerfile`)) return findDockerignore(root, dockerfile);
    let ignores = this.listings.get(dir);
    if (ignores === undefined) {
      try {
        ignores = new Set(readdirSync(dir).filter((n) => n.endsWith('.dockerignore')));
      } catch {
        ignores = null;
      }
      this.listings.set(dir, ignores);
    }
    if (ignores === null) return findDockerignore(root, dockerfile);
    if (ignores.size > 0) {
      const name = `${basename(dockerfile)}.dockerignore`;
      const specific = join(dir, name);
      // As findDockerignore decides: anything there counts (a directory too, which reading then reports).
      if (ignores.has(name) && dockerignorePresent(specific)) return specific;
    }
    // By the root as given (every input of a directory gives the same string), then as resolved.
    let plain = this.plain.get(root);
    if (plain === undefined) {
      const abs = resolve(root);
      plain = this.plain.get(abs);
      if (plain === undefined) this.plain.set(abs, (plain = findDockerignore(abs)));
      this.plain.set(root, plain);
    }
    return plain;
  }
}


/**
 * The one-line problem with the context's .dockerignore (unreadable or invalid), worded as plan
 * and context word it (`<path>: line N: ...`, the path relative to the cwd), or null.
 */
function dockerignoreProblem(view: BuildContextView, cwd: string): string | null {
  const ctx = view as Partial<import('../context/index.js').BuildContext>;
  const err = ctx.dockerignoreError?.();
  if (!err) return null;
  const abs = ctx.dockerignorePath;
  if (!abs || !err.message.startsWith(`${abs}: `)) return err.message;
  return `${displayPath(abs, cwd)}${err.message.slice(abs.length)}`;
}
