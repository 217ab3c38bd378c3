// Bundles the CLI into one file, dist/cli.cjs, so `dockhand` starts fast: no TS at run time, and
// bin/dockhand.js keeps V8's compiled code for it between runs (see there).
import { build } from 'esbuild';
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { BUNDLE_EXTERNAL } from './externals.mjs';
import { generateRegistry } from './gen-registry.mjs';

/**
 * Every bundle is written as the function Node wraps a CommonJS module's code in, which
 * bin/dockhand.js compiles and calls: it cannot be require()d as it is.
 */
const WRAPPER_HEAD = '(function (exports, require, module, __filename, __dirname) {';
const WRAPPER_TAIL = '})';

/** Stands in for the build's identity until the bundle exists (32 characters, as the digest written over it). */
const BUILD_PLACEHOLDER = 'dockhand-build-id-placeholder-00';

// The rule registry is generated from the rule files; refresh it before bundling.
generateRegistry();
// Build into a fresh folder and swap it in at the end, so a running `dockhand` (or a failed build)
// never sees a half-written dist/cli.cjs.
const fresh = `dist.new-${process.pid}`;
const stale = `dist.old-${process.pid}`;
rmSync(fresh, { recursive: true, force: true });

// string-width (reached through yargs' cliui and wrap-ansi) builds an Intl.Segmenter and compiles
// `\p{RGI_Emoji}` and other Unicode-property regular expressions when it is imported: ~20-40 ms of
// every start-up. Only help and usage output measure string widths, so every import of it gets a
// stand-in that require()s the real module on first call; esbuild then runs that module's top level
// (and its own imports') only then.
const lazyStringWidth = {
  name: 'lazy-string-width',
  setup(b) {
    b.onResolve({ filter: /^string-width$/ }, async (args) => {
      if (args.pluginData?.real) return undefined;
      const real = await b.resolve(args.path, { kind: args.kind, importer: args.importer, resolveDir: args.resolveDir, pluginData: { real: true } });
      if (real.errors.length > 0) return { errors: real.errors };
      return { path: real.path, namespace: 'lazy-string-width' };
    });
    b.onLoad({ filter: /.*/, namespace: 'lazy-string-width' }, (args) => ({
      contents: `let real;\nexport default function stringWidth(text, options) {\n  real ??= require(${JSON.stringify(args.path)});\n  return real.default(text, options);\n}\n`,
      resolveDir: dirname(args.path),
      loader: 'js',
    }));
  },
};

// chevrotain's Lexer fills a 65,536-entry table at construction (~3 ms of every start, in a CPU
// profile of `dockhand lint`); the table is only read for characters above U+00FF in regular
// expression token patterns, and ours are functions. Its own TODO suggests building it on first
// use: do that. Each edit applies only when its text is found; otherwise the build warns and bundles
// the module as it is.
const chevrotainLazyTable = {
  name: 'chevrotain-lazy-table',
  setup(b) {
    b.onLoad({ filter: /[\\/]chevrotain[\\/]lib[\\/]src[\\/]scan[\\/]lexer\.js$/ }, (args) => {
      const src = readFileSync(args.path, 'utf8');
      const eager = '        initCharCodeToOptimizedIndexMap();\n';
      const read = ': charCodeToOptimizedIdxMap[charCode];';
      if (!src.includes(eager) || !src.includes(read)) {
        // Bundled as it is; say so, or the start-up cost would come back unseen.
        return { warnings: [{ text: 'chevrotain-lazy-table: lexer.js has changed; chevrotain is bundled unpatched (~3 ms more per start)' }] };
      }
      const contents = src.replace(eager, '').replace(read, ': (initCharCodeToOptimizedIndexMap(), charCodeToOptimizedIdxMap[charCode]);');
      return { contents, loader: 'js' };
    });
  },
};

