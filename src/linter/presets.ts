// Rule presets (`extends:` in .dockhand.yaml, `--preset` on the command line): named rule sets
// that sit beneath the user's own config. Pure: a preset is a function of the rule metadata.
import type { Severity } from '../core/diagnostic.js';
import type { Rule } from '../rules/types.js';
import type { SeverityOverride } from './config.js';

/** The preset names, in the order help texts list them. */
export const PRESET_NAMES = ['recommended', 'hadolint', 'security', 'strict'] as const;

/** A preset's name. */
export type PresetName = (typeof PRESET_NAMES)[number];

/**
 * What a preset says about one rule: on (at `severity`, else the rule's own), or off. `byFile`:
 * off unless the Dockerfile itself enables it (an experimental BuildKit check named by the file's
 * `# check=experimental=`), which is how a run without presets treats those checks.
 */
export type PresetRuleState = { on: false; byFile?: boolean } | { on: true; severity?: Severity };

/** One preset: its verdict on each rule. */
export interface Preset {
  name: PresetName;
  rule(rule: Rule): PresetRuleState;
}

/**
 * hadolint 2.15.1's rules and default severities (the `severity =` line of each
 * src/Hadolint/Rule/DL*.hs; `ignore` rules report nothing unless promoted). The `hadolint`
 * preset turns on exactly these, at these severities; docs/hadolint-deviations.md lists the same
 * table (a test keeps them equal).
 */
export const HADOLINT_DEFAULTS: Readonly<Record<string, Severity | 'ignore'>> = {
  DL1001: 'ignore', DL3000: 'error', DL3001: 'info', DL3002: 'warning', DL3003: 'warning', DL3004: 'error',
  DL3006: 'warning', DL3007: 'warning', DL3008: 'warning', DL3009: 'info', DL3010: 'info', DL3011: 'error',
  DL3012: 'error', DL3013: 'warning', DL3014: 'warning', DL3015: 'info', DL3016: 'warning', DL3018: 'warning',
  DL3019: 'info', DL3020: 'error', DL3021: 'error', DL3022: 'warning', DL3023: 'error', DL3024: 'error',
  DL3025: 'warning', DL3026: 'error', DL3027: 'warning', DL3028: 'warning', DL3029: 'warning', DL3030: 'warning',
  DL3032: 'warning', DL3033: 'warning', DL3034: 'warning', DL3035: 'warning', DL3036: 'warning', DL3037: 'warning',
  DL3038: 'warning', DL3040: 'warning', DL3041: 'warning', DL3042: 'warning', DL3043: 'error', DL3044: 'error',
  DL3045: 'warning', DL3046: 'warning', DL3047: 'info', DL3048: 'style', DL3049: 'info', DL3050: 'info',
  DL3051: 'warning', DL3052: 'warning', DL3053: 'warning', DL3054: 'warning', DL3055: 'warning', DL3056: 'warning',
  DL3057: 'ignore', DL3058: 'warning', DL3059: 'info', DL3060: 'info', DL3061: 'error', DL3062: 'warning',
  DL3063: 'warning', DL3064: 'warning', DL3065: 'warning', DL3066: 'info', DL3067: 'warning', DL4000: 'error',
  DL4001: 'warning', DL4003: 'warning', DL4004: 'error', DL4005: 'warning', DL4006: 'warning',
};

/** Trivy's (DSnnn) and Checkov's (CKV_DOCKER_n, CKV2_DOCKER_n) Dockerfile check IDs. */
const SCANNER_ID = /^(?:DS\d+|CKV2?_DOCKER_\d+)$/;

/** True when a rule carries a Trivy or Checkov check ID among its aliases. */
export function isScannerCheck(rule: Rule): boolean {
  return rule.aliases.some((a) => SCANNER_ID.test(a));
}

/** True when a rule runs with no config at all (not off by default, not experimental). */
export function onByDefault(rule: Rule): boolean {
  return !rule.disabledByDefault && !rule.experimental;
}

