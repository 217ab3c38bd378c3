// .dockerignore reading and matching against the shared conformance cases (moby/patternmatcher,
// fsutil and BuildKit tests, plus derived cases), and unit checks of the reader and errors.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { compileGoRegexp, GoRegexpError } from '../src/context/go-regexp.js';
import { compileMobyPattern, literalEnds, mobyRegexpSource } from '../src/context/moby-pattern.js';
import {
  normalizeQuery,
  compileDockerignore,
  DockerignoreError,
  parseDockerignore,
  readDockerignore,
} from '../src/context/dockerignore.js';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const shared = resolve(repoRoot, '../shared');
const casesDir = resolve(shared, 'conformance/dockerignore');
const haveCases = existsSync(resolve(casesDir, 'cases.jsonl'));
if (!haveCases) console.warn(`dockerignore conformance skipped: ${casesDir} is missing`);

interface Case {
  patterns: string[];
  path: string;
  excluded: boolean | null;
  expectError?: boolean;
  source: string;
  fn?: string;
  rawIgnoreFile?: string;
  note?: string;
}

function loadCases(): Case[] {
  if (!haveCases) return [];
  return readFileSync(resolve(casesDir, 'cases.jsonl'), 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as Case);
}

/** The answer of the upstream function a case was written for. */
function verdict(c: Case): boolean {
  const m = c.rawIgnoreFile !== undefined ? parseDockerignore(c.rawIgnoreFile) : compileDockerignore(c.patterns);
  if (c.fn?.startsWith('patternmatcher.Matches (')) {
    // The package function cleans the path and never excludes the root itself.
    const p = normalizeQuery(c.path);
    return p !== '.' && p !== '' && m.matches(p);
  }
  if (c.fn?.startsWith('fsutil')) return m.excludedInWalk(c.path);
  return m.matches(c.path);
}

describe.skipIf(!haveCases)('dockerignore conformance (cases.jsonl)', () => {
  const cases = loadCases();
  it('has the 238 cases', () => {
    expect(cases.length).toBe(238);
  });
  it.each(cases.map((c, i) => [i + 1, c] as const))('case %i', (_n, c) => {
    if (c.expectError) {
      expect(() => verdict(c)).toThrow(DockerignoreError);
      return;
    }
    expect(verdict(c), `${JSON.stringify(c.patterns)} ${c.path} (${c.note ?? c.source})`).toBe(c.excluded);
    // MatchesOrParentMatches and the walk agree on every conformance case.
    const m = c.rawIgnoreFile !== undefined ? parseDockerignore(c.rawIgnoreFile) : compileDockerignore(c.patterns);
    if (normalizeQuery(c.path) === c.path) expect(m.excludedInWalk(c.path)).toBe(c.excluded);
  });
  if (c_readall()) {
    it('ReadAll case', () => {
      const rc = JSON.parse(readFileSync(resolve(casesDir, 'dockerignore-readall-case.json'), 'utf8'));
      expect(readDockerignore(rc.input).map((l) => l.pattern)).toEqual(rc.expected);
    });
  }
});

function c_readall(): boolean {
  return existsSync(resolve(casesDir, 'dockerignore-readall-case.json'));
}

describe('readDockerignore', () => {
  it('drops a BOM, handles CRLF, comments only in column 1, trims', () => {
    const lines = readDockerignore('\uFEFFfirst\r\n# comment\r\n  # not a comment\r\n\tb.txt \r\n! /c/./d/ \r\n\r\n/x//y/../z');
    expect(lines).toEqual([
      { pattern: 'first', line: 1 },
      { pattern: '# not a comment', line: 3 },
      { pattern: 'b.txt', line: 4 },
      { pattern: '!c/d', line: 5 },
      { pattern: 'x/z', line: 7 },
    ]);
  });
  it('reads bytes with a BOM', () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, 0x61, 0x0a, 0x62]);
    expect(readDockerignore(bytes).map((l) => l.pattern)).toEqual(['a', 'b']);
  });
  it('trims like Go (NEL yes, zero-width no-break space no)', () => {
    expect(readDockerignore('\u0085a\u0085\n\uFEFFb').map((l) => l.pattern)).toEqual(['a', '\uFEFFb']);
  });
});

describe('compileDockerignore errors', () => {
  it('names the line of an illegal exclusion', () => {
    expect(() => parseDockerignore('a\n\n!\n')).toThrow(/line 3: illegal exclusion pattern: "!"/);
  });
  it('names the line of a syntax error', () => {
    try {
      parseDockerignore('ok\n[\n');
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(DockerignoreError);
      expect((e as DockerignoreError).line).toBe(2);
      expect((e as Error).message).toMatch(/line 2: syntax error in pattern "\["/);
    }
  });
  it('rejects a pattern whose generated regexp Go cannot compile', () => {
    // filepath.Match(p, ".") stops at the first failing chunk, so `a*[` passes that check.
    expect(() => compileDockerignore(['a*['])).toThrow(/syntax error/);
  });
});

