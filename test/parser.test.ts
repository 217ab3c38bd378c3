// Parser behaviour the BuildKit fixtures do not show: exact ranges, segments and argsOffset across
// continuations and dropped comment lines, heredoc ranges, stages, recovery and bad input.
import { describe, expect, it } from 'vitest';
import { decode, dump, parse, parseBytes, sourceEndOffset, sourceOffset, type Dockerfile } from '../src/parser/index.js';
import { invariantViolations } from './parser-invariants.js';

function p(text: string): Dockerfile {
  const file = parse(text);
  expect(invariantViolations(file)).toEqual([]);
  return file;
}

/** The source text a range covers. */
function at(file: Dockerfile, r: { start: number; end: number }): string {
  return file.text.slice(r.start, r.end);
}

function errors(file: Dockerfile): string[] {
  return file.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.range.startLine}: ${d.message}`);
}

describe('ranges', () => {
  it('covers keyword, flags, args and the instruction', () => {
    const f = p('FROM alpine\nCOPY --from=build --chown="a b" src/ /dst/\n');
    const copy = f.instructions[1]!;
    expect(at(f, copy.range)).toBe('COPY --from=build --chown="a b" src/ /dst/');
    expect(at(f, copy.keywordRange)).toBe('COPY');
    expect(copy.flags.map((fl) => [fl.name, fl.value, fl.raw, at(f, fl.range), at(f, fl.nameRange), at(f, fl.valueRange!)])).toEqual([
      ['from', 'build', '--from=build', '--from=build', 'from', 'build'],
      ['chown', 'a b', '--chown=a b', '--chown="a b"', 'chown', '"a b"'],
    ]);
    expect(copy.args.map((a) => at(f, a.range))).toEqual(['src/', '/dst/']);
    expect(at(f, copy.argsRange)).toBe('src/ /dst/');
    expect(copy.range).toMatchObject({ startLine: 2, startColumn: 1, endLine: 2, endColumn: 43 });
  });

  it('gives a flag without value a null valueRange', () => {
    const f = p('FROM a\nCOPY --link x y\n');
    const fl = f.instructions[1]!.flags[0]!;
    expect([fl.name, fl.value, fl.valueRange, at(f, fl.nameRange)]).toEqual(['link', null, null, 'link']);
  });

  it('points JSON arguments at their quoted strings', () => {
    const f = p('FROM a\nCMD [ "echo", "a \\"b\\"" ]\n');
    const cmd = f.instructions[1]!;
    expect(cmd.json).toBe(true);
    expect(cmd.args.map((a) => [a.value, at(f, a.range)])).toEqual([
      ['echo', '"echo"'],
      ['a "b"', '"a \\"b\\""'],
    ]);
  });

  it('ranges ENV and LABEL pairs, including the legacy form', () => {
    const f = p('FROM a\nENV A=1 B="2 3"\nENV C  some value \nLABEL "x.y"=z\n');
    const env = f.instructions[1]!;
    expect(env.pairs.map((kv) => [kv.key, kv.value, kv.sep, at(f, kv.range), at(f, kv.keyRange), at(f, kv.valueRange)])).toEqual([
      ['A', '1', '=', 'A=1', 'A', '1'],
      ['B', '"2 3"', '=', 'B="2 3"', 'B', '"2 3"'],
    ]);
    const legacy = f.instructions[2]!;
    expect(legacy.pairs.map((kv) => [kv.key, kv.value, kv.sep, at(f, kv.valueRange)])).toEqual([['C', 'some value', '', 'some value']]);
    expect(f.instructions[3]!.pairs.map((kv) => [kv.key, at(f, kv.keyRange)])).toEqual([['"x.y"', '"x.y"']]);
  });

  it('keeps ranges right with CRLF line endings', () => {
    const f = p('FROM a\r\nRUN echo a \\\r\n  b\r\nCMD ["x"]\r\n');
    const run = f.instructions[1]!;
    expect(run.original).toBe('RUN echo a   b');
    expect(at(f, run.range)).toBe('RUN echo a \\\r\n  b');
    expect(run.range).toMatchObject({ startLine: 2, endLine: 3, endColumn: 4 });
    expect(at(f, f.instructions[2]!.args[0]!.range)).toBe('"x"');
  });

  it('ranges heredoc markers, bodies and terminators', () => {
    const f = p('FROM a\nCOPY <<A <<-"B" /dst/\naaa\nA\n\tbbb\n\tB\nRUN x\n');
    const copy = f.instructions[1]!;
    expect(copy.heredocs.map((h) => [h.name, h.expand, h.chomp, h.content, at(f, h.markerRange), at(f, h.bodyRange), at(f, h.terminatorRange!)])).toEqual([
      ['A', true, false, 'aaa\n', '<<A', 'aaa\n', 'A'],
      ['B', false, true, '\tbbb\n', '<<-"B"', '\tbbb\n', '\tB'],
    ]);
    expect(copy.range).toMatchObject({ startLine: 2, endLine: 6 });
    expect(f.instructions[2]!.keyword).toBe('RUN');
  });
});

describe('segments and argsOffset', () => {
  const text = 'FROM a\nRUN --mount=type=cache,target=/c \\\n    # a comment inside\n    apt-get update \\\n\n    && make   \\  \n  install\n';
  const f = p(text);
  const run = f.instructions[1]!;

  it('joins lines as BuildKit does and keeps the comment out of original', () => {
    expect(run.original).toBe('RUN --mount=type=cache,target=/c     apt-get update     && make     install');
    expect(run.argsText).toBe('apt-get update     && make     install');
    expect(run.comments.map((c) => [c.text, at(f, c.range)])).toEqual([['a comment inside', '# a comment inside']]);
    expect(run.range).toMatchObject({ startLine: 2, endLine: 7 });
  });

  it('maps every logical offset of the RUN script to the same source character', () => {
    for (let i = 0; i < run.argsText.length; i++) {
      const src = sourceOffset(run, run.argsOffset + i);
      expect(text[src], `offset ${i}`).toBe(run.argsText[i]);
    }
    expect(text.slice(sourceOffset(run, run.argsOffset), sourceEndOffset(run, run.argsOffset + 'apt-get update'.length))).toBe('apt-get update');
    const andAnd = run.argsText.indexOf('&& make');
    expect(text.slice(sourceOffset(run, run.argsOffset + andAnd), sourceEndOffset(run, run.argsOffset + andAnd + 7))).toBe('&& make');
    expect(sourceOffset(run, run.argsOffset + run.argsText.indexOf('install'))).toBe(text.indexOf('install'));
  });

  it('ends a range on the earlier line at a line join', () => {
    // 'apt-get update ' ends line 4's piece; the next logical character is on line 6.
    const join = run.argsOffset + 'apt-get update '.length;
    expect(text.slice(0, sourceEndOffset(run, join)).endsWith('apt-get update ')).toBe(true);
    expect(text.slice(sourceOffset(run, join)).startsWith('    && make')).toBe(true);
  });

  it('warns about the empty continuation line at the last line', () => {
    const w = f.diagnostics.filter((d) => d.code === 'NoEmptyContinuation');
    expect(w.map((d) => [d.severity, d.message, d.range.startLine])).toEqual([['warning', 'Empty continuation line', 7]]);
  });

  it('maps the ONBUILD trigger through its own segments', () => {
    const g = p('FROM a\nONBUILD  RUN --network=none echo \\\n  hi\n');
    const on = g.instructions[1]!;
    const t = on.trigger!;
    expect(on.args).toEqual([]);
    expect(t.keyword).toBe('RUN');
    expect(t.original).toBe('RUN --network=none echo   hi');
    expect(t.argsText).toBe('echo   hi');
    expect(t.original.slice(t.argsOffset)).toBe('echo   hi');
    expect(at(g, t.keywordRange)).toBe('RUN');
    expect(at(g, t.flags[0]!.range)).toBe('--network=none');
    expect(g.text[sourceOffset(t, t.argsOffset + 7)]).toBe('h');
    expect(dump(g)).toBe('(from "a")\n(onbuild (run ["--network=none"] "echo   hi"))');
  });
});

describe('comments and directives', () => {
  it('groups preceding comments as BuildKit does', () => {
    const f = p('# syntax=docker/dockerfile:1\n# first\n\n# second\nFROM a\n#\n# after reset\n  # indented\nRUN x\n');
    expect(f.directives.map((d) => [d.name, d.value, at(f, d.valueRange), at(f, d.nameRange)])).toEqual([['syntax', 'docker/dockerfile:1', 'docker/dockerfile:1', 'syntax']]);
    expect(f.instructions[0]!.prevComment).toEqual(['first', 'second']);
    // BuildKit drops only the first byte of the raw line, so an indented comment keeps its `#`.
    expect(f.instructions[1]!.prevComment).toEqual(['after reset', '# indented']);
    expect(f.comments.map((c) => c.text)).toEqual(['first', 'second', '', 'after reset', 'indented']);
  });

  it('switches to the backtick escape and reports directive errors', () => {
    const f = p('# escape=`\nFROM a\nRUN dir c:\\ `\n  && echo\n');
    expect(f.escapeChar).toBe('`');
    expect(dump(f)).toBe('(from "a")\n(run "dir c:\\\\   && echo")');
    expect(errors(p('# escape=\\\n# ESCAPE=`\nFROM a\n'))).toEqual(['2: only one escape parser directive can be used']);
    expect(errors(p('# escape=x\nFROM a\n'))).toEqual(["1: invalid escape token 'x' does not match ` or \\"]);
  });
});

