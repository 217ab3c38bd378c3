// Signature help: the forms of the instruction under the cursor with the parameter being written
// (a flag, or the n-th argument), and inside a flag's value the flag's own form (`--mount`'s fields).
import { innermostAt, parsed } from './document.js';
import { FLAG_DOCS, FLAG_FORMS, INSTRUCTION_DOCS } from './instruction-docs.js';

/** One parameter of a signature: a piece of its label. */
export interface SignatureParameter {
  /** Offsets into the signature's label. */
  label: [number, number];
  documentation?: string;
}

/** One form of an instruction or flag. */
export interface Signature {
  label: string;
  documentation?: string;
  parameters: SignatureParameter[];
}

/** The forms that apply at the cursor, which one is in use and the parameter being written. */
export interface SignatureHelp {
  signatures: Signature[];
  activeSignature: number;
  /** Null when the cursor is on no parameter (on the keyword itself). */
  activeParameter: number | null;
}

interface Param {
  label: [number, number];
  /** How many words the parameter takes (`[AS <name>]` takes two); Infinity when it repeats. */
  words: number;
  flag: string | null;
}

/** Signature help at `offset`, or null outside an instruction (or for an unknown keyword). */
export function signatureHelp(text: string, offset: number): SignatureHelp | null {
  const file = parsed(text);
  const ins = innermostAt(file, offset);
  if (!ins || offset < ins.keywordRange.end) return null;
  const doc = INSTRUCTION_DOCS[ins.keyword];
  if (!doc) return null;

  // Inside a flag's value: that flag's form.
  for (const f of ins.flags) {
    if (!f.valueRange || offset < f.valueRange.start || offset > f.valueRange.end) continue;
    const form = FLAG_FORMS[ins.keyword]?.[f.name];
    if (form) return flagHelp(ins.keyword, f.name, form, text.slice(f.valueRange.start, offset));
  }

  const forms = doc.forms.map((label) => ({ label, params: paramsOf(label) }));
  const signatures: Signature[] = forms.map((f) => ({
    label: f.label,
    documentation: doc.text,
    parameters: f.params.map((p) => ({ label: p.label, ...(p.flag && FLAG_DOCS[ins.keyword]?.[p.flag] ? { documentation: FLAG_DOCS[ins.keyword]![p.flag] } : {}) })),
  }));
  // The words written so far (continuations joined, comment lines left out).
  const written = text
    .slice(ins.keywordRange.end, offset)
    .replace(new RegExp(`${file.escapeChar === '`' ? '`' : '\\\\'}\\r?\\n`, 'g'), ' ')
    .split(/\r?\n/)
    .filter((l, i) => i === 0 || !/^\s*#/.test(l))
    .join(' ');
  const exec = /^\s*(?:--\S+\s+)*\[/.test(written);
  let active = forms.findIndex((f) => (exec ? / \["/.test(f.label) : !/ \["/.test(f.label)));
  if (ins.keyword === 'HEALTHCHECK' && /^\s*(?:NONE\b|N(?:O(?:NE?)?)?$)/i.test(written)) active = forms.findIndex((f) => / NONE$/.test(f.label));
  if (active < 0) active = 0;
  const params = forms[active]!.params;
  return { signatures, activeSignature: active, activeParameter: activeParam(params, written, exec) };
}

function activeParam(params: Param[], written: string, exec: boolean): number | null {
  if (exec) {
    // `["executable", "arg", ...]`: the element after the n-th comma.
    const inside = written.slice(written.indexOf('[') + 1);
    const commas = (inside.replace(/"(?:[^"\\]|\\.)*"?/g, '""').match(/,/g) ?? []).length;
    return Math.min(commas, params.length - 1);
  }
  const words = written.trim() === '' ? [] : written.trim().split(/\s+/);
  const typing = words.length > 0 && !/\s$/.test(written);
  const current = typing ? words.length - 1 : words.length;
  // Flags come before the arguments.
  let flags = 0;
  while (flags < words.length && words[flags]!.startsWith('--') && (flags < current || typing)) flags++;
  if (current < flags) {
    const name = /^--([\w-]*)/.exec(words[current]!)![1]!;
    const i = params.findIndex((p) => p.flag !== null && p.flag.startsWith(name));
    return i < 0 ? null : i;
  }
  const positional = params.filter((p) => p.flag === null);
  const index = current - flags;
  const total = Math.max(words.length - flags, index + 1);
  let used = 0;
  for (let k = 0; k < positional.length; k++) {
    const p = positional[k]!;
    let count = p.words;
    if (!Number.isFinite(count)) {
      const after = positional.slice(k + 1).reduce((n, q) => n + q.words, 0);
      count = Math.max(1, total - used - after);
    }
    if (index < used + count) return params.indexOf(p);
    used += count;
  }
  return positional.length ? params.indexOf(positional[positional.length - 1]!) : null;
}

/** The parameters of a form: its words after the keyword, brackets kept together. */
function paramsOf(full: string): Param[] {
  const params: Param[] = [];
  const label = full.replace(/\s{2}\(.*\)$/, ''); // a note after the form ("  (arguments to ENTRYPOINT)")
  const start = label.indexOf(' ') + 1;
  if (start === 0) return params;
  let depth = 0;
  let from = start;
  const push = (end: number) => {
    const piece = label.slice(from, end);
    if (piece === '') return;
    if (piece === '...' && params.length) {
      params[params.length - 1]!.words = Infinity; // the one before it repeats
      return;
    }
    const flag = /^\[--([\w-]+)/.exec(piece);
    if (piece.startsWith('["')) {
      // Exec form: each element is a parameter.
      for (const m of piece.matchAll(/"[^"]*"|\.\.\./g)) {
        if (m[0] === '...') params[params.length - 1]!.words = Infinity;
        else params.push({ label: [from + m.index!, from + m.index! + m[0].length], words: 1, flag: null });
      }
      return;
    }
    params.push({ label: [from, end], words: piece.endsWith('...') ? Infinity : flag ? 1 : piece.split(' ').length, flag: flag ? flag[1]! : null });
  };
  for (let i = start; i < label.length; i++) {
    const c = label[i];
    if (c === '[') depth++;
    else if (c === ']') depth--;
    else if (c === ' ' && depth === 0) {
      push(i);
      from = i + 1;
    }
  }
  push(label.length);
  return params;
}

function flagHelp(keyword: string, name: string, form: readonly string[], value: string): SignatureHelp {
  const label = form.join('');
  const parameters: SignatureParameter[] = [];
  let at = form[0]!.length;
  for (const piece of form.slice(1)) {
    parameters.push({ label: [at, at + piece.length] });
    at += piece.length;
  }
  let active = 0;
  if (form.length > 2) {
    // `key=value` fields: the one whose key is being written.
    const field = value.slice(value.lastIndexOf(',') + 1);
    const key = field.split('=')[0]!.toLowerCase();
    const i = form.slice(1).findIndex((p) => p.replace(/^,/, '').startsWith(key === '' ? '\0' : key));
    active = i < 0 ? (value.includes(',') ? -1 : 0) : i;
  }
  return {
    signatures: [{ label, documentation: FLAG_DOCS[keyword]?.[name], parameters }],
    activeSignature: 0,
    activeParameter: active < 0 ? null : active,
  };
}