const OFF: PresetRuleState = { on: false };
const ON: PresetRuleState = { on: true };
const BY_FILE: PresetRuleState = { on: false, byFile: true };

/** Every preset, by name. */
export const PRESETS: Readonly<Record<PresetName, Preset>> = {
  // The default: every rule that is on by default, at its own severity.
  recommended: {
    name: 'recommended',
    rule: (r) => (onByDefault(r) ? ON : r.experimental ? BY_FILE : OFF),
  },
  // hadolint's default rule set: its DL rules at its severities (ShellCheck's SC findings as usual).
  hadolint: {
    name: 'hadolint',
    rule: (r) => {
      const s = HADOLINT_DEFAULTS[r.code];
      return s === undefined || s === 'ignore' ? OFF : { on: true, severity: s };
    },
  },
  // The checks Trivy and Checkov run (the rules carrying a DSnnn or CKV_DOCKER_n alias, DH011
  // among them), at error.
  security: {
    name: 'security',
    rule: (r) => (isScannerCheck(r) ? { on: true, severity: 'error' } : OFF),
  },
  // Every rule, including those off by default and the experimental BuildKit checks.
  strict: {
    name: 'strict',
    rule: () => ON,
  },
};

/** True when `name` is a preset's name (case-insensitive). */
export function isPresetName(name: string): boolean {
  return (PRESET_NAMES as readonly string[]).includes(name.trim().toLowerCase());
}

/** "recommended, hadolint, security or strict": for error messages. */
export function presetNameList(): string {
  return `${PRESET_NAMES.slice(0, -1).join(', ')} or ${PRESET_NAMES.at(-1)}`;
}

/** The known presets among `names` (trimmed, lower-cased); unknown names count as none. */
function known(names: readonly string[]): Preset[] {
  const out: Preset[] = [];
  for (const n of names) {
    const p = PRESETS[n.trim().toLowerCase() as PresetName];
    if (p) out.push(p);
  }
  return out;
}

/**
 * The combined verdict of several presets on one rule: on when any preset turns it on, at the
 * severity of the last preset that sets one (else the rule's own). `explicit` says whether some
 * preset set a severity.
 */
export function presetState(names: readonly string[], rule: Rule): { on: boolean; severity: Severity; explicit: boolean; byFile: boolean } {
  let on = false;
  let byFile = false;
  let severity: Severity | undefined;
  for (const p of known(names)) {
    const s = p.rule(rule);
    if (!s.on) {
      byFile ||= s.byFile === true;
      continue;
    }
    on = true;
    if (s.severity) severity = s.severity;
  }
  return { on, severity: severity ?? rule.severity, explicit: severity !== undefined, byFile };
}

let lastKey: string | undefined;
let lastRules: readonly Rule[] | undefined;
let lastOverrides: ReadonlyMap<Rule, SeverityOverride> | undefined;

/**
 * The severity overrides that put presets in force, keyed by rule: `off` for a rule no preset
 * wants that could otherwise run (on by default, or an experimental check a file may enable, unless
 * a preset leaves that to the file), a severity for a rule a preset sets one for or turns on from
 * off-by-default. Rules the presets leave as they are get no entry. The user's own config goes on
 * top of these. Remembered for the last (names, rules) pair: every file asks.
 */
export function presetOverrides(names: readonly string[], rules: readonly Rule[]): ReadonlyMap<Rule, SeverityOverride> {
  const key = known(names).map((p) => p.name).join(',');
  if (key === lastKey && rules === lastRules && lastOverrides) return lastOverrides;
  const out = new Map<Rule, SeverityOverride>();
  if (key !== '') {
    for (const r of rules) {
      const { on, severity, explicit, byFile } = presetState(names, r);
      if (!on) {
        if (onByDefault(r) || (r.experimental && !byFile)) out.set(r, 'off');
      } else if (explicit || !onByDefault(r)) out.set(r, severity);
    }
  }
  lastKey = key;
  lastRules = rules;
  lastOverrides = out;
  return out;
}
