// AST snapshots of fixtures/parser/*.Dockerfile: a compact outline of every node with its range,
// compared with the .snap file next to each fixture.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { SourceRange } from '../src/core/range.js';
import { parse, type Dockerfile, type Instruction } from '../src/parser/index.js';
import { invariantViolations } from './parser-invariants.js';

const dir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../fixtures/parser');

const pos = (r: SourceRange): string => `${r.startLine}:${r.startColumn}-${r.endLine}:${r.endColumn}`;

function outlineInstruction(ins: Instruction, indent: string): string[] {
  const out = [`${indent}${ins.keyword} (${ins.keywordRaw}) ${pos(ins.range)} stage=${ins.stageIndex}${ins.json ? ' json' : ''}`];
  out.push(`${indent}  original ${JSON.stringify(ins.original)} argsOffset=${ins.argsOffset} segments=${ins.segments.map((s) => `${s.logicalStart}+${s.length}@${s.sourceStart}`).join(',')}`);
  for (const f of ins.flags) out.push(`${indent}  flag ${f.name}=${JSON.stringify(f.value)} ${pos(f.range)} name ${pos(f.nameRange)} value ${f.valueRange ? pos(f.valueRange) : '-'}`);
  for (const a of ins.args) out.push(`${indent}  arg ${JSON.stringify(a.value)} ${pos(a.range)}`);
  for (const p of ins.pairs) out.push(`${indent}  pair ${JSON.stringify(p.key)}${p.sep || ' '}${JSON.stringify(p.value)} key ${pos(p.keyRange)} value ${pos(p.valueRange)}`);
  for (const h of ins.heredocs) {
    out.push(`${indent}  heredoc ${h.name} fd=${h.fileDescriptor} expand=${h.expand} chomp=${h.chomp} marker ${pos(h.markerRange)} body ${pos(h.bodyRange)} ${JSON.stringify(h.content)}`);
  }
  for (const c of ins.comments) out.push(`${indent}  comment ${JSON.stringify(c.text)} ${pos(c.range)}`);
  if (ins.prevComment.length > 0) out.push(`${indent}  prevComment ${JSON.stringify(ins.prevComment)}`);
  if (ins.trigger) out.push(...outlineInstruction(ins.trigger, indent + '  trigger '));
  return out;
}

function outline(file: Dockerfile): string {
  const lines = [`escape ${file.escapeChar}`];
  for (const d of file.directives) lines.push(`directive ${d.name}=${JSON.stringify(d.value)} ${pos(d.range)}`);
  for (const ins of file.instructions) lines.push(...outlineInstruction(ins, ''));
  for (const s of file.stages) lines.push(`stage ${s.index} name=${s.name} raw=${s.nameRaw} base=${s.base} platform=${s.platform} ${pos(s.range)}`);
  for (const d of file.diagnostics) lines.push(`${d.severity} ${d.code} ${pos(d.range)} ${d.message}`);
  return lines.join('\n') + '\n';
}

describe('parser fixtures', () => {
  const names = readdirSync(dir).filter((n) => n.endsWith('.Dockerfile')).sort();
  it.each(names)('%s', async (name) => {
    const file = parse(readFileSync(path.join(dir, name), 'utf8'));
    expect(invariantViolations(file)).toEqual([]);
    await expect(outline(file)).toMatchFileSnapshot(path.join(dir, `${name}.snap`));
  });
});
