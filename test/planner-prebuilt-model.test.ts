// plan() as the editor calls it: with a semantic model the caller already built (the language
// service passes the one its diagnostics read), the plan is the same as one that builds its own,
// over the planner fixtures and a sample of the corpus, and a model built for other options, or for
// another parse, is not used; with `outlines: false`, the plan is the same but for the outlines.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Dockerfile } from '../src/parser/ast.js';
import { parse } from '../src/parser/index.js';
import { memoryContext, selectSource, withoutReading } from '../src/planner/context.js';
import { modelFits, plan, type PlanOptions } from '../src/planner/plan.js';
import { buildModel, type SemanticModel } from '../src/semantic/index.js';
import { diagnostics, modelOf } from '../src/service/index.js';
import { corpusDir, corpusNames, corpusPresent } from './corpus.js';

/** A context with a few files, so COPY and bind mounts select something. */
const context = memoryContext({ 'go.mod': 'module x\n', 'src/main.go': 'package main\n', 'a.txt': 'a\n', 'docs/README.md': '# x\n' });
const OPTIONS: PlanOptions = { dockerfile: 'Dockerfile', context, buildArgs: {}, platform: 'linux/amd64', target: null };

/** The plan, or the message of the error that stops it. */
function outcome(file: Dockerfile, options: PlanOptions, model?: SemanticModel): unknown {
  try {
    return plan(file, options, model);
  } catch (err) {
    return { error: (err as Error).message };
  }
}

function fixtureDockerfiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return fixtureDockerfiles(path);
    return name.startsWith('Dockerfile') ? [path] : [];
  });
}

/** Every 10th corpus file (about 400), in name order. */
const sample = corpusNames().filter((_, i) => i % 10 === 0);

describe('plan with a prebuilt semantic model', () => {
  it('plans the planner fixtures the same with and without it', () => {
    const paths = fixtureDockerfiles(resolve(import.meta.dirname, '../fixtures/planner'));
    expect(paths.length).toBeGreaterThan(3);
    for (const path of paths) {
      const file = parse(readFileSync(path, 'utf8'));
      const model = buildModel(file);
      expect(modelFits(model, file, { buildArgs: {}, platform: { os: 'linux', arch: 'amd64' }, buildPlatform: { os: 'linux', arch: 'amd64' } }), path).toBe(true);
      expect(outcome(file, OPTIONS, model), path).toEqual(outcome(file, OPTIONS));
    }
  });

  it.runIf(corpusPresent('the corpus sample of plans with a prebuilt model'))('plans a sample of the corpus the same, with the model the linter built', () => {
    let planned = 0;
    for (const name of sample) {
      const text = readFileSync(join(corpusDir, name), 'utf8');
      // What the language server does: diagnostics first (the rules build and read the model),
      // then the plan of the same text with that model.
      diagnostics(text);
      const file = parse(text);
      const fresh = outcome(file, OPTIONS);
      const service = modelOf(text);
      expect(outcome(service.file, OPTIONS, service), name).toEqual(fresh);
      if (!(fresh as { error?: string }).error) planned++;
    }
    expect(planned).toBeGreaterThan(sample.length / 2);
  });

  it('builds its own model when the one given is for other build args, platform, target or parse', () => {
    const text = [
      'ARG BASE=alpine:3.20',
      'FROM ${BASE} AS build',
      'ARG VERSION=1',
      'RUN echo $VERSION $TARGETARCH > /v',
      'FROM build AS test',
      'RUN echo test',
      'FROM scratch',
      'COPY --from=build /v /v',
      '',
    ].join('\n');
    const file = parse(text);
    const defaults = buildModel(file);
    const cases: PlanOptions[] = [
      { ...OPTIONS, buildArgs: { VERSION: '2' } },
      { ...OPTIONS, buildArgs: { BASE: 'debian:12' } },
      { ...OPTIONS, platform: 'linux/arm64' },
      { ...OPTIONS, platform: 'linux/arm/v7' },
      { ...OPTIONS, target: 'test' },
    ];
    for (const options of cases) {
      const label = JSON.stringify({ ...options, context: undefined });
      const own = plan(file, options);
      expect(plan(file, options, defaults), label).toEqual(own);
      // These options change the plan, so a stale model taken for them would show.
      expect(plan(file, OPTIONS, defaults), label).not.toEqual(own);
    }
    // A model of another parse of the same text is not used either (its instructions are other objects).
    const other = parse(text);
    expect(modelFits(defaults, other, { buildArgs: {}, platform: { os: 'linux', arch: 'amd64' }, buildPlatform: { os: 'linux', arch: 'amd64' } })).toBe(false);
    expect(plan(other, OPTIONS, defaults)).toEqual(plan(other, OPTIONS));
  });

  it('leaves out only the stage outlines when asked to', () => {
    for (const path of fixtureDockerfiles(resolve(import.meta.dirname, '../fixtures/planner'))) {
      const file = parse(readFileSync(path, 'utf8'));
      const full = plan(file, OPTIONS);
      expect(full.stages.every((s) => s.outline !== undefined), path).toBe(true);
      const lean = plan(file, { ...OPTIONS, outlines: false }, buildModel(file));
      expect(lean.stages.some((s) => 'outline' in s), path).toBe(false);
      expect(lean, path).toEqual({ ...full, stages: full.stages.map(({ outline: _, ...rest }) => rest) });
    }
  });

  it('selects from each context its own files, however often the same source is selected', () => {
    const one = memoryContext({ 'a/x.txt': 'x', 'a/y.txt': 'y', 'b.txt': 'b' });
    const two = memoryContext({ 'a/z.txt': 'z' });
    const paths = (ctx: typeof one, source: string) => selectSource(ctx, source).files.map((f) => f.path);
    for (let i = 0; i < 2; i++) {
      expect(paths(one, '.')).toEqual(['a', 'a/x.txt', 'a/y.txt', 'b.txt']);
      expect(paths(two, '.')).toEqual(['a', 'a/z.txt']);
      expect(paths(one, './a/')).toEqual(['a', 'a/x.txt', 'a/y.txt']);
      expect(paths(two, 'a')).toEqual(['a', 'a/z.txt']);
    }
    // A wrapper over a reader selects the same paths, with the wrapper's digests.
    const unread = new Set<string>();
    const wrapped = withoutReading({ ...one, known: (p) => (p === 'b.txt' ? one.digest(p) : undefined) }, unread);
    expect(selectSource(wrapped, '.').files).toEqual([
      { path: 'a', digest: 'sha256:unread' },
      { path: 'a/x.txt', digest: 'sha256:unread' },
      { path: 'a/y.txt', digest: 'sha256:unread' },
      { path: 'b.txt', digest: one.digest('b.txt') },
    ]);
    expect([...unread].sort()).toEqual(['a', 'a/x.txt', 'a/y.txt']);
  });
});
