// explain's answer as a short Markdown report for a pull-request comment: the steps that rebuild,
// the first cause of each, the build context each one reads, the advice and the warnings. Pure and
// deterministic (no clock, no paths of this machine), so a bot can replace its comment in place: the
// first line is a hidden marker naming the Dockerfile.
import { visible } from '../core/visible.js';
import { describe } from './explain.js';
import { sizeLabel } from './render.js';
import type { ContextSize, Explanation, Plan } from './types.js';

/** The hidden first line of a report: how a bot finds the comment it posted for this Dockerfile. */
export function reportMarker(dockerfile: string): string {
  return `<!-- dockhand-explain: ${dockerfile.replace(/--/g, '- -')} -->`;
}

/** The report for a pull request: Markdown (GitHub's flavour), one line per rebuilt step. */
export function renderMarkdown(ex: Explanation, plan: Plan): string {
  const { cached, rebuild } = ex.summary;
  const total = cached + rebuild;
  const title = rebuild === 0
    ? `nothing rebuilds (${count(total, 'step')} cached)`
    : `${rebuild} of ${count(total, 'step')} rebuild`;
  const out = [reportMarker(plan.dockerfile), `### dockhand explain: ${code(plan.dockerfile)}: ${title}`];
  const rebuilt = ex.steps.filter((s) => s.status === 'rebuild');
  if (rebuilt.length) {
    out.push('', '| Line | Stage | Step | First cause | Build context read |', '|---:|---|---|---|---:|');
    for (const s of rebuilt) {
      const stage = s.stageName ?? `stage ${s.stage}`;
      const cause = s.cause ? describe(s.cause) : s.reason;
      const size = s.contextSize ? sizeLabel(s.contextSize) : '';
      out.push(`| ${s.line} | ${text(stage)} | ${code(truncate(s.text, 72))} | ${text(cause)} | ${size} |`);
    }
    const read = rebuilt.reduce<ContextSize | null>((sum, s) => (s.contextSize ? { files: (sum?.files ?? 0) + s.contextSize.files, bytes: (sum?.bytes ?? 0) + s.contextSize.bytes } : sum), null);
    const notes: string[] = [];
    if (read) notes.push(`The rebuilt steps read ${sizeLabel(read)} of build context: BuildKit checksums each selection and sends the files its copy of the context lacks.`);
    const cs = plan.contextSize;
    if (cs) notes.push(`The context is ${sizeLabel(cs)} after .dockerignore; the target's steps select ${sizeLabel({ files: cs.selectedFiles, bytes: cs.selectedBytes })} of it.`);
    if (notes.length) out.push('', ...notes);
  }
  if (ex.advice.length) {
    out.push('', '**Advice**', '');
    for (const a of ex.advice) out.push(`- line ${a.line}: ${text(a.message)}`);
  }
  if (plan.warnings.length) {
    out.push('', '**Warnings**', '');
    for (const w of plan.warnings) out.push(`- ${text(w)}`);
  }
  return `${out.join('\n')}\n`;
}

function count(n: number, what: string): string {
  return `${n} ${what}${n === 1 ? '' : 's'}`;
}

function truncate(s: string, n: number): string {
  return s.length > n ? `${s.slice(0, n - 1)}…` : s;
}

/**
 * Text for a table cell: control characters made visible, Markdown punctuation backslash-escaped
 * (a Dockerfile's `*`, `_` or `<` must not turn into emphasis or HTML), `|` escaped for the table.
 */
function text(s: string): string {
  return visible(s).replace(/&/g, '&amp;').replace(/[\\`*_[\]<>|~]/g, (c) => `\\${c}`);
}

/** A code span that holds `s` whatever backticks it contains; `|` stays escaped inside a table. */
function code(s: string): string {
  const v = visible(s).replace(/\|/g, '\\|');
  const longest = Math.max(0, ...[...v.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  const pad = v.startsWith('`') || v.endsWith('`') || longest > 0 ? ' ' : '';
  return `${fence}${pad}${v}${pad}${fence}`;
}
