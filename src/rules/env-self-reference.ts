// DL3044: an ENV value referring to a variable that the same ENV instruction defines.
import { defineRule } from './types.js';
import type { SourceRange } from '../core/range.js';
import type { Instruction, KeyValue } from '../parser/ast.js';

export default defineRule({
  code: 'DL3044',
  name: 'env-self-reference',
  aliases: [],
  severity: 'error',
  origin: 'hadolint',
  fixable: 'none',
  docs: {
    summary: 'An `ENV` value refers to a variable defined in the same `ENV` instruction.',
    why: 'All values of one ENV are expanded with the environment from before the instruction: in `ENV A=1 B=$A`, B does not see the new A and becomes empty.',
    bad: 'FROM alpine:3.20\nENV APP_HOME=/app APP_BIN=$APP_HOME/bin',
    good: 'FROM alpine:3.20\nENV APP_HOME=/app\nENV APP_BIN=$APP_HOME/bin',
    fix: 'Split the ENV so the variable is defined in an earlier instruction.',
    notes:
      'Like hadolint: a variable already defined by an earlier ARG or ENV is fine (it has a value, if an old one), a pair may ' +
      'refer to its own key (`ENV PATH=/opt/bin:$PATH`), and a reference to the key of any other pair of the same ENV is ' +
      'reported, whether that pair comes before or after it (`ENV A=$B B=1` gives A the old B too); `$VAR` at the very end ' +
      'of a value counts. Unlike hadolint: single-quoted and escaped `$` are not references (BuildKit does not expand ' +
      'them), `${VAR:-default}` and the other `${VAR...}` forms are (they read the old value as well), the finding ' +
      'points at the reference, and when one ENV sets a key twice (`ENV PATH=$PATH:/a PATH=$PATH:/b`) only the second ' +
      'self-reference is reported: the first one reads the old value as meant, the second loses what the first added.',
  },
  check(ctx) {
    // Only an ENV with several pairs, one of which holds `$`, can refer to a key of its own: most files have none.
    if (!ctx.file.instructions.some(mayReferToItself)) return;
    const defined = new Set<string>();
    for (const ins of ctx.file.instructions) {
      if (ins.keyword === 'ARG') {
        for (const a of ins.args) defined.add(a.value.split('=')[0]!);
        continue;
      }
      if (ins.keyword !== 'ENV') continue;
      const keys = ins.pairs.map((p) => p.key);
      ins.pairs.forEach((pair, j) => {
        if (keys.length < 2 || !pair.value.includes('$')) return;
        for (const ref of references(pair)) {
          // A pair's reference to its own key reads the old value, as meant (`PATH=$PATH:/x`), unless an earlier pair
          // already set that key; a reference to another pair's key, before or after it, reads the old value too.
          const own = keys[j] === ref.name;
          if (defined.has(ref.name) || !keys.some((k, i) => k === ref.name && (own ? i < j : i !== j))) continue;
          ctx.report({ range: ref.range, message: 'Do not refer to an environment variable within the same `ENV` statement where it is defined.' });
        }
      });
      for (const k of keys) defined.add(k);
    }
  },
});

/** An ENV with several pairs, one of which holds `$` in its value. */
function mayReferToItself(ins: Instruction): boolean {
  if (ins.keyword !== 'ENV' || ins.pairs.length < 2) return false;
  for (const p of ins.pairs) if (p.value.includes('$')) return true;
  return false;
}

/** `$NAME` / `${NAME...}` references in a raw ENV value, skipping single quotes and `\$`. */
function references(pair: KeyValue): { name: string; range: SourceRange }[] {
  const v = pair.value;
  const out: { name: string; range: SourceRange }[] = [];
  let single = false;
  let double = false;
  for (let i = 0; i < v.length; i++) {
    const c = v[i];
    if (c === '\\' && !single) {
      i++;
      continue;
    }
    if (c === '"' && !single) double = !double;
    if (c === "'" && !double) single = !single;
    if (c !== '$' || single) continue;
    const m = /^\$(?:\{([A-Za-z_][A-Za-z0-9_]*)|([A-Za-z_][A-Za-z0-9_]*))/.exec(v.slice(i));
    if (!m) continue;
    const r = pair.valueRange;
    const start = r.start + i;
    const end = start + m[0].length + (m[1] !== undefined && v[i + m[0].length] === '}' ? 1 : 0);
    const inside = end <= r.end && r.endLine === r.startLine;
    out.push({
      name: (m[1] ?? m[2])!,
      range: inside ? { start, end, startLine: r.startLine, startColumn: r.startColumn + i, endLine: r.startLine, endColumn: r.startColumn + (end - r.start) } : r,
    });
  }
  return out;
}
