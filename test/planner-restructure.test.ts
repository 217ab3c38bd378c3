// Causes that survive a restructured Dockerfile. BuildKit's cache knows nothing of stage names or
// positions: a step's key is derived from its parent's key and its own operation (for COPY: the
// copy action, with the source's base name and the destination, plus the checksum of the files it
// selects; for RUN: the command, environment, working directory, user, mounts). So a build whose
// stages were split, renamed or reordered, or whose steps moved to another stage along the same
// chain, finds every step whose (parent, operation, inputs) it has seen. explain must then name, for
// each step that does rebuild, the cause BuildKit's key would show: the input that differs from the
// step on the same parent state doing the same kind of thing in the baseline.
import { describe, expect, it } from 'vitest';
import { parse } from '../src/parser/index.js';
import { memoryContext } from '../src/planner/context.js';
import { explain } from '../src/planner/explain.js';
import { plan } from '../src/planner/plan.js';
import type { Explanation, Plan } from '../src/planner/types.js';

/** Plans `dockerfile` with `files` as the context; the Dockerfile itself is in the context, as in most repositories. */
function mk(dockerfile: string, files: Record<string, string>, options: { ignore?: string[]; target?: string } = {}): Plan {
  const all = { ...files, Dockerfile: dockerfile };
  return plan(parse(dockerfile), { context: memoryContext(all, (p) => (options.ignore ?? []).includes(p)), target: options.target ?? null });
}

const verdicts = (ex: Explanation) => ex.steps.map((s) => `${s.line}:${s.status === 'cached' ? 'C' : 'B'}`).join(' ');
const causeAt = (ex: Explanation, line: number) => ex.steps.find((s) => s.line === line)!.cause;

describe('a single stage split into base, dev and final', () => {
  const BEFORE = `FROM node:22-alpine
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci
COPY . .
RUN npm run build
CMD ["node", "dist/server.js"]
`;
  const AFTER = `FROM node:22-alpine AS base
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci

FROM base AS dev
CMD ["npm", "run", "dev"]

FROM base AS final
COPY . .
RUN npm run build
CMD ["node", "dist/server.js"]
`;
  const FILES = { 'package.json': '{"name":"app"}\n', 'package-lock.json': '{}\n', 'src/server.ts': 'export {}\n' };

  it('names the Dockerfile, which `COPY . .` copies, as the cause: same parent chain, same copy, other files', () => {
    // base repeats the first three steps on the same image: same keys, cached. final starts from
    // base's last state, which is the state `COPY . .` started from before; its copy action is the
    // same; only the checksum of what `.` selects differs, because the Dockerfile is in it.
    const ex = explain(mk(BEFORE, FILES), mk(AFTER, FILES));
    expect(verdicts(ex)).toBe('2:C 3:C 4:C 10:B 11:B');
    expect(causeAt(ex, 10)).toEqual({ kind: 'file', detail: 'Dockerfile', selector: '.', before: 'modified' });
    expect(causeAt(ex, 11)).toMatchObject({ kind: 'parent', line: 10 });
    expect(ex.steps.find((s) => s.line === 10)!.reason).toBe('Dockerfile modified (selected by .)');
  });

  it('rebuilds nothing when .dockerignore keeps the Dockerfile out: restructuring alone changes no key', () => {
    const ex = explain(mk(BEFORE, FILES, { ignore: ['Dockerfile'] }), mk(AFTER, FILES, { ignore: ['Dockerfile'] }));
    expect(ex.summary).toEqual({ cached: 5, rebuild: 0 });
  });

  it('names a changed source file the same way', () => {
    const edited = { ...FILES, 'src/server.ts': 'export const port = 80\n' };
    const ex = explain(mk(BEFORE, FILES, { ignore: ['Dockerfile'] }), mk(AFTER, edited, { ignore: ['Dockerfile'] }));
    expect(causeAt(ex, 10)).toEqual({ kind: 'file', detail: 'src/server.ts', selector: '.', before: 'modified' });
  });

  it('explains the dev target too: nothing of it rebuilds', () => {
    const ex = explain(mk(BEFORE, FILES), mk(AFTER, FILES, { target: 'dev' }));
    expect(verdicts(ex)).toBe('2:C 3:C 4:C');
  });
});

