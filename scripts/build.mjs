// Bundles the CLI into dist/cli.mjs (+ dist/chunks/) so `dockhand` starts fast: no TS at run time,
// and code splitting keeps each command's code (the planner's Graphviz, the linter's rules, YAML)
// in its own chunk, compiled only when that command runs.
import { build } from 'esbuild';
import { existsSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { generateRegistry } from './gen-registry.mjs';

// The rule registry is generated from the rule files; refresh it before bundling.
generateRegistry();
// Build into a fresh folder and swap it in at the end, so a running `dockhand` (or a failed build)
// never sees dist/cli.mjs pointing at chunks that are gone.
const fresh = `dist.new-${process.pid}`;
const stale = `dist.old-${process.pid}`;
rmSync(fresh, { recursive: true, force: true });

// string-width (through yargs' cliui) builds an Intl.Segmenter when it is imported, which costs
// ~40 ms of every start-up; only help output needs it, so create it on first use instead.
const lazySegmenter = {
  name: 'lazy-segmenter',
  setup(b) {
    b.onLoad({ filter: /[\\/]string-width[\\/]index\.js$/ }, (args) => {
      const src = readFileSync(args.path, 'utf8');
      const eager = 'const segmenter = new Intl.Segmenter();';
      if (!src.includes(eager)) return undefined; // a future version: bundle it as it is
      const lazy = 'let realSegmenter; const segmenter = { segment: (s) => (realSegmenter ??= new Intl.Segmenter()).segment(s) };';
      return { contents: src.replace(eager, lazy), loader: 'js' };
    });
  },
};

await build({
  plugins: [lazySegmenter],
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