describe('matcher semantics', () => {
  const m = (text: string) => parseDockerignore(text);
  it('anchors at the root and matches parents', () => {
    const x = m('node_modules\n*.go\n');
    expect(x.matches('node_modules/a/b.js')).toBe(true);
    expect(x.matches('a/node_modules')).toBe(false);
    expect(x.matches('main.go')).toBe(true);
    expect(x.matches('cmd/main.go')).toBe(false);
  });
  it('handles ** in every position', () => {
    const x = m('**/*.log\nlogs/**\na**/*.txt\n');
    expect(x.matches('x.log')).toBe(true);
    expect(x.matches('a/b/x.log')).toBe(true);
    expect(x.matches('logs')).toBe(false);
    expect(x.matches('logs/a/b')).toBe(true);
    expect(x.matches('a/file.txt')).toBe(true);
    expect(x.matches('abc/d/e.txt')).toBe(true);
  });
  it('suffix patterns match inside names (patternmatcher quirk)', () => {
    expect(m('**foo').matches('a/xfoo')).toBe(true);
    expect(m('**/foo').matches('a/xfoo')).toBe(false);
  });
  it('applies exceptions in order, last match wins', () => {
    const x = m('*.md\n!README*.md\nREADME-secret.md\n');
    expect(x.matches('README.md')).toBe(false);
    expect(x.matches('README-secret.md')).toBe(true);
    expect(x.matches('CHANGES.md')).toBe(true);
  });
  it('classes, ? and escapes', () => {
    const x = m('file?.txt\n[ab].log\n[^x]y\n\\*star\n');
    expect(x.matches('file1.txt')).toBe(true);
    expect(x.matches('file10.txt')).toBe(false);
    expect(x.matches('a.log')).toBe(true);
    expect(x.matches('c.log')).toBe(false);
    expect(x.matches('zy')).toBe(true);
    expect(x.matches('xy')).toBe(false);
    expect(x.matches('*star')).toBe(true);
    expect(x.matches('astar')).toBe(false);
  });
  it('literal ^ in an exact pattern, anchor in a regexp pattern (Go quirk)', () => {
    expect(m('a^b').matches('a^b')).toBe(true);
    expect(m('a^b*').matches('a^bc')).toBe(false);
  });
  it('`{`, `|` and `}` reach the regexp unescaped, as in patternmatcher (its escape bitmap misses them)', () => {
    expect(m('a|b*').matches('a')).toBe(true); // `^a|b[^/]*$`: the left branch is unanchored at the end
    expect(m('a|b*').matches('abc/d')).toBe(true);
    expect(m('x{2}*').matches('xx')).toBe(true);
    expect(m('x{2}*').matches('x{2}')).toBe(false);
    expect(m('x{2}').matches('x{2}')).toBe(true); // exact patterns never become regexps
  });
  it('POSIX classes inside brackets follow Go regexp', () => {
    expect(m('[[:digit:]]x').matches('7x')).toBe(true);
    expect(m('[[:digit:]]x').matches('ax')).toBe(false);
  });
  it('walk verdict differs from MatchesOrParentMatches on a repeated include', () => {
    const x = m('d\n!d/f\nd\n');
    expect(x.matches('d/f')).toBe(true);
    expect(x.excludedInWalk('d/f')).toBe(false);
  });
});

describe('many patterns', () => {
  it("runs a pattern's regular expression only for paths that start and end with its literal text", () => {
    const lines = Array.from({ length: 500 }, (_, i) => `dir${i}/**/*.log\n*.tmp${i}\nsrc/[a-c]${i}?.txt`).join('\n');
    const matcher = parseDockerignore(lines);
    const spy = vi.spyOn(RegExp.prototype, 'test');
    try {
      expect(matcher.matches('other/dir7/a.txt')).toBe(false);
      expect(spy).not.toHaveBeenCalled();
      expect(matcher.matches('dir7/x/y.log')).toBe(true);
      expect(matcher.matches('src/b7x.txt')).toBe(true);
      expect(matcher.matches('src/b7x.tmp')).toBe(false);
      expect(matcher.matches('b.tmp42')).toBe(true);
      expect(matcher.matches('a/b.tmp42')).toBe(false);
      // The slash of a double star is the stars' (`^a(.*/)?b$`): no literal end.
      expect(parseDockerignore('a**/b').matches('ab')).toBe(true);
      // Only the patterns whose literal ends fit ran their expression.
      expect(spy.mock.calls.length).toBeLessThan(20);
    } finally {
      spy.mockRestore();
    }
  });

  it('answers as the expression alone would, for any pattern and path', () => {
    const piece = fc.constantFrom('a', 'b', '/', '.', '*', '**', '?', '[a-b]', '[^a]', '\\', '\\d', '\\a', '{', '}', '{2}', '|', '^', '$', '+', '(', ')', '\u00e9', '\ud83d\ude00');
    const word = fc.array(piece, { minLength: 1, maxLength: 8 }).map((a) => a.join(''));
    fc.assert(
      fc.property(word, fc.array(fc.constantFrom('a', 'b', '/', '.', 'ab', 'd', '2', '{', '}', '|', '^', '$', '\u00e9', '\ud83d\ude00'), { maxLength: 8 }).map((a) => a.join('')), (pattern, path) => {
        let glob: ReturnType<typeof compileMobyPattern>;
        let rx: RegExp;
        try {
          glob = compileMobyPattern(pattern);
          rx = compileGoRegexp(mobyRegexpSource(pattern).source);
        } catch (e) {
          if (e instanceof GoRegexpError) return;
          throw e;
        }
        if (glob.kind !== 'regexp') return;
        expect(glob.test(path)).toBe(rx.test(path));
        const { prefix, suffix } = literalEnds(pattern);
        if (prefix) expect(glob.test(prefix + path)).toBe(rx.test(prefix + path));
        if (suffix) expect(glob.test(path + suffix)).toBe(rx.test(path + suffix));
      }),
      { numRuns: 5000, examples: [['*^**/', ''], ['a**/', 'a'], ['a/**/', 'ab']] },
    );
  });
});
