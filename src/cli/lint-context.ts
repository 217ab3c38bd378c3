// The build contexts `dockhand lint` hands to context-aware rules: opened once per root and
// .dockerignore for the whole run, each question answered once (context-reads.ts), which is
// also what the results cache checks its entries against.
import { readdirSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
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
  private readonly views = new Map<string, ContextAnswers>();
  private readonly problems = new Map<string, string>();
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
      const ignore = this.findDockerignore(root, dockerfile);
      const key = `${root}\u0000${ignore ?? ''}`;
      let answers = this.views.get(key);
      let problem: string | null = null;
      if (!answers) {
        const view = this.context.openBuildContext(root, { dockerfile });
        answers = new ContextAnswers(view, view.root);
        this.views.set(key, answers);
        // BuildKit fails a build whose .dockerignore is invalid or unreadable, as plan and context do.
        problem = dockerignoreProblem(view, this.cwd);
        if (problem) this.problems.set(key, problem);
      } else problem = this.problems.get(key) ?? null;
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
    const { findDockerignore } = this.context!;
    const dir = dirname(dockerfile);
    const name = basename(dockerfile);
    // `Dockerfile` falls back to `dockerfile` when missing (BuildKit): leave that case to the real thing.
    if ((this.perDir.get(dir) ?? 0) < 16 || name === 'Dockerfile') return findDockerignore(root, dockerfile);
    let names = this.listings.get(dir);
    if (names === undefined) {
      try {
        names = new Set(readdirSync(dir));
      } catch {
        names = null;
      }
      this.listings.set(dir, names);
    }
    if (names === null) return findDockerignore(root, dockerfile);
    if (names.has(`${name}.dockerignore`)) {
      const specific = join(dir, `${name}.dockerignore`);
      if (isFile(specific)) return specific;
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

function isFile(p: string): boolean {
  try {
    return statSync(p).isFile();
  } catch {
    return false;
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
