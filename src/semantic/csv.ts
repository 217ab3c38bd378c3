// One CSV record, parsed like tonistiigi/go-csvvalue (what BuildKit uses for `--mount` specs), keeping
// each field's span so diagnostics can point into the flag value.

/** A CSV field: its unquoted text and the [start, end) span of its raw text in the input. */
export interface CsvField {
  text: string;
  start: number;
  end: number;
}

/** Byte length of `s` in UTF-8 (Go reports CSV error columns in bytes). */
function utf8Length(s: string): number {
  return new TextEncoder().encode(s).length;
}

/**
 * Splits one CSV line: `,` separates fields; a field starting with `"` is quoted (`""` is a quote);
 * a `"` inside an unquoted field or after a closing quote is an error. Returns an error message in
 * Go's wording (`EOF` for an empty value) or the fields.
 */
export function parseCsvRecord(input: string): { fields: CsvField[] } | { error: string } {
  let line = input;
  if (line.endsWith('\r\n')) line = line.slice(0, -2);
  else if (line.endsWith('\n')) line = line.slice(0, -1);
  if (line === '') return { error: 'EOF' };
  const err = (pos: number, what: string) => ({
    error: `parse error on line 1, column ${utf8Length(line.slice(0, pos)) + 1}: ${what}`,
  });

  const fields: CsvField[] = [];
  let pos = 0;
  for (;;) {
    if (pos >= line.length || line[pos] !== '"') {
      const comma = line.indexOf(',', pos);
      const end = comma < 0 ? line.length : comma;
      const text = line.slice(pos, end);
      const quote = text.indexOf('"');
      if (quote >= 0) return err(pos + quote, 'bare " in non-quoted-field');
      fields.push({ text, start: pos, end });
      if (comma < 0) return { fields };
      pos = comma + 1;
      continue;
    }
    // Quoted field.
    const start = pos;
    pos++;
    let text = '';
    for (;;) {
      const q = line.indexOf('"', pos);
      if (q < 0) return err(line.length, 'extraneous or missing " in quoted-field');
      text += line.slice(pos, q);
      pos = q + 1;
      const next = line[pos];
      if (next === '"') {
        text += '"';
        pos++;
        continue;
      }
      if (next === ',') {
        fields.push({ text, start, end: pos });
        pos++;
        break;
      }
      if (next === undefined) {
        fields.push({ text, start, end: pos });
        return { fields };
      }
      return err(pos - 1, 'extraneous or missing " in quoted-field');
    }
  }
}
