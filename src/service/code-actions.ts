// Code actions: each finding's fix, an ignore pragma above its instruction, and every safe fix at once.
import { applyFixes } from '../core/apply-fixes.js';
import type { Diagnostic, Fix } from '../core/diagnostic.js';
import type { Span } from '../core/range.js';
import { lintFile, parseIgnorePragma, ruleIndex, type LintOptions, type RuleIndex } from '../linter/index.js';
import { allRules } from '../rules/index.js';
import type { Rule } from '../rules/types.js';
import type { Dockerfile } from '../parser/ast.js';
import { instructionAt, parsed, type Edit } from './document.js';

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
    if (!touches({ start: d.range.start, end: d.range.end }, span)) continue;
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
    if (pragma?.scope === 'next' && pragma.codes.some((c) => index.canon(c) === index.canon(rule.code))) return null;
    if (pragma?.scope === 'next' && pragma.tool === tool) {
      // After the last code: before a trailing `# reason` and blanks.
      const reason = prev.indexOf('#', prev.indexOf('=', hash));
      const at = prevStart + (reason < 0 ? prev : prev.slice(0, reason)).trimEnd().length;
      return { start: at, end: at, text: `,${rule.code}` };
    }
    // hadolint drops a whole `# hadolint` pragma that names one of our own codes, and reads only
    // the line right above an instruction: a dockhand pragma goes above the hadolint one.
    if (pragma?.scope === 'next' && pragma.tool === 'hadolint') {
      return { start: prevStart, end: prevStart, text: `${indent}# ${tool} ignore=${rule.code}${eolOf(text)}` };
    }
  }
  return { start: lineStart, end: lineStart, text: `${indent}# ${tool} ignore=${rule.code}${eolOf(text)}` };
}

function eolOf(text: string): string {
  return text.includes('\r\n') ? '\r\n' : '\n';
}
