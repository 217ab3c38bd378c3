// Finds and reads the lint config for a Dockerfile: `--config FILE`, else the nearest
// `.dockhand.yaml` walking up, else the nearest `.hadolint.yaml`/`.yml`, else hadolint's user files;
// and hadolint's HADOLINT_* environment, which goes beneath the file.
import { statSync } from 'node:fs';
import { homedir } from 'node:os';
import { basename, dirname, isAbsolute, join, resolve } from 'node:path';
import { isFile } from '../core/is-file.js';
import { mergeConfig, type ConfigProblem, type ConfigReport, type LintConfig } from '../linter/config.js';
import { configFromEnvironment, type EnvironmentConfig } from '../linter/config-env.js';
import type { ConfigFileResult } from '../linter/config-yaml.js';
import { CliError } from './io.js';
import { notTextReason, readInputFile } from './read-file.js';

/** A loaded config file (path null when none was found). */
export interface FoundConfig {
  path: string | null;
  result: ConfigFileResult;
}

const DOCKHAND_NAMES = ['.dockhand.yaml', '.dockhand.yml'];
const HADOLINT_NAMES = ['.hadolint.yaml', '.hadolint.yml'];

/**
 * A config file that cannot be used (unreadable, not text, not valid YAML or not a valid config),
 * with where the problem is when it has a place in the file. Its message is the CLI's one line.
 */
export class ConfigLoadError extends CliError {
  constructor(message: string, readonly file: string, readonly detail: string, readonly line?: number, readonly column?: number) {
    super(message);
  }
}

/**
 * The problems of a loaded config, from its warnings (`path:line:col: message`, as the CLI prints
 * them), with the environment's (`HADOLINT_*`) first.
 */
export function configReport(found: FoundConfig, environment: EnvironmentConfig): ConfigReport {
  const problems = environmentProblems(environment);
  for (const w of found.result.warnings ?? []) {
    const at = found.path && w.startsWith(`${found.path}:`) ? /^(\d+):(\d+): ([^]*)$/.exec(w.slice(found.path.length + 1)) : null;
    problems.push(at
      ? { file: found.path, line: Number(at[1]), column: Number(at[2]), severity: 'warning', message: at[3]! }
      : { file: found.path, severity: 'warning', message: w });
  }
  return { files: found.path ? [found.path] : [], problems };
}

/** What a Dockerfile is linted with while its config cannot be used. */
const DEFAULTS_INSTEAD = 'Dockerfiles under it are linted with the defaults until it is fixed';

/** The report of a config that could not be loaded (`err` from ConfigFinder.forDirectory). */
export function configFailure(err: unknown, environment: EnvironmentConfig): ConfigReport {
  const problems = environmentProblems(environment);
  if (err instanceof ConfigLoadError) {
    problems.push({ file: err.file, line: err.line, column: err.column, severity: 'error', message: `${err.detail}; ${DEFAULTS_INSTEAD}` });
    return { files: [err.file], problems };
  }
  problems.push({ file: null, severity: 'error', message: `${err instanceof Error ? err.message : String(err)}; ${DEFAULTS_INSTEAD}` });
  return { files: [], problems };
}

/**
 * The problem of a .dockerignore that cannot be used (`err`: the build context's dockerignoreError,
 * whose message starts with the file's path), with the line of the pattern when it has one.
 */
export function dockerignoreProblem(file: string, err: { message: string; line?: number }): ConfigProblem {
  let detail = err.message.startsWith(`${file}: `) ? err.message.slice(file.length + 2) : err.message;
  if (err.line !== undefined && detail.startsWith(`line ${err.line}: `)) detail = detail.slice(`line ${err.line}: `.length);
  return {
    file,
    line: err.line,
    severity: 'error',
    message: `${detail}; BuildKit fails the build on it, so the rules that read the build context are skipped until it is fixed`,
  };
}

function environmentProblems(environment: EnvironmentConfig): ConfigProblem[] {
  return environment.warnings.map((message) => ({ file: null, severity: 'warning', message }));
}

/** What forDirectory gives when no config file applies (one object, so memos keyed on it hold). */
const NO_CONFIG: FoundConfig = { path: null, result: { config: {} } };

/**
 * Config discovery with a cache per directory, for linting many files in one run. With `live`
 * (a long-running server), every call looks for the file again and re-reads it only when its
 * stat changed, so edits count at once and an unchanged config is the very same object.
 */
export class ConfigFinder {
  private readonly byDir = new Map<string, FoundConfig>();
  private readonly byPath = new Map<string, FoundConfig>();
  private readonly stamps = new Map<string, string>();
  private readonly merged = new WeakMap<FoundConfig, Partial<LintConfig>>();
  /** What hadolint's `HADOLINT_*` variables set (read once: the environment of a process is fixed). */
  readonly environment: EnvironmentConfig;

  constructor(
    private readonly env: NodeJS.ProcessEnv = process.env,
    private readonly live = false,
  ) {
    this.environment = configFromEnvironment(env);
  }

