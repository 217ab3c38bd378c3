// Robustness over ../shared/corpus: `dockhand lint` (in-process, batched) never crashes, and every
// finding's range is valid (inside the text, start <= end, line/column agree with the LineIndex).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCaptured } from './cli-io.js';
import type { Diagnostic } from '../src/core/diagnostic.js';
import { LineIndex } from '../src/core/line-index.js';
import { applyFixes } from '../src/core/apply-fixes.js';
import { initLinter, lint, RULE_CRASH_CODE } from '../src/linter/index.js';

const corpus = resolve(import.meta.dirname, '../..', 'shared/corpus/files');
const present = existsSync(corpus);
if (!present) console.warn(`linter-corpus.test: ${corpus} is missing; skipping corpus checks`);

const files = present ? readdirSync(corpus).sort() : [];
const BATCH = 250;

/** A 1-based line/column that exists in the text (a column may point at the line's terminator). */
function positionOk(idx: LineIndex, line: number, column: number): boolean {
  if (line < 1 || line > idx.lineCount) return false;
  const start = idx.lineStarts[line - 1]!;
  const end = line < idx.lineCount ? idx.lineStarts[line]! - 1 : idx.text.length;
  return column >= 1 && column <= end - start + 1;
}

/** Problems with one diagnostic's range, or [] when it is valid. */
function rangeProblems(text: string, idx: LineIndex, d: Diagnostic): string[] {
  const r = d.range;
  const out: string[] = [];
  if (!(r.start >= 0 && r.start <= r.end && r.end <= text.length)) out.push(`offsets ${r.start}..${r.end} outside 0..${text.length}`);
  const s = idx.position(r.start);
  const e = idx.position(r.end);
  if (s.line !== r.startLine || s.column !== r.startColumn) out.push(`start ${r.startLine}:${r.startColumn} != ${s.line}:${s.column}`);
  if (e.line !== r.endLine || e.column !== r.endColumn) out.push(`end ${r.endLine}:${r.endColumn} != ${e.line}:${e.column}`);
  for (const ed of d.fix?.edits ?? []) {
    if (!(ed.range.start >= 0 && ed.range.start <= ed.range.end && ed.range.end <= text.length)) out.push(`fix edit ${ed.range.start}..${ed.range.end} outside the text`);
  }
  return out;
}

describe.skipIf(!present)('lint over the corpus', () => {
  beforeAll(async () => {
    await initLinter();
  });

  it('lint() ranges agree with the LineIndex, offsets and positions alike (every 8th file)', () => {
    const problems: string[] = [];
    for (const name of files.filter((_, i) => i % 8 === 0)) {
      const text = readFileSync(join(corpus, name), 'utf8');
      const { file, diagnostics } = lint(text, { filename: name });
      const idx = new LineIndex(file.text);
      for (const d of diagnostics) {
        if (d.code === RULE_CRASH_CODE) problems.push(`${name}: ${d.message}`);
        for (const p of rangeProblems(file.text, idx, d)) problems.push(`${name}: ${d.code} ${p}`);
      }
    }
    expect(problems.slice(0, 20)).toEqual([]);
  }, 900_000);

  it('--fix converges (every 8th file): after the fix loop no safe fix is left to apply', () => {
    const problems: string[] = [];
    for (const name of files.filter((_, i) => i % 8 === 4)) {
      let text = readFileSync(join(corpus, name), 'utf8');
      for (let pass = 0; pass < 10; pass++) {
        const fixes = lint(text).diagnostics.flatMap((d) => (d.fix?.safety === 'safe' ? [d.fix] : []));
        if (fixes.length === 0) break;
        const next = applyFixes(text, fixes).text;
        if (next === text) break;
        text = next;
      }
      for (const d of lint(text).diagnostics) if (d.fix?.safety === 'safe') problems.push(`${name}:${d.range.startLine}: ${d.code} still fixable after 10 passes`);
    }
    expect(problems.slice(0, 20)).toEqual([]);
  }, 900_000);

  it('the CLI lints it all in batches without an internal error', async () => {
    const problems: string[] = [];
    for (let i = 0; i < files.length; i += BATCH) {
      const batch = files.slice(i, i + BATCH);
      const { code, stdout, stderr } = await runCaptured(['lint', '--no-shellcheck', '--format', 'json', ...batch], { cwd: corpus, env: { HOME: corpus } });
      if (code === 2 || stderr.includes('internal error')) problems.push(`batch ${i}: exit ${code}: ${stderr.slice(0, 300)}`);
      const reports = JSON.parse(stdout) as { file: string; diagnostics: { line: number; column: number; endLine: number; endColumn: number; code: string }[] }[];
      expect(reports).toHaveLength(batch.length);
      for (const rep of reports) {
        const idx = new LineIndex(readFileSync(join(corpus, rep.file), 'utf8').replace(/^\uFEFF/, ''));
        for (const d of rep.diagnostics) {
          const where = `${rep.file}: ${d.code} ${d.line}:${d.column}-${d.endLine}:${d.endColumn}`;
          if (d.code === RULE_CRASH_CODE) problems.push(`${where} crashed`);
          else if (!positionOk(idx, d.line, d.column) || !positionOk(idx, d.endLine, d.endColumn)) problems.push(`${where} outside the text`);
          else if (d.line > d.endLine || (d.line === d.endLine && d.column > d.endColumn)) problems.push(`${where} ends before it starts`);
        }
      }
    }
    expect(problems.slice(0, 20)).toEqual([]);
  }, 900_000);
});
