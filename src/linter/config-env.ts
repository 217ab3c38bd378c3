// hadolint's environment variables (Hadolint/Config/Environment.hs) as a partial LintConfig, so a
// CI job configured for hadolint through HADOLINT_* keeps its settings. Pure: the caller passes the
// environment; the result is merged beneath the config file and the command line.
import type { Severity } from '../core/diagnostic.js';
import { ruleKeyProblem, ruleKeyWarning } from './codes.js';
import { addOverride, formatName, parseLabelSpec, parseThreshold, type LintConfig, type SeverityOverride } from './config.js';

/** What the environment sets: lint config, CLI-only preferences, and what was read. */
export interface EnvironmentConfig {
  config: Partial<LintConfig>;
  /** `HADOLINT_VERBOSE`. */
  verbose?: boolean;
  /** The variables that were set, in hadolint's order (for `--verbose`). */
  read: string[];
  /** One line per value that was not understood and is ignored (hadolint ignores them silently). */
  warnings: string[];
}

/** hadolint's truthy values for its boolean variables; any other value means false. */
const TRUTHY = new Set(['1', 'y', 'on', 'true', 'yes']);

const OVERRIDES: readonly [string, Severity][] = [
  ['HADOLINT_OVERRIDE_ERROR', 'error'],
  ['HADOLINT_OVERRIDE_WARNING', 'warning'],
  ['HADOLINT_OVERRIDE_INFO', 'info'],
  ['HADOLINT_OVERRIDE_STYLE', 'style'],
];

/** Every variable read, in the order hadolint lists them. */
export const HADOLINT_ENV_VARS = [
  'HADOLINT_NOFAIL',
  'HADOLINT_VERBOSE',
  'HADOLINT_FORMAT',
  ...OVERRIDES.map(([name]) => name),
  'HADOLINT_IGNORE',
  'HADOLINT_TRUSTED_REGISTRIES',
  'HADOLINT_REQUIRE_LABELS',
  'HADOLINT_STRICT_LABELS',
  'HADOLINT_DISABLE_IGNORE_PRAGMA',
  'HADOLINT_FAILURE_THRESHOLD',
] as const;

/**
 * The config hadolint reads from `HADOLINT_*` variables: booleans are true for `1`, `y`, `on`,
 * `true`, `yes` (any case) and false for any other value; lists are comma-separated; a format or
 * threshold that is not known, or a `label:type` with an unknown type, is left out with a warning.
 * `NO_COLOR` is read where colours are decided.
 */
export function configFromEnvironment(env: Readonly<Record<string, string | undefined>>): EnvironmentConfig {
  const out: EnvironmentConfig = { config: {}, read: [], warnings: [] };
  const c = out.config;
  const value = (name: string): string | undefined => {
    const v = env[name];
    if (v !== undefined) out.read.push(name);
    return v;
  };
  const bool = (name: string): boolean | undefined => {
    const v = value(name);
    // Exactly hadolint's test: lower-cased, not trimmed (`HADOLINT_NOFAIL=' 1'` is false there too).
    return v === undefined ? undefined : TRUTHY.has(v.toLowerCase());
  };
  const list = (name: string): string[] | undefined => {
    const v = value(name);
    return v === undefined ? undefined : v.split(',').map((s) => s.trim()).filter(Boolean);
  };

  const noFail = bool('HADOLINT_NOFAIL');
  if (noFail !== undefined) c.noFail = noFail;
  out.verbose = bool('HADOLINT_VERBOSE');
  const formats = list('HADOLINT_FORMAT');
  for (const f of formats ?? []) {
    const name = formatName(f);
    if (name === undefined) out.warnings.push(`HADOLINT_FORMAT: unknown format '${f}', ignored`);
    else if (c.format === undefined) c.format = name;
    else out.warnings.push(`HADOLINT_FORMAT: dockhand writes one format; '${f}' is ignored (using '${c.format}')`);
  }
  // A code that can do nothing (a typo) is kept, with a warning, as in a config file.
  const checkCodes = (name: string, codes: readonly string[]) => {
    for (const code of codes) {
      const problem = ruleKeyProblem(code);
      if (problem && problem !== 'empty') out.warnings.push(ruleKeyWarning(problem, `${name}: '${code}'`));
    }
  };
  const severity: Record<string, SeverityOverride> = {};
  for (const [name, level] of OVERRIDES) {
    const codes = list(name) ?? [];
    for (const code of codes) addOverride(severity, code, level);
    checkCodes(name, codes);
  }
  if (Object.keys(severity).length > 0) c.severity = severity;
  const ignored = list('HADOLINT_IGNORE');
  if (ignored?.length) c.ignored = ignored;
  checkCodes('HADOLINT_IGNORE', ignored ?? []);
  const registries = list('HADOLINT_TRUSTED_REGISTRIES');
  if (registries?.length) c.trustedRegistries = registries;
  const labels = list('HADOLINT_REQUIRE_LABELS');
  if (labels?.length) {
    const schema: Record<string, string> = {};
    for (const spec of labels) {
      const parsed = parseLabelSpec(spec);
      if (parsed) schema[parsed[0]] = parsed[1];
      else out.warnings.push(`HADOLINT_REQUIRE_LABELS: '${spec}' is not LABEL:TYPE with a known type, ignored`);
    }
    if (Object.keys(schema).length > 0) c.labelSchema = schema;
  }
  const strict = bool('HADOLINT_STRICT_LABELS');
  if (strict !== undefined) c.strictLabels = strict;
  const pragmas = bool('HADOLINT_DISABLE_IGNORE_PRAGMA');
  if (pragmas !== undefined) c.disableIgnorePragma = pragmas;
  const threshold = value('HADOLINT_FAILURE_THRESHOLD');
  if (threshold !== undefined) {
    const t = parseThreshold(threshold);
    if (t) c.failureThreshold = t;
    else out.warnings.push(`HADOLINT_FAILURE_THRESHOLD: unknown threshold '${threshold}', ignored`);
  }
  return out;
}
