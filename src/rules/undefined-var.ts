// BuildKit's UndefinedVar: a `$name` expanded by an instruction (ENV, LABEL, COPY, WORKDIR...) that no
// ENV or ARG defines at that point.
import type { SourceRange } from '../core/range.js';
import type { Dockerfile, Instruction } from '../parser/ast.js';
import { defineRule } from './types.js';
import { buildkitUrl, suggest } from './utils/buildkit-common.js';
import { argPairs, expandWord, scopeBefore } from './utils/buildkit-vars.js';

/** Variables BuildKit reads itself; using them undeclared is not a mistake. */
const NON_ENV_ARGS = new Set(['BUILDKIT_SBOM_SCAN_CONTEXT', 'BUILDKIT_SBOM_SCAN_STAGE']);

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
    for (const stage of file.stages) {
      for (const ins of stage.instructions) {
        const words = expandedWords(file, ins);
        if (words.length === 0) continue;
        const scope = scopeBefore(file, ins);
        for (const w of words) {
          const r = expandWord(file, w.word, scope.values);
          if (!r) continue;
          for (const name of r.unmatched) {
            if (scope.declaredArgs.has(name) || NON_ENV_ARGS.has(name)) continue;
            const hint = suggest(name, scope.values.keys(), true);
            if (!scope.imageEnvKnown && hint === '') continue;
            ctx.report({
              range: variableRange(file, w.range, name),
              message: `Usage of undefined variable '$${name}'${hint ? ` (did you mean $${hint}?)` : ''}`,
            });
          }
        }
      }
    }
  },
});

interface Word {
  word: string;
  range: SourceRange;
}

/** The words of an instruction that BuildKit expands with the stage's variables. */
function expandedWords(file: Dockerfile, ins: Instruction): Word[] {
  const out: Word[] = [];
  switch (ins.keyword) {
    case 'ENV':
    case 'LABEL':
      for (const p of ins.pairs) out.push({ word: p.key, range: p.keyRange }, { word: p.value, range: p.valueRange });
      break;
    case 'COPY':
    case 'ADD': {
      const heredocNames = new Set(ins.heredocs.map((h) => h.name));
      for (const a of ins.args) {
        if (a.value.startsWith('<<') && heredocNames.size > 0) continue;
        out.push({ word: a.value, range: a.range });
      }
      for (const f of ins.flags) {
        if ((f.name === 'chown' || f.name === 'chmod' || f.name === 'checksum') && f.value !== null) {
          out.push({ word: f.value, range: f.valueRange ?? f.range });
        }
      }
      for (const h of ins.heredocs) if (h.expand) out.push({ word: h.content, range: h.bodyRange });
      break;
    }
    case 'WORKDIR':
    case 'USER':
    case 'STOPSIGNAL':
      if (ins.argsText !== '') out.push({ word: ins.json ? (ins.args[0]?.value ?? '') : ins.argsText, range: ins.argsRange });
      break;
    case 'VOLUME':
      for (const a of ins.args) out.push({ word: a.value, range: a.range });
      break;
    case 'RUN':
      for (const f of ins.flags) if (f.name === 'mount' && f.value !== null) out.push({ word: f.value, range: f.valueRange ?? f.range });
      break;
    case 'ARG':
      for (const p of argPairs(ins)) {
        if (p.value !== null) out.push({ word: p.value, range: ins.args[p.index]!.range });
      }
      break;
  }
  return out;
}

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

