// Hovers: instructions, flags, parser directives, `$VARIABLE`s, stage references and rule codes in pragmas.
import type { Span } from '../core/range.js';
import type { Dockerfile } from '../parser/ast.js';
import { ruleIndex } from '../linter/index.js';
import { parentStage } from '../semantic/stage-graph.js';
import { allRules } from '../rules/index.js';
import type { Rule } from '../rules/types.js';
import { innermostAt, parsed, spanOf, within } from './document.js';
import { DIRECTIVE_DOCS, FLAG_DOCS, INSTRUCTION_DOCS } from './instruction-docs.js';
import { boundDeclaration, declarationOf, declarationText, earlierStage, stageText, variableAt } from './lookup.js';

/** Hover text (markdown) and the span it describes. */
export interface Hover {
  markdown: string;
  span: Span;
}

/** Hover at `offset`: an instruction, flag, directive, variable, stage reference or a rule code in a pragma. */
export function hover(text: string, offset: number): Hover | null {
  const file = parsed(text);
  for (const d of file.directives) {
    if (within(offset, d.nameRange) && DIRECTIVE_DOCS[d.name]) return { markdown: `**# ${d.name}=** — ${DIRECTIVE_DOCS[d.name]}`, span: spanOf(d.range) };
  }
  const pragma = ruleInComment(file, offset);
  if (pragma) return pragma;
  const ins = innermostAt(file, offset);
  if (!ins) return null;
  if (within(offset, ins.keywordRange)) {
    const doc = INSTRUCTION_DOCS[ins.keyword];
    if (!doc) return null;
    return { markdown: `${doc.forms.map((f) => `\`${f}\``).join('  \n')}\n\n${doc.text}`, span: spanOf(ins.keywordRange) };
  }
  for (const f of ins.flags) {
    if (f.name === 'from' && within(offset, f.valueRange) && f.value) {
      const stage = earlierStage(file, f.value, ins);
      if (stage) return { markdown: stageText(stage), span: spanOf(f.valueRange!) };
    }
    if (within(offset, f.nameRange)) {
      const doc = FLAG_DOCS[ins.keyword]?.[f.name];
      if (doc) return { markdown: `**--${f.name}** — ${doc}`, span: spanOf(f.range) };
    }
  }
  if (ins.keyword === 'FROM') {
    const stage = file.stages.find((s) => s.from === ins);
    if (stage && within(offset, stage.baseRange)) {
      const base = parentStage(file, stage);
      if (base) return { markdown: stageText(base), span: spanOf(stage.baseRange) };
    }
  }
  const ref = variableAt(text, offset);
  if (ref) {
    // As go to definition finds it: an ARG or ENV before it in its own scope; else the declaration
    // the symbol table binds it to (references and rename read the same binding) in a stage this
    // one is built on or the global scope; else what the builder sets (TARGETARCH, ...).
    const near = declarationOf(file, ins, ref.name);
    if (near && near.span.end > near.span.start) return { markdown: near.markdown, span: ref.span };
    // Only a stage built on another one inherits anything its own scope does not show.
    const stage = ins.keyword === 'FROM' ? undefined : file.stages[ins.stageIndex];
    const bound = stage && parentStage(file, stage) ? boundDeclaration(text, offset, ins) : null;
    const decl = (bound && declarationText(file, bound, ref.name, ins.keyword === 'FROM' ? -1 : ins.stageIndex)) ?? near;
    if (decl) return { markdown: decl.markdown, span: ref.span };
  }
  return null;
}

/** A rule code under the cursor in `# hadolint ignore=…`, `# dockhand ignore=…` or `# check=skip=…`. */
function ruleInComment(file: Dockerfile, offset: number): Hover | null {
  const comment =
    file.comments.find((c) => within(offset, c.range)) ??
    file.directives.filter((d) => d.name === 'check').map((d) => ({ range: d.range })).find((c) => within(offset, c.range));
  if (!comment) return null;
  const text = file.text;
  let s = offset;
  let e = offset;
  while (s > comment.range.start && /[\w-]/.test(text[s - 1]!)) s--;
  while (e < comment.range.end && /[\w-]/.test(text[e]!)) e++;
  if (s === e) return null;
  const before = text.slice(comment.range.start, s);
  if (!/(ignore|skip)\s*=\s*[\w-,\s]*$/.test(before)) return null;
  const rule = ruleIndex(allRules).get(text.slice(s, e));
  if (!rule) return null;
  return { markdown: ruleText(rule), span: { start: s, end: e } };
}

function ruleText(rule: Rule): string {
  const aliases = rule.aliases.length ? ` (also ${rule.aliases.join(', ')})` : '';
  return `**${rule.code}**${aliases} — ${rule.docs.summary}\n\n${rule.docs.why}${rule.url ? `\n\n[Documentation](${rule.url})` : ''}`;
}
