// Cases from an audit of variable expansion and scoping against BuildKit's source (shell/lex.go,
// dockerfile2llb/convert.go, solver/llbsolver/ops/exec.go), each one a place we used to differ.
import { describe, expect, it } from 'vitest';
import { processWord, processWords } from '../src/expand/index.js';
import { parse } from '../src/parser/index.js';
import { explain } from '../src/planner/explain.js';
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

describe('RUN cache keys: the environment goes to BuildKit as a list, each variable where it was last set', () => {
  // llb.EnvList: setting a variable moves it to the end; ExecOp's Meta.Env is that list, in that
  // order, and the cache key is a digest of the op.
  const keys = (text: string) => plan(parse(text)).stages.map((s) => s.steps.map((st) => st.cacheKey));
  const runKey = (text: string) => keys(text).at(-1)!.at(-1)!;

  it('ENV in another order changes the key of the RUN after it; the same order in other lines does not', () => {
    const ab = runKey('FROM alpine\nENV A=1 B=2\nRUN echo hi\n');
    expect(runKey('FROM alpine\nENV B=2 A=1\nRUN echo hi\n')).not.toBe(ab);
    expect(runKey('FROM alpine\nENV A=1\nENV B=2\nRUN echo hi\n')).toBe(ab);
  });

  it('setting a variable again, even to the same value, moves it to the end', () => {
    const before = runKey('FROM alpine\nENV A=1\nENV B=2\nRUN echo hi\n');
    expect(runKey('FROM alpine\nENV A=1\nENV B=2\nENV A=1\nRUN echo hi\n')).not.toBe(before);
    expect(runKey('FROM alpine\nARG A=1\nENV B=2\nRUN echo hi\n')).not.toBe(runKey('FROM alpine\nENV B=2\nARG A=1\nRUN echo hi\n'));
  });

  it('a stage built on another sets the image configuration (ENV, not ARG) again when it starts', () => {
    // Parent orders [PATH, Y, X] and [PATH, X, Y]; ENV Y is in the image configuration, so the child
    // starts from [X, PATH, Y] either way.
    const a = keys('FROM alpine AS p\nENV Y=2\nARG X=1\nFROM p\nRUN echo hi\n');
    const b = keys('FROM alpine AS p\nARG X=1\nENV Y=2\nFROM p\nRUN echo hi\n');
    expect(a[1]).toEqual(b[1]);
    const c = keys('FROM alpine AS p\nENV Y=2\nARG X=1\nRUN echo p\nFROM p\nRUN echo hi\n');
    const d = keys('FROM alpine AS p\nARG X=1\nENV Y=2\nRUN echo p\nFROM p\nRUN echo hi\n');
    expect(c[0]).not.toEqual(d[0]);
  });

  it('explain names the reordering', () => {
    const before = plan(parse('FROM alpine\nENV A=1 B=2\nRUN echo hi\n'));
    const after = plan(parse('FROM alpine\nENV B=2 A=1\nRUN echo hi\n'));
    const step = explain(before, after).steps.find((s) => s.instruction === 'RUN')!;
    expect(step.status).toBe('rebuild');
    expect(step.reason).toContain('order of the environment changed');
  });
});
