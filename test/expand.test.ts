// BuildKit's shell-lexer conformance (envVarTest, wordsTest, processWithMatches.json) plus our own cases.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ExpansionError, processWord, processWords, processWordWithMatches } from '../src/expand/index.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const shellDir = path.resolve(repoRoot, '../shared/conformance/buildkit-shell');
const haveShell = existsSync(shellDir);
if (!haveShell) console.warn(`expand.test: ${shellDir} is missing; skipping BuildKit shell conformance cases`);

/** Go's strings.TrimSpace for the ASCII blanks the fixture files use. */
const trimSpace = (s: string) => s.replace(/^[\t\n\v\f\r ]+|[\t\n\v\f\r ]+$/g, '');

describe.skipIf(!haveShell)('buildkit-shell envVarTest (ProcessWord)', () => {
  const env = new Map([
    ['PWD', '/home'],
    ['SHELL', 'bash'],
    ['KOREAN', '한국어'],
    ['NULL', ''],
  ]);
  const cases: { line: number; platform: string; input: string; expected: string }[] = [];
  if (haveShell) {
    readFileSync(path.join(shellDir, 'envVarTest'), 'utf8')
      .split('\n')
      .forEach((raw, i) => {
        if (raw.startsWith('#')) return;
        const line = trimSpace(raw);
        if (line === '') return;
        const parts = line.split('|');
        if (parts.length !== 3) throw new Error(`envVarTest:${i + 1}: expected 3 fields`);
        cases.push({ line: i + 1, platform: trimSpace(parts[0]!), input: trimSpace(parts[1]!), expected: trimSpace(parts[2]!) });
      });
  }

  it('has the documented number of cases', () => {
    expect(cases.filter((c) => c.platform !== 'W').length).toBe(228);
  });

  for (const c of cases) {
    const windows = c.platform === 'W';
    it(`${c.line}: ${c.platform}|${c.input}`, () => {
      // W cases run in Windows mode (case-insensitive env keys); A cases run in both modes.
      const modes = windows ? [true] : c.platform === 'U' ? [false] : [false, true];
      for (const caseInsensitiveEnv of modes) {
        if (c.expected === 'error') {
          expect(() => processWord(c.input, env, { caseInsensitiveEnv })).toThrow(ExpansionError);
        } else {
          expect(processWord(c.input, env, { caseInsensitiveEnv })).toBe(c.expected);
        }
      }
    });
  }
});

describe.skipIf(!haveShell)('buildkit-shell wordsTest (ProcessWords)', () => {
  type Case = { line: number; input: string; expected: string[]; env: Map<string, string> };
  const cases: Case[] = [];
  if (haveShell) {
    const env = new Map<string, string>();
    readFileSync(path.join(shellDir, 'wordsTest'), 'utf8')
      .split('\n')
      .forEach((line, i) => {
        if (line.startsWith('#')) return;
        if (line.startsWith('ENV ')) {
          const kv = line.slice(3).replace(/^ +/, '');
          const eq = kv.indexOf('=');
          env.set(kv.slice(0, eq), kv.slice(eq + 1));
          return;
        }
        if (trimSpace(line) === '') return;
        const parts = line.split('|');
        if (parts.length !== 2) throw new Error(`wordsTest:${i + 1}: expected one |`);
        const expected = parts[1]!.replace(/^[\t\n\v\f\r ]+/, '').split(',');
        cases.push({ line: i + 1, input: trimSpace(parts[0]!), expected, env: new Map(env) });
      });
  }

  for (const c of cases) {
    it(`${c.line}: ${c.input}`, () => {
      if (c.expected.length === 1 && c.expected[0] === 'error') {
        expect(() => processWords(c.input, c.env)).toThrow(ExpansionError);
      } else {
        expect(processWords(c.input, c.env)).toEqual(c.expected);
      }
    });
  }
});

describe.skipIf(!haveShell)('buildkit-shell processWithMatches.json', () => {
  type Case = { input: string; env: Record<string, string>; expected?: string; matched?: string[]; unmatched?: string[]; error?: boolean };
  const cases: Case[] = haveShell
    ? JSON.parse(readFileSync(path.join(shellDir, 'processWithMatches.json'), 'utf8')).cases
    : [];

  it('has the documented number of cases', () => expect(cases.length).toBe(47));

  cases.forEach((c, i) => {
    it(`${i}: ${c.input}`, () => {
      if (c.error) {
        expect(() => processWordWithMatches(c.input, c.env)).toThrow(ExpansionError);
        return;
      }
      const r = processWordWithMatches(c.input, c.env);
      expect(r.result).toBe(c.expected);
      expect([...r.matched].sort()).toEqual(c.matched);
      expect([...r.unmatched].sort()).toEqual(c.unmatched);
    });
  });
});

/** The reason part of the ExpansionError thrown for `word`. */
function reason(word: string, env: Record<string, string> = {}, opts = {}): string {
  try {
    processWord(word, env, opts);
  } catch (err) {
    if (err instanceof ExpansionError) return err.reason;
    throw err;
  }
  throw new Error(`no error for ${word}`);
}

