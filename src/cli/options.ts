// yargs coercions shared by the commands: one value per occurrence for repeatable options, and
// "the last one wins" for single-value options given twice (never an array where a string is used).

/**
 * An option that takes one value and may repeat (`--ignore A --ignore B FILE`): a greedy `array`
 * option would swallow the positional after it.
 */
export function repeated(v: unknown): string[] {
  if (v === undefined || v === null) return [];
  return (Array.isArray(v) ? v : [v]).map(String);
}

/** A single-value option: when given twice, the last one wins (as in hadolint and most CLIs). */
export function lastValue(v: unknown): string | undefined {
  const last = Array.isArray(v) ? v.at(-1) : v;
  return last === undefined || last === null ? undefined : String(last);
}
