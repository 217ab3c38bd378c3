// Writes docs/rules/<name>.md and docs/rules/README.md from the rule metadata (the rules' `docs`
// data), and removes pages of rules that no longer exist. test/docs.test.ts fails when stale.
import { build } from 'esbuild';
import { mkdirSync, readdirSync, rmSync, writeFileSync, mkdtempSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { generateRegistry, trackedRuleFiles } from './gen-registry.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outDir = join(root, 'docs/rules');

// --tracked: document only committed rule files (and leave the registry listing only those).
generateRegistry(undefined, process.argv.includes('--tracked') ? trackedRuleFiles() : null);
// Inside the repo so that external packages resolve from node_modules.
mkdirSync(join(root, 'node_modules/.cache'), { recursive: true });
const tmp = mkdtempSync(join(root, 'node_modules/.cache/dockhand-docs-'));
const entry = join(tmp, 'entry.mjs');
await build({
  stdin: {
    contents: "export { allRules } from './src/rules/index.ts'; export { ruleDocFiles } from './src/linter/docs.ts';",
    resolveDir: root,
    loader: 'ts',
  },
  outfile: entry,
  bundle: true,
  platform: 'node',
  format: 'esm',
  packages: 'external',
  logLevel: 'warning',
});
const { allRules, ruleDocFiles } = await import(pathToFileURL(entry).href);
rmSync(tmp, { recursive: true, force: true });

const files = ruleDocFiles(allRules);
mkdirSync(outDir, { recursive: true });
let written = 0;
for (const [name, content] of files) {
  const p = join(outDir, name);
  let old = null;
  try { old = readFileSync(p, 'utf8'); } catch { /* new page */ }
  if (old !== content) { writeFileSync(p, content); written++; }
}
let removed = 0;
for (const f of readdirSync(outDir)) {
  if (f.endsWith('.md') && !files.has(f)) { rmSync(join(outDir, f)); removed++; }
}
console.log(`gen-docs: ${files.size - 1} rule pages (${written} written, ${removed} removed) in docs/rules`);