// chevrotain's parser module copies nine trait classes' methods onto Parser.prototype when it is
// imported (applyMixins): ~10 ms of every `dockhand lint`, which imports chevrotain for its Lexer and
// builds a Parser only for token orders its lexer never makes (src/parser/parser.ts). Copy them when
// the first Parser is constructed instead. Applied only when the text is found, as above.
const chevrotainLazyMixins = {
  name: 'chevrotain-lazy-mixins',
  setup(b) {
    b.onLoad({ filter: /[\\/]chevrotain[\\/]lib[\\/]src[\\/]parse[\\/]parser[\\/]parser\.js$/ }, (args) => {
      const src = readFileSync(args.path, 'utf8');
      const eager = /\napplyMixins\(Parser, \[([^\]]*)\]\);\n/;
      const ctor = '    constructor(tokenVocabulary, config) {\n';
      const m = eager.exec(src);
      if (!m || src.split(ctor).length !== 2) {
        return { warnings: [{ text: 'chevrotain-lazy-mixins: parser.js has changed; chevrotain is bundled unpatched (~10 ms more per lint start)' }] };
      }
      const lazy = `\nlet mixedIn = false;\nfunction mixIn() {\n    if (mixedIn) return;\n    mixedIn = true;\n    applyMixins(Parser, [${m[1]}]);\n}\n`;
      const contents = src.replace(m[0], () => lazy).replace(ctor, `${ctor}        mixIn();\n`);
      return { contents, loader: 'js' };
    });
  },
};

// Libraries that only some runs need go into bundles of their own next to dist/cli.cjs, which the
// main bundle loads on first use: through bin/dockhand.js, with its own V8 code cache (as the main
// bundle), else with require(). One file with a code cache starts faster than the package's modules,
// and every other run neither reads nor decodes them (each start copies the main bundle into a string:
// ~9 ms per MB on a 2-core VM). The language server's protocol libraries (~40 modules) serve
// `dockhand lsp` only; yargs parses command lines quick-args.ts does not (help, unusual spellings);
// yaml reads config files. Each module is exported under a key; `key.default` exports its default
// export (what `import()` of a CommonJS module gives as default: the stub's module.exports).
const SIDE_BUNDLES = {
  'lsp-deps.cjs': { 'vscode-languageserver/node': 'node', 'vscode-languageserver-textdocument': 'textDocument' },
  'yargs.cjs': { yargs: 'yargs.default' },
  'yaml.cjs': { yaml: 'yaml' },
};
const SIDE_MODULES = new Map(Object.entries(SIDE_BUNDLES).flatMap(([file, mods]) => Object.entries(mods).map(([mod, key]) => [mod, { file, key: key.split('.')[0] }])));
const sideBundles = {
  name: 'side-bundles',
  setup(b) {
    b.onResolve({ filter: /^[\w@/.-]+$/ }, (args) => (SIDE_MODULES.has(args.path) ? { path: args.path, namespace: 'side-bundle' } : undefined));
    b.onLoad({ filter: /.*/, namespace: 'side-bundle' }, (args) => {
      const { file, key } = SIDE_MODULES.get(args.path);
      return {
        contents: `module.exports = globalThis[Symbol.for('dockhand.load')](${JSON.stringify(file)})[${JSON.stringify(key)}];\n`,
        loader: 'js',
      };
    });
  },
};

// The language server's protocol libraries require node:child_process (vscode-languageserver, to
// find globally installed modules) and node:crypto (vscode-jsonrpc, to name pipes) when they load;
// a server on stdio uses neither, and loading them costs ~7 ms of its start. In the side bundles
// they are stand-ins that load the module on first use of anything in it.
const LAZY_BUILTINS = ['child_process', 'crypto'];
const lazyBuiltins = {
  name: 'lazy-builtins',
  setup(b) {
    const filter = new RegExp(`^(node:)?(${LAZY_BUILTINS.join('|')})$`);
    // The stand-in's own require() is of the real module.
    b.onResolve({ filter }, (args) => (args.namespace === 'lazy-builtin' ? { path: args.path, external: true } : { path: args.path.replace(/^node:/, ''), namespace: 'lazy-builtin' }));
    b.onLoad({ filter: /.*/, namespace: 'lazy-builtin' }, (args) => ({
      contents: `let real;\nconst load = () => (real ??= require(${JSON.stringify(`node:${args.path}`)}));\n` +
        'module.exports = new Proxy({}, {\n' +
        '  get: (_, key) => load()[key],\n' +
        '  has: (_, key) => key in load(),\n' +
        '  ownKeys: () => Reflect.ownKeys(load()),\n' +
        '  getOwnPropertyDescriptor: (_, key) => {\n' +
        '    const d = Reflect.getOwnPropertyDescriptor(load(), key);\n' +
        '    return d && { ...d, configurable: true };\n' +
        '  },\n' +
        '});\n',
      loader: 'js',
    }));
  },
};

