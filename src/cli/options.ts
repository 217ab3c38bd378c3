// yargs coercions shared by the commands: one value per occurrence for repeatable options, and
// "the last one wins" for single-value options given twice (never an array where a string is used).
import { CliError } from './io.js';

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

/** `--preset` values (repeated, or A,B), lower-cased and checked against the preset names. */
export async function presetsOf(values: readonly string[]): Promise<string[]> {
  const { isPresetName, presetNameList } = await import('../linter/presets.js');
  const names = values.flatMap((v) => v.split(',')).map((n) => n.trim().toLowerCase()).filter(Boolean);
  const bad = names.find((n) => !isPresetName(n));
  if (bad !== undefined || names.length === 0) throw new CliError(`unknown preset '${bad ?? values.join(',')}' (use ${presetNameList()})`);
  return names;
}
