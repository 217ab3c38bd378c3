// node:crypto, loaded on first use: importing it costs ~5 ms of every start, and most runs of the
// CLI (a lint without a code-quality format, for one) never hash anything.
import type { Hash } from 'node:crypto';

/** node:crypto's createHash, loading the module on the first call. */
export function createHash(algorithm: string): Hash {
  return process.getBuiltinModule('node:crypto').createHash(algorithm);
}
