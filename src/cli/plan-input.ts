// Shared input handling for `plan` and `explain`: reading Dockerfiles, build args, platforms,
// and opening the build context as the planner's ContextReader.
import { statSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import type { Dockerfile } from '../parser/ast.js';
import { parseBytes } from '../parser/index.js';
import type { ContextReader } from '../planner/context.js';
import { plan, PlanError, type PlanOptions } from '../planner/plan.js';
import type { Plan } from '../planner/types.js';
import { openPlannerContext, type ContextSession, type IgnoreOverride } from './planner-context.js';
import { CliError, type Io } from './io.js';
import { lastValue, repeated } from './options.js';
import type { ArgsOf, QuickOption } from './quick-args.js';
import { describeError, dockerfileProblem, readInputFile } from './read-file.js';
import { visible } from '../core/visible.js';
import { errnoReason } from '../core/errno.js';

/** The options plan and explain share, as data (yargs reads them, and quick-args for plan). */
export const PLAN_INPUT_OPTIONS = {
  context: { type: 'string', coerce: lastValue, describe: "Build context directory (default: the Dockerfile's folder)" },
  target: { type: 'string', coerce: lastValue, describe: 'Stage to build (default: the last stage)' },
  'build-arg': { type: 'string', coerce: repeated, describe: 'K=V build argument (repeat the option for more)' },
  platform: { type: 'string', coerce: lastValue, describe: 'Target platform os/arch[/variant] (default: this machine)' },
  'base-digests': { type: 'string', coerce: lastValue, describe: 'JSON file mapping image refs to digests (resolves floating tags)' },
} satisfies Record<string, QuickOption>;

/** Options common to plan and explain, and the Dockerfile. */
export type PlanArgs = { file?: string } & ArgsOf<typeof PLAN_INPUT_OPTIONS>;

/** Reads and parses a Dockerfile; I/O problems become one-line CliErrors. */
export function readDockerfile(path: string, name = path): { file: Dockerfile; text: string } {
  const bytes = readInputFile(path, name);
  const notText = dockerfileProblem(bytes);
  if (notText) throw new CliError(`${name}: ${notText}`);
  const file = parseBytes(bytes);
  return { file, text: file.text };
}

/**
 * A Dockerfile BuildKit would refuse cannot be planned: print its syntax errors the way
 * `dockhand parse` does and stop with exit 1.
 */
export function rejectSyntaxErrors(file: Dockerfile, name: string, io: Io): void {
  const errors = file.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length === 0) return;
  for (const d of errors) io.stderr(`${visible(name)}:${d.range.startLine}:${d.range.startColumn}: error: ${visible(d.message)}\n`);
  throw new CliError(`${name}: cannot plan a Dockerfile with syntax errors`, 1);
}

/** A path as the user would like to read it: relative to the cwd when below it, else absolute. */
export function displayPath(cwd: string, abs: string): string {
  const rel = relative(cwd, abs);
  return rel === '' ? '.' : rel.startsWith('..') ? abs : rel;
}

/** Parses repeated `--build-arg K=V` (a bare `K` takes the value from the environment, as docker does). */
export function parseBuildArgs(values: string[] | undefined, env: NodeJS.ProcessEnv): Record<string, string> {
  const out: Record<string, string> = {};
  for (const v of values ?? []) {
    const eq = v.indexOf('=');
    if (eq === 0) throw new CliError(`--build-arg ${v}: missing a name`);
    if (eq === -1) {
      if (env[v] !== undefined) out[v] = env[v]!;
    } else out[v.slice(0, eq)] = v.slice(eq + 1);
  }
  return out;
}

/** Host platform as BuildKit names it (`linux/amd64`, `linux/arm64`). */
export function hostPlatform(): string {
  const arch = ({ x64: 'amd64', arm64: 'arm64', arm: 'arm/v7', ia32: '386', ppc64: 'ppc64le', s390x: 's390x', riscv64: 'riscv64' } as Record<string, string>)[process.arch] ?? process.arch;
  return `linux/${arch}`;
}

/** Validates `--platform`. */
export function checkPlatform(p: string | undefined): string {
  if (p === undefined) return hostPlatform();
  if (!/^[a-z0-9]+\/[a-z0-9_]+(\/[a-z0-9]+)?$/i.test(p)) throw new CliError(`--platform ${p}: expected os/arch[/variant], e.g. linux/arm64`);
  return p;
}

/** Reads `--base-digests FILE`: a JSON object mapping image refs to digests. */
export function readBaseDigests(path: string | undefined, cwd: string): Record<string, string> | undefined {
  if (!path) return undefined;
  let data: unknown;
  const bytes = readInputFile(resolve(cwd, path), path);
  try {
    data = JSON.parse(bytes.toString('utf8'));
  } catch (err) {
    throw new CliError(`${path}: not valid JSON (${(err as Error).message})`);
  }
  if (!data || typeof data !== 'object' || Array.isArray(data) || Object.values(data).some((v) => typeof v !== 'string')) {
    throw new CliError(`${path}: expected a JSON object of image reference → digest strings`);
  }
  return data as Record<string, string>;
}

/** True when the Dockerfile argument means standard input (`-`; yargs may hand it over as ''). */
export function isStdin(file: string | undefined): boolean {
  return file === '-' || file === '/dev/stdin';
}

/** A Dockerfile that is a pipe (`<(gen)`, /dev/fd/N): like stdin, it has no folder to be the context. */
function isPipePath(file: string | undefined): boolean {
  return file !== undefined && /^\/(dev\/fd|proc\/self\/fd)\//.test(file);
}


