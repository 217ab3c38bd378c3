// Bundles the CLI into dist/cli.mjs so `dockhand` starts fast (one file, no TS at run time).
import { build } from 'esbuild';
import { generateRegistry } from './gen-registry.mjs';

// The rule registry is generated from the rule files; refresh it before bundling.
generateRegistry();

await build({
  entryPoints: ['src/cli/main.ts'],
  outfile: 'dist/cli.mjs',
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
