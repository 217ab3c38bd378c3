// The oracle of `dockhand format`: random Dockerfiles built from fragments aimed at layout edge
// cases (the backtick escape, continuations holding comments and blank lines, whitespace after the
// escape, heredocs, odd JSON, mixed-case keywords, ONBUILD, long lines, tabs, CRLF, a BOM, parser
// directives where they count and where they do not). For each one that parses without errors:
// - the meaning is kept: BuildKit's view of every instruction (keyword, flags, arguments, JSON
//   form, heredoc bodies), the directives, the escape character, the comments (PrevComment
//   included), the plan's cache keys and the outline (which reads ARG and stage descriptions);
// - formatting again changes nothing;
// - lint (every rule) finds the same, by rule and instruction, apart from the casing rules that
//   format exists to satisfy;
// - the language server's document and whole-range formatting give the CLI's text, and the CLI
//   prints it (reading the bytes, BOM included) with exit 0.
// A file with syntax errors must be refused by the CLI (exit 1) and left alone by the editor.
//
// CI runs DOCKHAND_FORMAT_ORACLE_RUNS (default 500) cases; set it higher by hand, with
// DOCKHAND_FORMAT_ORACLE_SEED to replay one seed.
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { format, formatFile } from '../src/format/index.js';
import { initLinter } from '../src/linter/index.js';
import { parse } from '../src/parser/index.js';
import { formatting, rangeFormatting } from '../src/service/formatting.js';
import { runCaptured } from './cli-io.js';
import { findings, keys, meaning, outline, sections } from './format-invariants.js';

const RUNS = Number(process.env.DOCKHAND_FORMAT_ORACLE_RUNS ?? 500);
const SEED = process.env.DOCKHAND_FORMAT_ORACLE_SEED === undefined ? undefined : Number(process.env.DOCKHAND_FORMAT_ORACLE_SEED);

// ---------------------------------------------------------------------------------------------
// Fragments. `§` stands for the escape character of the file (a backslash, or a backtick under
// `# escape=\``); `\n` is a line end (made CRLF or LF later).

const casing = fc.constantFrom('upper', 'upper', 'lower', 'mixed', 'title');
const kw = (word: string) =>
  casing.map((c) =>
    c === 'upper' ? word.toUpperCase() : c === 'lower' ? word.toLowerCase() : c === 'title' ? word[0]!.toUpperCase() + word.slice(1).toLowerCase() : [...word].map((ch, i) => (i % 2 ? ch.toLowerCase() : ch.toUpperCase())).join(''),
  );
const gap = fc.constantFrom(' ', ' ', '  ', '\t', ' \t ');
const tail = fc.constantFrom('', '', '', ' ', '\t', '  \t ');
const indent = fc.constantFrom('', '', '  ', '    ', '\t');

/** Lines between a continued line and its continuation: blank, white, comments (BuildKit drops them). */
const inside = fc.constantFrom('', '   ', '\t', '# inside', '  # indented inside', '#', '# ends with escape §', '#no space', '# trailing   ', '§', '  §  ', '\u00a0', '\f');
/** A continued instruction: its first line's text and continuation lines. */
const continued = (head: fc.Arbitrary<string>, parts: fc.Arbitrary<string>) =>
  fc
    .tuple(head, fc.array(fc.tuple(fc.constantFrom('', ' ', '   '), tail, fc.array(inside, { maxLength: 2 }), indent, parts), { minLength: 1, maxLength: 3 }))
    .map(([h, rest]) => h + rest.map(([before, after, ins, ind, p]) => `${before}§${after}\n${ins.map((l) => `${l}\n`).join('')}${ind}${p}`).join(''));

const image = fc.constantFrom('alpine:3.20', 'scratch', '$BASE', 'build', 'debian@sha256:' + 'a'.repeat(64), '--platform=linux/arm64 alpine', '--platform=$BUILDPLATFORM golang:1.22');
const asName = fc.constantFrom('', ' as build', ' AS build', ' As Build', '\tas\tb2', ' aS x', ' §\n  as build', ' a§\ns b3', ' §\n# c\n\tAs §\n  b4', ' as§\n build');
const from = fc.tuple(kw('FROM'), gap, image, asName, tail).map(([k, g, i, a, t]) => `${k}${g}${i}${a}${t}`);

