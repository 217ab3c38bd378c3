// Bytes to text: UTF-8 with U+FFFD replacement and a warning naming the first bad byte's line.
// A leading BOM is kept in the text so offsets match the file; the parser skips it as BuildKit does.
import { isUtf8 } from 'node:buffer';
import type { Diagnostic } from '../core/diagnostic.js';
import { LineIndex } from '../core/line-index.js';

const decoder = new TextDecoder('utf-8', { fatal: false, ignoreBOM: true });

/** Decodes a Dockerfile's bytes. Never throws. */
export function decode(bytes: Uint8Array): { text: string; diagnostics: Diagnostic[] } {
  const text = decoder.decode(bytes);
  if (isUtf8(bytes)) return { text, diagnostics: [] };
  const bad = firstInvalidByte(bytes);
  let line = 1;
  for (let i = 0; i < bad; i++) if (bytes[i] === 0x0a) line++;
  const li = new LineIndex(text);
  const range = li.linesRange(line, line);
  const hex = (bytes[bad] ?? 0).toString(16).padStart(2, '0');
  return {
    text,
    diagnostics: [{
      code: 'invalid-utf8',
      severity: 'warning',
      message: `invalid UTF-8 (byte 0x${hex} at offset ${bad}, line ${line}); decoded with U+FFFD replacement characters`,
      range,
    }],
  };
}

/** Offset of the first byte that does not start a valid UTF-8 sequence. */
function firstInvalidByte(b: Uint8Array): number {
  const n = b.length;
  let i = 0;
  while (i < n) {
    const c = b[i]!;
    if (c < 0x80) { i++; continue; }
    let len = 0;
    let min = 0;
    if (c >= 0xc2 && c <= 0xdf) { len = 2; min = 0x80; }
    else if (c >= 0xe0 && c <= 0xef) { len = 3; min = 0x800; }
    else if (c >= 0xf0 && c <= 0xf4) { len = 4; min = 0x10000; }
    else return i;
    if (i + len > n) return i;
    let cp = c & (len === 2 ? 0x1f : len === 3 ? 0x0f : 0x07);
    for (let k = 1; k < len; k++) {
      const d = b[i + k]!;
      if ((d & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (d & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += len;
  }
  return n;
}
