// Cases from an audit of variable expansion and scoping against BuildKit's source (shell/lex.go,
// dockerfile2llb/convert.go, solver/llbsolver/ops/exec.go), each one a place we used to differ.
import { describe, expect, it } from 'vitest';
import { processWord, processWords } from '../src/expand/index.js';
import { parse } from '../src/parser/index.js';
import { plan } from '../src/planner/plan.js';

describe('ProcessWords: `<<` keeps the blanks after it only when the word itself writes it', () => {
  // lex.go processPossibleHeredoc runs for a `<` met by processStopOn: not one inside quotes, after
  // the escape token or in a variable's value, which go through the quote, escape and `$` paths.
  const env = new Map([['L', '<<']]);

  it('an unquoted `<<` and the blanks after it stay one word', () => {
    expect(processWords('<<  EOF x', env)).toEqual(['<<  EOF', 'x']);
    expect(processWords('a<b<<\tc', env)).toEqual(['a<b<<\tc']);
  });

  it('a quoted, escaped or expanded `<<` is split like any other text', () => {
    expect(processWords('"<<" 80', env)).toEqual(['<<', '80']);
    expect(processWords("'<<' 80", env)).toEqual(['<<', '80']);
    expect(processWords('\\<\\< 80', env)).toEqual(['<<', '80']);
    expect(processWords('$L 80', env)).toEqual(['<<', '80']);
    expect(processWords('<\\< 80', env)).toEqual(['<<', '80']);
  });

  it('a third `<` starts a new check: `<<<` followed by a blank splits there', () => {
    expect(processWords('<<< x', env)).toEqual(['<<<', 'x']);
    expect(processWords('<<<< x', env)).toEqual(['<<<< x']);
  });

  it('the text of the word is the same with or without splitting', () => {
    for (const w of ['<<  EOF x', '"<<" 80', '<<< x', 'a <', '<']) {
      expect(processWord(w, env)).toBe(w.replace(/["\\]/g, '').replace('$L', '<<'));
    }
  });
});

describe('RUN cache keys: a proxy variable set by ENV is environment like any other', () => {
  // ExecOp.CacheMap drops only Meta.ProxyEnv (what --build-arg HTTP_PROXY=... without an ARG sets);
  // `ENV HTTP_PROXY=...` goes into Meta.Env with the rest of the stage's environment.
  const runKey = (text: string, buildArgs: Record<string, string> = {}) => plan(parse(text), { buildArgs }).stages[0]!.steps[0]!.cacheKey;

  it('changing an ENV proxy value changes the key of the RUN after it', () => {
    const a = runKey('FROM alpine\nENV HTTP_PROXY=http://a:3128\nRUN echo hi\n');
    const b = runKey('FROM alpine\nENV HTTP_PROXY=http://b:3128\nRUN echo hi\n');
    expect(a).not.toBe(b);
    const c = runKey('FROM alpine\nENV no_proxy=a\nRUN echo hi\n');
    const d = runKey('FROM alpine\nENV no_proxy=b\nRUN echo hi\n');
    expect(c).not.toBe(d);
  });

  it('a proxy given only by --build-arg changes no key; declared by ARG it does', () => {
    const text = 'FROM alpine\nRUN echo hi\n';
    expect(runKey(text, { HTTP_PROXY: 'http://a' })).toBe(runKey(text, { HTTP_PROXY: 'http://b' }));
    const declared = 'FROM alpine\nARG HTTP_PROXY\nRUN echo hi\n';
    expect(runKey(declared, { HTTP_PROXY: 'http://a' })).not.toBe(runKey(declared, { HTTP_PROXY: 'http://b' }));
  });
});
