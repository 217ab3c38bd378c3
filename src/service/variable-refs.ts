// Finds `$NAME` and `${NAME…}` references in text, the way the two readers that expand them do:
// BuildKit's lexer for the words it expands (its escape token, quotes, `${…}` modifiers), and a
// POSIX shell for RUN, CMD and ENTRYPOINT scripts (single quotes, escapes, `#` comments).

/** One reference: the name and where it is (`start`/`end` cover the name; `dollar` is its `$`). */
export interface VariableRef {
  name: string;
  start: number;
  end: number;
  dollar: number;
}

/** How to read the text. */
export interface ScanOptions {
  /** The escape character (`\` or the file's `# escape=` token). */
  escape: string;
  /** Quotes count (single quotes stop expansion); false for COPY heredoc bodies, where BuildKit ignores them. */
  quotes: boolean;
  /** Shell comments (`#` at the start of a word) run to the end of the line. */
  comments?: boolean;
}

const isNameStart = (c: number) => (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
const isNameChar = (c: number) => isNameStart(c) || (c >= 48 && c <= 57);

/** Every reference in `text[from, to)`, in order. */
export function scanVariables(text: string, from: number, to: number, options: ScanOptions): VariableRef[] {
  const out: VariableRef[] = [];
  const esc = options.escape.charCodeAt(0);
  let inDouble = false;
  let i = from;
  while (i < to) {
    const c = text.charCodeAt(i);
    if (c === esc) {
      i += 2;
      continue;
    }
    if (options.quotes && c === 39 /* ' */ && !inDouble) {
      const close = text.indexOf("'", i + 1);
      if (close < 0 || close >= to) break;
      i = close + 1;
      continue;
    }
    if (options.quotes && c === 34 /* " */) {
      inDouble = !inDouble;
      i++;
      continue;
    }
    if (options.comments && c === 35 /* # */ && !inDouble && (i === from || /[\s;&|(]/.test(text[i - 1]!))) {
      const eol = text.indexOf('\n', i);
      i = eol < 0 || eol >= to ? to : eol;
      continue;
    }
    if (c === 36 /* $ */) {
      const start = text.charCodeAt(i + 1) === 123 /* { */ ? i + 2 : i + 1;
      let end = start;
      if (end < to && isNameStart(text.charCodeAt(end))) {
        while (end < to && isNameChar(text.charCodeAt(end))) end++;
        out.push({ name: text.slice(start, end), start, end, dollar: i });
      }
      i = Math.max(end, i + 1);
      continue;
    }
    i++;
  }
  return out;
}

/**
 * Names a shell script sets itself (`NAME=…`, `export NAME=…`, `for NAME in`, `read … NAME`,
 * `unset NAME`, `local`/`readonly`/`declare NAME`): a `$NAME` there may not be the Dockerfile's.
 */
export function shellAssignedNames(script: string): Set<string> {
  const names = new Set<string>();
  for (const m of script.matchAll(/(?:^|[\s;&|(`])(?:(?:export|local|readonly|declare|typeset)(?:\s+-\w+)*\s+)?([A-Za-z_]\w*)\+?=/g)) names.add(m[1]!);
  for (const m of script.matchAll(/\b(?:for|select)\s+([A-Za-z_]\w*)\b/g)) names.add(m[1]!);
  for (const m of script.matchAll(/\b(?:read|unset|local|readonly|export|declare|typeset)\b((?:\s+-\w+)*(?:\s+[A-Za-z_]\w*)+)/g)) {
    for (const w of m[1]!.trim().split(/\s+/)) if (/^[A-Za-z_]\w*$/.test(w)) names.add(w);
  }
  return names;
}
