// Copies a tree-sitter syntax tree into plain JS objects in one cursor walk.
// Every cursor property is a call into wasm, so the walk asks only for what the extractor reads.
import type { Language, Tree, TreeCursor } from 'web-tree-sitter';
import { rawCursorApi, type RawCursorApi } from './loader.js';

/** A syntax node with offsets into the parsed text (UTF-16 code units). */
export interface SyntaxNode {
  type: string;
  /** False for anonymous tokens; only some are kept (operators, declaration keywords, `"`). */
  named: boolean;
  /** Field name in the parent, only recorded under {@link FIELD_PARENTS}; else null. */
  field: string | null;
  start: number;
  /** Equal to `start` for zero-width nodes (tokens inserted by error recovery). */
  end: number;
  children: SyntaxNode[];
}

/** Parents whose children's field names the extractor reads. */
const FIELD_PARENTS = new Set(['command', 'variable_assignment', 'redirected_statement', 'file_redirect']);
/** Named tokens: never any children, so no need to ask. */
const LEAVES = new Set(['word', 'string_content', 'variable_name', 'raw_string', 'ansi_c_string', 'heredoc_start', 'heredoc_content', 'heredoc_end', 'comment', 'file_descriptor', 'test_operator', 'special_variable_name', 'regex', 'extglob_pattern']);
/**
 * The anonymous tokens the extractor reads (control operators, declaration keywords, the closing
 * quote of a string); the others (`$(`, `=`, `then`, ...) are skipped without reading positions.
 */
const KEPT_TOKENS = new Set(['&&', '||', ';', '|', '|&', '&', '"', 'export', 'declare', 'local', 'readonly', 'typeset', 'unset', 'unsetenv']);

interface TypeInfo {
  type: string;
  named: boolean;
  /** Copied into the result (named nodes and {@link KEPT_TOKENS}). */
  kept: boolean;
  leaf: boolean;
  wantsFields: boolean;
}

const typeCache = new WeakMap<Language, TypeInfo[]>();

function typeInfo(language: Language, id: number): TypeInfo {
  let table = typeCache.get(language);
  if (!table) typeCache.set(language, (table = []));
  let info = table[id];
  if (!info) {
    const type = language.types[id] || 'ERROR';
    const named = language.nodeTypeIsNamed(id);
    info = { type, named, kept: named || KEPT_TOKENS.has(type), leaf: !named || LEAVES.has(type), wantsFields: FIELD_PARENTS.has(type) };
    table[id] = info;
  }
  return info;
}

/** The children of every leaf: most nodes are leaves, so they share one (frozen) empty array. */
const NO_CHILDREN: SyntaxNode[] = Object.freeze([]) as unknown as SyntaxNode[];

/** Convert a tree into {@link SyntaxNode}s. The caller still owns (and deletes) the tree. */
export function toSyntaxTree(tree: Tree): SyntaxNode {
  const api = rawCursorApi();
  return api ? rawWalk(tree, api) : cursorWalk(tree);
}

/**
 * The same walk as {@link cursorWalk} through the wasm exports directly. web-tree-sitter's cursor
 * copies its four words into the transfer buffer before every call and back after every move; the
 * buffer already holds the current cursor between calls, so those copies (most of the walk's
 * time) are skipped. Nothing else may touch tree-sitter until the walk ends.
 */
function rawWalk(tree: Tree, api: RawCursorApi): SyntaxNode {
  const language = tree.language;
  tree.walk(); // leaves the new cursor in the transfer buffer; its JS copy goes stale and is dropped
  const t = (tree as unknown as { [0]: number })[0];
  const node = (info: TypeInfo, field: string | null): SyntaxNode => ({
    type: info.type, named: info.named, field, start: api._ts_tree_cursor_start_index_wasm(t), end: api._ts_tree_cursor_end_index_wasm(t),
    children: info.leaf ? NO_CHILDREN : [],
  });
  try {
    const rootInfo = typeInfo(language, api._ts_tree_cursor_current_node_type_id_wasm(t));
    const root = node(rootInfo, null);
    if (rootInfo.leaf || !api._ts_tree_cursor_goto_first_child_wasm(t)) return root;
    // Parallel stacks (no object per level); `parent`/`wantsFields` cache the top.
    const nodes: SyntaxNode[] = [root];
    const fieldsWanted: boolean[] = [rootInfo.wantsFields];
    let parent = root;
    let wantsFields = rootInfo.wantsFields;
    for (;;) {
      const info = typeInfo(language, api._ts_tree_cursor_current_node_type_id_wasm(t));
      if (info.kept) {
        const child = node(info, wantsFields ? language.fields[api._ts_tree_cursor_current_field_id_wasm(t)] ?? null : null);
        parent.children.push(child);
        if (!info.leaf && api._ts_tree_cursor_goto_first_child_wasm(t)) {
          nodes.push(child);
          fieldsWanted.push(info.wantsFields);
          parent = child;
          wantsFields = info.wantsFields;
          continue;
        }
      }
      while (!api._ts_tree_cursor_goto_next_sibling_wasm(t)) {
        api._ts_tree_cursor_goto_parent_wasm(t);
        nodes.pop();
        fieldsWanted.pop();
        if (nodes.length === 0) return root;
        parent = nodes[nodes.length - 1]!;
        wantsFields = fieldsWanted[fieldsWanted.length - 1]!;
      }
    }
  } finally {
    api._ts_tree_cursor_delete_wasm(t);
  }
}

/** The walk through web-tree-sitter's public cursor (when the wasm module is not ours). */
function cursorWalk(tree: Tree): SyntaxNode {
  const language = tree.language;
  const c = tree.walk();
  try {
    const rootInfo = typeInfo(language, c.nodeTypeId);
    const root = node(c, rootInfo, null);
    if (rootInfo.leaf || !c.gotoFirstChild()) return root;
    // Iterative: pathological input (thousands of nested parentheses) must not overflow the stack.
    const parents: { node: SyntaxNode; info: TypeInfo }[] = [{ node: root, info: rootInfo }];
    for (;;) {
      const parent = parents[parents.length - 1]!;
      const info = typeInfo(language, c.nodeTypeId);
      if (info.kept) {
        const child = node(c, info, parent.info.wantsFields ? language.fields[c.currentFieldId] ?? null : null);
        parent.node.children.push(child);
        if (!info.leaf && c.gotoFirstChild()) {
          parents.push({ node: child, info });
          continue;
        }
      }
      while (!c.gotoNextSibling()) {
        c.gotoParent();
        parents.pop();
        if (parents.length === 0) return root;
      }
    }
  } finally {
    c.delete();
  }
}

function node(c: TreeCursor, info: TypeInfo, field: string | null): SyntaxNode {
  return { type: info.type, named: info.named, field, start: c.startIndex, end: c.endIndex, children: [] };
}
