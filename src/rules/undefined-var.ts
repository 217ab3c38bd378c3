// BuildKit's UndefinedVar: a `$name` expanded by an instruction (ENV, LABEL, COPY, WORKDIR...) that no
// ENV or ARG defines at that point.
import type { SourceRange } from '../core/range.js';
import type { Dockerfile } from '../parser/ast.js';
import { defineRule } from './types.js';
import { suggest } from '../parser/suggest.js';
import { buildkitUrl } from './utils/docs-url.js';
import { onInstructionLine } from './utils/buildkit-location.js';
import { baseImageEnv } from './utils/images.js';
import { envBefore, inheritedTriggers, modelOf } from './utils/model.js';
import { needsLexer } from '../expand/index.js';

export default defineRule({
  code: 'UndefinedVar',
  name: 'undefined-var',
  aliases: [],
  severity: 'warning',
  origin: 'buildkit',
  fixable: 'none',
  url: buildkitUrl('UndefinedVar'),
  docs: {
    summary: 'Variables should be defined (by ARG or ENV) before they are used.',
    why:
      'An undefined variable silently expands to an empty string: `COPY $SRC .` copies the whole context and ' +
      '`ENV PATH=$PAHT:/x` throws the PATH away. Most of these are typos.',
    bad: 'FROM alpine\nARG APP_DIR=/srv\nCOPY . $APP_DRI\n',
    good: 'FROM alpine\nARG APP_DIR=/srv\nCOPY . $APP_DIR\n',
    fix: 'Declare the variable with ARG or ENV before this instruction, or correct its spelling.',
    notes:
      'Checked where BuildKit expands variables: ENV, LABEL, COPY/ADD (paths, --chown, --chmod, --checksum, ' +
      'expanded heredocs), WORKDIR, USER, VOLUME, STOPSIGNAL, RUN --mount and ARG defaults; never in RUN, CMD or ' +
      'ENTRYPOINT, where the shell expands them. BuildKit also knows the base image\'s environment from the ' +
      'registry; dockhand knows it for scratch and a list of official images. For other base images it reports a ' +
      'variable only when a defined name is close enough to suggest (a likely typo), since the image may define it.',
  },
  check(ctx) {
    const file = ctx.file;
    if (!mayExpandVariables(file) || surelyDefined(file)) return;
    const model = modelOf(file);
    const report = (name: string, env: Iterable<string>, imageEnv: ReadonlyMap<string, string> | undefined, range: SourceRange) => {
      if (imageEnv?.has(name)) return;
      // BuildKit's suggestions come from the stage's environment in its order: the image's variables
      // first (PATH leads in official images' configs), then those the Dockerfile sets; a tie goes to
      // the earlier name.
      const hint = suggest(name, imageEnv ? ['PATH', ...imageEnv.keys(), ...env] : env, true);
      // The base image may define the variable; only a near-miss of a known name is then worth reporting.
      if (!imageEnv && hint === '') return;
      ctx.report({ range, message: `Usage of undefined variable '$${name}'${hint ? ` (did you mean $${hint}?)` : ''}` });
    };
    // ONBUILD triggers a stage inherits run first in it; BuildKit reports them at the stage's FROM.
    for (const { stage, info } of inheritedTriggers(file)) {
      for (const e of info.expansions) {
        for (const name of e.undefinedNames) report(name, info.scope.env.keys(), baseImageEnv(file, stage.index), stage.from.range);
      }
    }
    for (const stage of file.stages) {
      // Known only when needed: almost every stage has no undefined variable at all.
      let imageEnv: ReadonlyMap<string, string> | undefined | null = null;
      for (const ins of stage.instructions) {
        const undefinedHere = model.undefinedVariables(ins);
        if (undefinedHere.length === 0) continue;
        if (imageEnv === null) imageEnv = baseImageEnv(file, stage.index);
        const env = envBefore(file, ins);
        for (const { name, expansion } of undefinedHere) {
          report(name, env.keys(), imageEnv, onInstructionLine(file, ins, variableRange(file, expansion.range, name)));
        }
      }
    }
  },
});

