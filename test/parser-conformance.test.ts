// BuildKit parser conformance: the upstream parser fixtures and the derived node data in
// ../shared/conformance/buildkit-parser must match byte for byte (dumps) and field for field.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { dump, parseBytes, parse, type Dockerfile, type Instruction } from '../src/parser/index.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const root = path.resolve(repoRoot, '../shared/conformance/buildkit-parser');
const present = existsSync(root);
if (!present) console.warn(`parser conformance skipped: ${root} is missing`);

interface DerivedNode {
  value?: string;
  next?: (string | { children: DerivedNode[] })[];
  flags?: string[];
  attributes?: { json?: boolean };
  heredocs?: { Name: string; FileDescriptor: number; Expand: boolean; Chomp: boolean; Content: string }[];
  original: string;
  startLine: number;
  endLine: number;
  prevComment?: string[];
}
interface DerivedRecord {
  name: string;
  dockerfile?: string;
  dump?: string;
  error?: string;
  escapeToken: string;
  warnings?: { short: string; line: number }[];
  children?: DerivedNode[];
}

/** BuildKit's parser alone, without the instruction-level checks of instructions.Parse. */
const BUILDKIT_PARSER_ONLY = { instructionChecks: false };

function errors(file: Dockerfile) {
  return file.diagnostics.filter((d) => d.severity === 'error');
}

/** The BuildKit parse error for a record, without the `(locations ...)` suffix. */
function expectedError(r: DerivedRecord): string {
  return r.error!.replace(/ \(locations .*\)$/, '');
}

function readRecords(file: string): DerivedRecord[] {
  return readFileSync(path.join(root, 'derived', file), 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as DerivedRecord);
}

function sourceOf(r: DerivedRecord): Buffer | null {
  if (r.dockerfile !== undefined) return Buffer.from(r.dockerfile, 'utf8');
  const p = path.join(root, r.name, 'Dockerfile');
  if (r.name === 'testfile-line') return readFileSync(path.join(root, 'testfile-line', 'Dockerfile'));
  return existsSync(p) ? readFileSync(p) : null;
}

function nodeArgs(ins: Instruction): string[] {
  return ins.args.map((a) => a.value);
}

function compareNode(ins: Instruction, n: DerivedNode, top: boolean): void {
  expect(ins.keywordRaw).toBe(n.value ?? '');
  expect(ins.original).toBe(n.original);
  expect(ins.flags.map((f) => f.raw)).toEqual(n.flags ?? []);
  expect(ins.json).toBe(Boolean(n.attributes?.json));
  const next = n.next ?? [];
  const sub = next.find((x): x is { children: DerivedNode[] } => typeof x !== 'string');
  if (sub) {
    expect(ins.trigger).toBeDefined();
    compareNode(ins.trigger!, sub.children[0]!, false);
  } else {
    expect(nodeArgs(ins)).toEqual(next);
  }
  if (top) {
    expect(ins.range.startLine).toBe(n.startLine);
    expect(ins.range.endLine).toBe(n.endLine);
    expect(ins.prevComment).toEqual(n.prevComment ?? []);
    expect(
      ins.heredocs.map((h) => ({ Name: h.name, FileDescriptor: h.fileDescriptor, Expand: h.expand, Chomp: h.chomp, Content: h.content })),
    ).toEqual(n.heredocs ?? []);
  }
}

function checkRecord(r: DerivedRecord): void {
  const src = sourceOf(r);
  expect(src, `source of ${r.name}`).not.toBeNull();
  const file = parseBytes(src!, BUILDKIT_PARSER_ONLY);
  if (r.error !== undefined) {
    const msgs = errors(file).map((d) => d.message);
    expect(msgs).toContain(expectedError(r));
    return;
  }
  expect(errors(file)).toEqual([]);
  expect(dump(file)).toBe(r.dump);
  expect(file.escapeChar).toBe(r.escapeToken);
  const children = r.children ?? [];
  expect(file.instructions.length).toBe(children.length);
  children.forEach((n, i) => compareNode(file.instructions[i]!, n, true));
  const warnings = file.diagnostics.filter((d) => d.code === 'NoEmptyContinuation');
  expect(warnings.map((w) => w.range.startLine)).toEqual((r.warnings ?? []).map((w) => w.line));
}

describe.skipIf(!present)('BuildKit parser testfiles', () => {
  const dirs = present ? readdirSync(path.join(root, 'testfiles')).sort() : [];
  it('has all 33 positive fixtures', () => expect(dirs.length).toBe(33));
  it.each(dirs)('%s dumps byte-exactly', (dir) => {
    const src = readFileSync(path.join(root, 'testfiles', dir, 'Dockerfile'));
    const want = readFileSync(path.join(root, 'testfiles', dir, 'result'), 'utf8');
    const file = parseBytes(src, BUILDKIT_PARSER_ONLY);
    expect(errors(file)).toEqual([]);
    expect(dump(file) + '\n').toBe(want);
  });

  const negatives = present ? readdirSync(path.join(root, 'testfiles-negative')).sort() : [];
  it('has all 4 negative fixtures', () => expect(negatives.length).toBe(4));
  it.each(negatives)('%s is rejected', (dir) => {
    const file = parseBytes(readFileSync(path.join(root, 'testfiles-negative', dir, 'Dockerfile')), BUILDKIT_PARSER_ONLY);
    expect(errors(file).length).toBeGreaterThan(0);
  });

  it('keeps BuildKit line numbers (TestParseIncludesLineNumbers)', () => {
    const file = parseBytes(readFileSync(path.join(root, 'testfile-line', 'Dockerfile')));
    const lines = file.instructions.map((i) => [i.range.startLine, i.range.endLine]);
    expect(lines).toEqual([[5, 5], [11, 12], [17, 31]]);
    expect(file.instructions[0]!.range.startLine).toBe(5);
    expect(file.instructions.at(-1)!.range.endLine).toBe(31);
  });

  it('reports an over-long line as BuildKit does (TestParseReturnsScannerErrors)', () => {
    const file = parse(`FROM a\nLABEL x=${'a'.repeat(70000)}\n`);
    expect(errors(file).map((d) => d.message)).toEqual(['dockerfile line greater than max allowed size of 65535']);
    expect(errors(file)[0]!.range.startLine).toBe(2);
  });
});

for (const name of ['ast.jsonl', 'edge-cases.jsonl', 'unit-test-dockerfiles.jsonl']) {
  describe.skipIf(!present)(`derived/${name}`, () => {
    const records = present ? readRecords(name) : [];
    it('is not empty', () => expect(records.length).toBeGreaterThan(0));
    it.each(records.map((r) => [r.name, r] as const))('%s', (_n, r) => checkRecord(r));
  });
}
