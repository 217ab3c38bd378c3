// Loads web-tree-sitter and tree-sitter-bash's .wasm once, lazily, and hands out the shared parser.
// Nothing here runs at import time: commands that never parse shell never pay for the 1.4 MB wasm.
import { createRequire } from 'node:module';
import type { Parser as TSParser } from 'web-tree-sitter';

/** Options for {@link initShellParser}. */
export interface ShellParserOptions {
  /**
   * Run wasm with V8's baseline compiler only (`--liftoff-only`). Saves ~0.8 s of background CPU
   * and hundreds of MB at a tier-up that parses no faster afterwards; the CLI and the language server
   * set it. Only effective when set before the first load in the process.
   */
  liftoffOnly?: boolean;
}

let parser: TSParser | undefined;
let loading: Promise<void> | undefined;
let raw: RawCursorApi | undefined;

/**
 * The tree-cursor exports of web-tree-sitter's wasm module, called without the library's
 * per-call marshalling (see tree.ts). The cursor state lives in the module's transfer buffer.
 */
export interface RawCursorApi {
  _ts_tree_cursor_current_node_type_id_wasm(tree: number): number;
  _ts_tree_cursor_current_field_id_wasm(tree: number): number;
  _ts_tree_cursor_start_index_wasm(tree: number): number;
  _ts_tree_cursor_end_index_wasm(tree: number): number;
  _ts_tree_cursor_goto_first_child_wasm(tree: number): number;
  _ts_tree_cursor_goto_next_sibling_wasm(tree: number): number;
  _ts_tree_cursor_goto_parent_wasm(tree: number): number;
  _ts_tree_cursor_delete_wasm(tree: number): void;
}

/** The raw cursor exports, when this loader initialised the wasm module itself (else undefined). */
export function rawCursorApi(): RawCursorApi | undefined {
  return raw;
}

/**
 * Load the bash grammar once. Safe to call many times and concurrently; later calls reuse the
 * first load. Rejects with a clear message when the wasm cannot be found or loaded.
 */
export function initShellParser(opts: ShellParserOptions = {}): Promise<void> {
  if (parser) return Promise.resolve();
  if (!loading) {
    loading = load(opts).catch((err: unknown) => {
      loading = undefined;
      throw new Error(`cannot load the bash grammar (tree-sitter-bash): ${(err as Error)?.message ?? String(err)}`);
    });
  }
  return loading;
}

/** True once {@link initShellParser} has completed. */
export function isShellParserReady(): boolean {
  return parser !== undefined;
}

/** The loaded parser; throws when {@link initShellParser} has not completed. */
export function shellParser(): TSParser {
  if (!parser) throw new Error('the shell parser is not loaded: await initShellParser() first');
  return parser;
}

async function load(opts: ShellParserOptions): Promise<void> {
  // Must precede the first wasm compilation in this process to have any effect.
  if (opts.liftoffOnly) {
    // node:v8 is loaded here, not at import: most runs never load tree-sitter. The two flags
    // --liftoff-only implies are given too: V8 derives implied flags only from the command line,
    // and from V8 13 (Node 24) the background tier-up they turn off runs whatever --liftoff-only
    // says once set at run time. It compiled tree-sitter-bash's largest functions with TurboFan for
    // ~1.6 s after the lint, in ~500 MB, before the process could exit.
    process.getBuiltinModule('node:v8').setFlagsFromString('--liftoff-only --no-wasm-tier-up --no-wasm-dynamic-tiering');
    // bin/dockhand.js must not save a V8 code cache made under changed flags.
    (globalThis as Record<symbol, unknown>)[Symbol.for('dockhand.v8-flags-changed')] = true;
  }
  // Through require (its CommonJS build): a dynamic import() cannot run from code V8 restored from
  // bin/dockhand.js's code cache.
  const { Parser, Language } = createRequire(import.meta.url)('web-tree-sitter') as typeof import('web-tree-sitter');
  // Emscripten adds its exports to the options object it is given: keep it for the raw cursor walk.
  const moduleObject: Record<string, unknown> = {};
  await Parser.init(moduleObject as never);
  if (RAW_EXPORTS.every((k) => typeof moduleObject[k] === 'function')) raw = moduleObject as unknown as RawCursorApi;
  const language = await Language.load(bashWasmPath());
  const p = new Parser();
  p.setLanguage(language);
  parser = p;
}

const RAW_EXPORTS = [
  '_ts_tree_cursor_current_node_type_id_wasm', '_ts_tree_cursor_current_field_id_wasm', '_ts_tree_cursor_start_index_wasm',
  '_ts_tree_cursor_end_index_wasm', '_ts_tree_cursor_goto_first_child_wasm', '_ts_tree_cursor_goto_next_sibling_wasm',
  '_ts_tree_cursor_goto_parent_wasm', '_ts_tree_cursor_delete_wasm',
];

/**
 * Resolve tree-sitter-bash's wasm through Node's resolver relative to this module, so it works
 * both from the sources and from the esbuild bundle (where tree-sitter-bash stays external).
 */
function bashWasmPath(): string {
  const require = createRequire(import.meta.url);
  return require.resolve('tree-sitter-bash/tree-sitter-bash.wasm');
}