describe('error messages', () => {
  it('match BuildKit', () => {
    expect(reason('${}')).toBe('syntax error: bad substitution');
    expect(reason('${:-x}')).toBe('syntax error: bad substitution');
    expect(reason('${')).toBe("syntax error: missing '}'");
    expect(reason('${a:-b')).toBe("syntax error: missing '}'");
    expect(reason("'abc")).toBe('unexpected end of statement while looking for matching single-quote');
    expect(reason('"abc')).toBe('unexpected end of statement while looking for matching double-quote');
    expect(reason('${a:=b}')).toBe('unsupported modifier (:=) in substitution');
    expect(reason('${a=b}')).toBe('unsupported modifier (=) in substitution');
    expect(reason('${#a}')).toBe('unsupported modifier (a) in substitution');
    expect(reason('${a:#b}')).toBe('unsupported modifier (:#) in substitution');
    expect(reason('${a:%%b}')).toBe('unsupported modifier (:%) in substitution');
    expect(reason('${a?}')).toBe('a: is not allowed to be unset');
    expect(reason('${a:?}', { a: '' })).toBe('a: is not allowed to be empty');
    expect(reason('${a:?need $b}', { a: '', b: 'it' })).toBe('a: need it');
    expect(reason('${a/x')).toBe("syntax error: missing '/' in ${}");
    expect(reason('${a/x/y')).toBe("syntax error: missing '}'");
    expect(reason('${a#\\x}', { a: 'v' })).toBe("invalid pattern (\\x) in substitution: invalid escape '\\x'");
    // Suffix patterns are reversed before compiling, and the message shows the reversed pattern.
    expect(reason('${a%ab\\x}', { a: 'v' })).toBe("invalid pattern (\\xba) in substitution: invalid escape '\\x'");
    expect(reason('${a#$p}', { a: 'v', p: '\\' })).toBe("invalid pattern (\\) in substitution: invalid escape '\\\ufffd'");
  });

  it('wrap the word with Go quoting', () => {
    expect(() => processWord('a\t"${}', {})).toThrow('failed to process "a\\t\\"${}": syntax error: bad substitution');
  });
});

describe('quotes and escapes', () => {
  it('handles the backtick escape token', () => {
    const env = { x: 'X' };
    expect(processWord('a`$x', env, { escapeToken: '`' })).toBe('a$x');
    expect(processWord('C:\\path\\$x', env, { escapeToken: '`' })).toBe('C:\\path\\X');
    expect(processWord('"a`"b"', env, { escapeToken: '`' })).toBe('a"b');
  });

  it('keeps quotes and escapes in raw modes', () => {
    expect(processWord(`'a b' "c\\"d" e\\ f`, {}, { rawQuotes: true, rawEscapes: true })).toBe(`'a b' "c\\"d" e\\ f`);
    expect(processWord(`"a\\nb"`, {}, { rawEscapes: true })).toBe('a\\\\nb');
  });

  it('treats quotes as ordinary characters with skipProcessQuotes', () => {
    expect(processWord(`'$x' "\\$x"`, { x: '1' }, { skipProcessQuotes: true })).toBe(`'1' "$x"`);
  });

  it('drops a leading byte order mark like Go text/scanner', () => {
    expect(processWord('\ufeffa$x', { x: '1' })).toBe('a1');
  });
});

describe('$ forms', () => {
  const env = { str: 'foobarbaz', e: '', u: 'ü' };
  it('handles the documented pattern examples', () => {
    expect(processWord('${str#f*b}', env)).toBe('arbaz');
    expect(processWord('${str##f*b}', env)).toBe('az');
    expect(processWord('${str%b*}', env)).toBe('foobar');
    expect(processWord('${str%%b*}', env)).toBe('foo');
    expect(processWord('${str/ba/fo}', env)).toBe('fooforbaz');
    expect(processWord('${str//ba/fo}', env)).toBe('fooforfoz');
  });

  it('supports Unicode names and values', () => {
    expect(processWord('$ü-${ü}', { ü: 'x' })).toBe('x-x');
    expect(processWord('${u#?}', env)).toBe('');
    expect(processWord('${v#?}', { v: '😀x' })).toBe('x');
    expect(processWord('${v%?}', { v: 'x😀' })).toBe('x');
  });

  it('does not let * or ? cross a newline (Go regexp `.`)', () => {
    expect(processWord('${v#*b}', { v: 'a\nb' })).toBe('a\nb');
    expect(processWord('${v//?/-}', { v: 'ab\ncd' })).toBe('--\n--');
    expect(processWord('${v//*/-}', { v: 'ab\ncd' })).toBe('-\n-');
  });

  it('replaces empty matches the way Go ReplaceAllString does', () => {
    expect(processWord('${v//x*/-}', { v: 'abc' })).toBe('abc');
    expect(processWord('${v//*/-}', { v: '' })).toBe('-');
    expect(processWord('${v///-}', { v: 'ab' })).toBe('-a-b-');
  });

  it('expands $0 and $$ in a replace-all replacement like Go templates', () => {
    expect(processWord('${v//o/$r}', { v: 'foo', r: '<$0>' })).toBe('f<o><o>');
    expect(processWord('${v//o/$r}', { v: 'foo', r: '$$' })).toBe('f$$');
    expect(processWord('${v//o/$r}', { v: 'foo', r: '${1}x' })).toBe('fxx');
    expect(processWord('${v/o/$r}', { v: 'foo', r: '<$0>' })).toBe('f<$0>o');
  });

  it('leaves unset variables in place with skipUnsetEnv', () => {
    const o = { skipUnsetEnv: true };
    expect(processWord('$a ${b} ${c:-$d} ${e/x/y} ${f#*}', { d: 'D' }, o)).toBe('$a ${b} ${c:-D} ${e/x/y} ${f#*}');
  });

  it('looks names up case-insensitively only in Windows mode', () => {
    expect(processWord('$path', { PATH: '/bin' })).toBe('');
    expect(processWord('$path', { PATH: '/bin' }, { caseInsensitiveEnv: true })).toBe('/bin');
    expect(processWord('$x', (n) => (n === 'x' ? 'fn' : undefined))).toBe('fn');
  });

  it('does not read inherited properties of a record env', () => {
    expect(processWordWithMatches('$constructor', {}).unmatched).toEqual(new Set(['constructor']));
  });
});

