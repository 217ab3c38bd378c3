// The lint configuration model: what .dockhand.yaml / .hadolint.yaml / CLI flags / LSP settings
// boil down to, with hadolint's merge semantics (lists concatenate, scalars: later wins).
import type { Severity } from '../core/diagnostic.js';
import type { RuleOptions } from '../rules/types.js';

/**
 * A failure threshold: a severity, or `none` (hadolint's `ignore`/`none`: it ranks below style,
 * so every reported finding fails; `noFail` is the way to never fail).
 */
export type Threshold = Severity | 'none';

/** Severity a rule can be set to in config; `off` disables it like `ignored`. */
export type SeverityOverride = Severity | 'off';

/**
 * One problem with the files a Dockerfile is linted with (its config, its build context's
 * .dockerignore), for an editor to show: a part of a file that is left out (warning), or a file that
 * cannot be used at all (error; the message says what is done instead). `file` is null for
 * hadolint's environment variables; `line` and `column` (1-based) are absent when the problem has no
 * place in the file.
 */
export interface ConfigProblem {
  file: string | null;
  line?: number;
  column?: number;
  severity: 'error' | 'warning';
  message: string;
}

/** The files a Dockerfile's lint read besides it (config, .dockerignore) and what is wrong with them. */
export interface ConfigReport {
  files: string[];
  problems: ConfigProblem[];
}

/** Everything that changes what `lint()` reports and how the CLI exits. */
export interface LintConfig {
  /** Codes, names or aliases never reported (hadolint `ignored`, `--ignore`). */
  ignored: string[];
  /** Severity overrides keyed by code, name or alias (hadolint `override.{error,...}`). */
  severity: Record<string, SeverityOverride>;
  /** Registries allowed in FROM / COPY --from / RUN --mount from= (DL3026). */
  trustedRegistries: string[];
  /** Required labels and their types (DL3049–DL3058). */
  labelSchema: Record<string, string>;
  /** Only labels from `labelSchema` are allowed (DL3050). */
  strictLabels: boolean;
  /** Ignore `# hadolint ignore=`, `# dockhand ignore=` and `# check=skip=` in files. */
  disableIgnorePragma: boolean;
  /** Findings at or above this severity make the CLI exit 1. */
  failureThreshold: Threshold;
  /** Always exit 0 on findings (usage and I/O errors still exit 2). */
  noFail: boolean;
  /** Default output format of `dockhand lint`. */
  format?: string;
  /** Per-rule settings keyed by code or name (passed to rules as `options.settings`). */
  settings: Record<string, unknown>;
  /**
   * Replaces the file's `# check=` directive, like BuildKit's `BUILDKIT_DOCKERFILE_CHECK`
   * build arg (same syntax: `skip=A,B;error=true;experimental=all`).
   */
  check?: string;
  /**
   * Rule presets (`extends:`, `--preset`): `recommended`, `hadolint`, `security`, `strict`
   * (src/linter/presets.ts). They sit beneath `ignored` and `severity`, whatever the merge order
   * of the config parts; a later part's list replaces an earlier one's. Names are checked where
   * they are read (config file, command line); the engine skips names it does not know.
   */
  presets?: string[];
}

/** The defaults: nothing ignored, threshold `info` (hadolint's default). */
export function defaultConfig(): LintConfig {
  return {
    ignored: [],
    severity: {},
    trustedRegistries: [],
    labelSchema: {},
    strictLabels: false,
    disableIgnorePragma: false,
    failureThreshold: 'info',
    noFail: false,
    settings: {},
  };
}

/**
 * Merge partial configs left to right the way hadolint does: lists and maps are unioned,
 * scalars from later parts win. Pass (file, command line) to let flags override the file.
 * `presets` is replaced, not unioned: `--preset` on the command line replaces the file's `extends`.
 */
