// The language service (src/service): pure functions from text and offsets to what an editor
// shows. Every answer is checked against the text it speaks about.
import { describe, expect, it } from 'vitest';
import { lint } from '../src/linter/index.js';
import { format } from '../src/format/index.js';
import { codeActions, completions, definition, diagnostics, formatting, hover, outline } from '../src/service/index.js';
import { apply, at } from './service-helpers.js';
import { MAX_DOCKERFILE_LINES } from '../src/core/limits.js';


const DOCKERFILE = [
  'ARG BASE=debian:bookworm',
  'FROM $BASE AS build',
  'ARG BASE',
  'ENV APP_HOME=/srv/app',
  'WORKDIR $APP_HOME',
  'RUN apt-get update && apt-get install -y curl',
  'FROM alpine AS final',
  'COPY --from=build /srv/app /app',
  'CMD ["/app/run"]',
  '',
].join('\n');

describe('language service', () => {
  it('reports what lint reports', () => {
    expect(diagnostics(DOCKERFILE)).toEqual(lint(DOCKERFILE).diagnostics);
  });

  it('offers each fix, an ignore pragma, and all safe fixes at once', () => {
    const text = 'from alpine\nRUN apk add curl\n';
    const all = lint(text).diagnostics;
    const casing = all.find((d) => d.code === 'ConsistentInstructionCasing' || d.fix)!;
    expect(casing.fix).toBeDefined();
    const actions = codeActions(text, { start: 0, end: 4 });
    const fix = actions.find((a) => a.diagnostic === undefined ? false : a.diagnostic.code === casing.code && a.title.startsWith(casing.fix!.title))!;
    expect(fix.kind).toBe('quickfix');
    const fixed = apply(text, fix.edits);
    expect(lint(fixed).diagnostics.some((d) => d.code === casing.code && d.range.start === casing.range.start)).toBe(false);

    // The ignore pragma silences exactly that finding on the next lint.
    const apk = all.find((d) => d.code === 'DL3018')!;
    const ignore = codeActions(text, { start: apk.range.start, end: apk.range.start }).find((a) => a.title === 'Ignore DL3018 for this instruction')!;
    const ignored = apply(text, ignore.edits);
    expect(ignored).toContain('# hadolint ignore=DL3018\nRUN apk add curl');
    const after = lint(ignored).diagnostics.map((d) => d.code);
    expect(after).not.toContain('DL3018');
    expect(after).toContain('DL3019');

    // A second ignore joins the existing pragma instead of adding a line.
    const dl3019 = lint(ignored).diagnostics.find((d) => d.code === 'DL3019')!;
    const second = codeActions(ignored, { start: dl3019.range.start, end: dl3019.range.end }).find((a) => a.title === 'Ignore DL3019 for this instruction')!;
    expect(apply(ignored, second.edits)).toContain('# hadolint ignore=DL3018,DL3019\nRUN apk add curl');

    const fixAll = actions.find((a) => a.kind === 'source.fixAll')!;
    const safeCount = all.filter((d) => d.fix?.safety === 'safe').length;
    expect(fixAll.title).toBe(`Fix all safe problems (${safeCount})`);
    expect(lint(apply(text, fixAll.edits)).diagnostics.filter((d) => d.fix?.safety === 'safe')).toEqual([]);
  });

  it('joins a pragma before its trailing reason, and never extends a global one', () => {
    const reason = 'FROM alpine\n# hadolint ignore=DL3019 # cache is fine here\nRUN apk add curl\n';
    const apk = lint(reason).diagnostics.find((d) => d.code === 'DL3018')!;
    const join = codeActions(reason, { start: apk.range.start, end: apk.range.end }).find((a) => a.title.startsWith('Ignore DL3018'))!;
    expect(apply(reason, join.edits)).toBe('FROM alpine\n# hadolint ignore=DL3019,DL3018 # cache is fine here\nRUN apk add curl\n');
    const global = 'FROM alpine\n# hadolint global ignore=DL3019\nRUN apk add curl\n';
    const apk2 = lint(global).diagnostics.find((d) => d.code === 'DL3018')!;
    const own = codeActions(global, { start: apk2.range.start, end: apk2.range.end }).find((a) => a.title.startsWith('Ignore DL3018'))!;
    expect(apply(global, own.edits)).toBe('FROM alpine\n# hadolint global ignore=DL3019\n# hadolint ignore=DL3018\nRUN apk add curl\n');
  });

  it("never puts a dockhand code into a hadolint pragma (hadolint would drop the pragma), and keeps hadolint's line right above", () => {
    const text = 'FROM alpine:3.20\n# hadolint ignore=DL3018\nRUN apk add curl && curl -k https://example.com/x\n';
    const dh = lint(text).diagnostics.find((d) => d.code.startsWith('DH'))!;
    expect(dh).toBeDefined();
    const ignore = codeActions(text, { start: dh.range.start, end: dh.range.end }).find((a) => a.title.startsWith(`Ignore ${dh.code}`))!;
    const ignored = apply(text, ignore.edits);
    expect(ignored).toBe(`FROM alpine:3.20\n# dockhand ignore=${dh.code}\n# hadolint ignore=DL3018\nRUN apk add curl && curl -k https://example.com/x\n`);
    expect(lint(ignored).diagnostics.map((d) => d.code)).not.toContain(dh.code);
    expect(lint(ignored).diagnostics.map((d) => d.code)).not.toContain('DL3018');
  });

  it('keeps CRLF line ends in the pragma it inserts', () => {
    const text = 'FROM alpine\r\nRUN apk add curl\r\n';
    const apk = lint(text).diagnostics.find((d) => d.code === 'DL3018')!;
    const ignore = codeActions(text, { start: apk.range.start, end: apk.range.end }).find((a) => a.title.startsWith('Ignore DL3018'))!;
    expect(apply(text, ignore.edits)).toBe('FROM alpine\r\n# hadolint ignore=DL3018\r\nRUN apk add curl\r\n');
  });

  it('hovers instructions, flags, variables, stages, directives and rule codes', () => {
    const h = (marked: string) => {
      const { text, offset } = at(marked);
      return hover(text, offset);
    };
    expect(h('FROM alpine\nWOR|KDIR /x\n')?.markdown).toMatch(/^`WORKDIR <path>`/);
    expect(h('FROM alpine\nCOPY --ch|mod=644 a b\n')?.markdown).toMatch(/\*\*--chmod\*\* — Permissions/);
    const env = h(DOCKERFILE.replace('WORKDIR $APP_HOME', 'WORKDIR $APP_H|OME'));
    expect(env?.markdown).toBe('`ENV APP_HOME=/srv/app` (line 4)');
    const arg = h(DOCKERFILE.replace('FROM $BASE', 'FROM $BA|SE'));
    expect(arg?.markdown).toBe('`ARG BASE=debian:bookworm` (line 1)');
    const stage = h(DOCKERFILE.replace('--from=build', '--from=bu|ild'));
    expect(stage?.markdown).toMatch(/^stage \*\*build\*\* \(line 2\): `FROM \$BASE`, 4 instructions/);
    expect(h('# esc|ape=`\nFROM alpine\n')?.markdown).toMatch(/escape character/);
    expect(h('FROM alpine\n# hadolint ignore=DL30|18\nRUN apk add curl\n')?.markdown).toMatch(/^\*\*DL3018\*\*/);
    expect(h('FROM alpine\nRUN echo $HO|ME\n')).toBeNull();
    expect(h('FROM alpine\nRUN ec|ho hi\n')).toBeNull();
  });

  it('hovers a variable with the declaration the symbol table binds it to, through FROM <stage> and global ARGs', () => {
    const h = (marked: string) => {
      const { text, offset } = at(marked);
      return { hover: hover(text, offset), definition: definition(text, offset), text };
    };
    const chain = 'ARG V=1\nFROM alpine AS a\nENV X=1\nFROM a AS b\nENV Y=2\nFROM b\nARG V\nRUN echo ${X} $Y $V\n';
    // ENV two stages up, carried through FROM b and FROM a.
    const x = h(chain.replace('${X}', '${|X}'));
    expect(x.hover?.markdown).toBe('`ENV X=1` (line 3), in stage **a** (line 2), which this stage is built on');
    expect(x.text.slice(x.definition!.start, x.definition!.end)).toBe('X');
    expect(x.definition!.start).toBe(x.text.indexOf('X=1'));
    const y = h(chain.replace('$Y', '$|Y'));
    expect(y.hover?.markdown).toBe('`ENV Y=2` (line 5), in stage **b** (line 4), which this stage is built on');
    // A global ARG taken into the stage by `ARG V`: that ARG, with the default it brings.
    expect(h(chain.replace('$V\n', '$|V\n')).hover?.markdown).toBe('`ARG V` (line 7): set with `--build-arg V=…`; its default comes from the global `ARG V=1` (line 1)');
    // `FROM 0` is an image called 0, not the first stage (only --from takes indexes): nothing carries.
    expect(h('FROM alpine\nENV P=/p\nFROM 0\nRUN ls $|P\n').hover).toBeNull();
    // A sibling stage's ENV is not in scope, nor is a global ARG the stage does not declare.
    expect(h('FROM alpine AS a\nENV X=1\nFROM alpine\nRUN echo $|X\n').hover).toBeNull();
    expect(h('ARG V=1\nFROM alpine\nRUN echo $|V\n').hover).toBeNull();
    // An ENV reads the values from before it: `ENV X=${X}2` extends the inherited X.
    const extend = h('FROM alpine AS a\nENV X=1\nFROM a\nENV X=${|X}2\n');
    expect(extend.hover?.markdown).toBe('`ENV X=1` (line 2), in stage **a** (line 1), which this stage is built on');
    expect(extend.definition!.start).toBe(extend.text.indexOf('X=1'));
    // The nearest declaration wins over the inherited one.
    expect(h('FROM alpine AS a\nENV X=1\nFROM a\nENV X=2\nRUN echo $|X\n').hover?.markdown).toBe('`ENV X=2` (line 4)');
  });

  it('hovers a span that covers exactly the word', () => {
    const { text, offset } = at('FROM alpine\nRUN echo ${TA|RGETARCH}\n');
    const r = hover(text, offset)!;
    expect(text.slice(r.span.start, r.span.end)).toBe('${TARGETARCH}');
    expect(r.markdown).toMatch(/automatic platform argument.*declare `ARG TARGETARCH` first/);
  });

  it('completes keywords only where an instruction can start', () => {
    const labels = (marked: string) => {
      const { text, offset } = at(marked);
      return completions(text, offset).map((c) => c.label);
    };
    expect(labels('FROM alpine\nWO|')).toContain('WORKDIR');
    expect(labels('FROM alpine\n|')).toEqual(expect.arrayContaining(['RUN', 'COPY', 'HEALTHCHECK']));
    // Inside a continued RUN, a new line is still the same instruction.
    expect(labels('FROM alpine\nRUN apt-get update \\\n  |')).not.toContain('RUN');
    expect(labels('FROM alpine\nONBUILD |')).not.toContain('FROM');
    expect(labels('FROM alpine\nONBUILD |')).toContain('RUN');
    const { text, offset } = at('FROM alpine\nru|');
    const run = completions(text, offset).find((c) => c.label === 'RUN')!;
    expect(apply(text, [{ ...run.replace, text: run.insert }])).toBe('FROM alpine\nRUN ');
  });

  it('completes flags, stage names, variables and directives', () => {
    const get = (marked: string) => {
      const { text, offset } = at(marked);
      return { text, items: completions(text, offset) };
    };
    expect(get('FROM alpine\nCOPY --|').items.map((c) => c.label)).toEqual(expect.arrayContaining(['--from', '--chown', '--chmod', '--link']));
    const stages = get('FROM a AS base\nFROM b AS tools\nFROM c\nCOPY --from=|');
    expect(stages.items.map((c) => c.label)).toEqual(['base', 'tools']);
    const fromBase = get('FROM a AS base\nFROM b AS tools\nFROM ba|');
    expect(fromBase.items.map((c) => c.label)).toEqual(['base', 'tools']);
    const vars = get('ARG V=1\nFROM alpine\nARG V\nENV HOME_DIR=/h\nRUN echo ${HO|');
    const home = vars.items.find((c) => c.label === 'HOME_DIR')!;
    expect(vars.items.map((c) => c.label)).toEqual(['V', 'HOME_DIR']);
    expect(apply(vars.text, [{ ...home.replace, text: home.insert }])).toBe('ARG V=1\nFROM alpine\nARG V\nENV HOME_DIR=/h\nRUN echo ${HOME_DIR}');
    const global = get('ARG TAG=1\nFROM alpine:$|');
    expect(global.items.map((c) => c.label)).toEqual(expect.arrayContaining(['TAG', 'BUILDPLATFORM', 'TARGETARCH']));
    expect(get('# sy|\nFROM alpine\n').items.map((c) => c.label)).toEqual(['syntax=', 'escape=', 'check=']);
    expect(get('FROM alpine\n# sy|\n').items).toEqual([]);
  });

  it('outlines stages with their instructions', () => {
    const o = outline(DOCKERFILE);
    expect(o.map((s) => [s.kind, s.name])).toEqual([
      ['arg', 'ARG BASE=debian:bookworm'],
      ['stage', 'build'],
      ['stage', 'final'],
    ]);
    expect(o[1]!.children.map((c) => c.name)).toEqual(['ARG BASE', 'ENV APP_HOME=/srv/app', 'WORKDIR $APP_HOME', 'RUN apt-get update && apt-get install -y curl']);
    expect(DOCKERFILE.slice(o[1]!.selection.start, o[1]!.selection.end)).toBe('build');
  });

  it('goes to the definition of stages and variables', () => {
    const def = (marked: string) => {
      const { text, offset } = at(marked);
      const span = definition(text, offset);
      return span && text.slice(span.start, span.end);
    };
    expect(def(DOCKERFILE.replace('--from=build', '--from=bui|ld'))).toBe('build');
    expect(def(DOCKERFILE.replace('WORKDIR $APP_HOME', 'WORKDIR $AP|P_HOME'))).toBe('APP_HOME');
    expect(def('FROM a AS base\nFROM b\nRUN --mount=type=cache,from=ba|se,target=/x true\n')).toBe('base');
    // BuildKit reads mount keys in any case, and a quoted value.
    expect(def('FROM a AS base\nFROM b\nRUN --mount=type=cache,FROM=ba|se,target=/x true\n')).toBe('base');
    expect(def('FROM a AS base\nFROM b\nRUN --mount=type=cache,"from=ba|se",target=/x true\n')).toBe('base');
    expect(def('FROM a AS base\nFROM ba|se\n')).toBe('base');
    expect(def('FROM alpine\nRUN echo $NO|PE\n')).toBeNull();
    // What references and rename read as a reference, and only that: not an escaped or single-quoted `$`.
    expect(def('FROM alpine\nARG FOO=1\nRUN echo $FO|O\n')).toBe('FOO=1');
    expect(def("FROM alpine\nARG FOO=1\nRUN echo '$FO|O'\n")).toBeNull();
    expect(def('FROM alpine\nARG FOO=1\nENV A=\\$FO|O\n')).toBeNull();
    // Declared in the stage this one is based on, or the global ARG a stage's `ARG NAME` takes.
    const inherited = 'ARG V=1\nFROM a AS base\nARG V\nENV HOME_DIR=/h\nFROM base\nRUN echo $HOME_|DIR $V\n';
    const at1 = inherited.indexOf('|');
    const t1 = inherited.replace('|', '');
    expect(definition(t1, at1)).toEqual({ start: t1.indexOf('HOME_DIR'), end: t1.indexOf('HOME_DIR') + 8 });
    const t2 = inherited.replace('|', '').replace('$V\n', '$V|\n');
    const at2 = t2.indexOf('|');
    expect(definition(t2.replace('|', ''), at2)).toEqual({ start: 'ARG V=1\nFROM a AS base\nARG '.length, end: 'ARG V=1\nFROM a AS base\nARG V'.length });
    // The base's declaration, not a sibling stage's re-declaration of the same variable.
    const sibling = 'FROM a AS base\nENV X=1\nFROM base AS one\nENV X=2\nFROM base AS two\nRUN echo $|X\n';
    const t3 = sibling.replace('|', '');
    expect(definition(t3, sibling.indexOf('|'))).toEqual({ start: t3.indexOf('X=1'), end: t3.indexOf('X=1') + 1 });
  });

  it('formats with one edit of the span that differs, and not a file with syntax errors', () => {
    const text = 'FROM alpine\nrun   echo hi   \nCMD ["x"]\n';
    const edits = formatting(text);
    expect(edits).toHaveLength(1);
    expect(text.slice(0, edits[0]!.start)).toBe('FROM alpine\n');
    expect(apply(text, edits)).toBe(format(text));
    expect(formatting(format(text))).toEqual([]);
    expect(formatting('FROM a\nRUNN x   \n')).toEqual([]);
  });

  it('never throws on odd input', () => {
    for (const text of ['', '\uFEFF', 'FROM', '\\\n\\\n', 'RUN <<EOF\n', 'FROM a\nCOPY --from=', '# escape=`\nFROM a\nRUN x `\n']) {
      for (let o = 0; o <= text.length; o++) {
        expect(() => [hover(text, o), completions(text, o), definition(text, o), codeActions(text, { start: o, end: o }), outline(text), formatting(text)]).not.toThrow();
      }
    }
  });
});

describe('a document past the size limits', () => {
  // One line more than dockhand analyses; parsing and linting it whole would cost gigabytes at
  // the byte limit, so the editor gets one error instead.
  const text = 'FROM alpine:3.20\n' + 'run echo hi\n'.repeat(MAX_DOCKERFILE_LINES);

  it('has one error at its start saying why, and nothing else', () => {
    expect(diagnostics(text)).toEqual([
      expect.objectContaining({ code: 'too-large', severity: 'error', message: 'Dockerfile too large to analyse: 200,001 lines (dockhand reads Dockerfiles of up to 200,000 lines)', range: expect.objectContaining({ start: 0, end: 0, startLine: 1, startColumn: 1 }) }),
    ]);
  });

  it('offers no edits, outline or answers, and formatting leaves it alone', () => {
    const o = text.indexOf('run');
    expect(formatting(text)).toEqual([]);
    expect(outline(text)).toEqual([]);
    expect(codeActions(text, { start: o, end: o })).toEqual([]);
    expect(hover(text, o)).toBeNull();
    expect(definition(text, o)).toBeNull();
  });
});
