// The language service: pure functions from a document's text (and an offset) to what an editor
// shows — diagnostics, quick fixes, hovers, completions, outline, go-to-definition. No I/O and no
// LSP types: offsets are UTF-16 indexes into the text, as everywhere in dockhand, and src/lsp turns
// them into positions. The build context and config, when wanted, come in through LintOptions.
import { applyFixes } from '../core/apply-fixes.js';
import type { Diagnostic, Fix } from '../core/diagnostic.js';
import type { Span } from '../core/range.js';
import { lintFile, parseIgnorePragma, ruleIndex, type LintOptions, type RuleIndex } from '../linter/index.js';
import { parentStage } from '../rules/utils/buildkit-common.js';
import { stageRef } from '../rules/utils/hadolint-b-stages.js';
import { allRules } from '../rules/index.js';
import type { Rule } from '../rules/types.js';
import type { Dockerfile, Instruction, Stage } from '../parser/ast.js';
import { parse } from '../parser/index.js';
import { AUTOMATIC_ARG_NAMES } from '../semantic/index.js';
import { formatFile } from '../format/index.js';
import { DIRECTIVE_DOCS, FLAG_DOCS, INSTRUCTION_DOCS } from './instruction-docs.js';

/** One edit by offsets: replace text[start, end) with `text`. */
export interface Edit {
  start: number;
  end: number;
  text: string;
}

/** A code action: a quick fix for one diagnostic, an ignore pragma, or every safe fix at once. */
export interface Action {
  title: string;
  kind: 'quickfix' | 'source.fixAll';
  edits: Edit[];
  /** The diagnostic it answers (quick fixes). */
  diagnostic?: Diagnostic;
  /** The fix an editor may apply on its own (a safe fix). */
  preferred: boolean;
}

/** Hover text (markdown) and the span it describes. */
export interface Hover {
  markdown: string;
  span: Span;
}

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

/** An outline entry: stages with their instructions; global ARGs at the top level. */
export interface OutlineSymbol {
  name: string;
  detail: string;
  kind: 'stage' | 'instruction' | 'arg';
  span: Span;
  selection: Span;
  children: OutlineSymbol[];
}

// The same text is asked about several times per keystroke (diagnostics, then hover or completion):
// parse it once. A memo of a pure function keeps this module pure.
let lastText: string | undefined;
let lastFile: Dockerfile | undefined;

/** The parsed document (memoised on the last text). */
export function parsed(text: string): Dockerfile {
  if (text !== lastText || !lastFile) {
    lastFile = parse(text);
    lastText = text;
  }
  return lastFile;
}

/** Every finding, as `dockhand lint` reports it for the same options. */
export function diagnostics(text: string, options: LintOptions = {}): Diagnostic[] {
  return lintFile(parsed(text), options).diagnostics;
}

const spanOf = (r: { start: number; end: number }): Span => ({ start: r.start, end: r.end });
const editsOf = (fix: Fix): Edit[] => fix.edits.map((e) => ({ start: e.range.start, end: e.range.end, text: e.text }));
const touches = (a: Span, b: Span) => a.start <= b.end && b.start <= a.end;

/**
 * Code actions for the diagnostics touching `span`: each one's fix (safe ones preferred; unsafe
 * ones say so), an ignore pragma above its instruction, and — when the file has any safe fix —
 * one action that applies all of them.
 */
export function codeActions(text: string, span: Span, options: LintOptions = {}): Action[] {
  const file = parsed(text);
  const found = lintFile(file, options).diagnostics;
  const actions: Action[] = [];
  const index = ruleIndex(allRules);
  for (const d of found) {
    if (!touches(spanOf(d.range), span)) continue;
    if (d.fix) {
      const unsafe = d.fix.safety === 'unsafe';
      actions.push({ title: `${d.fix.title}${unsafe ? ' (unsafe: review the change)' : ''}`, kind: 'quickfix', edits: editsOf(d.fix), diagnostic: d, preferred: !unsafe });
    }
    const rule = index.get(d.code);
    const ignore = rule ? ignoreEdit(file, d, rule, index) : null;
    if (ignore) actions.push({ title: `Ignore ${d.code} for this instruction`, kind: 'quickfix', edits: [ignore], diagnostic: d, preferred: false });
  }
  const safe = found.filter((d) => d.fix?.safety === 'safe').map((d) => d.fix!);
  if (safe.length > 0) {
    const { text: fixed } = applyFixes(text, safe);
    if (fixed !== text) {
      actions.push({ title: `Fix all safe problems (${safe.length})`, kind: 'source.fixAll', edits: [{ start: 0, end: text.length, text: fixed }], preferred: false });
    }
  }
  return actions;
}

/**
 * An ignore pragma for one finding: appended to a `# hadolint ignore=` / `# dockhand ignore=` line
 * right above the instruction, or a new such line with the instruction's indentation.
 * hadolint's spelling for DL and SC codes (hadolint reads it too), dockhand's for the rest.
 */