describe('stages', () => {
  it('groups instructions, lower-cases names and keeps global ARGs', () => {
    const f = p('ARG BASE=alpine\nFROM --platform=$BUILDPLATFORM ${BASE} AS Build\nRUN make\nFROM scratch\nCOPY --from=build /x /\n');
    expect(f.globalArgs.map((a) => a.argsText)).toEqual(['BASE=alpine']);
    expect(f.stages.map((s) => [s.index, s.name, s.nameRaw, s.base, s.platform, s.instructions.map((i) => i.keyword)])).toEqual([
      [0, 'build', 'Build', '${BASE}', '$BUILDPLATFORM', ['RUN']],
      [1, null, null, 'scratch', null, ['COPY']],
    ]);
    expect(f.instructions.map((i) => i.stageIndex)).toEqual([-1, 0, 0, 1, 1]);
    expect(at(f, f.stages[0]!.nameRange!)).toBe('Build');
    expect(at(f, f.stages[0]!.range)).toBe('FROM --platform=$BUILDPLATFORM ${BASE} AS Build\nRUN make');
  });
});

describe('errors and recovery', () => {
  it('keeps parsing after a bad line and reports each error on its line', () => {
    const f = p('FROM a\nENV\nENV A\nCMD ["a", 1]\nFROOM x\nCOPY onlyone\nRUN ok\n');
    expect(f.instructions.map((i) => i.keywordRaw)).toEqual(['FROM', 'ENV', 'ENV', 'CMD', 'FROOM', 'COPY', 'RUN']);
    expect(errors(f)).toEqual([
      '2: ENV requires at least one argument',
      '3: ENV must have two arguments',
      '4: when using JSON array syntax, arrays must be comprised of strings only',
      '5: unknown instruction: FROOM (did you mean FROM?)',
      '6: COPY requires at least two arguments, but only one was provided. Destination could not be determined',
    ]);
  });

  it('reports BuildKit instruction errors', () => {
    const cases: [string, string][] = [
      ['FROM a b', 'FROM requires either one or three arguments'],
      ['FROM a AS 1x', 'invalid name for build stage: "1x", name can\'t start with a number or contain symbols'],
      ['FROM a\nCOPY --chwon=1 a b', 'unknown flag: --chwon (did you mean chown?)'],
      ['FROM a\nCOPY --chown a b', 'missing a value on flag: --chown'],
      ['FROM a\nCOPY --link=maybe a b', 'expecting boolean value for flag --link, not: maybe'],
      ['FROM a\nCOPY --from=a --from=b x y', 'duplicate flag specified: --from'],
      ['FROM a\nCOPY a <<EOF\nx\nEOF', 'COPY cannot accept a heredoc as a destination'],
      ['FROM a\nENV --x=1 A=b', 'unknown flag: --x'],
      ['FROM a\nWORKDIR', 'WORKDIR requires exactly one argument'],
      ['FROM a\nEXPOSE', 'EXPOSE requires at least one argument'],
      ['FROM a\nARG =x', 'ARG names can not be blank'],
      ['FROM a\nENV =x', 'ENV names can not be blank'],
      ['FROM a\nSHELL /bin/bash -c', 'SHELL requires the arguments to be in JSON form'],
      ['FROM a\nSHELL []', 'SHELL requires at least one argument'],
      ['FROM a\nVOLUME [""]', 'VOLUME specified can not be an empty string'],
      ['FROM a\nONBUILD ONBUILD RUN x', 'Chaining ONBUILD via `ONBUILD ONBUILD` isn\'t allowed'],
      ['FROM a\nONBUILD from b', 'FROM isn\'t allowed as an ONBUILD trigger'],
      ['FROM a\nHEALTHCHECK NONE x', 'HEALTHCHECK NONE takes no arguments'],
      ['FROM a\nHEALTHCHECK CMD', 'Missing command after HEALTHCHECK CMD'],
      ['FROM a\nHEALTHCHECK TEST x', 'Unknown type "TEST" in HEALTHCHECK (try CMD)'],
      ['FROM a\nHEALTHCHECK --interval=1us CMD x', 'Interval "interval" cannot be less than 1ms'],
      ['FROM a\nHEALTHCHECK --timeout=5 CMD x', 'time: missing unit in duration "5"'],
      ['FROM a\nHEALTHCHECK --retries=-1 CMD x', '--retries cannot be negative (-1)'],
      ['RUN x\nFROM a', 'no build stage in current context'],
      ['FROM a\nRUN <<EOF\nnever ends', 'unterminated heredoc'],
      ['FROM a\nrn x', 'unknown instruction: rn (did you mean run?)'],
    ];
    for (const [text, message] of cases) expect(errors(p(text)).map((e) => e.replace(/^\d+: /, '')), text).toEqual([message]);
  });

  it('accepts what BuildKit accepts', () => {
    const ok = [
      'FROM a\nHEALTHCHECK --interval=30s --timeout=1m30s --retries=3 CMD true',
      'FROM a\nRUN --mount=type=cache,target=/x --mount=type=tmpfs,target=/t --network=none make',
      'FROM a\nCOPY --link --parents --exclude=a --exclude=b x y',
      'ARG X\nFROM a\nARG Y=1 Z',
      'FROM a AS b\nSTOPSIGNAL SIGKILL',
      'FROM a\nONBUILD RUN x',
    ];
    for (const text of ok) expect(errors(p(text)), text).toEqual([]);
  });
});

