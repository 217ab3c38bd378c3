// Cases from an audit of variable expansion and scoping against BuildKit's source (shell/lex.go,
// dockerfile2llb/convert.go, solver/llbsolver/ops/exec.go), each one a place we used to differ.
import { describe, expect, it } from 'vitest';
import { processWord, processWords } from '../src/expand/index.js';

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
