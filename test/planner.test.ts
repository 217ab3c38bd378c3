import { describe, expect, it } from 'vitest';
import { parse } from '../src/parser/index.js';
import { memoryContext, type MemoryFile } from '../src/planner/context.js';
import { explain } from '../src/planner/explain.js';
import { plan, PlanError, type PlanOptions } from '../src/planner/plan.js';
import { renderDot, renderMermaid, renderText } from '../src/planner/render.js';
import type { Plan } from '../src/planner/types.js';

const STD = `FROM localhost/base:1
RUN echo one > /one
COPY a.txt /app/a.txt
RUN cat /app/a.txt > /two
COPY dir/ /app/dir/
RUN ls -lR /app/dir > /three
COPY b.txt /app/b.txt
RUN cat /app/b.txt > /four
`;

const FILES: Record<string, string | MemoryFile> = {
  'a.txt': 'aaa\n',
  'b.txt': 'bbb\n',
  'other.txt': 'other\n',
  'ignored.txt': 'ignored\n',
  'dir/x.txt': 'x\n',
  'dir/y.txt': 'y\n',
  'dir/sub/z.txt': 'z\n',
};
const ignored = (p: string) => p === 'ignored.txt' || p.endsWith('.log');

function mk(text: string, files = FILES, opts: PlanOptions = {}): Plan {
  return plan(parse(text), { context: memoryContext(files, ignored), ...opts });
}

/** Verdict string like the oracle's: one letter per cached step (C cached, B rebuilt). */
function verdict(before: Plan, after: Plan): string {
  return explain(before, after).steps.map((s) => (s.status === 'cached' ? 'C' : 'B')).join('');
}