function ignoreEdit(file: Dockerfile, d: Diagnostic, rule: Rule, index: RuleIndex): Edit | null {
  const ins = instructionAt(file, d.range.start);
  if (!ins) return null;
  const text = file.text;
  const lineStart = text.lastIndexOf('\n', ins.range.start - 1) + 1;
  const indent = /^[ \t]*/.exec(text.slice(lineStart, ins.range.start))![0];
  const tool = /^(DL|SC)\d+$/.test(rule.code) ? 'hadolint' : 'dockhand';
  if (lineStart > 0) {
    const prevStart = text.lastIndexOf('\n', lineStart - 2) + 1;
    const prev = text.slice(prevStart, lineStart - 1).replace(/\r$/, '');
    const hash = prev.indexOf('#');
    const pragma = hash >= 0 && prev.slice(0, hash).trim() === '' ? parseIgnorePragma(prev.slice(hash + 1)) : null;
    if (pragma?.scope === 'next' && (pragma.tool === tool || tool === 'dockhand')) {
      if (pragma.codes.some((c) => index.canon(c) === index.canon(rule.code))) return null;
      // After the last code: before a trailing `# reason` and blanks.
      const reason = prev.indexOf('#', prev.indexOf('=', hash));
      const at = prevStart + (reason < 0 ? prev : prev.slice(0, reason)).trimEnd().length;
      return { start: at, end: at, text: `,${rule.code}` };
    }
  }
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  return { start: lineStart, end: lineStart, text: `${indent}# ${tool} ignore=${rule.code}${eol}` };
}

/** The instruction (or ONBUILD trigger's parent) whose range holds `offset`. */
export function instructionAt(file: Dockerfile, offset: number): Instruction | undefined {
  const list = file.instructions;
  let lo = 0;
  let hi = list.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const r = list[mid]!.range;
    if (offset < r.start) hi = mid - 1;
    else if (offset > r.end) lo = mid + 1;
    else return list[mid];
  }
  return undefined;
}

const within = (offset: number, r: { start: number; end: number } | null | undefined) => !!r && offset >= r.start && offset <= r.end;