/**
 * Resolves the Dockerfile path (default ./Dockerfile) and the context directory (default: its
 * folder; for a Dockerfile read from stdin, the current directory, as `docker build -f - .`).
 */
export function locate(args: PlanArgs, io: Io): { dockerfile: string; contextDir: string } {
  if (args.file === '') throw new CliError('empty path given for the Dockerfile');
  if (args.context === '') throw new CliError('empty value given for --context');
  const stdin = isStdin(args.file);
  const dockerfile = stdin ? resolve(io.cwd, 'Dockerfile') : resolve(io.cwd, args.file ?? 'Dockerfile');
  if (!stdin) {
    try {
      statSync(dockerfile);
    } catch (err) {
      throw new CliError(`${args.file ?? 'Dockerfile'}: ${describeError(err)}`);
    }
  }
  const contextDir = resolve(io.cwd, args.context ?? (stdin || isPipePath(args.file) ? '.' : dirname(dockerfile)));
  // Worded as lint words it (lint-context.ts): the option as given, then the system's reason.
  const shown = args.context === undefined ? displayPath(io.cwd, contextDir) : `--context ${args.context}`;
  let st;
  try {
    st = statSync(contextDir);
  } catch (err) {
    throw new CliError(`${shown}: ${errnoReason(err)}`);
  }
  if (!st.isDirectory()) throw new CliError(`${shown}: not a directory`);
  return { dockerfile, contextDir };
}

/** Standard input parsed, refused as a file on disk is when it is UTF-16 or binary. */
function parseStdin(bytes: Buffer): Dockerfile {
  const notText = dockerfileProblem(bytes);
  if (notText) throw new CliError(`<stdin>: ${notText}`);
  return parseBytes(bytes);
}

const stdinCache = new WeakMap<Io, Promise<Buffer>>();

/** Standard input, read once per Io (explain plans twice from the same text). */
function stdinOnce(io: Io): Promise<Buffer> {
  let p = stdinCache.get(io);
  if (!p) {
    p = io.readStdin();
    stdinCache.set(io, p);
  }
  return p;
}

/** What planFromArgs may be given besides the arguments. */
export interface PlanInputOptions {
  /** Wraps the build context (explain marks files as changed through it). */
  wrap?: (ctx: ContextReader) => ContextReader;
  /** A parsed Dockerfile to plan instead of the file on disk (explain --since: the old text). */
  file?: Dockerfile;
  /** Stat cache and monitor kept between plans by a watching process. */
  session?: ContextSession;
  /**
   * The build context an earlier plan of the same arguments opened (explain --since plans the old
   * Dockerfile over the walk and digests the current plan made, instead of walking again); it is
   * not closed here.
   */
  reader?: ContextReader;
  /** The .dockerignore to walk the context with instead of the one on disk (no `reader` given). */
  ignore?: IgnoreOverride;
}

/**
 * The Dockerfile named by the arguments (or standard input), parsed; one with syntax errors is
 * refused as `rejectSyntaxErrors` does. `name` is how messages show it.
 */
export async function readPlanDockerfile(
  args: PlanArgs,
  io: Io,
  textOverride?: Dockerfile,
): Promise<{ file: Dockerfile; name: string; dockerfile: string; contextDir: string }> {
  if (args.target === '') throw new CliError('--target needs a stage name');
  const { dockerfile, contextDir } = locate(args, io);
  const stdin = isStdin(args.file);
  const name = stdin ? '<stdin>' : displayPath(io.cwd, dockerfile);
  const file = textOverride ?? (stdin ? parseStdin(await stdinOnce(io)) : readDockerfile(dockerfile, name).file);
  rejectSyntaxErrors(file, name, io);
  return { file, name, dockerfile, contextDir };
}

/** The plan options the arguments give (everything but the build context). */
export function planOptionsOf(args: PlanArgs, io: Io, name: string): PlanOptions {
  return {
    dockerfile: name,
    target: args.target ?? null,
    buildArgs: parseBuildArgs(args['build-arg'], io.env),
    platform: checkPlatform(args.platform),
    baseDigests: readBaseDigests(args['base-digests'], io.cwd),
  };
}

/** Builds a plan from CLI arguments. */
export async function planFromArgs(
  args: PlanArgs,
  io: Io,
  { wrap, file: textOverride, session, reader, ignore }: PlanInputOptions = {},
): Promise<{ plan: Plan; context: ContextReader; dockerfile: string; contextDir: string }> {
  const { file, name, dockerfile, contextDir } = await readPlanDockerfile(args, io, textOverride);
  const given = planOptionsOf(args, io, name);
  const opened = reader ? undefined : await openPlannerContext(contextDir, dockerfile, io, session, false, ignore);
  const base = reader ?? opened!;
  const context = wrap ? wrap(base) : base;
  const options: PlanOptions = { ...given, context };
  try {
    return { plan: plan(file, options), context, dockerfile, contextDir };
  } catch (err) {
    if (err instanceof PlanError) {
      if (err.problems.length === 0) throw new CliError(err.message);
      for (const pr of err.problems) io.stderr(`${visible(name)}${pr.line !== null ? `:${pr.line}` : ''}: error: ${visible(pr.message)}\n`);
      throw new CliError(`${name}: cannot plan a build that would fail`, 1);
    }
    throw err;
  } finally {
    opened?.close();
  }
}
