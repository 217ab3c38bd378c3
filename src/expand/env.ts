// Variable lookup for the lexer: a Map, a plain record or a function, optionally case-insensitive (Windows).

/**
 * Where the lexer looks variables up. A function returns `undefined` for an unset variable;
 * an empty string is a set-but-empty variable (`${v:-x}` and `${v-x}` tell them apart).
 */
export type EnvLookup =
  | ReadonlyMap<string, string>
  | Readonly<Record<string, string>>
  | ((name: string) => string | undefined);

/** A normalized lookup: `undefined` means unset. */
export type EnvGetter = (name: string) => string | undefined;

/**
 * Turns any {@link EnvLookup} into a getter. With `caseInsensitive` (BuildKit on Windows),
 * `$path` finds `PATH`; when several keys differ only in case, the last one wins, as in BuildKit.
 */
export function envGetter(env: EnvLookup, caseInsensitive = false): EnvGetter {
  if (typeof env === 'function') {
    return env;
  }
  if (env instanceof Map) {
    const map = env as ReadonlyMap<string, string>;
    if (!caseInsensitive) return (name) => map.get(name);
    return upperIndex(map.entries());
  }
  const record = env as Readonly<Record<string, string>>;
  if (!caseInsensitive) {
    return (name) => (Object.prototype.hasOwnProperty.call(record, name) ? record[name] : undefined);
  }
  return upperIndex(Object.entries(record));
}

function upperIndex(entries: Iterable<[string, string]>): EnvGetter {
  const index = new Map<string, string>();
  for (const [k, v] of entries) index.set(k.toUpperCase(), v);
  return (name) => index.get(name.toUpperCase());
}