  /**
   * The environment's config with a found file's on top (hadolint's order: environment, then
   * file; the command line goes on top of this). The same object for the same file, so the
   * linter's per-config memos hold in a long-running server.
   */
  withEnvironment(found: FoundConfig): Partial<LintConfig> {
    if (this.environment.read.length === 0) return found.result.config;
    let m = this.merged.get(found);
    if (!m) this.merged.set(found, (m = mergeConfig(this.environment.config, found.result.config)));
    return m;
  }

  /** The config for a Dockerfile in `dir`, or the explicit `--config` file. */
  async forDirectory(dir: string, explicit?: string): Promise<FoundConfig> {
    if (explicit) return this.load(resolve(explicit), true);
    const abs = resolve(dir);
    const hit = this.live ? undefined : this.byDir.get(abs);
    if (hit) return hit;
    const path = nearest(abs, DOCKHAND_NAMES) ?? nearest(abs, HADOLINT_NAMES) ?? this.userConfig();
    const found = path ? await this.load(path, false) : NO_CONFIG;
    this.byDir.set(abs, found);
    return found;
  }

  /**
   * hadolint's user files, in its order (Configfile.hs): XDG config, `~/.hadolint/`, then `~`.
   * An empty or relative `XDG_CONFIG_HOME` is no setting (the XDG spec calls it invalid, and
   * Haskell's getXdgDirectory, which hadolint uses, falls back to `~/.config` then), so it never
   * makes a `hadolint.yaml` in the current directory a user file; an empty HOME is not a home.
   */
  private userConfig(): string | null {
    const home = this.env.HOME || homedir();
    const xdgEnv = this.env.XDG_CONFIG_HOME;
    const xdg = xdgEnv && isAbsolute(xdgEnv) ? xdgEnv : join(home, '.config');
    const app = join(home, '.hadolint');
    const candidates = [
      join(xdg, 'hadolint.yaml'), join(xdg, 'hadolint.yml'),
      join(app, 'hadolint.yaml'), join(app, 'hadolint.yml'), join(app, 'config.yaml'), join(app, 'config.yml'),
      join(home, '.hadolint.yaml'), join(home, '.hadolint.yml'),
    ];
    return candidates.find(isFile) ?? null;
  }

  private async load(path: string, _explicit: boolean): Promise<FoundConfig> {
    const hit = this.byPath.get(path);
    if (hit && (!this.live || this.stamps.get(path) === stampOf(path))) return hit;
    if (this.live) this.stamps.set(path, stampOf(path));
    // What was read before is stale now: a file that fails to load fails at every lookup until it
    // loads, never serving its previous contents.
    this.byPath.delete(path);
    let bytes: Buffer;
    try {
      // Refuses a FIFO or device (`--config p` would block forever); /dev/fd/N is read, and
      // `--config /dev/null` is the empty config (hadolint reads it so: no file's settings apply).
      bytes = path === '/dev/null' ? Buffer.alloc(0) : readInputFile(path);
    } catch (err) {
      const what = err instanceof CliError ? err.message : `${path}: ${String(err)}`;
      throw new ConfigLoadError(`cannot read config ${what}`, path, what.startsWith(`${path}: `) ? `cannot read it: ${what.slice(path.length + 2)}` : what);
    }
    // Named for what it is, rather than by the YAML error its bytes happen to make.
    const notText = notTextReason(bytes);
    if (notText) {
      const detail = notText.startsWith('UTF-16') ? 'UTF-16 text; YAML config files are read as UTF-8 (re-save it as UTF-8)' : 'a binary file, not YAML';
      throw new ConfigLoadError(`invalid config ${path}: ${detail}`, path, detail);
    }
    const text = bytes.toString('utf8');
    const { parseConfigText, ConfigError } = await import('../linter/config-yaml.js');
    // hadolint's files (`.hadolint.yaml`, `~/.hadolint/config.yaml`, any `*hadolint*` name) are read as hadolint reads them.
    const flavor = /hadolint/.test(basename(path)) || basename(dirname(path)) === '.hadolint' ? 'hadolint' : 'dockhand';
    try {
      const found = { path, result: parseConfigText(text, path, flavor) };
      this.byPath.set(path, found);
      return found;
    } catch (err) {
      if (err instanceof ConfigError) throw new ConfigLoadError(`invalid config ${err.message}`, path, err.detail, err.line, err.column);
      throw err;
    }
  }
}

function nearest(start: string, names: string[]): string | null {
  for (let dir = start; ; ) {
    for (const n of names) {
      const p = join(dir, n);
      if (isFile(p)) return p;
    }
    const up = dirname(dir);
    if (up === dir) return null;
    dir = up;
  }
}

/** Size, mtime, ctime and inode: a file with the same stamp has not been rewritten. */
function stampOf(p: string): string {
  try {
    const st = statSync(p);
    return `${st.size}:${st.mtimeMs}:${st.ctimeMs}:${st.ino}`;
  } catch {
    return '';
  }
}

