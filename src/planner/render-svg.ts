// SVG and HTML renderings of a plan, laid out by Graphviz compiled to wasm (@hpcc-js/wasm-graphviz).
import { renderDot, renderText } from './render.js';
import type { Plan } from './types.js';

/** Lays out the plan's dot source with Graphviz and returns SVG text. */
export async function renderSvg(plan: Plan): Promise<string> {
  const { Graphviz } = await import('@hpcc-js/wasm-graphviz');
  const graphviz = await Graphviz.load();
  return graphviz.dot(renderDot(plan), 'svg');
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
