// The modules the esbuild bundle leaves outside dist/cli.cjs, loaded from node_modules at run time.
// scripts/build.mjs marks them external; scripts/runtime-files.mjs copies them (and what they
// require) next to the bundle for dockhand's container image.

/**
 * Each entry: the package, why it stays outside, and `only` when the CLI reads just some of its
 * files (then its own dependencies are not followed either).
 */
export const RUNTIME_MODULES = [
  // web-tree-sitter finds its own .wasm next to its module file.
  { name: 'web-tree-sitter' },
  // Only the grammar's .wasm is loaded; the package's native binding (and the node-gyp tooling it
  // depends on) is never used.
  { name: 'tree-sitter-bash', only: ['package.json', 'LICENSE', 'tree-sitter-bash.wasm'] },
  // Graphviz (0.85 MB, its wasm inlined as text) is loaded by `plan --format svg|html` only.
  { name: '@hpcc-js/wasm-graphviz' },
  // The language server's protocol libraries are needed by `dockhand lsp` only.
  { name: 'vscode-languageserver', subpaths: true },
  { name: 'vscode-languageserver-textdocument' },
];

/** esbuild's `external` list: each module, and its subpaths where the sources import them. */
export const BUNDLE_EXTERNAL = RUNTIME_MODULES.flatMap((m) => (m.subpaths ? [m.name, `${m.name}/*`] : [m.name]));