/** The `$name` / `${name...}` inside a word's source, or the whole word when it cannot be found. */
function variableRange(file: Dockerfile, range: SourceRange, name: string): SourceRange {
  const src = file.text.slice(range.start, range.end);
  const re = new RegExp(`\\$(\\{${escape(name)}(?![A-Za-z0-9_])[^}]*\\}?|${escape(name)}(?![A-Za-z0-9_]))`);
  const m = re.exec(src);
  if (!m) return range;
  return file.lineIndex.range(range.start + m.index, range.start + m.index + m[0].length);
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Whether any word BuildKit expands may name a variable: every use is written with `$`, and the
 * commands of RUN, CMD, ENTRYPOINT and HEALTHCHECK are left to the shell (only their flags, such
 * as RUN's --mount, are expanded). False lets most files skip the semantic model here.
 */
function mayExpandVariables(file: Dockerfile): boolean {
  const text = file.text;
  // The next `$` at or after the instruction looked at (instructions come in order: one pass).
  let next = text.indexOf('$');
  for (const ins of file.instructions) {
    if (next === -1) return false;
    const k = ins.keyword;
    if (k === 'RUN' || k === 'CMD' || k === 'ENTRYPOINT' || k === 'HEALTHCHECK') {
      for (const f of ins.flags) if (f.value?.includes('$')) return true;
      continue;
    }
    if (next < ins.range.start) next = text.indexOf('$', ins.range.start);
    if (next !== -1 && next < ins.range.end) return true;
  }
  return false;
}

const NOTHING: ReadonlySet<string> = new Set();

/** Instructions whose words BuildKit expands (RUN: its flags only; EXPOSE never reports a name). */
const EXPANDED = new Set(['ENV', 'LABEL', 'ARG', 'WORKDIR', 'USER', 'STOPSIGNAL', 'VOLUME', 'COPY', 'ADD']);

/**
 * True when every variable a stage instruction may expand is surely defined where it is used: each
 * `$name` / `${name...}` in the text BuildKit expands (nested ones included) is PATH, which every
 * stage starts with, or is named by an ARG or ENV written earlier in the same stage. Such a file has
 * no finding, and the semantic model is not built to know it (for most files that use variables).
 * False whenever unsure: a `$` not followed by a plain ASCII name, an ARG or ENV name written with
 * quotes or a variable.
 */
function surelyDefined(file: Dockerfile): boolean {
  const text = file.text;
  const esc = file.escapeChar;
  for (const stage of file.stages) {
    const defined = new Set<string>(['PATH']);
    for (const ins of stage.instructions) {
      const k = ins.keyword;
      // A trigger runs in the stages built FROM this one, with their variables.
      if (k === 'ONBUILD' && ins.trigger && !namesDefined(text, ins.range.start, ins.range.end, NOTHING)) return false;
      if (k === 'RUN') {
        for (const f of ins.flags) if (f.value !== null && !namesDefined(f.value, 0, f.value.length, defined)) return false;
      } else if (EXPANDED.has(k) && !namesDefined(text, ins.range.start, ins.range.end, defined)) return false;
      // What this instruction defines counts from the next one on (its own words see the state before it).
      if (k === 'ENV') {
        for (const p of ins.pairs) {
          if (needsLexer(p.key, esc)) return false;
          defined.add(p.key);
        }
      } else if (k === 'ARG') {
        for (const a of ins.args) {
          const eq = a.value.indexOf('=');
          const name = eq < 0 ? a.value : a.value.slice(0, eq);
          if (needsLexer(name, esc)) return false;
          defined.add(name);
        }
      }
    }
  }
  return true;
}

/** True when every `$` in `s[from, to)` starts a plain ASCII name (`$A_1`, `${A...`) in `defined`. */
function namesDefined(s: string, from: number, to: number, defined: ReadonlySet<string>): boolean {
  for (let i = s.indexOf('$', from); i !== -1 && i < to; i = s.indexOf('$', i + 1)) {
    let j = i + 1;
    if (s.charCodeAt(j) === 0x7b /* { */) j++;
    const start = j;
    if (!isNameStart(s.charCodeAt(j))) return false;
    while (j < s.length && (isNameStart(s.charCodeAt(j)) || isAsciiDigit(s.charCodeAt(j)))) j++;
    // A non-ASCII letter or digit would continue the name as BuildKit reads it.
    if (j < s.length && s.charCodeAt(j) >= 0x80) return false;
    if (!defined.has(s.slice(start, j))) return false;
  }
  return true;
}

function isNameStart(c: number): boolean {
  return (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c === 0x5f;
}

function isAsciiDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}
