// Bundles the CLI into dist/cli.mjs (+ dist/chunks/) so `dockhand` starts fast: no TS at run time,
// and code splitting keeps each command's code (the planner's Graphviz, the linter's rules, YAML)
// in its own chunk, compiled only when that command runs.
import { build } from 'esbuild';
import { existsSync, renameSync, rmSync } from 'node:fs';
import { generateRegistry } from './gen-registry.mjs';

// The rule registry is generated from the rule files; refresh it before bundling.
generateRegistry();
// Build into a fresh folder and swap it in at the end, so a running `dockhand` (or a failed build)
// never sees dist/cli.mjs pointing at chunks that are gone.
const fresh = `dist.new-${process.pid}`;
const stale = `dist.old-${process.pid}`;
rmSync(fresh, { recursive: true, force: true });

await build({
  entryPoints: { cli: 'src/cli/main.ts' },
  outdir: fresh,
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

// Several builds may race on one tree (parallel test runs): each swaps in its own folder, retrying
// when another build swapped in between.
for (let attempt = 0; ; attempt++) {
  try {
    if (existsSync('dist')) renameSync('dist', stale);
    renameSync(fresh, 'dist');
    break;
  } catch (err) {
    if (attempt >= 5) throw err;
  }
}
rmSync(stale, { recursive: true, force: true });