await build({
  plugins: [lazyStringWidth, chevrotainLazyTable, chevrotainLazyMixins, sideBundles],
  entryPoints: { cli: 'src/cli/main.ts' },
  outdir: fresh,
  outExtension: { '.js': '.cjs' },
  bundle: true,
  platform: 'node',
  // One CommonJS file: bin/dockhand.js compiles it through vm.Script with a V8 code cache, which
  // ESM cannot use.
  // Functions a command never calls (the planner, YAML) are never compiled.
  format: 'cjs',
  target: 'node20',
  sourcemap: 'linked',
  // Whitespace and comments out, expressions shortened, local names shortened. Every start reads the
  // bundle and copies it into a string, and V8's code cache holds every compiled function's names:
  // 1.96 MB -> 1.35 MB (whitespace, syntax) saved ~6 ms of CPU and ~450 page faults of each start
  // (`dockhand --version`, perf stat, median of 11); 1.02 MB -> 0.75 MB (identifiers) ~250 page faults
  // of a lint of one file. Property names and the names of functions and classes that code reads are
  // kept; DOCKHAND_DEBUG=1 maps an internal error's stack trace back to the sources (bin/dockhand.js).
  minifyWhitespace: true,
  minifySyntax: true,
  minifyIdentifiers: true,
  // web-tree-sitter locates its own .wasm next to its module; keep it external so that works.
  // Graphviz (0.85 MB, its wasm inlined as text) is loaded by `plan --format svg|html` only: left
  // outside, it is not read and decoded on every start (scripts/externals.mjs). The language server's
  // libraries go into dist/lsp-deps.cjs instead (see SIDE_BUNDLES).
  external: BUNDLE_EXTERNAL.filter((m) => !m.startsWith('vscode-languageserver')),
  // import.meta.url, worked out when first read (a file URL costs ~0.5 ms of a cold start).
  // __DOCKHAND_BUILD__: a placeholder, replaced below by a digest of the bundle (src/cli/build-info.ts).
  define: { 'import.meta.url': '__bundle.url', __DOCKHAND_BUILD__: JSON.stringify(BUILD_PLACEHOLDER) },
  banner: { js: `${WRAPPER_HEAD}var __bundle = { get url() { return require('node:url').pathToFileURL(__filename).href; } };` },
  footer: { js: WRAPPER_TAIL },
  logLevel: 'warning',
});

for (const [file, mods] of Object.entries(SIDE_BUNDLES)) {
  await build({
    stdin: {
      contents: Object.entries(mods).map(([mod, spec]) => {
        const [key, member] = spec.split('.');
        return `exports[${JSON.stringify(key)}] = require(${JSON.stringify(mod)})${member ? `.${member}` : ''};`;
      }).join('\n'),
      resolveDir: process.cwd(),
      loader: 'js',
    },
    // yargs measures string widths for help only (see lazyStringWidth).
    plugins: [lazyStringWidth, lazyBuiltins],
    outfile: `${fresh}/${file}`,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    minifyWhitespace: true,
    minifySyntax: true,
    minifyIdentifiers: true,
    // yargs' ES module finds its own place through import.meta.url.
    define: { 'import.meta.url': '__bundle.url' },
    banner: { js: `${WRAPPER_HEAD}var __bundle = { get url() { return require('node:url').pathToFileURL(__filename).href; } };` },
    footer: { js: WRAPPER_TAIL },
    logLevel: 'warning',
  });
  asciiOnly(`${fresh}/${file}`);
}

