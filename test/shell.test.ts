// The RUN command model: commands, operators, words, flags and robustness of parseShell.
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { initShellParser, parseShell } from '../src/shell/index.js';
import type { ShellCommand, ShellScript } from '../src/shell/types.js';

beforeAll(() => initShellParser());

const names = (s: ShellScript) => s.commands.map((c) => c.name);
const values = (ws: { value: string }[]) => ws.map((w) => w.value);
const only = (text: string): ShellCommand => {
  const s = parseShell(text);
  expect(s.commands).toHaveLength(1);
  return s.commands[0]!;
};

describe('commands and operators', () => {
  it('splits on &&, ||, ;, |, & in source order', () => {
    const s = parseShell('a && b || c; d | e & f');
    expect(names(s)).toEqual(['a', 'b', 'c', 'd', 'e', 'f']);
    expect(s.operators.map((o) => o.op)).toEqual(['&&', '||', ';', '|', '&']);
    expect(s.hasErrors).toBe(false);
  });

  it('finds commands in subshells, $(...), backticks, process substitution and compound bodies', () => {
    const s = parseShell('(cd /x && make) ; echo $(ls `pwd`) ; diff <(sort a) b ; { x; }');
    expect(names(s)).toEqual(['cd', 'make', 'echo', 'ls', 'pwd', 'diff', 'sort', 'x']);
  });

  it('finds commands in if / for / while / case / functions', () => {
    const s = parseShell(
      'if [ -f a ]; then rm a; elif test -d b; then rmdir b; else touch c; fi; ' +
        'for i in 1 2; do echo "$i"; done; while read l; do cat; done; ' +
        'case "$x" in a|b) one ;; *) two ;; esac; f() { inner; }',
    );
    expect(names(s)).toEqual(['rm', 'test', 'rmdir', 'touch', 'echo', 'read', 'cat', 'one', 'two', 'inner']);
    // `|` in a case pattern and `&&` inside [[ ]] are not command operators.
    expect(parseShell('case x in a|b) y;; esac').operators.map((o) => o.op)).toEqual([]);
    expect(parseShell('[[ a && b ]] && c').operators.map((o) => o.op)).toEqual(['&&']);
  });

  it('records |& as a pipe and treats `!` pipelines as commands', () => {
    const s = parseShell('! a |& b');
    expect(names(s)).toEqual(['a', 'b']);
    expect(s.operators.map((o) => o.op)).toEqual(['|&']);
  });

  it('treats export/declare/unset as commands and bare assignments as nameless commands', () => {
    const s = parseShell('export A="x y" B; X=1 Y=2; unset Z');
    expect(names(s)).toEqual(['export', '', 'unset']);
    expect(values(s.commands[0]!.args)).toEqual(['A=x y', 'B']);
    expect(values(s.commands[1]!.assignments)).toEqual(['X=1', 'Y=2']);
  });

  it('keeps leading assignments apart from arguments', () => {
    const c = only('DEBIAN_FRONTEND=noninteractive PIP_NO_CACHE_DIR="1" apt-get install -y foo');
    expect(values(c.assignments)).toEqual(['DEBIAN_FRONTEND=noninteractive', 'PIP_NO_CACHE_DIR=1']);
    expect(c.name).toBe('apt-get');
    expect(values(c.args)).toEqual(['install', '-y', 'foo']);
  });

  it('excludes redirects from arguments but keeps words after them', () => {
    expect(values(only('apt-get install foo > /dev/null 2>&1').args)).toEqual(['install', 'foo']);
    const s = parseShell('a | grep -v x >/dev/null 2>&1 extra');
    expect(values(s.commands[1]!.args)).toEqual(['-v', 'x', 'extra']);
  });

  it('parses heredocs inside the script and commands substituted in their bodies', () => {
    const s = parseShell('cat <<EOF > /etc/x\nhello $(id -u)\nEOF\necho done');
    expect(names(s)).toEqual(['cat', 'id', 'echo']);
  });
});

