// Module-level values made on first use instead of at import: things that cost start-up time (a
// Unicode-property regular expression takes ~0.4 ms to build) but only some runs ever need.

/** A function that returns `make()`'s value, made on its first call and kept. */
export function lazy<T>(make: () => T): () => T {
  let made = false;
  let value: T;
  return () => {
    if (!made) {
      value = make();
      made = true;
    }
    return value;
  };
}