describe('processWords', () => {
  it('keeps << and the blanks after it in one word', () => {
    expect(processWords('cat <<  EOF > foo', {})).toEqual(['cat', '<<  EOF', '>', 'foo']);
    expect(processWords('<<- EOF', {})).toEqual(['<<-', 'EOF']);
    expect(processWords('a "" b', {})).toEqual(['a', 'b']);
  });
});

describe('linear time', () => {
  // A backtracking regex engine needs exponential or high-polynomial time on these.
  it('matches long values against many-star patterns without backtracking', () => {
    const v = 'a'.repeat(20000);
    expect(processWord('${v#*a*a*a*a*a*b}', { v })).toBe(v);
    expect(processWord('${v%%*a*a*a*a*a*b}', { v })).toBe(v);
    expect(processWord('${v//a*a*a*a*b/x}', { v })).toBe(v);
    expect(processWord('${v//a/b}', { v }).length).toBe(20000);
  });

  it('survives deep nesting with an ExpansionError or a result', () => {
    const deep = '${a:-'.repeat(50000) + 'x' + '}'.repeat(50000);
    try {
      expect(processWord(deep, {})).toBe('x');
    } catch (err) {
      expect(err).toBeInstanceOf(ExpansionError);
    }
  });
});

describe('properties', () => {
  it('never throws anything but ExpansionError', () => {
    const chars = fc.constantFrom('$', '{', '}', ':', '-', '+', '?', '#', '%', '/', '\\', "'", '"', '*', 'a', 'b', ' ', '\n', '`', '0', '@');
    fc.assert(
      fc.property(fc.array(chars, { maxLength: 40 }).map((a) => a.join('')), fc.boolean(), (word, raw) => {
        try {
          processWords(word, { a: 'x y', b: '' }, { rawQuotes: raw, rawEscapes: raw });
          processWord(word, { a: '*', b: '\\' }, { skipUnsetEnv: raw });
        } catch (err) {
          if (!(err instanceof ExpansionError)) throw err;
        }
      }),
      { numRuns: 3000 },
    );
  });

  it('an input without special characters is returned unchanged', () => {
    fc.assert(
      fc.property(fc.string().filter((s) => !/[$'"\\\ufeff]/.test(s)), (s) => processWord(s, {}) === s),
    );
    // Any code points, lone surrogates included (runs of them are copied at once).
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 30 }).filter((s) => !/[$'"\\\ufeff]/.test(s)), (s) => processWord(s, {}) === s),
      { numRuns: 2000 },
    );
  });

  it('runs between expansions, quotes and escapes come out as the character-by-character reading gives them', () => {
    // Word splitting (processWords) still reads one character at a time: joined, its words must
    // equal the fast path's result whenever the text has no blank to split at.
    const pieces = fc.constantFrom('a', 'é', '\ud83d\ude00', '\ud800', '$a', '${a}', "'q'", '"d $a"', '\\$', '\\x', '}', ':', '/', '`');
    fc.assert(
      fc.property(fc.array(pieces, { maxLength: 12 }).map((a) => a.join('')), (word) => {
        let one: string | undefined;
        let many: string[] | undefined;
        try {
          one = processWord(word, { a: 'xy' });
          many = processWords(word, { a: 'xy' });
        } catch (err) {
          if (!(err instanceof ExpansionError)) throw err;
          return;
        }
        expect(many.join('')).toBe(one);
      }),
      { numRuns: 3000 },
    );
  });
});