describe('words', () => {
  it('removes quotes and escapes statically, keeping expansions as written', () => {
    const s = parseShell(`cmd "a b" 'c d' $'e\\tf' x"y"z a\\ b "q\\"q" "$HOME/x" \${V:-d} $(id) pkg=1.0`);
    expect(names(s)).toEqual(['cmd', 'id']);
    const c = s.commands[0]!;
    expect(values(c.args)).toEqual(['a b', 'c d', 'e\tf', 'xyz', 'a b', 'q"q', '$HOME/x', '${V:-d}', '$(id)', 'pkg=1.0']);
    expect(c.args[0]!.raw).toBe('"a b"');
  });

  it('unquotes the command name', () => {
    expect(only('"apt-get" update').name).toBe('apt-get');
    expect(only('/usr/bin/pip install x').name).toBe('/usr/bin/pip');
  });

  it('gives ranges in the script text for words, names and commands', () => {
    const text = 'x && apt-get install  -y  "foo bar"';
    const c = parseShell(text).commands[1]!;
    expect(text.slice(c.nameRange.start, c.nameRange.end)).toBe('apt-get');
    expect(text.slice(c.range.start, c.range.end)).toBe('apt-get install  -y  "foo bar"');
    expect(c.args.map((a) => text.slice(a.range.start, a.range.end))).toEqual(['install', '-y', '"foo bar"']);
    expect(c.args[2]!.range).toMatchObject({ startLine: 1, startColumn: 27, endLine: 1, endColumn: 36 });
  });

  it('handles non-ASCII text with UTF-16 offsets', () => {
    const text = 'echo "héllo 🐳" && ls';
    const s = parseShell(text);
    expect(values(s.commands[0]!.args)).toEqual(['héllo 🐳']);
    const ls = s.commands[1]!;
    expect(text.slice(ls.nameRange.start, ls.nameRange.end)).toBe('ls');
  });
});

describe("hadolint's flag model", () => {
  it('splits short clusters, reads long flags with values, ignores - and --', () => {
    const c = only('tool -abc --x=y --no-cache - -- --after -z');
    expect(c.flags.map((f) => [f.name, f.value])).toEqual([
      ['a', null], ['b', null], ['c', null], ['x', 'y'], ['no-cache', null],
    ]);
    expect(c.flags[0]!.word.value).toBe('-abc');
    expect(values(c.argsNoFlags)).toEqual(['-', '--', '--after', '-z']);
  });

  it('keeps flag values given as separate words in argsNoFlags', () => {
    const c = only('apt-get install -t stable -y foo');
    expect(values(c.argsNoFlags)).toEqual(['install', 'stable', 'foo']);
  });

  it('gives one short flag per code point: an astral character is one flag, a lone surrogate another', () => {
    expect(only("tool -a\ud83d\udc33b '-\ud800x'").flags.map((f) => f.name)).toEqual(['a', '\ud83d\udc33', 'b', '\ud800', 'x']);
    // Commands without a flag-like word share their words as argsNoFlags.
    const plain = only('echo a b');
    expect(plain.flags).toEqual([]);
    expect(values(plain.argsNoFlags)).toEqual(['a', 'b']);
  });

  it('treats quoted flags like bare ones (quotes removed first)', () => {
    expect(only('apk add "--no-cache" x').flags.map((f) => f.name)).toEqual(['no-cache']);
  });
});

describe('robustness', () => {
  it('is error tolerant', () => {
    const s = parseShell('a && ( b ; c');
    expect(s.hasErrors).toBe(true);
    expect(names(s)).toEqual(['a', 'b', 'c']);
    for (const bad of ['', '   ', '&&', ')))', '"unterminated', "'", '$(', 'if then fi', '<<', '\\', '\0\0', 'a\r\nb']) {
      expect(() => parseShell(bad)).not.toThrow();
    }
  });

  it('survives deep nesting', () => {
    const deep = '$('.repeat(3000) + 'x' + ')'.repeat(3000);
    expect(() => parseShell(`echo ${deep}`)).not.toThrow();
    expect(() => parseShell('('.repeat(20000))).not.toThrow();
  });

  it('gives up on pathological long input instead of hanging', () => {
    // tree-sitter-bash's error recovery is superlinear on this; parseShell stops it at a deadline.
    const s = parseShell('${'.repeat(30000));
    expect(s.hasErrors).toBe(true);
    expect(parseShell('echo ok').commands.map((c) => c.name)).toEqual(['echo']); // the parser is reusable afterwards
  });

  it('never throws and keeps ranges inside the text, for any input', () => {
    const alphabet = fc.constantFrom(...'ab -=$(){}[]|&;<>\'"`\\\n\t#*!~é🐳0'.split(''), 'if ', 'then ', 'fi', '<<EOF\n', 'EOF\n', '${', '$((');
    fc.assert(
      fc.property(fc.array(alphabet, { maxLength: 60 }).map((a) => a.join('')), (text) => {
        const s = parseShell(text);
        for (const c of s.commands) {
          for (const r of [c.range, c.nameRange, ...c.args.map((a) => a.range)]) {
            expect(r.start).toBeGreaterThanOrEqual(0);
            expect(r.end).toBeLessThanOrEqual(text.length);
            expect(r.start).toBeLessThanOrEqual(r.end);
          }
        }
      }),
      { numRuns: 400 },
    );
  });
});
