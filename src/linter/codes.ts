// Resolves what users write (a code, a kebab-case name or an alias, any case) to one rule.
import type { Rule } from '../rules/types.js';

/** Lookup from every code, name and alias (case-insensitive) to its rule. */
export class RuleIndex {
  private readonly byKey = new Map<string, Rule>();

  constructor(readonly rules: readonly Rule[]) {
    for (const r of rules) {
      for (const k of [r.code, r.name, ...r.aliases]) {
        const key = k.toLowerCase();
        if (!this.byKey.has(key)) this.byKey.set(key, r);
      }
    }
  }

  /** The rule that a code, name or alias refers to. */
  get(key: string): Rule | undefined {
    return this.byKey.get(key.trim().toLowerCase());
  }

  /**
   * Canonical form of a key for set membership: the rule's code (lower-cased) when the key names
   * a rule, else the key itself lower-cased (ShellCheck's SC codes, parser codes, unknown codes).
   */
  canon(key: string): string {
    const r = this.get(key);
    return r ? r.code.toLowerCase() : key.trim().toLowerCase();
  }

  /** Canonical keys of a list, as a set. */
  canonSet(keys: Iterable<string>): Set<string> {
    const out = new Set<string>();
    for (const k of keys) if (k.trim()) out.add(this.canon(k));
    return out;
  }
}
