// Completions: instruction keywords where an instruction can start, flags, stage names after
// `--from=` and `FROM`, variables in scope after `$` and `${`, parser directives at the top.
import type { Span } from '../core/range.js';
import { AUTOMATIC_ARG_NAMES } from '../semantic/index.js';
import { instructionAt, parsed } from './document.js';
import { DIRECTIVE_DOCS, FLAG_DOCS, INSTRUCTION_DOCS } from './instruction-docs.js';

export type CompletionKind = 'keyword' | 'flag' | 'stage' | 'variable' | 'directive';

/** One completion: `insert` replaces the text in `replace`. */
export interface Completion {
  label: string;
  kind: CompletionKind;
  insert: string;
  replace: Span;
  detail?: string;
  documentation?: string;
}

const KEYWORDS = Object.keys(INSTRUCTION_DOCS);
const NOT_IN_ONBUILD = new Set(['ONBUILD', 'FROM', 'MAINTAINER']);

/** Completions at `offset`. */
export function completions(text: string, offset: number): Completion[] {
  const file = parsed(text);
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const prefix = text.slice(lineStart, offset);
  const top = instructionAt(file, lineStart === offset ? Math.max(0, offset - 1) : lineStart);
  const continued = top !== undefined && top.keywordRange.start < lineStart && lineStart <= top.range.end && !(lineStart === offset && offset > top.range.end);

  // Parser directives, above the first instruction.
  const firstIns = file.instructions[0]?.range.start ?? Infinity;
  const directive = /^#\s*([a-z]*)$/i.exec(prefix);
  if (directive && lineStart < firstIns) {
    const replace = { start: offset - directive[1]!.length, end: offset };
    return Object.entries(DIRECTIVE_DOCS).map(([name, doc]) => ({ label: `${name}=`, kind: 'directive' as const, insert: `${name}=`, replace, documentation: doc }));
  }
  if (prefix.trimStart().startsWith('#')) return [];

  // An instruction keyword at the start of a line (after ONBUILD: its triggers).
  const kw = /^\s*(ONBUILD\s+)?([A-Za-z]*)$/i.exec(prefix);
  if (kw && !continued) {
    const replace = { start: offset - kw[2]!.length, end: offset };
    return KEYWORDS.filter((k) => !kw[1] || !NOT_IN_ONBUILD.has(k)).map((k) => ({
      label: k,
      kind: 'keyword' as const,
      insert: `${k} `,
      replace,
      detail: INSTRUCTION_DOCS[k]!.forms[0],
      documentation: INSTRUCTION_DOCS[k]!.text,
    }));
  }

  const ins = instructionAt(file, Math.max(0, offset - 1)) ?? top;
  const keyword = ins ? (ins.trigger ?? ins).keyword : (/^\s*([A-Za-z]+)/.exec(prefix)?.[1] ?? '').toUpperCase();
  const stageIndex = ins?.keyword === 'FROM' ? file.stages.findIndex((s) => s.from === ins) : (ins?.stageIndex ?? file.stages.length);

  // A stage name after --from= (COPY, RUN --mount) or as a FROM's base.
  const fromValue = /(?:--from=|[,=]from=)([\w.-]*)$/.exec(prefix);
  const fromBase = keyword === 'FROM' ? /^\s*FROM\s+(?:--\S+\s+)*([\w.-]*)$/i.exec(prefix) : null;
  const stageMatch = fromValue ?? fromBase;
  if (stageMatch) {
    const replace = { start: offset - stageMatch[1]!.length, end: offset };
    const limit = fromBase ? (stageIndex < 0 ? file.stages.length : stageIndex) : file.stages.length;
    return file.stages
      .filter((s) => s.name && s.index < limit && s.index !== stageIndex)
      .map((s) => ({ label: s.nameRaw!, kind: 'stage' as const, insert: s.nameRaw!, replace, detail: `FROM ${s.base} (line ${s.from.range.startLine})` }));
  }

  // A flag of the instruction.
  const flag = /(?:^|\s)--([a-z-]*)$/.exec(prefix);
  if (flag && FLAG_DOCS[keyword]) {
    const replace = { start: offset - flag[1]!.length - 2, end: offset };
    return Object.entries(FLAG_DOCS[keyword]!).map(([name, doc]) => ({ label: `--${name}`, kind: 'flag' as const, insert: `--${name}=`, replace, documentation: doc }));
  }

  // A variable after `$` or `${`.
  const variable = /\$(\{?)([A-Za-z_]\w*)?$/.exec(prefix);
  if (variable && ins) {
    const replace = { start: offset - (variable[2]?.length ?? 0), end: offset };
    const names = new Map<string, string>();
    const target = ins.trigger ?? ins;
    const stage = keyword === 'FROM' ? undefined : file.stages[target.stageIndex];
    const scope = stage ? stage.instructions : file.globalArgs;
    for (const d of scope) {
      if (d.range.start >= ins.range.start) break;
      if (d.keyword === 'ENV') for (const p of d.pairs) names.set(p.key, `ENV (line ${d.range.startLine})`);
      if (d.keyword === 'ARG') for (const a of d.args) names.set(a.value.split('=')[0]!, `ARG (line ${d.range.startLine})`);
    }
    if (!stage) for (const n of AUTOMATIC_ARG_NAMES) if (!names.has(n)) names.set(n, 'automatic platform argument');
    const close = variable[1] && text[offset] !== '}' ? '}' : '';
    return [...names].map(([name, detail]) => ({ label: name, kind: 'variable' as const, insert: `${name}${close}`, replace, detail }));
  }
  return [];
}