// esbuild escapes non-ASCII characters in code, but copies comments as they are. One such character
// (an arrow in a comment) makes V8 hold the whole 1.6 MB source as two-byte text, which costs ~4 ms
// of every start (reading, then compiling from the code cache). Outside strings, regular expressions
// and identifiers, which esbuild has escaped already, a \u escape changes nothing.
function asciiOnly(file) {
  const text = readFileSync(file, 'utf8');
  // One \uXXXX per UTF-16 unit: it means the same in a string, and in a regular expression with or
  // without the u flag (where \u{...} would not).
  const ascii = text.replace(/[^\x00-\x7f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  writeFileSync(file, ascii);
  return ascii;
}
const bundleFile = `${fresh}/cli.cjs`;
const bundleText = asciiOnly(bundleFile);
// The build's identity: a digest of the bundle itself (with the placeholder in it), written over the
// placeholder. Same length, so the source map's columns still hold.
const buildId = createHash('sha256').update(bundleText).digest('hex').slice(0, BUILD_PLACEHOLDER.length);
if (!bundleText.includes(BUILD_PLACEHOLDER)) throw new Error('build: the build identity placeholder is missing from the bundle');
writeFileSync(bundleFile, bundleText.replaceAll(BUILD_PLACEHOLDER, buildId));

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

// bin/dockhand.js writes V8's code cache of a command after its first run that finds none, with the
// functions that run compiled. Make that first run of lint (the command run most) a lint of every
// rule's fixtures in the default format, so the cache holds the parser, every rule's checks and the
// formatter; a function missing from it is compiled on each start (a lint of one basic file left
// ~8 ms of that in a profile of moby's Dockerfile). The language server's first run: a session that
// opens a Dockerfile and waits for its diagnostics. Failure here only means a slower first run.
// Only where the fixtures are: a lint of missing paths would leave a cache of its error path alone,
// which V8 then accepts on every later start (bin/dockhand.js rewrites only a rejected cache).
const warmUpFiles = ['fixtures/rules', 'fixtures/lint/basic/Dockerfile'];
if (warmUpFiles.every((f) => existsSync(f))) {
  // With a results cache of its own (lint's default is to use one), in which one of its files is
  // already: so its code holds reading, writing and serving cached findings, and linting. The first
  // run is made with DOCKHAND_DEBUG, which loads the bundle without a code cache (bin/dockhand.js),
  // so that it writes none.
  const results = mkdtempSync(join(tmpdir(), 'dockhand-build-'));
  try {
    const lint = ['bin/dockhand.js', 'lint', '--no-shellcheck', '--jobs', '1', '--cache-location', results];
    spawnSync(process.execPath, [...lint, 'fixtures/lint/basic/Dockerfile'], { stdio: 'ignore', timeout: 60_000, env: { ...process.env, DOCKHAND_DEBUG: '1' } });
    spawnSync(process.execPath, [...lint, 'fixtures/rules', 'fixtures/lint/basic/Dockerfile'], { stdio: 'ignore', timeout: 60_000 });
  } finally {
    rmSync(results, { recursive: true, force: true });
  }
  await warmUpServer('fixtures/lint/basic/Dockerfile');
  // No cache is saved from a run that loaded tree-sitter (it changes V8's flags): say so.
  const caches = existsSync('dist/.cache') ? readdirSync('dist/.cache') : [];
  for (const purpose of ['lint', 'lsp']) {
    if (!caches.some((f) => f.startsWith(`cli-${purpose}-`))) console.warn(`build: the warm-up ${purpose} run left no V8 code cache in dist/.cache; the first dockhand ${purpose} run will make one`);
  }
}

/** One `dockhand lsp --stdio` session: initialize, open `file`, wait for its diagnostics, shut down. */
async function warmUpServer(file) {
  const server = spawn(process.execPath, ['bin/dockhand.js', 'lsp', '--stdio'], { stdio: ['pipe', 'pipe', 'ignore'] });
  const send = (message) => {
    const body = Buffer.from(JSON.stringify({ jsonrpc: '2.0', ...message }));
    server.stdin.write(Buffer.concat([Buffer.from(`Content-Length: ${body.length}\r\n\r\n`), body]));
  };
  const uri = pathToFileURL(resolve(file)).href;
  const exited = new Promise((done) => server.on('close', done));
  let pending = Buffer.alloc(0);
  let opened = false;
  const timer = setTimeout(() => server.kill(), 30_000);
  server.stdout.on('data', (chunk) => {
    pending = Buffer.concat([pending, chunk]);
    for (;;) {
      const head = pending.indexOf('\r\n\r\n');
      const length = head === -1 ? NaN : Number(/Content-Length: *(\d+)/i.exec(pending.subarray(0, head).toString())?.[1]);
      if (!(pending.length >= head + 4 + length)) return;
      const message = JSON.parse(pending.subarray(head + 4, head + 4 + length).toString());
      pending = pending.subarray(head + 4 + length);
      if (message.id === 1 && !opened) {
        opened = true;
        send({ method: 'initialized', params: {} });
        send({ method: 'textDocument/didOpen', params: { textDocument: { uri, languageId: 'dockerfile', version: 1, text: readFileSync(file, 'utf8') } } });
      } else if (message.method !== undefined && message.id !== undefined) {
        send({ id: message.id, result: null }); // the server's own requests (configuration, ...)
      } else if (message.method === 'textDocument/publishDiagnostics' && message.params?.uri === uri) {
        send({ id: 2, method: 'shutdown', params: null });
      } else if (message.id === 2) {
        send({ method: 'exit', params: null });
      }
    }
  });
  server.stdin.on('error', () => {}); // a server that ended early: only the cache is missing
  send({ id: 1, method: 'initialize', params: { processId: process.pid, rootUri: null, capabilities: {} } });
  await exited;
  clearTimeout(timer);
}