const arg = fc.tuple(kw('ARG'), gap, fc.constantFrom('BASE=alpine:3.20', 'V', 'V=1', 'A=1 B="x y"', 'TARGETOS', 'X="a b"')).map(([k, g, a]) => `${k}${g}${a}`);

const shellWords = fc.constantFrom('echo hi', 'apk add --no-cache curl', 'apt-get update && apt-get install -y git', 'cd /tmp', 'echo "a   b"', "echo 'x\ty'", 'echo $HOME ${X:-y}', 'make # trailing', 'echo §$ not-escape', 'sudo rm -rf /', 'pip install flask', 'echo a § b', 'echo nbsp §\u00a0', 'echo ff §\f', 'echo a § # not a comment', 'echo ["json", "like"]');
const run = fc.tuple(kw('RUN'), gap, fc.constantFrom('', '--mount=type=cache,target=/root/.cache ', '--network=none ', '--mount=type=secret,id=a '), shellWords, tail).map(([k, g, f, w, t]) => `${k}${g}${f}${w}${t}`);
const runContinued = continued(
  fc.oneof(
    fc.tuple(kw('RUN'), gap, shellWords).map(([k, g, w]) => `${k}${g}${w}`),
    // The keyword alone on its line, or split by the escape (BuildKit joins the lines first).
    kw('RUN'),
    fc.constantFrom('RU§\nN echo split', 'ru§\nn  echo split', 'R§\n# c\nUN echo split'),
  ),
  fc.constantFrom('&& echo b', '&& rm -rf /var/lib/apt/lists/*', 'c', '  d   ', '"quoted §"', '[ -f x ]', '§§', 'a§ b'),
);

/** Heredocs: plain, chomped, quoted delimiters, several on one line, bodies with odd whitespace. */
const body = fc.array(fc.constantFrom('echo one', '  indented  ', '\ttabbed', '', '   ', 'line with §', '# a comment in a body', 'EOFX', 'echo $HOME'), { maxLength: 4 });
const heredoc = fc.oneof(
  fc.tuple(kw('RUN'), gap, fc.constantFrom('<<EOF', '<<-EOF', '<<"EOF"', "<<'EOF'", '<<EOF bash', 'cat <<EOF > /x', 'python3 <<-"EOF"', '3<<EOF cat /dev/fd/3'), tail, body, fc.constantFrom('EOF', 'EOF', 'EOF', '\tEOF', 'EOF ', ' EOF'))
    .map(([k, g, m, t, b, term]) => `${k}${g}${m}${t}\n${b.map((l) => `${l}\n`).join('')}${m.includes('-') && term === ' EOF' ? 'EOF' : m.includes('-') ? term : 'EOF'}`),
  fc.tuple(kw('COPY'), gap, body, body).map(([k, g, a, b]) => `${k}${g}<<A <<"B" /dst/\n${a.map((l) => `${l}\n`).join('')}A\n${b.map((l) => `${l}\n`).join('')}B`),
  fc.tuple(kw('RUN'), gap, body, body).map(([k, g, a, b]) => `${k}${g}cat <<ONE && cat <<-TWO §\n  && echo done\n${a.map((l) => `${l}\n`).join('')}ONE\n${b.map((l) => `\t${l}\n`).join('')}\tTWO`),
  fc.tuple(kw('COPY'), gap, fc.constantFrom('--chmod=755 ', ''), body).map(([k, g, f, b]) => `${k}${g}${f}<<EOF /x.sh\n${b.map((l) => `${l}\n`).join('')}EOF`),
);

/** JSON forms, valid or not (invalid JSON is shell form for BuildKit). */
const jsonArgs = fc.constantFrom('["a","b"]', '[ "a" ,  "b" ]', '["a", \'b\']', '["x"', '[]', '[ ]', '["a\\\\b", "c\\"d"]', '["/bin/sh", "-c", "echo   hi"]', '[ "a" ]   ', '["é", "☃"]', '["a",]', '[\t"tab"\t]');
const jsonIns = fc.tuple(fc.constantFrom('CMD', 'ENTRYPOINT', 'SHELL', 'VOLUME', 'RUN', 'HEALTHCHECK CMD'), gap, jsonArgs, tail).chain(([w, g, j, t]) =>
  kw(w.split(' ')[0]!).map((k) => `${k}${w.includes(' ') ? w.slice(w.indexOf(' ')) : ''}${g}${j}${t}`),
);
const jsonContinued = fc.tuple(kw('CMD'), gap).chain(([k, g]) => continued(fc.constant(`${k}${g}["a",`), fc.constantFrom('"b"]', ' "c", "d"]', '"e"  ]')));

