// Rename, references and document highlights (src/service/rename.ts, references.ts, symbols.ts):
// stage names and ARG/ENV variables, checked by renaming and parsing the result again.
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from '../src/parser/index.js';
import { buildModel } from '../src/semantic/index.js';
import { highlights, prepareRename, references, rename } from '../src/service/index.js';
import { apply, at } from './service-helpers.js';


/** Renames at the marker and returns the new text (or the refusal). */
function renamed(marked: string, to: string): string {
  const { text, offset } = at(marked);
  const r = rename(text, offset, to);
  return 'error' in r ? `error: ${r.error}` : apply(text, r.edits);
}

function refused(marked: string): string | null {
  const { text, offset } = at(marked);
  const p = prepareRename(text, offset);
  return 'error' in p ? p.error : null;
}

const MULTI = [
  'ARG BASE=alpine:3.20',
  'FROM $BASE AS build',
  'RUN make',
  'FROM build AS test',
  'RUN make test',
  'FROM scratch',
  'COPY --from=build /out /app',
  'RUN --mount=type=cache,from=build,target=/cache true',
  'COPY --from=0 /x /y',
  '',
].join('\n');

describe('rename', () => {
  it('renames a stage where it is declared and everywhere it is named', () => {
    const want = MULTI.replace('AS build', 'AS compile').replace('FROM build', 'FROM compile').replace('--from=build', '--from=compile').replace('from=build,', 'from=compile,');
    expect(renamed(MULTI.replace('AS build', 'AS bu|ild'), 'compile')).toBe(want);
    // From any occurrence, with the same result.
    expect(renamed(MULTI.replace('--from=build', '--from=bui|ld'), 'compile')).toBe(want);
    expect(renamed(MULTI.replace('from=build,', 'from=b|uild,'), 'compile')).toBe(want);
    expect(renamed(MULTI.replace('FROM build', 'FROM build|'), 'compile')).toBe(want);
    // The renamed file builds the same graph (the index reference `--from=0` stays valid).
    const before = buildModel(parse(MULTI)).dependencies.map((d) => `${d.kind}:${JSON.stringify(d.target)}`);
    const after = buildModel(parse(want)).dependencies.map((d) => `${d.kind}:${JSON.stringify(d.target)}`);
    expect(after).toEqual(before);
  });

  it('renames a variable with every use the model binds to it, across stages only where the value is carried', () => {
    const text = [
      'ARG VERSION=1.0',
      'ARG OTHER=x',
      'FROM alpine:${VERSION} AS base',
      'ARG VERSION',
      'ENV APP_VERSION=$VERSION',
      'RUN echo "$VERSION" \'$VERSION\' ${VERSION:-none}',
      'FROM base AS child',
      'RUN echo $VERSION $APP_VERSION',
      'FROM alpine AS other',
      'RUN echo $VERSION',
      'ARG VERSION=2.0',
      'RUN echo $VERSION',
      '',
    ].join('\n');
    const out = renamed(text.replace('ARG VERSION=1.0', 'ARG VERS|ION=1.0'), 'RELEASE');
    expect(out.split('\n')).toEqual([
      'ARG RELEASE=1.0',
      'ARG OTHER=x',
      'FROM alpine:${RELEASE} AS base',
      'ARG RELEASE',
      'ENV APP_VERSION=$RELEASE',
      // Single quotes: the shell never expands it, so it is not a use.
      'RUN echo "$RELEASE" \'$VERSION\' ${RELEASE:-none}',
      'FROM base AS child',
      // The child stage inherits the declared ARG from its base stage.
      'RUN echo $RELEASE $APP_VERSION',
      'FROM alpine AS other',
      // Not declared in this stage: BuildKit does not carry the global value here.
      'RUN echo $VERSION',
      'ARG VERSION=2.0',
      'RUN echo $VERSION',
      '',
    ]);
    // The other stage's own ARG is another variable.
    expect(renamed(text.replace('ARG VERSION=2.0', 'ARG VER|SION=2.0'), 'V2').split('\n').slice(9, 12)).toEqual(['RUN echo $VERSION', 'ARG V2=2.0', 'RUN echo $V2']);
  });

  it('follows ENV into the running container, but not ARG', () => {
    const text = 'FROM alpine\nARG MODE=prod\nENV PORT=80\nCMD serve --mode $MODE --port $PORT\n';
    expect(renamed(text.replace('ENV PORT', 'ENV PO|RT'), 'HTTP_PORT')).toBe('FROM alpine\nARG MODE=prod\nENV HTTP_PORT=80\nCMD serve --mode $MODE --port $HTTP_PORT\n');
    expect(renamed(text.replace('ARG MODE', 'ARG MO|DE'), 'PROFILE')).toBe('FROM alpine\nARG PROFILE=prod\nENV PORT=80\nCMD serve --mode $MODE --port $PORT\n');
  });

  it('treats a re-declaration as the same variable', () => {
    const text = 'FROM alpine\nENV P=/a\nENV P=$P:/b\nRUN echo $P\n';
    expect(renamed(text.replace('RUN echo $P', 'RUN echo $|P'), 'Q')).toBe('FROM alpine\nENV Q=/a\nENV Q=$Q:/b\nRUN echo $Q\n');
  });

  it('refuses what cannot be renamed safely, saying why', () => {
    expect(refused('FROM alpine\nRUN echo $TARGET|ARCH\n')).toMatch(/not declared by an ARG or ENV/);
    expect(refused('FROM alpine\nARG TARGET|ARCH\nRUN echo $TARGETARCH\n')).toMatch(/set by the builder/);
    expect(refused('FROM alp|ine\n')).toMatch(/Only stage names and ARG\/ENV variables/);
    expect(refused('FROM a AS tool-li|nux\nFROM a AS tool-windows\nFROM tool-${TARGETOS}\n')).toMatch(/line 3 reaches stage tool-linux through variables/);
    expect(refused('FROM a AS tool-li|nux\nFROM a AS tool-windows\nFROM tool-${TARGETOS}\n')).toBeTruthy();
    expect(refused('FROM a AS tool-win|dows\nFROM tool-${TARGETOS}\n')).toMatch(/may reach stage tool-windows through variables/);
    expect(refused('FROM alpine\nARG N=1\nRUN N=2; echo $|N\n')).toMatch(/also sets N itself/);
    expect(refused('FROM alpine AS base\nARG V=1\nONBUILD RUN echo $V\nRUN echo $|V\n')).toMatch(/ONBUILD at line 3 uses V/);
    // The new name is checked too.
    const stage = MULTI.replace('AS build', 'AS bu|ild');
    expect(renamed(stage, 'test')).toMatch(/^error: a stage is already named test \(line 4\)/);
    expect(renamed(stage, 'alpine')).toBe(renamed(stage, 'alpine')); // deterministic
    expect(renamed('FROM a AS bu|ild\nFROM alpine\nCOPY --from=build / /\n', 'alpine')).toMatch(/line 2 uses the image alpine/);
    expect(renamed(stage, '9lives')).toMatch(/not a valid stage name/);
    expect(renamed(stage, 'scratch')).toMatch(/empty image/);
    const v = 'FROM alpine\nARG A=1\nARG B=2\nRUN echo $|A $B $HOME\n';
    expect(renamed(v, 'B')).toMatch(/B is already used in this Dockerfile \(line 3\)/);
    expect(renamed(v, 'HOME')).toMatch(/HOME is already used/);
    expect(renamed(v, 'TARGETOS')).toMatch(/automatic platform argument/);
    expect(renamed(v, 'PATH')).toMatch(/search path/);
    expect(renamed(v, 'https_proxy')).toMatch(/predefined proxy argument/);
    expect(renamed(v, 'A-B')).toMatch(/not a valid variable name/);
  });

  it('keeps the build the same on moby\'s Dockerfile for every variable it agrees to rename', () => {
    const path = '../shared/corpus/files/moby__moby__Dockerfile';
    if (!existsSync(path)) {
      console.warn(`SKIPPED: ${path} is absent`);
      return;
    }
    const text = readFileSync(path, 'utf8');
    const model = buildModel(parse(text));
    const seen = new Set<string>();
    let renamedCount = 0;
    for (const g of model.globalArgs) {
      if (seen.has(g.name)) continue;
      seen.add(g.name);
      const r = rename(text, g.nameRange.start, `${g.name}_X`);
      if ('error' in r) continue;
      renamedCount++;
      const after = buildModel(parse(apply(text, r.edits)));
      // Every stage resolves to the same base, and every expanded word to the same value.
      const bases = (m: typeof model) => m.stages.map((s) => JSON.stringify({ ...s.base, raw: undefined }));
      expect(bases(after)).toEqual(bases(model));
      const words = (m: typeof model) => m.instructions.flatMap((i) => i.expansions.map((e) => e.result));
      expect(words(after)).toEqual(words(model));
    }
    expect(renamedCount).toBeGreaterThan(10);
  });
});

describe('references and highlights', () => {
  it('lists every occurrence, declarations marked, with or without them', () => {
    const { text, offset } = at(MULTI.replace('FROM build', 'FROM bu|ild'));
    const all = references(text, offset).map((s) => `${s.start}:${text.slice(s.start, s.end)}`);
    expect(all.map((s) => s.split(':')[1])).toEqual(['build', 'build', 'build', 'build']);
    expect(references(text, offset, false)).toHaveLength(3);
    const h = highlights(text, offset);
    expect(h.filter((x) => x.write).map((x) => text.slice(x.start, x.end))).toEqual(['build']);
    expect(h[0]!.start).toBe(text.indexOf('build'));
    expect(references(text, text.indexOf('scratch'))).toEqual([]);
  });

  it('finds variable uses in RUN scripts and expanded words, not in other stages', () => {
    const { text, offset } = at('FROM a\nARG V|ER=1\nRUN echo $VER\nCOPY app-$VER.tgz /\nFROM b\nRUN echo $VER\n');
    expect(references(text, offset).map((s) => text.slice(s.start - 1, s.end))).toEqual([' VER', '$VER', '$VER']);
  });
});