describe('bad input', () => {
  it('skips a BOM but keeps offsets pointing into the text', () => {
    const f = p('\ufeffFROM a\nRUN x\n');
    expect(f.text.charCodeAt(0)).toBe(0xfeff);
    expect(f.instructions[0]!.range.start).toBe(1);
    expect(f.instructions[0]!.keywordRaw).toBe('FROM');
    expect(decode(new Uint8Array([0xef, 0xbb, 0xbf, 0x46])).text).toBe('\ufeffF');
  });

  it('handles no final newline, NUL bytes and control characters', () => {
    const f = p('FROM a\nRUN echo "\u0000" \u0007');
    expect(dump(f)).toBe('(from "a")\n(run "echo \\"\\x00\\" \\a")');
    expect(f.instructions[1]!.range.end).toBe(f.text.length);
  });

  it('decodes invalid UTF-8 with replacement and names the line', () => {
    const f = parseBytes(new Uint8Array([...new TextEncoder().encode('FROM a\nRUN x\nRUN '), 0xff, 0xfe, 0x0a]));
    const w = f.diagnostics.find((d) => d.code === 'invalid-utf8')!;
    expect(w.severity).toBe('warning');
    expect(w.range.startLine).toBe(3);
    expect(w.message).toContain('byte 0xff');
    expect(f.instructions[2]!.argsText).toBe('\ufffd\ufffd');
  });

  it('reports an empty file and a comments-only file', () => {
    expect(errors(p(''))).toEqual(['1: file with no instructions']);
    expect(errors(p('# just\n\n# comments\n'))).toEqual(['1: file with no instructions']);
  });

  it('counts the line limit in UTF-8 bytes per physical line', () => {
    expect(errors(p(`FROM a\nRUN ${'é'.repeat(32766)}\n`))).toEqual(['2: dockerfile line greater than max allowed size of 65535']);
    expect(errors(p(`FROM a\nRUN ${'a'.repeat(65531)}\n`))).toEqual([]);
    expect(errors(p(`FROM a\nRUN ${'a'.repeat(65532)}\n`))).toEqual(['2: dockerfile line greater than max allowed size of 65535']);
  });

  it('parses a 10 MB file', () => {
    const unit = 'RUN apt-get update \\\n    # comment\n    && apt-get install -y curl\nENV A=1 B="x y"\nCOPY <<EOF /x\nbody\nEOF\n';
    const big = 'FROM a\n' + unit.repeat(Math.ceil(10_000_000 / unit.length));
    const f = parse(big);
    expect(f.text.length).toBeGreaterThan(10_000_000);
    expect(errors(f)).toEqual([]);
    expect(f.instructions.length).toBe(1 + 3 * Math.ceil(10_000_000 / unit.length));
  });

  it('handles a 10 MB single line and a 10 MB continued instruction', () => {
    const line = parse('FROM a\nRUN ' + 'x'.repeat(10_000_000));
    expect(errors(line)).toEqual(['2: dockerfile line greater than max allowed size of 65535']);
    const cont = parse('FROM a\nRUN a \\\n' + '  b \\\n'.repeat(1_500_000) + '  c\n');
    expect(cont.instructions[1]!.range.endLine).toBe(1_500_000 + 3);
    expect(cont.instructions[1]!.segments.length).toBe(1_500_000 + 2);
  });
});

describe('flag scanning reads bytes like BuildKit', () => {
  it('re-encodes non-ASCII flag text as Latin-1 and splits on byte 0xA0', () => {
    expect(dump(parse('FROM a\nCOPY --from=é a b\nCOPY --chown=à x y\n', { instructionChecks: false }))).toBe(
      '(from "a")\n(copy ["--from=Ã©"] "a" "b")\n(copy ["--chown=Ã"] "x" "y")',
    );
  });
  it('stops at a non-ASCII space between flags (its first byte is not a space)', () => {
    const f = parse('FROM a\nCOPY --a=b \u00a0--c x\n', { instructionChecks: false });
    expect(dump(f)).toBe('(from "a")\n(copy ["--a=b"] "--c" "x")');
  });
});

describe('pathological input', () => {
  it('keeps the rest of the file after an absurdly deep ONBUILD chain', () => {
    const f = p('FROM a\n' + 'ONBUILD '.repeat(5000) + 'RUN x\nRUN after\n');
    expect(f.instructions.map((i) => i.keyword)).toEqual(['FROM', 'ONBUILD', 'RUN']);
    expect(errors(f)).toEqual(['2: ONBUILD nested more than 200 levels deep']);
  });
});