const onbuild = fc.tuple(kw('ONBUILD'), gap, fc.oneof(run, jsonIns, fc.tuple(kw('COPY'), gap).map(([k, g]) => `${k}${g}. /app`), fc.tuple(kw('RUN'), gap).map(([k, g]) => `${k}${g}<<EOF\necho onbuild\nEOF`)))
  .map(([k, g, rest]) => `${k}${g}${rest}`);
const onbuildContinued = fc.oneof(
  fc.tuple(kw('ONBUILD'), gap, kw('RUN')).chain(([k, g, r]) => continued(fc.constant(`${k}${g}${r} echo a`), fc.constantFrom('&& b', 'c  ', '  d'))),
  fc.tuple(kw('ONBUILD'), gap, kw('RUN')).map(([k, g, r]) => `${k}${g}§\n  ${r}  echo next-line`),
);

const kv = fc.oneof(
  fc.tuple(kw('ENV'), gap, fc.constantFrom('A=1', 'A 1', 'A="x y" B=2', 'PATH=/x:$PATH', 'A=a\\ b', 'A= B=')).map(([k, g, a]) => `${k}${g}${a}`),
  fc.tuple(kw('LABEL'), gap, fc.constantFrom('a=b', 'org.opencontainers.image.title="x"', 'desc="café ☃"', '"quoted key"=v')).map(([k, g, a]) => `${k}${g}${a}`),
  fc.tuple(kw('ENV'), gap).chain(([k, g]) => continued(fc.constant(`${k}${g}A=1`), fc.constantFrom('B=2', 'C="3 4"', 'D=§$x'))),
  fc.tuple(kw('LABEL'), gap).chain(([k, g]) => continued(fc.constant(`${k}${g}a=1`), fc.constantFrom('b=2', 'c="x"'))),
);

const copy = fc.oneof(
  fc.tuple(kw('COPY'), gap, fc.constantFrom('', '--from=build ', '--chown=1:1 ', '--link ', '--chmod=644 --link ', '--exclude=*.md ', '--from=build\t', '--parents '), fc.constantFrom('a.txt /a', '. /app', '["a.txt", "/b/"]', 'dir/ /d/', '*.txt /t/', '[ "a.txt" ,"/c/" ]'), tail),
  fc.tuple(kw('ADD'), gap, fc.constantFrom('', '--chown=1:1 ', '--checksum=sha256:' + 'b'.repeat(64) + ' ', '--keep-git-dir=true ', '--link '), fc.constantFrom('a.txt /a', 'https://example.com/x.tgz /x', 'x.tgz /'), tail),
).map(([k, g, f, s, t]) => `${k}${g}${f}${s}${t}`);
const copyContinued = fc.tuple(kw('COPY'), gap).chain(([k, g]) => continued(fc.constant(`${k}${g}--chown=1:1 a.txt`), fc.constantFrom('b.txt', '/dest/', '--link')).map((t) => `${t} /z/`));

const misc = fc
  .tuple(fc.constantFrom('WORKDIR /w', 'WORKDIR app', 'USER 1000', 'USER root', 'EXPOSE 80/tcp 443', 'EXPOSE 22', 'STOPSIGNAL SIGTERM', 'MAINTAINER me <m@e>', 'HEALTHCHECK --interval=5s CMD curl -f http://x/', 'HEALTHCHECK NONE', 'CMD echo hi', 'ENTRYPOINT exec app', 'ARG V=2', 'VOLUME /data /logs', 'WORKDIR C:\\app\\', 'RUN echo cr\rmid', 'RUN echo crs\r\r', 'USER a\\ \r'), gap, tail)
  .chain(([line, g, t]) => {
    const sp = line.indexOf(' ');
    return kw(line.slice(0, sp)).map((k) => `${k}${g}${line.slice(sp + 1)}${t}`);
  });

