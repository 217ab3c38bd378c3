// Static quote removal for shell words and hadolint's flag model.
// Expansions (`$X`, `${X}`, `$(...)`) are kept as written: rules need to see variable names.
import type { Span } from '../core/range.js';
import type { ShellCommand, ShellFlag, ShellWord } from './types.js';
import type { SyntaxNode } from './tree.js';

/** The value of a word node with quotes and escapes removed where that is static. */
export function wordValue(node: SyntaxNode, text: string): string {
  switch (node.type) {
    case 'word':
      return unescapeBare(text.slice(node.start, node.end));
    case 'raw_string': {
      const raw = text.slice(node.start, node.end);
      return raw.length >= 2 && raw.endsWith("'") ? raw.slice(1, -1) : raw.slice(1);
    }
    case 'string':
    case 'translated_string':
      return doubleQuoted(node, text);
    case 'ansi_c_string':
      return ansiC(text.slice(node.start, node.end));
    case 'concatenation':
      return joinParts(node, text, node.start, node.end, (n) => wordValue(n, text), unescapeBare);
    default:
      return text.slice(node.start, node.end);
  }
}

/** Inside `"..."`: literal parts lose their escapes, expansions stay as written. */
function doubleQuoted(node: SyntaxNode, text: string): string {
  const open = text.startsWith('$"', node.start) ? 2 : 1;
  const closed = node.end - node.start > open && text.charCodeAt(node.end - 1) === 34 && !lastChildMissing(node);
  const start = node.start + open;
  const end = closed ? node.end - 1 : node.end;
  const parts = node.children.filter((c) => c.named && c.type !== 'string_content' && c.start >= start && c.end <= end);
  return joinParts({ ...node, children: parts }, text, start, end, (n) => text.slice(n.start, n.end), unescapeDouble);
}

function lastChildMissing(node: SyntaxNode): boolean {
  const last = node.children[node.children.length - 1];
  return last !== undefined && last.end === last.start;
}

/** Concatenate children's values, treating the gaps between children as literal text. */
function joinParts(
  node: SyntaxNode,
  text: string,
  start: number,
  end: number,
  part: (n: SyntaxNode) => string,
  literal: (s: string) => string,
): string {
  let out = '';
  let at = start;
  for (const child of node.children) {
    if (child.start < at || child.end > end) continue;
    if (child.start > at) out += literal(text.slice(at, child.start));
    out += part(child);
    at = child.end;
  }
  if (at < end) out += literal(text.slice(at, end));
  return out;
}

/** Unquoted: a backslash quotes the next character; backslash-newline disappears. */
function unescapeBare(s: string): string {
  if (!s.includes('\\')) return s;
  return s.replace(/\\(\r?\n|[\s\S])?/g, (_m, ch: string | undefined) => (ch === undefined || ch.endsWith('\n') ? '' : ch));
}

/** Double quotes: only `\\`, `\"`, `\$`, `` \` `` and backslash-newline are escapes. */
function unescapeDouble(s: string): string {
  if (!s.includes('\\')) return s;
  return s.replace(/\\(\r?\n|[\\"$`])/g, (_m, ch: string) => (ch.endsWith('\n') ? '' : ch));
}

const C_ESCAPES: Record<string, string> = {
  n: '\n', t: '\t', r: '\r', a: '\x07', b: '\b', e: '\x1b', E: '\x1b', f: '\f', v: '\v',
  '\\': '\\', "'": "'", '"': '"', '?': '?',
};

/** The value of an ANSI-C string `$'...'`: the common C escapes; anything unusual is kept as written. */
export function ansiC(raw: string): string {
  const inner = raw.endsWith("'") && raw.length >= 3 ? raw.slice(2, -1) : raw.slice(2);
  return inner.replace(/\\(x[0-9A-Fa-f]{1,2}|[0-7]{1,3}|[\s\S])/g, (m, esc: string) => {
    if (esc[0] === 'x') return String.fromCharCode(parseInt(esc.slice(1), 16));
    if (/^[0-7]/.test(esc)) return String.fromCharCode(parseInt(esc, 8) & 0xff);
    return C_ESCAPES[esc] ?? m;
  });
}

/** The flags of every command without any (shared; frozen, as the model is read-only). */
const NO_FLAGS = Object.freeze([]) as unknown as ShellFlag[];

/** The words of an empty list (no arguments, no assignments): shared and frozen, like NO_FLAGS. */
export const NO_WORDS = Object.freeze([]) as unknown as ShellWord[];

/**
 * A command of the model from its parts: the name word (none for assignment-only statements, which
 * then take `emptyNameRange`), the words after it, and hadolint's flag model over those words.
 */
export function shellCommand(
  name: ShellWord | undefined, args: ShellWord[], assignments: ShellWord[], range: Span, emptyNameRange: Span = range,
): ShellCommand {
  const { flags, rest } = splitFlags(args);
  return { name: name?.value ?? '', nameRange: name?.range ?? emptyNameRange, args, flags, argsNoFlags: rest, assignments, range };
}

/**
 * hadolint's flag model: `--x=y` → x (value y), `-abc` → a, b, c; `-` and `--` are not flags, and
 * nothing after `--` is a flag. `rest` is `args` without the words that produced flags (flag
 * values given as separate words stay, as in hadolint).
 */
export function splitFlags(args: readonly ShellWord[]): { flags: ShellFlag[]; rest: ShellWord[] } {
  // Most commands have no word starting with `-`: then nothing is a flag and the rest is `args`
  // itself (the model is read-only data, so the command shares the array).
  let dash = false;
  for (let i = 0; i < args.length; i++) {
    if (args[i]!.value.charCodeAt(0) === 45) {
      dash = true;
      break;
    }
  }
  if (!dash) return { flags: NO_FLAGS, rest: args as ShellWord[] };
  const flags: ShellFlag[] = [];
  const rest: ShellWord[] = [];
  let i = 0;
  for (; i < args.length; i++) {
    const word = args[i]!;
    const v = word.value;
    if (v === '--') break;
    if (v.length < 2 || v.charCodeAt(0) !== 45 /* - */) {
      rest.push(word);
      continue;
    }
    if (v.charCodeAt(1) === 45) {
      const eq = v.indexOf('=');
      flags.push({ name: eq < 0 ? v.slice(2) : v.slice(2, eq), value: eq < 0 ? null : v.slice(eq + 1), word });
    } else {
      // One flag per code point after the dash (indexing, not a string iterator over a copy).
      for (let k = 1; k < v.length; k++) {
        const c = v.charCodeAt(k);
        const pair = c >= 0xd800 && c <= 0xdbff && k + 1 < v.length && (v.charCodeAt(k + 1) & 0xfc00) === 0xdc00;
        flags.push({ name: pair ? v.slice(k, k + 2) : v[k]!, value: null, word });
        if (pair) k++;
      }
    }
  }
  for (; i < args.length; i++) rest.push(args[i]!);
  return { flags, rest };
}
