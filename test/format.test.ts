// `dockhand format` keeps the parsed file the same: BuildKit's dump (every instruction's
// arguments and flags) is equal before and after, over every corpus file, and so are the rest of
// what format-invariants.ts compares (ONBUILD expressions, heredocs, comments, plan keys, the
// outline, findings by rule and place); formatting twice changes nothing more; and the cases below
// pin what it does change. test/format-oracle.test.ts does the same for generated files.
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { format } from '../src/format/index.js';
import { lint } from '../src/linter/index.js';
import { decode, dump, parse } from '../src/parser/index.js';
import { findings, keys, meaning, outline } from './format-invariants.js';

const corpus = resolve('../shared/corpus/files');

/** BuildKit's dump with FROM's `as` token compared case-blind (the formatter upper-cases it). */
function shape(text: string): string {
  const file = parse(text);
  return dump(file).replace(/^\(from (.*?) "as" /gim, '(from $1 "AS" ');
}

describe('format', () => {
  it('upper-cases keywords and AS, one space after the keyword, trims what BuildKit trims', () => {
    expect(format('from   alpine as Build\nrun\techo hi   \n\n\n\ncmd ["x"]  \n\n\n')).toBe('FROM alpine AS Build\nRUN echo hi\n\nCMD ["x"]\n');
    expect(format('FROM a\nonbuild   run  echo x\n')).toBe('FROM a\nONBUILD run  echo x\n');
  });

  it('never touches whitespace that can be part of a command', () => {
    const text = 'FROM a\nRUN echo "a   \\   \n   b"   \\\n\t&& c\n';
    expect(format(text)).toBe('FROM a\nRUN echo "a   \\\n   b"   \\\n\t&& c\n');
    const heredoc = 'FROM a\nRUN <<EOF\n  trailing   \n\n\n\nEOF\n';
    expect(format(heredoc)).toBe(heredoc);
    const open = 'FROM a\nRUN <<EOF\nnever ends  \n\n';
    expect(format(open)).toBe(open);
  });

  it("leaves an ONBUILD trigger as written: BuildKit stores it in the image's OnBuild list", () => {
    // The expression after ONBUILD is the logical line as written (trigger keyword's case, the
    // gap after it, trailing blanks): format may touch ONBUILD itself, its indentation and the
    // gap after it, nothing of the trigger.
    expect(format('  onbuild   run  echo x \t')).toBe('  ONBUILD run  echo x \t\n');
    expect(format('onbuild Copy\t. /app  \\  \n  /x  \n')).toBe('ONBUILD Copy\t. /app  \\\n  /x  \n');
    // The trigger on a continuation line of its own is left alone too.
    expect(format('onbuild \\\n  run  echo x\n')).toBe('ONBUILD \\\n  run  echo x\n');
    const expression = (t: string) => parse(t).instructions.map((i) => i.original.replace(/^[\t\n\f\r ]*ONBUILD[\t\n\f\r ]*/i, ''));
    for (const t of ['FROM a\nonbuild run  echo x  \n', 'FROM a\nONBUILD\tRun echo a\\\n&& b \n']) expect(expression(format(t))).toEqual(expression(t));
  });

  it('keeps a blank line that stops parser directives, CRLF line ends and a BOM', () => {
    expect(format('\n\n# syntax=docker/dockerfile:1\nFROM a\n')).toBe('\n# syntax=docker/dockerfile:1\nFROM a\n');
    expect(format('\uFEFFfrom a\r\nrun x  \r\n\r\n\r\n')).toBe('\uFEFFFROM a\r\nRUN x\r\n');
    expect(format('# escape=`\nFROM a\nRUN echo a `   \n  b\n')).toBe('# escape=`\nFROM a\nRUN echo a `\n  b\n');
    // Mixed line ends: the last line keeps its own (dropping blank lines at the end must not make
    // another line end dominant for the next run); one is added only where the file has none.
    const mixed = format('FROM a\r\nRUN b\r\nRUN c\n\n\n');
    expect(mixed).toBe('FROM a\r\nRUN b\r\nRUN c\n');
    expect(format(mixed)).toBe(mixed);
    expect(format('FROM a\r\nRUN b\r\nRUN c\nRUN d')).toBe('FROM a\r\nRUN b\r\nRUN c\nRUN d\r\n');
    // A keyword (or AS) split by continuations is upper-cased piece by piece, in place: the escapes,
    // line ends and comment lines between the pieces stay (BuildKit joins the lines before reading
    // it). Leaving it as written would change the casing majority, or make FROM and AS differ:
    // BuildKit's casing checks, which fail the build under `# check=error=true`.
    expect(format('FROM a\nru\\\nn  x\n')).toBe('FROM a\nRU\\\nN x\n');
    expect(format('FROM a\r\nr\\\r\n# c\r\nun x  \r\n')).toBe('FROM a\r\nR\\\r\n# c\r\nUN x\r\n');
    expect(format('from alpine \\\n  as build\n')).toBe('FROM alpine \\\n  AS build\n');
    expect(format('from alpine a\\\ns \\\n b\n')).toBe('FROM alpine A\\\nS \\\n b\n');
    for (const t of ['# check=error=true\nfrom a\nru\\\nn  x\n', 'from alpine \\\n  as build\n']) {
      const casing = (x: string) => lint(x).diagnostics.filter((d) => /Casing/.test(d.code)).length;
      expect(casing(format(t)), t).toBe(0);
    }
    // A carriage return before the trailing blanks of an LF line: trimming the blanks would make
    // it a CRLF line end, and `a\\ \r` a continuation (`\\` then a line end); such a line stays.
    expect(format('FROM a\nUSER a\\ \r \nRUN x\n')).toBe('FROM a\nUSER a\\ \r \nRUN x\n');
    expect(format('FROM a\nUSER a\\ \r\t')).toBe('FROM a\nUSER a\\ \r\t\n');
    expect(format('FROM a\nRUN x \\\n  y \r  \n')).toBe('FROM a\nRUN x \\\n  y \r  \n');
    expect(format('')).toBe('');
    expect(format('   \n\n')).toBe('');
  });

  it('keeps the parse of every corpus file and is idempotent', () => {
    if (!existsSync(corpus)) {
      console.warn(`SKIPPED: ${corpus} is absent; the corpus check of format did not run`);
      return;
    }
    let checked = 0;
    for (const name of readdirSync(corpus).sort()) {
      const text = decode(readFileSync(join(corpus, name))).text;
      if (parse(text).diagnostics.some((d) => d.severity === 'error')) continue;
      const once = format(text);
      expect(shape(once), name).toBe(shape(text));
      expect(format(once), name).toBe(once);
      if (once !== text) {
        // The rest of what format must keep (see format-invariants.ts): the ONBUILD expressions,
        // heredoc bodies, comments; plan keys and the outline; every finding by rule and place
        // (casing findings may go, none may come).
        const [a, b] = [parse(text), parse(once)];
        expect(meaning(b), name).toEqual(meaning(a));
        expect(keys(b), name).toEqual(keys(a));
        expect(outline(b), name).toEqual(outline(a));
        const [was, is] = [findings(a), findings(b)];
        expect(is.kept, name).toEqual(was.kept);
        for (const [code, n] of is.layout) expect(n, `${name}: ${code}`).toBeLessThanOrEqual(was.layout.get(code) ?? 0);
      }
      checked++;
    }
    expect(checked).toBeGreaterThan(3500);
  });
});
