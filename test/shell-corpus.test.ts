// Every RUN script of the real-world corpus: shellScriptOf never throws, and every word maps back to
// source text that is the word itself once continuations and dropped comment/blank lines are removed.
import { beforeAll, describe, expect, it } from 'vitest';
import { initShellParser, shellScriptOf } from '../src/shell/index.js';
import { corpusPresent, parsedCorpus } from './corpus.js';

const present = corpusPresent('the shell corpus test');

/** Source text as the shell sees it: continuations (escape + blanks + newline) and the comment/blank lines after them removed. */
function logical(source: string, escape: string): string {
  const esc = escape === '`' ? '`' : '\\\\';
  return source.replace(new RegExp(`${esc}[ \\t]*\\r?\\n(?:[ \\t]*(?:#[^\\n]*)?\\r?\\n)*`, 'g'), '');
}

describe.skipIf(!present)('shell model over the corpus', () => {
  beforeAll(() => initShellParser());

  it('maps every word of every RUN back to its source', () => {
    let scripts = 0;
    let words = 0;
    const mismatches: string[] = [];
    for (const { name, file } of parsedCorpus()) {
      for (const ins of file.instructions) {
        const script = shellScriptOf(ins, file);
        if (!script) continue;
        scripts++;
        for (const cmd of script.commands) {
          for (const w of [...cmd.args, ...cmd.assignments]) {
            words++;
            const source = file.text.slice(w.range.start, w.range.end);
            // Heredoc bodies map one to one (a CR before LF reads as a space); RUN lines are logical lines.
            if (source === w.raw || source.replace(/\r(?=\n)/g, ' ') === w.raw || logical(source, file.escapeChar) === w.raw) continue;
            mismatches.push(`${name}:${file.lineIndex.position(w.range.start).line} ${JSON.stringify(w.raw)} ← ${JSON.stringify(source)}`);
          }
        }
      }
    }
    expect(scripts).toBeGreaterThan(1000);
    expect(words).toBeGreaterThan(10000);
    expect(mismatches.slice(0, 20)).toEqual([]);
  }, 300_000);
});
