// SVG and HTML renderings of a plan, laid out by Graphviz compiled to wasm (@hpcc-js/wasm-graphviz).
import { createRequire } from 'node:module';
import { renderDot, renderText } from './render.js';
import type { Plan } from './types.js';

/** Lays out the plan's dot source with Graphviz and returns SVG text. */
export async function renderSvg(plan: Plan): Promise<string> {
  const { Graphviz } = await loadGraphviz();
  const graphviz = await Graphviz.load();
  return graphviz.dot(renderDot(plan), 'svg');
}

type GraphvizModule = typeof import('@hpcc-js/wasm-graphviz');

/**
 * The package is an ES module kept outside the bundle (scripts/build.mjs). Code that
 * bin/dockhand.js restored from V8's code cache cannot import(), but Node >= 20.19 can require() an
 * ES module; import() stays for the Node versions that cannot (22.0-22.11 without the cache path).
 */
async function loadGraphviz(): Promise<GraphvizModule> {
  try {
    return createRequire(import.meta.url)('@hpcc-js/wasm-graphviz') as GraphvizModule;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ERR_REQUIRE_ESM') throw err;
    return import('@hpcc-js/wasm-graphviz');
  }
}

function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** A self-contained HTML page: the SVG graph inline, then the text plan. */
export async function renderHtml(plan: Plan): Promise<string> {
  const svg = (await renderSvg(plan)).replace(/^<\?xml[^>]*>\s*<!DOCTYPE[^>]*>\s*/s, '');
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>dockhand plan: ${escapeHtml(plan.dockerfile)}</title>
<style>body{font-family:system-ui,sans-serif;margin:2rem;color:#222}svg{max-width:100%;height:auto}pre{background:#f6f8fa;padding:1rem;overflow:auto}</style>
</head>
<body>
<h1>Build plan for ${escapeHtml(plan.dockerfile)}</h1>
${svg}
<h2>Steps and cache keys</h2>
<pre>${escapeHtml(renderText(plan))}</pre>
</body>
</html>
`;
}