describe('plan: keys', () => {
  it('is deterministic', () => {
    expect(mk(STD)).toEqual(mk(STD));
  });

  it('creates steps only for RUN, COPY, ADD and WORKDIR', () => {
    const p = mk('FROM a\nLABEL x=1\nENV A=1\nRUN x\nEXPOSE 80\nWORKDIR /w\nCMD ["y"]\nCOPY a.txt .\n');
    expect(p.stages[0]!.steps.map((s) => s.instruction)).toEqual(['RUN', 'WORKDIR', 'COPY']);
  });

  it('editing step N never changes the keys before N', () => {
    const lines = STD.trimEnd().split('\n');
    const base = mk(STD).stages[0]!.steps.map((s) => s.cacheKey);
    for (let n = 1; n < lines.length; n++) {
      const edited = lines.map((l, i) => (i === n ? `${l} ` + '# edit' : l)).join('\n') + '\n';
      const keys = mk(edited).stages[0]!.steps.map((s) => s.cacheKey);
      const step = n - 1;
      expect(keys.slice(0, step)).toEqual(base.slice(0, step));
      expect(keys[step]).not.toBe(base[step]);
    }
  });

  it('ignores comments, blank lines and mtime-like noise', () => {
    const a = mk(STD);
    const b = mk(`# header\n\n${STD.replace('RUN echo one', '# note\nRUN echo one')}`);
    expect(b.stages[0]!.steps.map((s) => s.cacheKey)).toEqual(a.stages[0]!.steps.map((s) => s.cacheKey));
  });

  it('records the context inputs of COPY and excludes .dockerignored files', () => {
    const p = mk('FROM a\nCOPY . /ctx/\n');
    expect(p.stages[0]!.steps[0]!.inputs).toContain('a.txt');
    expect(p.stages[0]!.steps[0]!.inputs).not.toContain('ignored.txt');
    const q = mk('FROM a\nCOPY dir/ /d/\nCOPY *.txt /t/\n');
    expect(q.stages[0]!.steps[0]!.inputs).toEqual(['dir', 'dir/sub', 'dir/sub/z.txt', 'dir/x.txt', 'dir/y.txt']);
    expect(q.stages[0]!.steps[1]!.inputs).toEqual(['a.txt', 'b.txt', 'other.txt']);
  });

  it('warns about sources outside the context or missing', () => {
    const p = mk('FROM a\nCOPY ../secret /x\nCOPY nope.txt /y\n');
    expect(p.warnings).toEqual([
      "line 2: ../secret is outside the build context: BuildKit reads secret from the context's root, where nothing matches",
      'line 3: nope.txt matches nothing in the build context',
    ]);
  });

  it('reads an empty --from as no --from: the COPY reads the build context, keyed as a plain COPY (BuildKit)', () => {
    const p = mk('FROM a\nCOPY --from= dir/ /d/\nCOPY --from= nope.txt /y\n');
    const q = mk('FROM a\nCOPY dir/ /d/\nCOPY nope.txt /y\n');
    expect(p.stages[0]!.steps[0]!.inputs).toEqual(['dir', 'dir/sub', 'dir/sub/z.txt', 'dir/x.txt', 'dir/y.txt']);
    expect(p.stages[0]!.steps.map((s) => s.cacheKey)).toEqual(q.stages[0]!.steps.map((s) => s.cacheKey));
    expect(p.warnings).toEqual(['line 3: nope.txt matches nothing in the build context']);
  });

  it('says whether a wildcard that matches nothing fails the build, as DH003 does', () => {
    // BuildKit copies nothing for it, unless the directory it starts below is not sent to the builder
    // (no source selects anything in it; everything is sent when one copies the whole context).
    const files = { 'conf/a.txt': 'a\n', 'lib/x.jar': 'j\n' };
    const p = mk('FROM a\nCOPY conf/*.yml /etc/\nCOPY lib/*.war /app/\nCOPY lib/x.jar /app/\nCOPY gone/*.txt /x/\nCOPY [a-z]*/none /y/\nCOPY ../*.md nope /d/\n', files);
    expect(p.warnings).toEqual([
      'line 2: conf/*.yml matches nothing in the build context, and the builder does not receive conf (no source selects anything in it), so looking it up fails the build',
      'line 3: lib/*.war matches nothing in the build context: BuildKit copies nothing for it and goes on',
      'line 5: gone/*.txt matches nothing in the build context, and the builder does not receive gone (no source selects anything in it), so looking it up fails the build',
      'line 6: [a-z]*/none matches nothing in the build context: BuildKit copies nothing for it and goes on',
      "line 7: ../*.md is outside the build context: BuildKit reads *.md from the context's root, where nothing matches",
      'line 7: nope matches nothing in the build context',
    ]);
    expect(mk('FROM a\nCOPY conf/*.yml /etc/\nFROM a\nCOPY . /src/\n', files).warnings).toEqual([
      'line 2: conf/*.yml matches nothing in the build context: BuildKit copies nothing for it and goes on',
    ]);
  });

  it('reads a source that climbs out of the context from its root, as BuildKit does', () => {
    const p = mk('FROM a\nCOPY ../a.txt /x\nCOPY dir/../../dir/x.txt /y\n');
    expect(p.stages[0]!.steps.map((s) => s.inputs)).toEqual([['a.txt'], ['dir/x.txt']]);
    expect(p.warnings).toEqual([
      "line 2: ../a.txt is outside the build context: BuildKit reads a.txt from the context's root",
      "line 3: dir/../../dir/x.txt is outside the build context: BuildKit reads dir/x.txt from the context's root",
    ]);
    // So editing a.txt rebuilds the step.
    const edited = mk('FROM a\nCOPY ../a.txt /x\n', { ...FILES, 'a.txt': 'changed\n' });
    expect(explain(mk('FROM a\nCOPY ../a.txt /x\n'), edited).steps[0]!.status).not.toBe('cached');
  });
});

