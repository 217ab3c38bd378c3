// BuildKit's UndefinedVar: a `$name` expanded by an instruction (ENV, LABEL, COPY, WORKDIR...) that no
// ENV or ARG defines at that point.
import type { SourceRange } from '../core/range.js';
import type { Dockerfile } from '../parser/ast.js';
import { defineRule } from './types.js';
import { suggest } from '../parser/suggest.js';
import { buildkitUrl } from './utils/docs-url.js';
import { baseImageEnv } from './utils/images.js';
import { envBefore, modelOf } from './utils/model.js';

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
    if (!mayExpandVariables(file)) return;
    const model = modelOf(file);
    for (const stage of file.stages) {
      // Known only when needed: almost every stage has no undefined variable at all.
      let imageEnv: ReadonlyMap<string, string> | undefined | null = null;
      for (const ins of stage.instructions) {
        const undefinedHere = model.undefinedVariables(ins);
        if (undefinedHere.length === 0) continue;
        if (imageEnv === null) imageEnv = baseImageEnv(file, stage.index);
        const env = envBefore(file, ins);
        for (const { name, expansion } of undefinedHere) {
          if (imageEnv?.has(name)) continue;
          const hint = suggest(name, imageEnv ? [...env.keys(), ...imageEnv.keys()] : env.keys(), true);
          // The base image may define the variable; only a near-miss of a known name is then worth reporting.
          if (!imageEnv && hint === '') continue;
          ctx.report({
            range: variableRange(file, expansion.range, name),
            message: `Usage of undefined variable '$${name}'${hint ? ` (did you mean $${hint}?)` : ''}`,
          });
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
