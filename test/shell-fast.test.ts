// The hand-written shell reader (src/shell/fast.ts) against tree-sitter (the reference): whenever
// the fast reader accepts a script, its command model must equal tree-sitter's exactly. Checked on
// hand-picked scripts, on fast-check scripts built from tricky fragments, and on every RUN of the corpus.
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { LineIndex } from '../src/core/line-index.js';
import { lastDeclineReason, parseShellFast } from '../src/shell/fast.js';
import { initShellParser, parseShell, parseShellTreeSitter, runScriptSource, type ShellScript } from '../src/shell/index.js';
import { corpusPresent, parsedCorpus } from './corpus.js';

beforeAll(() => initShellParser());

function both(text: string): { fast: ShellScript | undefined; ts: ShellScript } {
  const index = new LineIndex(text);
  const map = (s: number, e: number) => index.range(s, e);
  return { fast: parseShellFast(text, map), ts: parseShellTreeSitter(text, map) };
}

/** Name and raw arguments of every command, for readable assertions. */
function shape(s: ShellScript): string[] {
  return s.commands.map((c) => [c.name, ...c.args.map((a) => a.raw)].join(' '));
}

describe('fast shell reader', () => {
  const accepted = [
    'apt-get update && apt-get install -y --no-install-recommends curl=7.* ca-certificates && rm -rf /var/lib/apt/lists/*',
    'set -eux; \\\n  echo "a $B ${C:-d} $(uname -m)" | tee /tmp/x >/dev/null 2>&1',
    'cd /src && (make -j"$(nproc)" || make) && make install; ldconfig &',
    'A=1 B="x y" cmd --flag=$V arg\\;x \'q\' $\'t\\n\'',
    'export PATH=$PATH:/opt/bin GOPATH=/go; unset X',
    'if [ -f /etc/os-release ]; then . /etc/os-release; elif test -d /x; then echo x; else exit 1; fi',
    'for p in a b $(ls /c); do echo "$p"; done; while read l; do echo $l; done',
    'case "$(uname -m)" in x86_64|amd64) A=amd64 ;; (aarch64) A=arm64; B=1 ;; *) exit 1 ;; esac',
    '{ echo a; echo b; } && [[ -n $X && $Y == z ]] || true',
    'find . -name "*.pyc" -exec rm {} \\; # cleanup',
    'curl -fsSL https://x/$V/w-$V.tar.gz | tar -xz -C /opt',
    '>&2 echo "failed: ${URL:-$(cat /url)} ${#X} ${V%.*}"; exit 1',
    'for f in *.deb; do dpkg -i "$f"; done > /var/log/dpkg.log 2>&1 || true',
    'ARCH="`uname -m`"; ! grep -q x /etc/os-release && dl() { curl -fsSL "$1"; }; dl $URL',
    'go test -run=^$ ./... && grep -v "mysql$|mysqldump$" list | xargs rm -f "$" a$',
    'L=("x-$V.${ARCH}.rpm" "y $(uname -m)" z) && for r in ${L[@]}; do curl -O "${L[0]}" ${L[*]}; done',
    '${JAVA_HOME}/bin/java -jar app.jar && python${PY_VERSION}t -V',
    'x && ! { ldd a | grep b; } || c; ! if a; then b; fi; ! ( c d ); ! [[ -n $X ]] && ! for i in 1; do e; done',
  ];
  for (const text of accepted) {
    it(`agrees with tree-sitter on ${JSON.stringify(text.slice(0, 50))}`, () => {
      const { fast, ts } = both(text);
      expect(fast, `declined: ${lastDeclineReason()}`).toBeDefined();
      expect(ts.hasErrors).toBe(false);
      expect(fast).toEqual(ts);
    });
  }

  const declined: [string, RegExp][] = [
    ['cat <<EOF\nx\nEOF', /heredoc/],
    ['echo `date` `id -u`', /more than one backtick/],
    ['! ! a', /negation/],
    ['! select x in a; do b; done', /negation/],
    ['a=([k]=v)', /unusual array/],
    ['declare -a a=(1 2)', /declaration operand/],
    ['x -ab$ y', /-x\$/],
    ['echo x$V$-a$ b', /literal `\$` in a word/],
    ['n=a]\\x', /backslash after/],
    ['b; [ - ]', /test expression/],
    ['echo $((1+2))', /arithmetic/],
    ['while true; do x; done > log extra', /after a compound/],
    ['echo ${!X}', /without a name/],
    ['>f 2>&1 cmd', /two redirects/],
  ];
  for (const [text, reason] of declined) {
    it(`leaves ${JSON.stringify(text)} to tree-sitter`, () => {
      expect(both(text).fast).toBeUndefined();
      expect(lastDeclineReason()).toMatch(reason);
      expect(parseShell(text).commands.length).toBeGreaterThan(0);
    });
  }

  it('reads the whole model: words, flags, assignments, operators and ranges', () => {
    const { fast } = both('X=1 apt-get -qy install a=1 2>/dev/null && b | c');
    expect(fast).toBeDefined();
    expect(shape(fast!)).toEqual(['apt-get -qy install a=1', 'b', 'c']);
    const [apt] = fast!.commands;
    expect(apt!.assignments.map((a) => a.value)).toEqual(['X=1']);
    expect(apt!.flags.map((f) => f.name)).toEqual(['q', 'y']);
    expect(apt!.argsNoFlags.map((a) => a.value)).toEqual(['install', 'a=1']);
    expect(apt!.range).toMatchObject({ start: 0, end: 27 }); // the trailing redirect is not part of the command
    expect(fast!.operators.map((o) => o.op)).toEqual(['&&', '|']);
  });

  it('reads a negated compound as the compound, in both paths', () => {
    // tree-sitter-bash reads `! {` as the negation of a command named `{` (with `ldd` as its first
    // argument, and `}` a command of its own); parse.ts blanks such a `!` and reads the script again.
    for (const [text, commands] of [
      ['set -eu; ! { ldd "$d"/*.so | grep \'not found\'; }; echo ok', ['set -eu', 'ldd "$d"/*.so', "grep 'not found'", 'echo ok']],
      ['! if a; then ! while b; do c; done; fi', ['a', 'b', 'c']],
      ['a || ! case $x in y) ! { z; } ;; esac', ['a', 'z']],
    ] as const) {
      const { fast, ts } = both(text);
      expect(shape(ts), text).toEqual(commands);
      expect(ts.hasErrors).toBe(false);
      expect(fast, text).toEqual(ts);
    }
    // Nested ones are mended one level per reading: the readings are capped, and a long script's
    // deadline covers all of them (20,000 levels would otherwise be 20,000 readings of 80 KB).
    const deep = `${'! { '.repeat(20_000)}a${'; }'.repeat(20_000)}`;
    expect(both(deep).ts.text).toBe(deep);
    const nested = both('! { ! { ! { apt-get install -y vim; }; }; }').ts;
    expect(shape(nested)).toEqual(['apt-get install -y vim']);
    // Where the fast reader declines for another reason (a heredoc here), tree-sitter's reading is mended all the same.
    const { fast, ts } = both('! { cat <<EOF\nx\nEOF\n}; apt-get install -y curl');
    expect(fast).toBeUndefined();
    expect(shape(ts)).toEqual(['cat', 'apt-get install -y curl']);
  });

  it('keeps words tree-sitter splits as one word, in both paths', () => {
    // tree-sitter-bash reads `w-$V.tar.gz` after an earlier expansion as two words; bash reads one.
    const text = 'curl a/$V/w-$V.tar.gz -o $V/b-$V.x 2>/dev/null';
    const { fast, ts } = both(text);
    expect(shape(ts)).toEqual(['curl a/$V/w-$V.tar.gz -o $V/b-$V.x']);
    expect(fast).toEqual(ts);
  });

  it('gives a redirect after a list to its last command, and keeps a lone - before 2>', () => {
    const { fast, ts } = both('a && echo >&2 "failed: $x" && apt-key add - 2>&1');
    expect(shape(ts)).toEqual(['a', 'echo "failed: $x"', 'apt-key add -']);
    expect(fast).toEqual(ts);
  });

  it('agrees with tree-sitter on generated scripts whenever it accepts them', () => {
    const frags = [
      'a', 'apt-get', 'install', '-y', '--f=v', '-', '--', '"q $V x"', '"a\\"b"', "'s p'", '$V', '${V}', '${V:-x}', '$(b c)',
      '$(b | c)', 'x*', '*', '?', '{}', '{a,b}', 'a[1]', '[a]', '\\;', 'a\\ b', '\\$x', '2>&1', '>f', '>&2', '2>/dev/null',
      '>>f', '<f', '&>f', '|', '&&', '||', ';', '&', '\n', '(', ')', 'if', 'then', 'elif', 'else', 'fi', 'for', 'in', 'do',
      'done', 'while', 'case', 'esac', ';;', 'x)', '[', ']', '[[', ']]', '!', '{', '}', '#c', 'A=1', 'B="x y"', 'C=', 'export',
      'unset', 'local', '$1', '$@', "$'t\\n'", 'x=y', 'x$V', '"$V"x', 'a-$V.b', '$V/c-$V.d', '-o', '\\', '"', "'", '$', '~/x',
      'a#b', '%x', 'a:b', 'n=1', '${V:-$(b c)}', '${#V}', '${V%.*}', '"${V:-"q"}"', '${V:-"q"}', '${V:-${W}}', 'X="a"\\;b',
      '`b c`', '"x `b` y"', '`b | c`', 'f()', '{ a; }', '! ', 'g() { b; }', 'A=;', '${1:-x}', '${10}', '"${1}"',
      '^$', 'a$', '-a$', '"a$|b"', '"x$ y"', '"a$"', '"$"', '$V$', 'A=(a b)', 'A=("x $V" $(b c))', 'A=(', '${A[@]}', '${A[0]:-x}',
      'n=a]', 'x}', '${V}/bin/x', 'a${V}b', '${V}${W}', '$-',
    ];
    let accepted = 0;
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom(...frags), fc.constantFrom(' ', ' ', '', '\n', '  ')), { maxLength: 14 }), (parts) => {
        const text = parts.map(([a, b]) => a + b).join('');
        const { fast, ts } = both(text);
        if (!fast) return;
        accepted++;
        expect(fast).toEqual(ts);
      }),
      { numRuns: 4000, seed: 20261122 },
    );
    // The generator must exercise the fast path, not only its declines.
    expect(accepted).toBeGreaterThan(500);
  });
});

const present = corpusPresent("the fast shell reader's corpus comparison");

describe.skipIf(!present)('fast shell reader over the corpus', () => {
  it('equals tree-sitter on every RUN script it accepts, and accepts most', () => {
    let scripts = 0;
    let fastScripts = 0;
    const mismatches: string[] = [];
    for (const { name, file } of parsedCorpus()) {
      for (const ins of file.instructions) {
        const src = runScriptSource(ins, file);
        if (!src) continue;
        scripts++;
        const fast = parseShellFast(src.text, src.map);
        if (!fast) continue;
        fastScripts++;
        const ts = parseShellTreeSitter(src.text, src.map);
        if (JSON.stringify(fast) !== JSON.stringify(ts)) mismatches.push(`${name}:${ins.range.startLine}`);
      }
    }
    expect(mismatches).toEqual([]);
    expect(fastScripts / scripts).toBeGreaterThan(0.8);
  });
});