const longLine = fc.tuple(kw('RUN'), fc.integer({ min: 200, max: 6000 }), fc.boolean()).map(([k, n, cont]) => `${k} echo ${'x'.repeat(n)}${cont ? ` §\n  && echo ${'y'.repeat(n)}` : ''}`);
const comment = fc.constantFrom('# comment', '#', '# hadolint ignore=DL3008', '# hadolint ignore=DL3059,DL3003', '# dockhand ignore=DL3059', '# dockhand global ignore=DL3006', '   # indented comment', '\t#tab comment', '# syntax=docker/dockerfile:1', '# escape=`', '# check=skip=all', '# comment ending with escape §', '# build A stage description', '# V the version', '#   spaced   ', '# line\u2028separator', '#\tescape=§', '# hadolint ignore=DL3006 # reason');
const blank = fc.constantFrom('', '', '', '   ', '\t', '\u00a0', '\v', ' \r', '\u0085', '\u3000');
/** A line holding only the escape between instructions: BuildKit joins the next line to it. */
const loneEscape = fc.constantFrom('§', '  §', '§  ');
const danglingEscape = fc.tuple(kw('RUN'), gap).map(([k, g]) => `${k}${g}echo last §`);
const indented = fc.tuple(fc.constantFrom('  ', '\t', ' \t'), fc.oneof(run, misc, copy)).map(([i, r]) => `${i}${r}`);

const instruction = fc.oneof(
  { arbitrary: run, weight: 3 },
  { arbitrary: runContinued, weight: 4 },
  { arbitrary: heredoc, weight: 4 },
  { arbitrary: jsonIns, weight: 3 },
  { arbitrary: jsonContinued, weight: 1 },
  { arbitrary: onbuild, weight: 2 },
  { arbitrary: onbuildContinued, weight: 1 },
  { arbitrary: kv, weight: 2 },
  { arbitrary: copy, weight: 2 },
  { arbitrary: copyContinued, weight: 1 },
  { arbitrary: misc, weight: 3 },
  { arbitrary: longLine, weight: 1 },
  { arbitrary: from, weight: 2 },
  { arbitrary: indented, weight: 1 },
);
const between = fc.array(fc.oneof({ arbitrary: comment, weight: 2 }, { arbitrary: blank, weight: 3 }, { arbitrary: loneEscape, weight: 1 }), { maxLength: 3 });


const dockerfile = fc
  .record({
    backtick: fc.boolean(),
    escapeAt: fc.constantFrom(0, 0, 0, 0, 0, 0, 1, 2, -1),
    header: fc.tuple(fc.constantFrom('# syntax=docker/dockerfile:1', '#syntax = docker/dockerfile:1.7', '# SYNTAX=x'), fc.constantFrom('# check=skip=JSONArgsRecommended', '# check=error=true'))
      .chain(([syntax, check]) => fc.shuffledSubarray([syntax, check, '# comment', '', '#', '  # escape=\\', '# directive=unknown', '   ', '#  Escape = \\ '], { maxLength: 3 })),
    metaArgs: fc.array(fc.tuple(between, arg), { maxLength: 2 }),
    beforeFrom: between,
    firstFrom: from,
    body: fc.array(fc.tuple(between, instruction, tail), { maxLength: 8 }),
    end: fc.oneof(fc.constantFrom('\n', '', '\n\n\n', '\n   \n', '\n\t'), danglingEscape.map((d) => `\n${d}`)),
    eol: fc.constantFrom('lf', 'lf', 'crlf', 'mixed'),
    mixSeed: fc.integer({ min: 0, max: 1 << 20 }),
    bom: fc.constantFrom(false, false, false, true),
    // A few characters that matter to layout, dropped anywhere.
    noise: fc.oneof({ arbitrary: fc.constant([] as [number, string][]), weight: 2 }, { arbitrary: fc.array(fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.constantFrom(' ', '\t', '\r', '\n', '§', '#', '"', '[', ' <<EOF', '\u00a0', ' \n', '§\n', '\n\n')), { minLength: 1, maxLength: 3 }), weight: 1 }),
  })
  .map((r) => {
    const esc = r.backtick ? '`' : '\\';
    const header = [...r.header];
    if (r.backtick && r.escapeAt >= 0) header.splice(Math.min(r.escapeAt, header.length), 0, '# escape=`');
    const lines: string[] = [...header];
    for (const [b, a] of r.metaArgs) lines.push(...b, a);
    lines.push(...r.beforeFrom, r.firstFrom);
    // Trailing blanks after a heredoc's terminator would leave it unterminated.
    for (const [b, ins, t] of r.body) lines.push(...b, /<</.test(ins) ? ins : ins + t);
    let text = lines.join('\n') + r.end;
    for (const [at, what] of r.noise) {
      const i = Math.floor(at * text.length);
      text = text.slice(0, i) + what + text.slice(i);
    }
    text = text.replace(/§/g, esc);
    if (r.eol !== 'lf') {
      let k = r.mixSeed;
      text = text.replace(/\n/g, () => {
        k = (k * 1103515245 + 12345) & 0x7fffffff;
        return r.eol === 'crlf' || k % 3 === 0 ? '\r\n' : '\n';
      });
    }
    return (r.bom ? '\uFEFF' : '') + text;
  });