describe('plan: stage graph', () => {
  const MS = `ARG BASE=alpine:3.20
FROM golang:1.22 AS build
COPY a.txt /src/
RUN go build -o /out/app /src
FROM \${BASE} AS runtime-deps
RUN apk add ca-certificates
FROM node:22 AS unused
RUN echo never
FROM runtime-deps AS final
COPY --from=build /out/app /app
RUN --mount=type=bind,from=unused,source=/x,target=/y true
`;
  it('resolves bases, dependencies, reachability and parallel levels', () => {
    const p = mk(MS, FILES, { target: 'runtime-deps' });
    expect(p.stages.map((s) => s.reachable)).toEqual([false, true, false, false]);
    const all = mk(MS);
    expect(all.stages[1]!.base).toEqual({ image: 'alpine:3.20', digest: null, floating: true });
    expect(all.stages[3]!.base).toEqual({ stage: 1 });
    expect(all.stages[3]!.dependsOn).toEqual([0, 1, 2]);
    expect(all.order).toEqual([[0, 1, 2], [3]]);
    expect(all.target).toBe('final');
    expect(all.criticalPath.at(-1)).toBe(3);
  });

  it('expands meta ARGs and build args in FROM', () => {
    const p = mk(MS, FILES, { buildArgs: { BASE: 'alpine@sha256:' + 'a'.repeat(64) } });
    expect(p.stages[1]!.base).toMatchObject({ floating: false, digest: 'sha256:' + 'a'.repeat(64) });
  });

  it('rejects an unknown target with the stage names', () => {
    expect(() => mk(MS, FILES, { target: 'nope' })).toThrow(PlanError);
    expect(() => mk(MS, FILES, { target: 'nope' })).toThrow(/build, runtime-deps, unused, final/);
  });

  it('takes the later of two stages with the target name, as BuildKit does', () => {
    const text = 'FROM alpine AS app\nRUN echo first\nFROM busybox AS app\nRUN echo second\nFROM scratch AS other\n';
    const p = mk(text, FILES, { target: 'APP' });
    expect(p.target).toBe('app');
    expect(p.stages.map((s) => s.reachable)).toEqual([false, true, false]);
    expect(p.stages[1]!.base).toMatchObject({ image: 'busybox' });
  });

  it('renders text, dot and mermaid', () => {
    const p = mk(MS, FILES, { target: 'final' });
    expect(renderText(p)).toMatch(/stage 3 "final" FROM stage runtime-deps/);
    expect(renderDot(p)).toMatch(/s0 -> s3 \[label="COPY --from"/);
    expect(renderMermaid(p)).toMatch(/s1 ==>\|FROM\| s3/);
  });
});

describe('explain: the cache experiments buildah and BuildKit agree on', () => {
  const base = mk(STD);
  const edit = (files: Record<string, string | MemoryFile>) => mk(STD, { ...FILES, ...files });
  it('(a) nothing changed: all cached', () => expect(verdict(base, mk(STD))).toBe('CCCCCCC'));
  it('(b) last COPY source changed', () => expect(verdict(base, edit({ 'b.txt': 'BBB\n' }))).toBe('CCCCCBB'));
  it('(b2) first COPY source changed', () => expect(verdict(base, edit({ 'a.txt': 'AAA\n' }))).toBe('CBBBBBB'));
  it('(d) mode changed', () => expect(verdict(base, edit({ 'a.txt': { content: 'aaa\n', mode: 0o755 } }))).toBe('CBBBBBB'));
  it('(e3) ignored file changed', () => expect(verdict(base, edit({ 'ignored.txt': 'new\n' }))).toBe('CCCCCCC'));
  it('(f) file never copied changed', () => expect(verdict(base, edit({ 'other.txt': 'x\n' }))).toBe('CCCCCCC'));
  it('(j) file added under a copied dir', () => expect(verdict(base, edit({ 'dir/new.txt': 'n\n' }))).toBe('CCCBBBB'));
  it('(x2) whitespace inside a RUN', () => expect(verdict(base, mk(STD.replace('RUN cat /app/a.txt > /two', 'RUN   cat /app/a.txt  >  /two')))).toBe('CCBBBBB'));
  it('(i) reordered steps re-hit old results', () => {
    const R = 'FROM b\nRUN echo one\nRUN echo two\nRUN echo three\n';
    const swapped = 'FROM b\nRUN echo one\nRUN echo three\nRUN echo two\n';
    const first = mk(R);
    expect(verdict(first, mk(swapped))).toBe('CBB');
    expect(verdict(first, mk(R))).toBe('CCC');
  });

  it('explains the first cause: file, then parent', () => {
    const ex = explain(base, edit({ 'b.txt': 'BBB\n' }));
    const copy = ex.steps.find((s) => s.line === 7)!;
    expect(copy.cause).toMatchObject({ kind: 'file', detail: 'b.txt', selector: 'b.txt' });
    expect(ex.steps.find((s) => s.line === 8)!.cause).toMatchObject({ kind: 'parent', line: 7 });
    expect(ex.summary).toEqual({ cached: 5, rebuild: 2 });
  });

  it('explains an ARG change at the first RUN after it (even unused), not at a COPY', () => {
    const ARGCOPY = 'FROM b\nRUN echo one\nARG V=d\nCOPY a.txt /app/a.txt\nRUN echo two\n';
    const ex = explain(mk(ARGCOPY, FILES, { buildArgs: { V: '1' } }), mk(ARGCOPY, FILES, { buildArgs: { V: '2' } }));
    expect(ex.steps.map((s) => s.status)).toEqual(['cached', 'cached', 'rebuild']);
    expect(ex.steps[2]!.cause).toMatchObject({ kind: 'arg', detail: 'V', before: '1', after: '2' });
  });

  it('ignores undeclared build args and unchanged values', () => {
    const ARGDF = 'FROM b\nRUN echo before\nARG USED=d1\nRUN echo "$USED"\n';
    expect(verdict(mk(ARGDF), mk(ARGDF, FILES, { buildArgs: { NOTDECLARED: '1' } }))).toBe('CC');
    expect(verdict(mk(ARGDF), mk(ARGDF, FILES, { buildArgs: { USED: 'd1' } }))).toBe('CC');
  });

  it('explains an edited line and an ENV change', () => {
    const ex = explain(mk('FROM b\nENV E=1\nRUN echo x\n'), mk('FROM b\nENV E=2\nRUN echo x\n'));
    expect(ex.steps[0]!.cause).toMatchObject({ kind: 'env', detail: 'E', before: '1', after: '2' });
    const ed = explain(mk('FROM b\nRUN echo x\n'), mk('FROM b\nRUN echo y\n'));
    expect(ed.steps[0]!.cause).toMatchObject({ kind: 'instruction', before: 'RUN echo x', after: 'RUN echo y' });
  });

  it('explains a base image change and network sources', () => {
    const ex = explain(mk('FROM node:20\nRUN x\n'), mk('FROM node:22\nRUN x\n'));
    expect(ex.steps[0]!.cause).toMatchObject({ kind: 'base', before: 'node:20', after: 'node:22' });
    const net = explain(mk('FROM b\nADD https://example.com/a.tgz /a\n'), mk('FROM b\nADD https://example.com/a.tgz /a\n'));
    expect(net.steps[0]!.cause).toMatchObject({ kind: 'network' });
  });

  it('propagates across stages through COPY --from', () => {
    const MS = 'FROM b AS A\nCOPY a.txt /a.txt\nRUN cat /a.txt > /out.txt\nFROM b AS B\nCOPY b.txt /b.txt\nRUN echo b\nCOPY --from=A /out.txt /out.txt\nRUN cat /out.txt\n';
    const ex = explain(mk(MS), mk(MS, { ...FILES, 'a.txt': 'A2\n' }));
    expect(ex.steps.map((s) => (s.status === 'cached' ? 'C' : 'B')).join('')).toBe('BBCCBB');
    expect(ex.steps[4]!.cause).toMatchObject({ kind: 'parent', stage: 0 });
  });

  it('keeps COPY --link independent of its parent', () => {
    const L = 'FROM b\nRUN echo one\nCOPY --link a.txt /a\n';
    const ex = explain(mk(L), mk(L.replace('echo one', 'echo uno')));
    expect(ex.steps.map((s) => s.status)).toEqual(['rebuild', 'cached']);
  });
});

describe('advice', () => {
  it('flags COPY . before a dependency install, apt-get update alone, and early ARGs', () => {
    const p = mk('FROM node:22\nARG VERSION\nRUN apt-get update\nRUN echo a\nCOPY . .\nRUN npm ci\nRUN echo $VERSION\n');
    expect(p.advice.map((a) => a.code)).toEqual(['arg-declared-early', 'apt-update-alone', 'copy-all-before-install']);
  });
});

describe('explain --pull', () => {
  it('rebuilds every stage on a floating tag, and what depends on it; pinned bases stay cached', () => {
    const MS = `FROM node:22 AS a\nRUN echo a\nFROM alpine@sha256:${'b'.repeat(64)} AS b\nRUN echo b\nCOPY --from=a /x /x\nFROM b AS c\nRUN echo c\n`;
    const ex = explain(mk(MS), mk(MS), { pull: true });
    expect(ex.steps.map((s) => `${s.line}:${s.status}`)).toEqual(['2:rebuild', '4:cached', '5:rebuild', '7:rebuild']);
    expect(ex.steps[0]!.cause).toMatchObject({ kind: 'base', detail: expect.stringMatching(/node:22 is a floating tag/) });
    expect(ex.steps[2]!.cause).toMatchObject({ kind: 'parent', stage: 0 });
    expect(ex.steps[3]!.cause).toMatchObject({ kind: 'parent' });
    expect(explain(mk(MS), mk(MS)).summary.rebuild).toBe(0);
  });
});

describe('golden plan', () => {
  it('fixtures/planner/webapp plans exactly as recorded', async ({ expect }) => {
    const { readFileSync, readdirSync, statSync } = await import('node:fs');
    const { join, relative } = await import('node:path');
    const root = join(__dirname, '../fixtures/planner/webapp');
    const files: Record<string, string> = {};
    const walk = (dir: string) => {
      for (const name of readdirSync(dir)) {
        const abs = join(dir, name);
        if (statSync(abs).isDirectory()) walk(abs);
        else if (!name.endsWith('.golden.txt')) files[relative(root, abs)] = readFileSync(abs, 'utf8');
      }
    };
    walk(root);
    const p = plan(parse(files.Dockerfile!), { dockerfile: 'Dockerfile', context: memoryContext(files, (f) => f.endsWith('.log')), platform: 'linux/arm64' });
    await expect(renderText(p)).toMatchFileSnapshot('../fixtures/planner/webapp/plan.golden.txt');
  });
});

describe('plan: context size', () => {
  it('counts the files and bytes each step selects, what the context sends and what the target selects', () => {
    const files = { ...FILES, 'dir/é.txt': 'é\n', 'dir/link': { content: '', symlink: 'x.txt' } };
    const p = mk('FROM a\nCOPY dir/ /d/\nCOPY a.txt b.txt /t/\nRUN --mount=type=bind,source=other.txt,target=/o true\nWORKDIR /w\n', files);
    const steps = p.stages[0]!.steps;
    // dir/: x.txt, y.txt, sub/z.txt (2 bytes each), é.txt (3 bytes in UTF-8), link (its target's 5 bytes); directories do not count.
    expect(steps[0]!.contextSize).toEqual({ files: 5, bytes: 14 });
    expect(steps[1]!.contextSize).toEqual({ files: 2, bytes: 8 });
    expect(steps[2]!.contextSize).toEqual({ files: 1, bytes: 6 });
    expect(steps[3]!.contextSize).toBeUndefined();
    // ignored.txt is excluded; everything else is sent and selected.
    expect(p.contextSize).toEqual({ files: 8, bytes: 28, selectedFiles: 8, selectedBytes: 28 });
    expect(mk('FROM a\nCOPY a.txt /\n', files).contextSize).toEqual({ files: 8, bytes: 28, selectedFiles: 1, selectedBytes: 4 });
  });

  it('selects nothing from the context for COPY --from, and counts only the stages the target needs', () => {
    const p = mk('FROM a AS x\nCOPY b.txt /\nFROM a AS unused\nCOPY dir/ /d/\nFROM a\nCOPY --from=x /b.txt /\n');
    expect(p.stages[2]!.steps[0]!.contextSize).toBeUndefined();
    expect(p.contextSize).toMatchObject({ selectedFiles: 1, selectedBytes: 4 });
  });
});

describe('plan: COPY --exclude', () => {
  const files = { 'src/a.txt': 'a\n', 'src/b.log': 'b\n', 'src/sub/c.log': 'c\n', 'src/sub/d.txt': 'd\n', 'src/gen/x.txt': 'x\n', 'top.log': 't\n', 'other/e.log': 'e\n' };
  const inputs = (line: string, f: Record<string, string> = files) => plan(parse(`FROM a\n${line}\n`), { context: memoryContext(f) }).stages[0]!.steps[0]!.inputs;

  it('matches each pattern against paths below the source, as .dockerignore patterns match', () => {
    // `*.log` is anchored at the source: src/b.log goes, src/sub/c.log stays.
    expect(inputs('COPY --exclude=*.log src /app/')).toEqual(['src', 'src/a.txt', 'src/gen', 'src/gen/x.txt', 'src/sub', 'src/sub/c.log', 'src/sub/d.txt']);
    expect(inputs('COPY --exclude=**/*.log src /app/')).toEqual(['src', 'src/a.txt', 'src/gen', 'src/gen/x.txt', 'src/sub', 'src/sub/d.txt']);
    // An excluded directory takes everything in it; several --exclude flags add up.
    expect(inputs('COPY --exclude=gen --exclude=sub/*.txt src /app/')).toEqual(['src', 'src/a.txt', 'src/b.log', 'src/sub', 'src/sub/c.log']);
    // `!` re-includes, as in .dockerignore.
    expect(inputs('COPY --exclude=**/*.log --exclude=!sub/c.log src /app/')).toEqual(['src', 'src/a.txt', 'src/gen', 'src/gen/x.txt', 'src/sub', 'src/sub/c.log', 'src/sub/d.txt']);
  });

  it('for the whole context the paths are the context\'s own; a source named directly is never excluded', () => {
    expect(inputs('COPY --exclude=*.log . /app/')).not.toContain('top.log');
    expect(inputs('COPY --exclude=*.log . /app/')).toContain('src/b.log');
    expect(inputs('COPY --exclude=*.log src/b.log /app/')).toEqual(['src/b.log']);
    // Wildcard sources: below each match.
    expect(inputs('COPY --exclude=*.log s* /app/')).toEqual(['src', 'src/a.txt', 'src/gen', 'src/gen/x.txt', 'src/sub', 'src/sub/c.log', 'src/sub/d.txt']);
    expect(inputs('ADD --exclude=c.log src/sub /app/')).toEqual(['src/sub', 'src/sub/d.txt']);
  });

  it('an excluded file changing leaves the step cached; an included one does not', () => {
    const before = plan(parse('FROM a\nCOPY --exclude=*.log src /app/\n'), { context: memoryContext(files) });
    const status = (change: Record<string, string>) => explain(before, plan(parse('FROM a\nCOPY --exclude=*.log src /app/\n'), { context: memoryContext({ ...files, ...change }) })).steps[0]!.status;
    expect(status({ 'src/b.log': 'changed\n' })).toBe('cached');
    expect(status({ 'src/a.txt': 'changed\n' })).not.toBe('cached');
  });

  it('an invalid pattern is a problem of the plan, as BuildKit fails the build', () => {
    let err: unknown;
    try {
      plan(parse('FROM a\nCOPY --exclude=[ src /app/\n'), { context: memoryContext(files) });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(PlanError);
    expect((err as PlanError).problems.map((p) => p.message)).toEqual(['COPY source "src": invalid --exclude pattern: syntax error in pattern "["']);
  });
});
