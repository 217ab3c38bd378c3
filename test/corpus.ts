// The shared corpus of real Dockerfiles (../shared/corpus/files), for the tests that read it: where
// it is, whether it is there (saying so when it is not), and its files parsed in name order.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Dockerfile } from '../src/parser/ast.js';
import { parse } from '../src/parser/index.js';

/** The corpus folder, next to the repository. */
export const corpusDir = resolve(import.meta.dirname, '../../shared/corpus/files');

/** True when the corpus is there; otherwise warns, naming what is skipped. */
export function corpusPresent(skipping: string): boolean {
  const present = existsSync(corpusDir);
  if (!present) console.warn(`${corpusDir} is missing: skipping ${skipping}`);
  return present;
}

/** The corpus's file names, sorted (empty when it is absent). */
export function corpusNames(): string[] {
  return existsSync(corpusDir) ? readdirSync(corpusDir).sort() : [];
}

/** Every corpus file, read and parsed, in name order. */
export function* parsedCorpus(): Generator<{ name: string; file: Dockerfile }> {
  for (const name of corpusNames()) yield { name, file: parse(readFileSync(join(corpusDir, name), 'utf8')) };
}
