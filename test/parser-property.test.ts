// Property tests: on random Dockerfile-like text and on mutated real Dockerfiles, the parser never
// throws, every range lies inside the text with start <= end, and segments map back to the source.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dump, parse, parseBytes } from '../src/parser/index.js';
import { heredocsFromLine, parseHeredocWord, shellWords } from '../src/parser/heredoc.js';
import { invariantViolations } from './parser-invariants.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const corpusFiles = path.resolve(repoRoot, '../shared/corpus/files');

// Pieces that exercise the lexer's corners: keywords, escapes, continuations, heredocs, JSON, flags.
const PIECES = [
  'FROM ', 'RUN ', 'COPY ', 'ADD ', 'ENV ', 'LABEL ', 'ARG ', 'ONBUILD ', 'HEALTHCHECK ', 'SHELL ', 'CMD ', 'run ', 'From ',
  '# escape=`\n', '# syntax=x\n', '# check=skip=all\n', '#', '# c\n', '\\', '\\\n', '`', '`\n', '\\\\', '\n', '\r\n', '\r', ' ', '\t',
  '<<', '<<-', 'EOF', '<<EOF\n', '\nEOF\n', "'", '"', '[', ']', '["a", "b"]', '[1]', ',', '=', 'a=b ', '--', '--from=x ', '--mount=type=cache ',
  '$', '${', '}', 'a', 'b', 'AS ', 'x', '\u00a0', '\ufeff', '\u0000', 'é', '♥', '\ud83d\ude00', '\ud800',
];

const dockerfileish = fc.array(fc.constantFrom(...PIECES), { maxLength: 60 }).map((a) => a.join(''));

function check(text: string): void {
  const file = parse(text);
  expect(invariantViolations(file)).toEqual([]);
  expect(file.diagnostics.filter((d) => d.message.startsWith('internal parser error'))).toEqual([]);
  expect(typeof dump(file)).toBe('string');
}

// Tokens of JSON-ish argument text: exec forms are read directly when they are plain string
// arrays, and through JSON.parse otherwise; both must give what JSON.parse gives.
const JSON_PIECES = ['[', ']', ',', ' ', '\t', '\r', '"a"', '"b c"', '"é♥"', '"\\n"', '"\\u0041"', '"\\""', '"', '1', 'null', '"\ud800"', '"\u0001"', '"x', '{}', '-', 'a'];

describe('parser properties', () => {
  it('finds the heredocs of a line as the full shell lexer does, on the plain-line shortcut too', () => {
    // Reference: every line through the character-by-character lexer.
    const reference = (line: string) =>
      (shellWords(line, 0, line.length, true, true) ?? []).flatMap((w) => {
        if (!w.value.includes('<<')) return [];
        const h = parseHeredocWord(w.value);
        return h ? [{ ...h, start: w.start, end: w.end }] : [];
      });
    const piece = fc.constantFrom('<<', '<<-', 'EOF', 'E', '2', ' ', '  ', '\t', '$X', '$', '${X}', '${X:-', '$1', '$$', '$(', 'a=b', '--mount=type=cache,id=$TARGETPLATFORM', '\u00a0', '\u2000', '{', '}', ';', '&&', '|', 'é', '-');
    let lines = 0;
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 14 }).map((a) => a.join('')), (line) => {
        let expected: unknown;
        try {
          expected = reference(line);
        } catch (err) {
          expected = err instanceof Error ? err.message : err;
        }
        let got: unknown;
        try {
          got = heredocsFromLine(line, 0, line.length);
        } catch (err) {
          got = err instanceof Error ? err.message : err;
        }
        lines++;
        expect(got).toEqual(expected);
      }),
      { numRuns: 3000, seed: 11 },
    );
    expect(lines).toBe(3000);
  });

  it('reads exec-form arguments exactly as JSON.parse does', () => {
    const arrays = fc.array(fc.constantFrom(...JSON_PIECES), { maxLength: 12 }).map((a) => a.join(''));
    let execForms = 0;
    fc.assert(
      fc.property(fc.oneof(arrays, arrays.map((t) => `[${t}]`)), (args) => {
        const text = `FROM a\nCMD ${args}\n`;
        const cmd = parse(text).instructions[1]!;
        let expected: unknown;
        try {
          expected = JSON.parse(args.trim());
        } catch {
          expected = undefined;
        }
        const strings = Array.isArray(expected) && expected.every((v) => typeof v === 'string') ? (expected as string[]) : undefined;
        if (!strings || args.trim() !== args.replace(/^[ \t]+/, '') || args.startsWith('\r')) return; // error paths and trimming: covered elsewhere
        execForms++;
        expect(cmd.json).toBe(true);
        // Lone surrogates become U+FFFD, as Go's decoder makes them.
        const wellFormed = (v: string) => (v as unknown as { toWellFormed(): string }).toWellFormed();
        expect(cmd.args.map((a) => a.value)).toEqual(strings.map(wellFormed));
        // Each argument's range covers its quoted literal in the source.
        for (const a of cmd.args) expect(wellFormed(JSON.parse(text.slice(a.range.start, a.range.end)) as string)).toBe(a.value);
      }),
      { numRuns: 3000, seed: 7 },
    );
    expect(execForms).toBeGreaterThan(100);
  });

  it('never throws and keeps ranges valid on Dockerfile-like text', () => {
    fc.assert(fc.property(dockerfileish, (text) => check(text)), { numRuns: 1500 });
  });

  it('never throws on arbitrary strings', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (text) => check(text)), { numRuns: 500 });
  });

  it('never throws on arbitrary bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        const file = parseBytes(bytes);
        expect(invariantViolations(file)).toEqual([]);
      }),
      { numRuns: 500 },
    );
  });

  const samples = existsSync(corpusFiles) ? readdirSync(corpusFiles).sort().filter((_, i) => i % 40 === 0) : [];
  it.skipIf(samples.length === 0)('never throws on mutated corpus files', () => {
    const texts = samples.map((n) => readFileSync(path.join(corpusFiles, n), 'utf8'));
    const mutation = fc.record({
      file: fc.nat({ max: texts.length - 1 }),
      edits: fc.array(fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.nat({ max: 8 }), fc.constantFrom(...PIECES)), { minLength: 1, maxLength: 8 }),
    });
    fc.assert(
      fc.property(mutation, ({ file, edits }) => {
        let text = texts[file]!;
        for (const [where, del, insert] of edits) {
          const at = Math.floor(where * text.length);
          text = text.slice(0, at) + insert + text.slice(at + del);
        }
        check(text);
      }),
      { numRuns: 400 },
    );
  });
});
