// Variable scopes as BuildKit's dispatcher sees them (global ARGs, stage ARG/ENV, inheritance through
// FROM <stage>) and expansion helpers over src/expand, for UndefinedVar and the FROM checks.
import type { Dockerfile, Instruction, Stage } from '../../parser/ast.js';
import { processWordWithMatches, processWords, type ProcessResult } from '../../expand/index.js';
import { AUTOMATIC_PLATFORM_ARGS, parentStage } from './buildkit-common.js';
import { knownImageEnv } from './buildkit-image-env.js';

/** BuildKit's default PATH for Linux images that set none. */
export const DEFAULT_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

/**
 * Stand-in values for BuildKit's automatic platform args. The linter does not know the real target,
 * so it assumes linux/amd64 for both build and target platform; only equality between them matters.
 */
export const PLATFORM_ARG_VALUES: ReadonlyMap<string, string> = new Map([
  ['BUILDPLATFORM', 'linux/amd64'], ['BUILDOS', 'linux'], ['BUILDOSVERSION', ''], ['BUILDARCH', 'amd64'], ['BUILDVARIANT', ''],
  ['TARGETPLATFORM', 'linux/amd64'], ['TARGETOS', 'linux'], ['TARGETOSVERSION', ''], ['TARGETARCH', 'amd64'], ['TARGETVARIANT', ''],
]);

/** The variables in effect before one instruction of a stage. */
export interface VarScope {
  /** What the lexer sees: ENV values plus ARGs that have a value. */
  values: Map<string, string>;
  /** ENV keys (the image's included). */
  envKeys: Set<string>;
  /** ARG names declared in this stage or an ancestor stage, with or without a value. */
  declaredArgs: Set<string>;
  /** False when the stage chain starts at an image whose environment dockhand does not know. */
  imageEnvKnown: boolean;
}

/** Global (meta) ARGs: declared names and, for those with a value, the default expanded. */
export interface MetaArgs {
  declared: Set<string>;
  /** Defaults only (no --build-arg), plus the automatic platform args. */
  values: Map<string, string>;
}

const metaCache = new WeakMap<Dockerfile, MetaArgs>();
const scopeCache = new WeakMap<Dockerfile, Map<Instruction, VarScope>>();

/** Expand a word; null when BuildKit would reject it (bad substitution...). */
export function expandWord(file: Dockerfile, word: string, env: ReadonlyMap<string, string>): ProcessResult | null {
  try {
    return processWordWithMatches(word, env, { escapeToken: file.escapeChar });
  } catch {
    return null;
  }
}

/** Expand and split a word (EXPOSE, VOLUME); [] when BuildKit would reject it. */
export function expandWords(file: Dockerfile, word: string, env: ReadonlyMap<string, string>): string[] {
  try {
    return processWords(word, env, { escapeToken: file.escapeChar });
  } catch {
    return [];
  }
}

/** `ARG a=1 b` → [{key: 'a', value: '1'}, {key: 'b', value: null}], with the arg each came from. */
export function argPairs(ins: Instruction): { key: string; value: string | null; index: number }[] {
  return ins.args.map((a, index) => {
    const eq = a.value.indexOf('=');
    return eq < 0 ? { key: a.value, value: null, index } : { key: a.value.slice(0, eq), value: a.value.slice(eq + 1), index };
  });
}

/** Global ARGs (before the first FROM), defaults expanded in order as BuildKit's buildMetaArgs does. */
export function metaArgs(file: Dockerfile): MetaArgs {
  let meta = metaCache.get(file);
  if (meta) return meta;
  const values = new Map(PLATFORM_ARG_VALUES);
  const declared = new Set<string>();
  for (const ins of file.globalArgs) {
    for (const { key, value } of argPairs(ins)) {
      declared.add(key);
      if (value === null) continue;
      const r = expandWord(file, value, values);
      if (r) values.set(key, r.result);
    }
  }
  meta = { declared, values };
  metaCache.set(file, meta);
  return meta;
}

/** The scope in effect before `ins` (an instruction of a stage; FROM gets the stage's initial scope). */
export function scopeBefore(file: Dockerfile, ins: Instruction): VarScope {
  let scopes = scopeCache.get(file);
  if (!scopes) {
    scopes = new Map();
    scopeCache.set(file, scopes);
    for (const stage of file.stages) walkStage(file, stage, scopes);
  }
  return scopes.get(ins) ?? initialScope(file, undefined);
}

/** Alias kept for readability at call sites that think in stages. */
export const stageEnvironment = scopeBefore;

function walkStage(file: Dockerfile, stage: Stage, scopes: Map<Instruction, VarScope>): VarScope {
  const parent = parentStage(file, stage);
  let scope = initialScope(file, stage);
  if (parent) {
    const parentEnd = endScope(file, parent, scopes);
    scope = cloneScope(parentEnd);
  }
  scopes.set(stage.from, cloneScope(scope));
  for (const ins of stage.instructions) {
    scopes.set(ins, cloneScope(scope));
    apply(file, ins, scope);
  }
  endScopes.set(stage, scope);
  return scope;
}

const endScopes = new WeakMap<Stage, VarScope>();

function endScope(file: Dockerfile, stage: Stage, scopes: Map<Instruction, VarScope>): VarScope {
  return endScopes.get(stage) ?? walkStage(file, stage, scopes);
}

function initialScope(file: Dockerfile, stage: Stage | undefined): VarScope {
  const image = stage ? knownImageEnv(stage.base, metaArgs(file).values, file) : undefined;
  const values = new Map<string, string>([['PATH', DEFAULT_PATH]]);
  if (image) for (const [k, v] of image) values.set(k, v);
  return { values, envKeys: new Set(values.keys()), declaredArgs: new Set(), imageEnvKnown: image !== undefined };
}

function cloneScope(s: VarScope): VarScope {
  return { values: new Map(s.values), envKeys: new Set(s.envKeys), declaredArgs: new Set(s.declaredArgs), imageEnvKnown: s.imageEnvKnown };
}

/** Apply an ARG or ENV to a scope, as BuildKit's dispatch does. */
function apply(file: Dockerfile, ins: Instruction, scope: VarScope): void {
  if (ins.keyword === 'ENV') {
    for (const pair of ins.pairs) {
      const key = expandWord(file, pair.key, scope.values)?.result ?? pair.key;
      const value = expandWord(file, pair.value, scope.values)?.result ?? pair.value;
      scope.values.set(key, value);
      scope.envKeys.add(key);
    }
  } else if (ins.keyword === 'ARG') {
    const meta = metaArgs(file);
    for (const { key, value } of argPairs(ins)) {
      scope.declaredArgs.add(key);
      if (value !== null) {
        const r = expandWord(file, value, scope.values);
        if (r && !scope.envKeys.has(key)) scope.values.set(key, r.result);
      } else if ((meta.declared.has(key) || (AUTOMATIC_PLATFORM_ARGS as readonly string[]).includes(key)) && meta.values.has(key)) {
        // `ARG NAME` inside a stage takes the global ARG's (or automatic arg's) value.
        if (!scope.envKeys.has(key)) scope.values.set(key, meta.values.get(key)!);
      }
    }
  }
}