describe('stages renamed and reordered', () => {
  const BEFORE = `FROM golang:1.22 AS build
WORKDIR /src
COPY go.mod ./
RUN go mod download
COPY . .
RUN go build -o /out/app

FROM alpine:3.20 AS runtime
RUN apk add --no-cache ca-certificates
COPY --from=build /out/app /app
`;
  const AFTER = `FROM alpine:3.20 AS base-runtime
RUN apk add --no-cache ca-certificates tzdata

FROM golang:1.22 AS compile
WORKDIR /src
COPY go.mod ./
RUN go mod download
COPY . .
RUN go build -o /out/app

FROM base-runtime AS final
COPY --from=compile /out/app /app
`;
  const FILES = { 'go.mod': 'module x\n', 'main.go': 'package main\n' };

  it('finds each step by its state, not by stage name or position', () => {
    const ex = explain(mk(BEFORE, FILES, { ignore: ['Dockerfile'] }), mk(AFTER, FILES, { ignore: ['Dockerfile'] }));
    // Stage 0 is now alpine (it was golang): by position it would look like a base image change.
    // Its RUN starts from alpine:3.20, the state the baseline's `runtime` RUN started from, with
    // another command: an edited line. The Go stage, renamed, keeps every key.
    expect(verdicts(ex)).toBe('2:B 5:C 6:C 7:C 8:C 9:C 12:B');
    expect(causeAt(ex, 2)).toMatchObject({
      kind: 'instruction', detail: 'line 2 edited',
      before: 'RUN apk add --no-cache ca-certificates', after: 'RUN apk add --no-cache ca-certificates tzdata',
    });
    // final starts from the rebuilt RUN: the parent is the first cause.
    expect(causeAt(ex, 12)).toMatchObject({ kind: 'parent', line: 2 });
  });

  it('a renamed stage whose base image moved: the base change, matched by image repository', () => {
    const ex = explain(mk(BEFORE, FILES, { ignore: ['Dockerfile'] }), mk(AFTER.replace('golang:1.22', 'golang:1.23'), FILES, { ignore: ['Dockerfile'] }));
    expect(causeAt(ex, 5)).toEqual({ kind: 'base', detail: 'golang:1.23', before: 'golang:1.22', after: 'golang:1.23' });
    expect(causeAt(ex, 6)).toMatchObject({ kind: 'parent', line: 5 });
  });
});

describe('steps moved between stages', () => {
  const BEFORE = `FROM python:3.12-slim AS deps
WORKDIR /srv
COPY requirements.txt .
RUN pip install -r requirements.txt
COPY src/ src/
RUN python -m compileall src

FROM deps AS test
COPY tests/ tests/
RUN pytest -q
`;
  // The source copy and its compile step move from deps to test: the chain of states is the same.
  const AFTER = `FROM python:3.12-slim AS deps
WORKDIR /srv
COPY requirements.txt .
RUN pip install -r requirements.txt

FROM deps AS test
COPY src/ src/
RUN python -m compileall src
COPY tests/ tests/
RUN pytest -q
`;
  const FILES = { 'requirements.txt': 'flask\n', 'src/app.py': 'print(1)\n', 'tests/test_app.py': 'def test(): pass\n' };

  it('keeps every key when nothing else changed', () => {
    const ex = explain(mk(BEFORE, FILES, { ignore: ['Dockerfile'] }), mk(AFTER, FILES, { ignore: ['Dockerfile'] }));
    expect(ex.summary).toEqual({ cached: 7, rebuild: 0 });
  });

  it('names the changed file at the moved COPY, not the step that now sits at its old position', () => {
    // In stage `test` the first step is now `COPY src/ src/`; the baseline's first step of `test` was
    // `COPY tests/ tests/`. By position that reads as an edited line; by state (the state after
    // `pip install`) the counterpart is the baseline's `COPY src/ src/`, whose selected files differ.
    const edited = { ...FILES, 'src/app.py': 'print(2)\n' };
    const ex = explain(mk(BEFORE, FILES, { ignore: ['Dockerfile'] }), mk(AFTER, edited, { ignore: ['Dockerfile'] }));
    expect(verdicts(ex)).toBe('2:C 3:C 4:C 7:B 8:B 9:B 10:B');
    expect(causeAt(ex, 7)).toEqual({ kind: 'file', detail: 'src/app.py', selector: 'src/', before: 'modified' });
    expect(causeAt(ex, 9)).toMatchObject({ kind: 'parent', line: 8 });
  });

  it('a step moved and edited: compared with the step on the same state', () => {
    const ex = explain(mk(BEFORE, FILES, { ignore: ['Dockerfile'] }), mk(AFTER.replace('python -m compileall src', 'python -m compileall -q src'), FILES, { ignore: ['Dockerfile'] }));
    expect(causeAt(ex, 8)).toMatchObject({ kind: 'instruction', before: 'RUN python -m compileall src', after: 'RUN python -m compileall -q src' });
  });

  it('a step the baseline never ran on that state is new', () => {
    const ex = explain(mk(BEFORE, FILES, { ignore: ['Dockerfile'] }), mk(AFTER.replace('COPY tests/ tests/', 'COPY tests/ tests/\nCOPY requirements.txt tests/'), FILES, { ignore: ['Dockerfile'] }));
    expect(causeAt(ex, 10)).toMatchObject({ kind: 'instruction', detail: 'new step (no counterpart in the baseline)' });
  });
});