/** Hover at `offset`: an instruction, flag, directive, variable, stage reference or a rule code in a pragma. */
export function hover(text: string, offset: number): Hover | null {
  const file = parsed(text);
  for (const d of file.directives) {
    if (within(offset, d.nameRange) && DIRECTIVE_DOCS[d.name]) return { markdown: `**# ${d.name}=** — ${DIRECTIVE_DOCS[d.name]}`, span: spanOf(d.range) };
  }
  const pragma = ruleInComment(file, offset);
  if (pragma) return pragma;
  const top = instructionAt(file, offset);
  if (!top) return null;
  const ins = top.trigger && offset >= top.trigger.range.start ? top.trigger : top;
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
    const decl = declarationOf(file, ins, ref.name);
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

function stageText(stage: Stage): string {
  return `stage ${stage.nameRaw ? `**${stage.nameRaw}**` : `#${stage.index}`} (line ${stage.from.range.startLine}): \`FROM ${stage.base}\`, ${stage.instructions.length} instruction${stage.instructions.length === 1 ? '' : 's'}`;
}

/** The stage a `--from=` in `ins` names (by name or index), among the stages before its own. */
function earlierStage(file: Dockerfile, ref: string, ins: Instruction): Stage | undefined {
  const i = stageRef(file, ref, ins.stageIndex < 0 ? 0 : ins.stageIndex);
  return i === null ? undefined : file.stages[i];
}

/** A `$NAME` or `${NAME…}` reference whose name holds `offset`. */
function variableAt(text: string, offset: number): { name: string; span: Span } | null {
  let s = offset;
  let e = offset;
  while (s > 0 && /\w/.test(text[s - 1]!)) s--;
  while (e < text.length && /\w/.test(text[e]!)) e++;
  if (s === e || !/^[A-Za-z_]/.test(text[s]!)) return null;
  const dollar = text[s - 1] === '$' ? s - 1 : text[s - 1] === '{' && text[s - 2] === '$' ? s - 2 : -1;
  if (dollar < 0) return null;
  return { name: text.slice(s, e), span: { start: dollar, end: text[s - 1] === '{' && text[e] === '}' ? e + 1 : e } };
}

interface Declaration {
  markdown: string;
  span: Span;
}

/** Where a variable used in `ins` is declared: the nearest ARG/ENV before it in scope. */
function declarationOf(file: Dockerfile, ins: Instruction, name: string): Declaration | null {
  const stage = ins.keyword === 'FROM' ? undefined : file.stages[ins.stageIndex];
  const scope: Instruction[] = stage ? stage.instructions.filter((i) => i.range.start < ins.range.start) : file.globalArgs.filter((i) => i.range.start < ins.range.start);
  for (let i = scope.length - 1; i >= 0; i--) {
    const d = scope[i]!;
    if (d.keyword === 'ENV') {
      const pair = [...d.pairs].reverse().find((p) => p.key === name);
      if (pair) return { markdown: `\`ENV ${pair.key}=${pair.value}\` (line ${d.range.startLine})`, span: spanOf(pair.keyRange) };
    }
    if (d.keyword === 'ARG') {
      const arg = [...d.args].reverse().find((a) => a.value === name || a.value.startsWith(`${name}=`));
      if (arg) {
        if (arg.value.includes('=')) return { markdown: `\`ARG ${arg.value}\` (line ${d.range.startLine})`, span: spanOf(arg.range) };
        const global = stage ? declarationOf(file, stage.from, name) : null;
        const inherited = global ? `; its default comes from the global ${global.markdown}` : '';
        return { markdown: `\`ARG ${name}\` (line ${d.range.startLine}): set with \`--build-arg ${name}=…\`${inherited}`, span: spanOf(arg.range) };
      }
    }
  }
  if (AUTOMATIC_ARG_NAMES.includes(name)) {
    const where = stage ? ` Inside a stage, declare \`ARG ${name}\` first to use it.` : '';
    return { markdown: `\`${name}\`: an automatic platform argument, set by the builder.${where}`, span: { start: 0, end: 0 } };
  }
  return null;
}

/**
 * The edit that formats the document (`dockhand format`), as one replacement of the span that
 * differs (so an editor keeps the cursor where nothing moved); none when the text is already
 * formatted or has syntax errors (formatting is refused then, as by the CLI).
 */
export function formatting(text: string): Edit[] {
  const file = parsed(text);
  if (file.diagnostics.some((d) => d.severity === 'error')) return [];
  const after = formatFile(file);
  if (after === text) return [];
  let start = 0;
  while (start < text.length && start < after.length && text[start] === after[start]) start++;
  let endA = text.length;
  let endB = after.length;
  while (endA > start && endB > start && text[endA - 1] === after[endB - 1]) {
    endA--;
    endB--;
  }
  return [{ start, end: endA, text: after.slice(start, endB) }];
}

/** Where the thing at `offset` is defined: a stage for `--from=`/`FROM <stage>`, an ARG/ENV for a variable. */
export function definition(text: string, offset: number): Span | null {
  const file = parsed(text);
  const top = instructionAt(file, offset);
  if (!top) return null;
  const ins = top.trigger && offset >= top.trigger.range.start ? top.trigger : top;
  const from = ins.flags.find((f) => f.name === 'from' && within(offset, f.valueRange));
  const mountFrom = ins.keyword === 'RUN' ? mountFromAt(file.text, ins, offset) : null;
  const named = from?.value ?? mountFrom;
  if (named) {
    const stage = earlierStage(file, named, ins);
    if (stage) return spanOf(stage.nameRange ?? stage.from.keywordRange);
  }
  if (ins.keyword === 'FROM') {
    const stage = file.stages.find((s) => s.from === ins);
    if (stage && within(offset, stage.baseRange)) {
      const base = parentStage(file, stage);
      if (base) return spanOf(base.nameRange ?? base.from.keywordRange);
    }
  }
  const ref = variableAt(text, offset);
  if (ref) {
    const decl = declarationOf(file, ins, ref.name);
    if (decl && decl.span.end > decl.span.start) return decl.span;
  }
  return null;
}

/** The `from=` value of a RUN --mount under the cursor. */
function mountFromAt(text: string, ins: Instruction, offset: number): string | null {
  const flag = ins.flags.find((f) => f.name === 'mount' && within(offset, f.valueRange));
  if (!flag) return null;
  const m = /(?:^|,)from=([^,]*)/.exec(flag.value ?? '');
  return m ? m[1]! : null;
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

/** The outline: global ARGs, then each stage with its instructions. */
export function outline(text: string): OutlineSymbol[] {
  const file = parsed(text);
  const leaf = (i: Instruction, kind: OutlineSymbol['kind'] = 'instruction'): OutlineSymbol => ({
    name: `${i.keyword} ${i.argsText.length > 50 ? `${i.argsText.slice(0, 49)}…` : i.argsText}`.trim(),
    detail: `line ${i.range.startLine}`,
    kind,
    span: spanOf(i.range),
    selection: spanOf(i.keywordRange),
    children: [],
  });
  const out: OutlineSymbol[] = file.globalArgs.map((i) => leaf(i, 'arg'));
  for (const s of file.stages) {
    out.push({
      name: s.nameRaw ?? `stage ${s.index}`,
      detail: `FROM ${s.base}`,
      kind: 'stage',
      span: spanOf(s.range),
      selection: spanOf(s.nameRange ?? s.from.keywordRange),
      children: s.instructions.map((i) => leaf(i)),
    });
  }
  return out;
}
