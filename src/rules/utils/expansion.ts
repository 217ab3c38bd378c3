// Variable expansion as BuildKit does it, over src/expand, for the rules: single words, split words,
// ARG pairs, and the global-ARG defaults FROM lines are judged against.
import type { Dockerfile, Instruction } from '../../parser/ast.js';
import { needsLexer, processWordWithMatches, processWords, type ProcessResult } from '../../expand/index.js';
import { modelOf } from './model.js';
import { fileScratch } from './lint-scratch.js';

/** Global (meta) ARGs: declared names and the values FROM lines see without any --build-arg. */
export interface MetaArgs {
  declared: Set<string>;
  /** Automatic platform args plus global ARG defaults (expanded in order). */
  values: Map<string, string>;
}


/** Expand a word; null when BuildKit would reject it (bad substitution...). */
export function expandWord(file: Dockerfile, word: string, env: ReadonlyMap<string, string>): ProcessResult | null {
  const plain = plainResult(file, word);
  if (plain) return plain;
  try {
    return processWordWithMatches(word, lookup(env), { escapeToken: file.escapeChar });
  } catch {
    return null;
  }
}

/**
 * The expansion of a word without `$`, quotes, the escape character or a BOM: the lexer copies such
 * a word and looks nothing up, so no environment is needed. Undefined for any other word.
 */
function plainResult(file: Dockerfile, word: string): ProcessResult | undefined {
  return needsLexer(word, file.escapeChar) ? undefined : { result: word, matched: new Set(), unmatched: new Set() };
}

/** Expand and split a word (EXPOSE); [] when BuildKit would reject it. */
export function expandWords(file: Dockerfile, word: string, env: ReadonlyMap<string, string>): string[] {
  try {
    return processWords(word, lookup(env), { escapeToken: file.escapeChar });
  } catch {
    return [];
  }
}

/** A lookup function: the semantic model's scopes are map-like but not `Map` instances. */
function lookup(env: ReadonlyMap<string, string>): (name: string) => string | undefined {
  return (name) => env.get(name);
}

/** `ARG a=1 b` → [{key: 'a', value: '1'}, {key: 'b', value: null}], with the index of the arg each came from. */
export function argPairs(ins: Instruction): { key: string; value: string | null; index: number }[] {
  return ins.args.map((a, index) => {
    const eq = a.value.indexOf('=');
    return eq < 0 ? { key: a.value, value: null, index } : { key: a.value.slice(0, eq), value: a.value.slice(eq + 1), index };
  });
}

/** Global ARGs with their defaults only, as BuildKit's InvalidDefaultArgInFrom and RedundantTargetPlatform see them. */
export function metaArgs(file: Dockerfile): MetaArgs {
  const memo = fileScratch(file);
  let meta = memo.get('expansion:meta') as MetaArgs | undefined;
  if (meta) return meta;
  const model = modelOf(file);
  const values = new Map(model.automaticArgs);
  const declared = new Set<string>();
  for (const g of model.globalArgs) {
    declared.add(g.name);
    if (g.defaultValue !== undefined) values.set(g.name, g.defaultValue);
  }
  meta = { declared, values };
  memo.set('expansion:meta', meta);
  return meta;
}
