// The build plan in the editor (src/service/build-plan.ts): lenses on stages and on RUN/COPY/ADD
// with cache keys and, against a baseline, cached/rebuild and the first cause; the full
// explanation of a step. Contexts are in memory; baselines are plans of other texts.
import { describe, expect, it } from 'vitest';
import { memoryContext } from '../src/planner/context.js';
import { plan } from '../src/planner/plan.js';
import { parse } from '../src/parser/index.js';
import { explainStep, planLenses, type PlanInputs } from '../src/service/index.js';

const DOCKERFILE = [
  'FROM golang:1.22 AS build',
  'WORKDIR /src',
  'COPY go.mod ./',
  'RUN go mod download',
  'COPY . .',
  'RUN go build -o /out/app',
  'FROM alpine:3.20',
  'COPY --from=build /out/app /app',
  'CMD ["/app"]',
  '',
].join('\n');

const files = { 'go.mod': 'module x\n', 'main.go': 'package main\n' };

function inputs(baselineText: string | null, context = memoryContext(files), baselineContext = context): PlanInputs {
  const baseline = baselineText === null ? null : plan(parse(baselineText), { context: baselineContext, dockerfile: 'Dockerfile' });
  return {
    context,
    baseline: baseline ? { plan: baseline, label: 'HEAD' } : { plan: null, reason: 'not a git repository' },
    dockerfile: 'Dockerfile',
  };
}

const titles = (text: string, i: PlanInputs) => planLenses(text, i).map((l) => `${l.line} ${l.title.replace(/key [0-9a-f]{12}/g, 'key K').replace(/base [0-9a-f]{12}/, 'base K')}`);

describe('build plan lenses', () => {
  it('shows every step cached when nothing changed since the baseline', () => {
    expect(titles(DOCKERFILE, inputs(DOCKERFILE))).toEqual([
      '1 stage build · 5 steps, all cached (vs HEAD)',
      '3 cached · key K',
      '4 cached · key K',
      '5 cached · key K',
      '6 cached · key K',
      '7 stage #1 · 1 step, all cached (vs HEAD)',
      '8 cached · key K',
    ]);
  });

  it('names the first cause of each rebuild: a file, an edited line, a parent', () => {
    const changed = memoryContext({ ...files, 'main.go': 'package main // edited\n' });
    expect(titles(DOCKERFILE, inputs(DOCKERFILE, changed, memoryContext(files)))).toEqual([
      '1 stage build · 2 of 5 steps rebuild from line 5 (vs HEAD)',
      '3 cached · key K',
      '4 cached · key K',
      '5 rebuild: main.go modified (selected by .) · key K',
      '6 rebuild: parent step rebuilt (line 5 rebuilt) · key K',
      '7 stage #1 · 1 of 1 step rebuild from line 8 (vs HEAD)',
      '8 rebuild: parent step rebuilt (stage build rebuilt) · key K',
    ]);
    const edited = DOCKERFILE.replace('go mod download', 'go mod download -x');
    const lenses = titles(edited, inputs(DOCKERFILE));
    expect(lenses[2]).toBe('4 rebuild: line 4 edited: RUN go mod download → RUN go mod download -x · key K');
    expect(lenses[3]).toBe('5 rebuild: parent step rebuilt (line 4 rebuilt) · key K');
  });

  it('shows keys alone without a baseline, and says why there is none', () => {
    const t = titles(DOCKERFILE, inputs(null));
    expect(t[0]).toBe('1 stage build · 5 steps · base K · not a git repository');
    expect(t[1]).toBe('3 key K');
  });

  it('says why there is no plan instead of guessing', () => {
    expect(titles('FROM alpine\nCOPY --from=$X / /\n', inputs(null))).toEqual([expect.stringMatching(/^2 no plan: variable expansion is not supported for --from/)]);
    expect(titles('FROM alpine\nCOPY a\n', inputs(null))[0]).toMatch(/^2 no plan while line 2 has a syntax error/);
    const unknownTarget = { ...inputs(null), target: 'nope' };
    expect(titles(DOCKERFILE, unknownTarget)[0]).toMatch(/target stage "nope" not found/);
  });

  it('explains a step in full: key, parent, inputs, verdict and cause', () => {
    const changed = memoryContext({ ...files, 'main.go': 'package main // edited\n' });
    const text = explainStep(DOCKERFILE, 5, inputs(DOCKERFILE, changed, memoryContext(files)));
    const lines = text.split('\n');
    expect(lines[0]).toBe('COPY . . (line 5, stage build) — vs HEAD');
    expect(lines[1]).toBe('REBUILD: main.go modified (selected by .)');
    expect(lines[2]).toBe('first cause (file): main.go modified (selected by .)');
    expect(lines[3]).toMatch(/^cache key {2}sha256:[0-9a-f]{64}$/);
    expect(lines[4]).toMatch(/^parent key sha256:[0-9a-f]{64} \(line 4, RUN\)$/);
    expect(text).toContain('  instruction: COPY . /src');
    expect(text).toMatch(/ {2}files: 2 \(digest sha256:[0-9a-f]{64}\)\n {4}go\.mod/);
    const stage = explainStep(DOCKERFILE, 1, inputs(DOCKERFILE, changed, memoryContext(files)));
    expect(stage.split('\n')[0]).toBe('stage build (line 1), FROM golang:1.22 (floating tag) — vs HEAD');
    expect(stage).toMatch(/REBUILD {4}6 {2}RUN go build -o \/out\/app\n {17}↳ parent step rebuilt/);
    expect(explainStep(DOCKERFILE, 9, inputs(null))).toMatch(/line 9 is not a step of the build/);
  });
});
