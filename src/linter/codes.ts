// Resolves what users write (a code, a kebab-case name or an alias, any case) to rules. Codes and
// names are unique; an alias may be shared (BuildKit's MultipleInstructionsDisallowed covers three
// hadolint rules), and then names all of them.
import { ruleKeys } from '../rules/rule-keys.js';
import type { Rule } from '../rules/types.js';

/** Lookup from every code, name and alias (case-insensitive) to its rules. */
export class RuleIndex {
  private readonly byKey = new Map<string, Rule[]>();

  constructor(readonly rules: readonly Rule[]) {
    // Codes and names first, so that they win over another rule's alias.
    for (const r of rules) for (const k of [r.code, r.name]) this.add(k, r, true);
    for (const r of rules) for (const k of r.aliases) this.add(k, r, false);
  }

  private add(k: string, r: Rule, primary: boolean): void {
    const key = k.toLowerCase();
    const list = this.byKey.get(key);
    if (!list) this.byKey.set(key, [r]);
    else if (!primary && !list.includes(r) && !list.some((x) => x.code.toLowerCase() === key || x.name === key)) list.push(r);
  }

  /** The rule a code, name or alias refers to (the first, when an alias is shared). */
  get(key: string): Rule | undefined {
    return this.byKey.get(key.trim().toLowerCase())?.[0];
  }

  /** Every rule a key refers to. */
  all(key: string): Rule[] {
    return this.byKey.get(key.trim().toLowerCase()) ?? [];
  }

  /**
   * Canonical form of a diagnostic or rule code for set membership: the rule's code (lower-cased),
   * else the key itself lower-cased (ShellCheck's SC codes, parser codes, unknown codes).
   */
  canon(key: string): string {
    // Asked for every finding: remember the answer per key (the rules never change).
    let c = this.canonCache.get(key);
    if (c === undefined) {
      const r = this.get(key);
      c = r ? r.code.toLowerCase() : key.trim().toLowerCase();
      this.canonCache.set(key, c);
    }
    return c;
  }

  private readonly canonCache = new Map<string, string>();

  /** Canonical codes of everything a list of user-written keys names, as a set. */
  canonSet(keys: Iterable<string>): Set<string> {
    const out = new Set<string>();
    for (const k of keys) {
      if (!k.trim()) continue;
      const rules = this.all(k);
      if (rules.length === 0) out.add(k.trim().toLowerCase());
      for (const r of rules) out.add(r.code.toLowerCase());
    }
    return out;
  }
}

/**
 * Codes hadolint had and dropped (DL3005 in 2023; DL3017, DL3031 and DL3039 in 2021; DL4002 never had
 * a rule): older hadolint configs still name them.
 */
const RETIRED_HADOLINT_CODES = new Set(['DL3005', 'DL3017', 'DL3031', 'DL3039', 'DL4002']);

/** ShellCheck's codes can be ignored or regraded, though they are not rules of ours. */
export const SHELLCHECK_CODE = /^SC\d{4}$/i;

/**
 * Why a rule key given to an ignore or severity list (a config file's, an environment variable's, a
 * command-line option's) can do nothing, or undefined when it names a rule or a ShellCheck code:
 * `empty`; `syntax` (syntax errors, hadolint's DL1000, fail the build whatever the config says);
 * `retired` (a code hadolint no longer has); or `unknown`, usually a typo that would otherwise leave
 * the rule on without a word.
 */
export function ruleKeyProblem(key: string): 'empty' | 'syntax' | 'retired' | 'unknown' | undefined {
  const k = key.trim();
  if (k === '') return 'empty';
  if (/^(syntax|DL1000)$/i.test(k)) return 'syntax';
  if (RETIRED_HADOLINT_CODES.has(k.toUpperCase())) return 'retired';
  // The generated key list, not a RuleIndex: asking must not load the rules (a run served from the
  // results cache loads none).
  if (SHELLCHECK_CODE.test(k) || ruleKeys.has(k.toLowerCase())) return undefined;
  return 'unknown';
}

/**
 * The warning for a rule key that can do nothing (ruleKeyProblem, not `empty`), after `subject`: the
 * key as its place names it (`'DL3006x' in 'ignored'`, `HADOLINT_IGNORE: 'DL9'`, `--ignore DL3005`).
 */
export function ruleKeyWarning(problem: 'syntax' | 'retired' | 'unknown', subject: string): string {
  if (problem === 'unknown') return `${subject} names no rule (see dockhand rules); it has no effect`;
  if (problem === 'retired') return `${subject}: hadolint no longer has this rule; it has no effect`;
  return `${subject}: syntax errors are always reported as errors (the build fails on them)`;
}
