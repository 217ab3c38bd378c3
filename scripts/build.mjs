// Bundles the CLI into dist/cli.mjs (+ dist/chunks/) so `dockhand` starts fast: no TS at run time,
// and code splitting keeps each command's code (the planner's Graphviz, the linter's rules, YAML)
// in its own chunk, compiled only when that command runs.
import { build } from 'esbuild';
import { rmSync } from 'node:fs';
import { generateRegistry } from './gen-registry.mjs';

// The rule registry is generated from the rule files; refresh it before bundling.
generateRegistry();
rmSync('dist/chunks', { recursive: true, force: true });

await build({
  entryPoints: { cli: 'src/cli/main.ts' },
  outdir: 'dist',
  outExtension: { '.js': '.mjs' },
  splitting: true,
  chunkNames: 'chunks/[name]-[hash]',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: 'linked',
  // web-tree-sitter locates its own .wasm next to its module; keep it external so that works.
  external: ['web-tree-sitter', 'tree-sitter-bash'],
  banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
  logLevel: 'warning',
});
