// What dockerfile2llb's dispatchCopy refuses in a COPY or ADD before it copies anything: a --chmod
// that looks numeric but is no mode, ADD's --checksum on anything but one download or git source,
// and a URL or git source given to COPY. Each fails the build. Pure: the caller gives the words as
// the build would see them (expanded).
import type { SourceRange } from '../core/range.js';
import type { Instruction } from '../parser/ast.js';
import { isGitSource } from './remote-source.js';

/** A COPY/ADD argument that is a heredoc marker (`<<EOF`, `<<-"EOF"`), not a path. */
export const HEREDOC_WORD = /^(\d*)<<(-?)\s*([^<]*)$/;

/** One refusal; `word` says which: `chmod`, `checksum`, or the index of the source. */
export interface CopyRefusal {
  message: string;
  word: 'chmod' | 'checksum' | number;
}

/**
 * BuildKit's checks in its order (the first failure stops the build; all are listed here).
 * `sources` are the source paths, heredocs left out (BuildKit's SourcePaths).
 */
export function copyRefusals(keyword: string, chmod: string | undefined, checksum: string | undefined, sources: readonly string[]): CopyRefusal[] {
  const out: CopyRefusal[] = [];
  // ParseUint(chmod, 8, 32), else dchapes-mode's Parse, which reads a leading digit as octal too:
  // a numeric-looking value is a mode from 0 to 07777 or refused; symbolic ones (`u+x`) are its own.
  if (chmod !== undefined && chmod !== '' && /^\d/.test(chmod) && !(/^[0-7]+$/.test(chmod) && parseInt(chmod, 8) <= 0o7777)) {
    out.push({ word: 'chmod', message: `invalid chmod parameter: '${chmod}'. it should be octal string and between 0 and 07777` });
  }
  if (keyword === 'ADD' && checksum !== undefined && checksum !== '') {
    if (sources.length !== 1) out.push({ word: 'checksum', message: "checksum can't be specified for multiple sources" });
    else if (!/^https?:\/\//i.test(sources[0]!) && !isGitSource(sources[0]!)) out.push({ word: 'checksum', message: 'checksum requires HTTP(S) or Git sources' });
  }
  if (keyword === 'COPY') {
    sources.forEach((src, i) => {
      if (isGitSource(src)) out.push({ word: i, message: "source can't be a git ref for COPY" });
      else if (/^https?:\/\//i.test(src)) out.push({ word: i, message: "source can't be a URL for COPY" });
    });
  }
  return out;
}

/**
 * The refusals of a COPY or ADD as written, for the linter, which does not know the build args:
 * a word with a variable is left out, and the checksum checks too when a source has one.
 */
export function copyRefusalsAsWritten(ins: Instruction): { message: string; range: SourceRange }[] {
  const last = (name: string) => ins.flags.filter((f) => f.name === name).at(-1);
  const chmod = last('chmod');
  const checksum = ins.keyword === 'ADD' ? last('checksum') : undefined;
  const words = ins.args.slice(0, ins.args.length >= 2 ? -1 : undefined);
  let docs = 0;
  const sources = words.filter((a) => ins.json || !HEREDOC_WORD.test(a.value) || docs++ >= ins.heredocs.length);
  const plain = (v: string | null | undefined) => (v == null || v.includes('$') ? undefined : v);
  const anyVariable = sources.some((a) => a.value.includes('$'));
  const found = copyRefusals(
    ins.keyword,
    plain(chmod?.value),
    anyVariable ? undefined : plain(checksum?.value),
    sources.map((a) => (a.value.includes('$') ? '' : a.value)),
  );
  return found.map((r) => ({
    message: r.message,
    range: r.word === 'chmod' ? chmod!.range : r.word === 'checksum' ? checksum!.range : sources[r.word]!.range,
  }));
}
