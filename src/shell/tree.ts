// Copies a tree-sitter syntax tree into plain JS objects in one cursor walk.
// Reading node properties crosses into wasm each time; one walk keeps parsing ~0.1 ms per RUN.
import type { Tree, TreeCursor } from 'web-tree-sitter';

/** A syntax node with offsets into the parsed text (UTF-16 code units). */
export interface SyntaxNode {
  type: string;
  /** False for anonymous tokens (`&&`, `"`, `$(`). */
  named: boolean;
  /** Field name in the parent (`name`, `argument`, `body`, ...), or null. */
  field: string | null;
  start: number;
  end: number;
  /** Inserted by error recovery; zero width. */
  missing: boolean;
  children: SyntaxNode[];
}

/** Convert a tree into {@link SyntaxNode}s. The caller still owns (and deletes) the tree. */
export function toSyntaxTree(tree: Tree): SyntaxNode {
  const c = tree.walk();
  try {
    // Iterative: pathological input (thousands of nested parentheses) must not overflow the stack.
    const root = current(c, null);
    const stack: SyntaxNode[] = [root];
    let node = root;
    for (;;) {
      if (c.gotoFirstChild()) {
        const child = current(c, c.currentFieldName);
        node.children.push(child);
        stack.push(child);
        node = child;
        continue;
      }
      for (;;) {
        if (stack.length === 1) return root;
        if (c.gotoNextSibling()) {
          stack.pop();
          const parent = stack[stack.length - 1]!;
          const sibling = current(c, c.currentFieldName);
          parent.children.push(sibling);
          stack.push(sibling);
          node = sibling;
          break;
        }
        c.gotoParent();
        stack.pop();
      }
    }
  } finally {
    c.delete();
  }
}

function current(c: TreeCursor, field: string | null): SyntaxNode {
  return {
    type: c.nodeType,
    named: c.nodeIsNamed,
    field,
    start: c.startIndex,
    end: c.endIndex,
    missing: c.nodeIsMissing,
    children: [],
  };
}