function applyEdits(text: string, edits: { start: number; end: number; text: string }[]): string {
  let out = text;
  for (const e of [...edits].sort((a, b) => b.start - a.start)) out = out.slice(0, e.start) + e.text + out.slice(e.end);
  return out;
}

const refusals = new Map<string, number>();
/** Every check on one input; returns whether it was formatted (false: refused for syntax errors). */
export async function checkFormat(text: string, part: [number, number] = [0, 0]): Promise<boolean> {
  const file = parse(text);
  const cli = await runCaptured(['format', '-'], { cwd: '/', stdin: Buffer.from(text) });
  if (file.diagnostics.some((d) => d.severity === 'error')) {
    const why = file.diagnostics.find((d) => d.severity === 'error')!.message.replace(/\d+|".*"|'.*'/g, 'N').slice(0, 60);
    refusals.set(why, (refusals.get(why) ?? 0) + 1);
    expect(cli.code).toBe(1);
    expect(cli.stderr).toMatch(/not formatted/);
    expect(formatting(text)).toEqual([]);
    return false;
  }
  const once = formatFile(file);
  const after = parse(once);
  expect(after.diagnostics.filter((d) => d.severity === 'error').map((d) => d.message), 'formatted text has errors').toEqual([]);
  expect(meaning(after)).toEqual(meaning(file));
  expect(format(once), 'idempotent').toBe(once);
  expect(sections(after), 'blank-line-separated sections').toEqual(sections(file));
  expect(keys(after), 'plan keys').toEqual(keys(file));
  expect(outline(after), 'outline').toEqual(outline(file));
  const [was, is] = [findings(file), findings(after)];
  expect(is.kept, 'lint findings').toEqual(was.kept);
  for (const [code, n] of is.layout) expect(n, `${code} gained`).toBeLessThanOrEqual(was.layout.get(code) ?? 0);
  expect(applyEdits(text, formatting(text)), 'LSP document formatting').toBe(once);
  expect(applyEdits(text, rangeFormatting(text, { start: 0, end: text.length })), 'LSP range formatting of everything').toBe(once);
  expect(cli).toEqual({ code: 0, stdout: once, stderr: '' });
  // An editor's range formatting changes some lines only: any such subset keeps the meaning too.
  const [a, b] = part.map((x) => Math.floor(x * text.length)).sort((x, y) => x - y) as [number, number];
  const some = applyEdits(text, rangeFormatting(text, { start: a, end: b }));
  expect(meaning(parse(some)), `range formatting of ${a}..${b}`).toEqual(meaning(file));
  return true;
}

describe('format oracle: random layouts keep their meaning, findings and formatting', () => {
  beforeAll(() => initLinter());

  it(`for ${RUNS} generated Dockerfiles`, async () => {
    let formatted = 0;
    let refused = 0;
    await fc.assert(
      fc.asyncProperty(dockerfile, fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true })), async (text, part) => {
        if (await checkFormat(text, part)) formatted++;
        else refused++;
      }),
      { numRuns: RUNS, seed: SEED },
    );
    if (process.env.DOCKHAND_FORMAT_ORACLE_RUNS) console.log(`format oracle: ${formatted} formatted, ${refused} refused (syntax errors)`, [...refusals].sort((a, b) => b[1] - a[1]).slice(0, 8));
    // Most generated files must be formattable, or the test checks little.
    expect(formatted).toBeGreaterThan(refused);
  }, 600_000);
});
