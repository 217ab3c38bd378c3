// LABEL values as the label rules read them (DL3048–DL3058): pairs with quotes removed (ONBUILD
// LABEL too), the label-schema lookup, and the value validators for each schema type.
import type { SourceRange } from '../../core/range.js';
import type { Dockerfile, Instruction, KeyValue } from '../../parser/ast.js';
import parseSpdx from 'spdx-expression-parse';
import { fileScratch } from './lint-scratch.js';
import { unquote } from './quotes.js';
import { instructionsOf, instructionsWithTriggers } from './instructions.js';

/** A LABEL pair with its key and value unquoted. */
export interface LabelPair {
  key: string;
  value: string;
  pair: KeyValue;
  instruction: Instruction;
}

/**
 * The LABEL instructions hadolint's label rules see: top-level ones, and with `onbuild` also
 * `ONBUILD LABEL` triggers.
 */
export function labelPairs(file: Dockerfile, onbuild = false): LabelPair[] {
  // Ten rules read the pairs of every file: unquote them once per file (callers get a copy).
  const memo = fileScratch(file);
  const key = onbuild ? 'labels:pairs+onbuild' : 'labels:pairs';
  let pairs = memo.get(key) as LabelPair[] | undefined;
  if (!pairs) {
    pairs = collectLabelPairs(file, onbuild);
    memo.set(key, pairs);
  }
  return pairs.slice();
}

function collectLabelPairs(file: Dockerfile, onbuild: boolean): LabelPair[] {
  const out: LabelPair[] = [];
  for (const ins of onbuild ? instructionsWithTriggers(file, 'LABEL') : instructionsOf(file, 'LABEL')) {
    for (const pair of ins.pairs) out.push({ key: unquote(pair.key), value: unquote(pair.value), pair, instruction: ins });
  }
  return out;
}

/** The schema type of a label (`''` counts as `text`), or undefined when the label is not in the schema. */
export function schemaType(schema: Record<string, string>, key: string): string | undefined {
  if (!Object.prototype.hasOwnProperty.call(schema, key)) return undefined;
  return schema[key] || 'text';
}

/** The value range of a pair, falling back to the key when the value is empty. */
export function valueRange(p: LabelPair): SourceRange {
  return p.pair.valueRange.end > p.pair.valueRange.start ? p.pair.valueRange : p.pair.range;
}

/** An absolute URI: a scheme followed by `:` and no whitespace (RFC 3986 `absolute-URI`). */
export function isUri(v: string): boolean {
  return /^[A-Za-z][A-Za-z0-9+.-]*:[^\s"<>\\^`{|}]*$/.test(v) && !/%(?![0-9A-Fa-f]{2})/.test(v);
}

/** An RFC 3339 date-time (`2021-03-10T10:26:33.564+01:00`), with calendar ranges checked. */
export function isRfc3339(v: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(\.\d+)?([Zz]|[+-](\d{2}):(\d{2}))$/.exec(v);
  if (!m) return false;
  const [y, mo, d, h, mi, s] = [m[1], m[2], m[3], m[4], m[5], m[6]].map(Number) as number[];
  const days = new Date(Date.UTC(y!, mo!, 0)).getUTCDate();
  if (mo! < 1 || mo! > 12 || d! < 1 || d! > days || h! > 23 || mi! > 59 || s! > 60) return false;
  return m[9] === undefined || (Number(m[9]) <= 23 && Number(m[10]) <= 59);
}

/** A valid SPDX license expression (`MIT`, `Apache-2.0 OR MIT`). */
export function isSpdx(v: string): boolean {
  try {
    parseSpdx(v);
    return true;
  } catch {
    return false;
  }
}

/** A git commit hash: 7 (short) or 40 lower-case hex digits. */
export function isGitHash(v: string): boolean {
  return /^[0-9a-f]{7}$/.test(v) || /^[0-9a-f]{40}$/.test(v);
}

/** A Semantic Versioning 2.0.0 version (`1.0.0`, `2.0.1-rc1+build.5`). */
export function isSemver(v: string): boolean {
  return /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-((?:0|[1-9]\d*|\d*[A-Za-z-][0-9A-Za-z-]*)(?:\.(?:0|[1-9]\d*|\d*[A-Za-z-][0-9A-Za-z-]*))*))?(?:\+([0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?$/.test(v);
}

/**
 * An e-mail address in RFC 5322's addr-spec form (dot-atom or quoted local part, dot-atom or
 * domain-literal domain), optionally as `Name <addr>`.
 */
export function isEmail(v: string): boolean {
  const angle = /^[^<>]*<([^<>]+)>\s*$/.exec(v);
  const addr = angle ? angle[1]! : v;
  const atext = "[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+";
  const dotAtom = `${atext}(?:\\.${atext})*`;
  const quoted = '"(?:[^"\\\\]|\\\\.)*"';
  const literal = '\\[[^\\[\\]\\\\]*\\]';
  return new RegExp(`^(?:${dotAtom}|${quoted})@(?:${dotAtom}|${literal})$`).test(addr);
}

/**
 * Shared body of the typed label rules (DL3052–DL3058): report every schema label of `type` whose
 * non-empty value fails `valid` (empty values are DL3051's). Values built from variables
 * (`$BUILD_DATE`) are not judged: they are only known at build time. ONBUILD LABEL included.
 */
export function checkTypedLabels(
  ctx: { file: Dockerfile; options: { labelSchema: Record<string, string> }; report(r: { range: SourceRange; message: string }): void },
  type: string,
  valid: (v: string) => boolean,
  message: (key: string) => string,
): void {
  // Without a schema entry no key has a type (the default config has no schema at all).
  if (Object.keys(ctx.options.labelSchema).length === 0) return;
  for (const p of labelPairs(ctx.file, true)) {
    if (schemaType(ctx.options.labelSchema, p.key) !== type || p.value === '' || expands(p.pair.value) || valid(p.value)) continue;
    ctx.report({ range: valueRange(p), message: message(p.key) });
  }
}

/** True when a raw LABEL value refers to a build variable (`$V`, `${V}`), which is only known at build time. */
export function expands(raw: string): boolean {
  let single = false;
  let double = false;
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i];
    if (c === '\\' && !single) i++;
    else if (c === '"' && !single) double = !double;
    else if (c === "'" && !double) single = !single;
    else if (c === '$' && !single && /[A-Za-z_{]/.test(raw[i + 1] ?? '')) return true;
  }
  return false;
}