export function mergeConfig(...parts: (Partial<LintConfig> | undefined)[]): LintConfig {
  const out = defaultConfig();
  for (const p of parts) {
    if (!p) continue;
    if (p.ignored) out.ignored = [...out.ignored, ...p.ignored];
    if (p.severity) out.severity = { ...out.severity, ...p.severity };
    if (p.trustedRegistries) out.trustedRegistries = [...out.trustedRegistries, ...p.trustedRegistries];
    if (p.labelSchema) out.labelSchema = { ...out.labelSchema, ...p.labelSchema };
    if (p.settings) out.settings = { ...out.settings, ...p.settings };
    if (p.strictLabels !== undefined) out.strictLabels = p.strictLabels;
    if (p.disableIgnorePragma !== undefined) out.disableIgnorePragma = p.disableIgnorePragma;
    if (p.failureThreshold !== undefined) out.failureThreshold = p.failureThreshold;
    if (p.noFail !== undefined) out.noFail = p.noFail;
    if (p.format !== undefined) out.format = p.format;
    if (p.check !== undefined) out.check = p.check;
    if (p.presets !== undefined) out.presets = p.presets;
  }
  return out;
}

/** The part of the config rules may read. */
export function ruleOptionsOf(config: LintConfig): RuleOptions {
  return {
    trustedRegistries: config.trustedRegistries,
    labelSchema: config.labelSchema,
    strictLabels: config.strictLabels,
    settings: config.settings,
  };
}

/** How strongly a rule is set: `off` (ignored) over error, warning, info, style. */
const STRENGTH: Record<SeverityOverride, number> = { off: 5, error: 4, warning: 3, info: 2, style: 1 };

/**
 * Set `code` to `level` in a severity map unless it already holds a stronger one: hadolint gives
 * a rule named in several override lists the most severe of them (error > warning > info > style),
 * and an ignored rule stays ignored. Used within one source (a file, the environment, the command
 * line); across sources the later one wins, as for the other scalars.
 */
export function addOverride(map: Record<string, SeverityOverride>, code: string, level: SeverityOverride): void {
  const had = map[code];
  if (had === undefined || STRENGTH[level] > STRENGTH[had]) map[code] = level;
}

/** Output formats `dockhand lint` writes (`format:` in a config file, `--format`). */
export const FORMATS = ['stylish', 'json', 'sarif', 'checkstyle', 'codeclimate', 'gitlab', 'gnu', 'github', 'sonarqube', 'junit', 'codacy'] as const;
/** hadolint's format names that mean one of ours. */
const FORMAT_ALIASES: Readonly<Record<string, string>> = { tty: 'stylish', gitlab_codeclimate: 'gitlab' };

/** The format a name (ours or hadolint's) means, or undefined when it names none. */
export function formatName(name: string): string | undefined {
  const f = FORMAT_ALIASES[name] ?? name;
  return (FORMATS as readonly string[]).includes(f) ? f : undefined;
}

/** The label types of `label-schema` / `--require-label` (DL3049–DL3058). */
export const LABEL_TYPES: readonly string[] = ['text', 'url', 'semver', 'hash', 'rfc3339', 'spdx', 'email'];

/**
 * A `LABEL:TYPE` spec (`--require-label`, `HADOLINT_REQUIRE_LABELS`): the name before the first
 * colon, the type after it (`text` when there is none). Undefined for an unknown type.
 */
export function parseLabelSpec(spec: string): [label: string, type: string] | undefined {
  const i = spec.indexOf(':');
  const [label, type] = i >= 0 ? [spec.slice(0, i), spec.slice(i + 1) || 'text'] : [spec, 'text'];
  return label && LABEL_TYPES.includes(type) ? [label, type] : undefined;
}

/** True when `s` names a severity or `none`/`ignore` (hadolint treats them alike). */
export function parseThreshold(s: string): Threshold | undefined {
  const v = s.trim().toLowerCase();
  if (v === 'error' || v === 'warning' || v === 'info' || v === 'style') return v;
  if (v === 'none' || v === 'ignore') return 'none';
  return undefined;
}
