// The semantic model: stage resolution, ARG/ENV scoping, mounts, --from, ONBUILD, and BuildKit's
// UndefinedVar / UndefinedArgInFrom variable sets checked against the build-check conformance cases.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse } from '../src/parser/index.js';
import type { Instruction } from '../src/parser/ast.js';
import {
  buildFromLines, buildModel, isShippedStage, parseCsvRecord, parseMount, stageChain, stageGraph, stageRef, type ModelOptions, type SemanticModel,
} from '../src/semantic/index.js';
import { basePath, cleanPath, resolveWorkdir } from '../src/semantic/paths.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const fixtures = path.join(repoRoot, 'fixtures/semantic');
const checksDir = path.resolve(repoRoot, '../shared/conformance/buildkit-checks');
const haveChecks = existsSync(checksDir);
if (!haveChecks) console.warn(`semantic.test: ${checksDir} is missing; skipping the build-check variable cases`);

function model(name: string, options?: ModelOptions): SemanticModel {
  return buildModel(parse(readFileSync(path.join(fixtures, name), 'utf8')), options);
}

/** The n-th instruction with `keyword` in stage `stage` (FROM excluded). */
function nth(m: SemanticModel, stage: number, keyword: string, n = 0): Instruction {
  const found = m.stages[stage]!.stage.instructions.filter((i) => i.keyword === keyword)[n];
  if (!found) throw new Error(`no ${keyword} #${n} in stage ${stage}`);
  return found;
}

describe('stage resolution', () => {
  const m = model('stages.Dockerfile');
  const bases = m.stages.map((s) => s.base);

  it('expands FROM with meta ARGs and resolves earlier stages, scratch and images', () => {
    expect(m.stages.map((s) => s.name)).toEqual(['builder', 'test', 'upper', 'early', 'empty', 'later', null]);
    expect(bases[0]).toEqual({ kind: 'image', ref: 'alpine:3.20', raw: '${BASE}:${TAG:-3.20}' });
    expect(bases[1]).toMatchObject({ kind: 'stage', index: 0 });
    expect(bases[4]).toMatchObject({ kind: 'scratch' });
    expect(bases[6]).toMatchObject({ kind: 'stage', index: 5 });
  });

  it('treats names that are not earlier stages as images, as BuildKit does', () => {
    // FROM compares the expanded name as written with the lower-cased stage names.
    expect(bases[2]).toMatchObject({ kind: 'image', ref: 'Builder' });
    // A stage defined later (or the stage itself) is not visible to FROM.
    expect(bases[3]).toMatchObject({ kind: 'image', ref: 'later' });
    expect(bases[5]).toMatchObject({ kind: 'image', ref: 'later' });
  });

  it('looks stages up by index or case-insensitive name', () => {
    expect(m.resolveStageRef('LATER')?.index).toBe(5);
    expect(m.resolveStageRef('Builder')?.index).toBe(0);
    expect(m.resolveStageRef(1)?.index).toBe(1);
    expect(m.resolveStageRef('1')?.index).toBe(1);
    expect(m.resolveStageRef('nope')).toBeUndefined();
    expect(m.resolveStageRef(99)).toBeUndefined();
    expect(m.stages[6]!.displayName).toBe('stage-6');
  });

  it('records base dependencies with ranges and the UndefinedArgInFrom view', () => {
    const deps = m.dependencies.filter((d) => d.kind === 'base');
    expect(deps).toHaveLength(7);
    expect(m.file.text.slice(deps[0]!.range.start, deps[0]!.range.end)).toBe('${BASE}:${TAG:-3.20}');
    // TAG is declared without a value: looked up, unmatched, but not undeclared.
    expect(m.stages[0]!.baseExpansion.unmatched).toEqual(['TAG']);
    expect(m.undefinedVariables(m.stages[0]!.stage.from)).toEqual([]);
  });
});

describe('stage graph (stages as FROM lines name them)', () => {
  const file = parse(
    'FROM a:1 AS build\nFROM b:1 AS Build\nFROM BUILD AS test\nCOPY --from=0 /x /x\nFROM scratch AS out\n' +
      'RUN --mount=type=bind,from=test,target=/t true\nCOPY --from=later /y /y\nFROM test\n',
  );
  it('names match case-insensitively, the nearest earlier stage wins, unknown names are images', () => {
    const g = stageGraph(file);
    expect(g.parents).toEqual([null, null, 1, null, 2]);
    expect([...g.usedAsBase].sort()).toEqual([1, 2]);
    expect(stageChain(file, file.stages[4]!).map((s) => s.index)).toEqual([4, 2, 1]);
  });
  it('copied-from stages come from COPY --from (name or index) and RUN --mount from=, earlier stages only', () => {
    expect([...stageGraph(file).copiedFrom].sort()).toEqual([0, 2]);
    expect(stageRef(file, '1', 1)).toBe(null);
    expect(stageRef(file, 'BUILD', 2)).toBe(1);
  });
  it('ships the last stage and stages used as a base; instructions before FROM ship only without stages', () => {
    expect(file.stages.map((s) => isShippedStage(file, s.index))).toEqual([false, true, true, false, true]);
    expect(isShippedStage(parse('RUN x\n'), -1)).toBe(true);
    expect(isShippedStage(file, -1)).toBe(false);
  });
  it('finds a stage by name in a number of steps linear in the stages, however many there are', () => {
    /** The graph of `n` stages (images, and some built on the stage two before), and how many stages were read to make it. */
    const graphOf = (n: number) => {
      const text = Array.from({ length: n }, (_, i) => (i % 3 === 2 ? `FROM S${i - 2} AS s${i}` : `FROM alpine:3 AS s${i}`)).join('\n');
      const parsed = parse(`${text}\nFROM s1\nFROM S1\nFROM s${n + 5}\n`);
      let reads = 0;
      const stages = new Proxy(parsed.stages, { get: (t, k, r) => (typeof k === 'string' && /^\d+$/.test(k) && reads++, Reflect.get(t, k, r)) });
      const copy = { ...parsed, stages };
      return { parents: stageGraph(copy).parents, stageRef: [stageRef(copy, 's1', n + 1), stageRef(copy, `S${n - 1}`, n - 1)], reads };
    };
    const small = graphOf(2_000);
    const large = graphOf(4_000);
    expect(large.parents.slice(0, 6)).toEqual([null, null, 0, null, null, 3]);
    expect(large.parents.slice(-3)).toEqual([1, 1, null]);
    expect(large.stageRef).toEqual([1, null]);
    expect(large.reads / small.reads).toBeLessThan(2.5);
  });
});

describe('ARG scoping', () => {
  const m = model('args.Dockerfile');

  it('resolves meta ARGs in order', () => {
    expect(m.globalArgs.map((a) => [a.name, a.value, a.source])).toEqual([
      ['VERSION', '1.0', 'default'],
      ['IMAGE', 'busybox:1.0', 'default'],
      ['UNSET', undefined, 'none'],
    ]);
    expect(m.stages[0]!.base).toMatchObject({ kind: 'image', ref: 'busybox:1.0' });
    expect(m.globalEnv.get('TARGETPLATFORM')).toBe('linux/amd64');
  });

  it('does not show meta ARGs inside a stage until redeclared', () => {
    const scope = m.scopeBefore(nth(m, 0, 'RUN'))!;
    expect([...scope.args.keys()]).toEqual([]);
    expect([...scope.env.keys()]).toEqual(['PATH']);
  });

  it('gives a redeclared ARG the global value and chains defaults within one instruction', () => {
    const scope = m.scopeBefore(nth(m, 0, 'RUN', 1))!;
    const args = Object.fromEntries([...scope.args].map(([k, v]) => [k, [v.value, v.source]]));
    expect(args).toEqual({
      VERSION: ['1.0', 'global'],
      UNSET: [undefined, 'none'],
      LOCAL: ['local-1.0', 'default'],
      FOLLOW: ['local-1.0', 'default'],
      TARGETARCH: ['amd64', 'global'],
      OVERRIDDEN: ['default', 'default'],
    });
    expect(scope.env.has('UNSET')).toBe(false);
    expect(scope.env.get('FOLLOW')).toBe('local-1.0');
  });

  it('applies build args verbatim and the target platform', () => {
    const o = model('args.Dockerfile', {
      buildArgs: { VERSION: '2.0', OVERRIDDEN: '$cli', UNSET: '' },
      platform: { os: 'linux', arch: 'arm64', variant: 'v8' },
    });
    expect(o.stages[0]!.base).toMatchObject({ ref: 'busybox:2.0' });
    expect(o.globalArgs[0]).toMatchObject({ value: '2.0', defaultValue: '1.0', source: 'build-arg' });
    // InvalidDefaultArgInFrom's view ignores build args.
    expect(o.globalArgs[1]).toMatchObject({ value: 'busybox:2.0', defaultValue: 'busybox:1.0' });
    expect(o.stages[0]!.baseWithDefaults).toBe('busybox:1.0');
    const invalid = buildModel(parse('ARG V\nFROM busybox:$V\n'), { buildArgs: { V: 'latest' } });
    expect([invalid.stages[0]!.base, invalid.stages[0]!.baseWithDefaults]).toEqual([
      { kind: 'image', ref: 'busybox:latest', raw: 'busybox:$V' },
      'busybox:',
    ]);
    const scope = o.scopeBefore(nth(o, 0, 'RUN', 1))!;
    expect(scope.env.get('VERSION')).toBe('2.0');
    expect(scope.args.get('VERSION')?.source).toBe('build-arg');
    expect(scope.env.get('OVERRIDDEN')).toBe('$cli');
    expect(scope.env.get('UNSET')).toBe('');
    expect(scope.env.get('TARGETARCH')).toBe('arm64');
    expect(o.globalEnv.get('TARGETPLATFORM')).toBe('linux/arm64/v8');
    expect(o.globalEnv.get('TARGETVARIANT')).toBe('v8');
    expect(o.globalEnv.get('BUILDPLATFORM')).toBe('linux/amd64');
  });

  it('inherits declared ARGs and values into a stage based on another', () => {
    const scope = m.scopeBefore(nth(m, 1, 'RUN'))!;
    expect(scope.env.get('EXTRA')).toBe('local-1.0');
    expect(scope.args.has('LOCAL')).toBe(true);
    expect(m.stages[1]!.baseConfigKnown).toBe(false);
  });

  it("walking a scope's names keeps no copy of its environment (one per instruction asked about made memory quadratic)", () => {
    const text = `FROM alpine\n${Array.from({ length: 200 }, (_, i) => `ENV V${i}=${i}\nRUN echo`).join('\n')}\n`;
    const model = buildModel(parse(text));
    const runs = model.stages[0]!.instructions.filter((ii) => ii.instruction.keyword === 'RUN');
    const names = runs.map((ii) => [...ii.scope.env.keys()].filter((k) => k.startsWith('V')).length);
    expect(names.slice(0, 3)).toEqual([1, 2, 3]);
    expect(names.at(-1)).toBe(200);
    // A snapshot iterated for its entries keeps them (lookups after it are many); one walked for its names does not.
    expect(runs.filter((ii) => (ii.scope.env as unknown as { materialized?: unknown }).materialized !== undefined)).toEqual([]);
  });

  it('records ARG default expansions with ranges', () => {
    const info = m.infoOf(nth(m, 0, 'ARG', 2))!;
    expect(info.expansions.map((e) => [e.role, e.word, e.result])).toEqual([
      ['arg-default', 'local-$VERSION', 'local-1.0'],
      ['arg-default', '$LOCAL', 'local-1.0'],
    ]);
    const r = info.expansions[1]!.range;
    expect(m.file.text.slice(r.start, r.end)).toBe('$LOCAL');
  });
});

describe('ENV, WORKDIR, USER and SHELL', () => {
  const m = model('env.Dockerfile');
  const run = nth(m, 0, 'RUN');
  const scope = m.scopeBefore(run)!;

  it('expands all words of one ENV against the environment before it', () => {
    expect(scope.env.get('abc')).toBe('bye');
    expect(scope.env.get('def')).toBe('hello');
    expect(scope.env.get('ghi')).toBe('bye');
  });

  it('handles legacy, quoted and escaped values', () => {
    expect(scope.env.get('legacy')).toBe('value with  spaces bye');
    expect(scope.env.get('quoted')).toBe('a b');
    expect(scope.env.get('escaped')).toBe('c d');
    expect(scope.env.get('single')).toBe('$abc');
  });

  it('tracks WORKDIR, USER and SHELL', () => {
    expect(scope.workdir).toBe('/app/dir');
    expect(scope.user).toBe('bye:1000');
    expect(scope.shell).toEqual(['/bin/bash', '-o', 'pipefail', '-c']);
    expect(scope.shellExplicit).toBe(true);
    const first = m.stages[0]!.initialScope;
    expect([first.workdir, first.user, first.shell, first.shellExplicit]).toEqual([null, null, ['/bin/sh', '-c'], false]);
    expect(m.stages[0]!.baseConfigKnown).toBe(true);
  });

  it('keeps earlier scopes unchanged', () => {
    const before = m.scopeBefore(nth(m, 0, 'ENV', 1))!;
    expect(before.env.get('abc')).toBe('hello');
    expect(before.env.has('def')).toBe(false);
    expect(m.infoOf(nth(m, 0, 'ENV', 1))!.env).toEqual([
      { key: 'abc', value: 'bye' },
      { key: 'def', value: 'hello' },
    ]);
  });

  it('uses the Windows default shell and case-insensitive names for Windows targets', () => {
    const w = buildModel(parse('FROM scratch\nENV Path=C:\\\\bin\nCOPY $PATH .\n'), { platform: { os: 'windows', arch: 'amd64' } });
    expect(w.stages[0]!.initialScope.shell).toEqual(['cmd', '/S', '/C']);
    const copy = nth(w, 0, 'COPY');
    expect(w.variableReferences(copy)[0]).toMatchObject({ result: 'C:\\bin', matched: ['PATH'] });
  });
});

describe('RUN --mount', () => {
  const m = model('mounts.Dockerfile');
  const mounts = (n: number) => m.infoOf(nth(m, 1, 'RUN', n))!.mounts!;

  it('parses types, aliases and defaults', () => {
    const ms = mounts(0).map((x) => x.mount!);
    expect(mounts(0).every((x) => x.error === undefined)).toBe(true);
    expect(ms[0]).toMatchObject({ type: 'cache', target: '/root/.cache/go', effectiveId: '/root/.cache/go', sharing: 'shared', readonly: false });
    expect(ms[1]).toMatchObject({ type: 'bind', from: 'deps', source: '/out', effectiveTarget: '/src/out', readonly: true });
    expect(ms[2]).toMatchObject({ type: 'secret', effectiveId: 'npmrc', effectiveTarget: '/run/secrets/npmrc', mode: 0o400, readonly: true });
    expect(ms[3]).toMatchObject({ type: 'secret', env: 'TOKEN', effectiveTarget: undefined });
    expect(ms[4]).toMatchObject({ type: 'ssh', effectiveId: 'default', mode: 0o600, required: false });
    expect(ms[5]).toMatchObject({ type: 'tmpfs', target: '/tmp', size: 64 * 1024 * 1024, readonly: false });
    expect(ms[6]).toMatchObject({ type: 'cache', sharing: 'locked', effectiveId: 'apt', mode: 0o755, uid: 1000 });
  });

  it('expands mount values and points at them', () => {
    const exp = m.infoOf(nth(m, 1, 'RUN', 0))!.expansions.find((e) => e.word === '$CACHE/go')!;
    expect(exp).toMatchObject({ role: 'mount', result: '/root/.cache/go', matched: ['CACHE'] });
    expect(m.file.text.slice(exp.range.start, exp.range.end)).toBe('$CACHE/go');
  });

  it('resolves from= to stages and images', () => {
    expect(mounts(0)[1]!.from).toEqual({ kind: 'stage', index: 0 });
    expect(mounts(7)[0]!.from).toEqual({ kind: 'image', ref: 'image:tag' });
    expect(mounts(7)[0]!.mount!.readonly).toBe(true);
    const deps = m.dependencies.filter((d) => d.kind === 'mount');
    expect(deps.map((d) => [d.raw, d.target.kind])).toEqual([['deps', 'stage'], ['image:tag', 'image']]);
    expect(m.file.text.slice(deps[0]!.range.start, deps[0]!.range.end)).toBe('from=deps');
  });

  it("reports BuildKit's errors", () => {
    expect([1, 2, 3, 4, 5, 6].map((n) => mounts(n)[0]!.error)).toEqual([
      "both source and id can't be set",
      'mode not allowed for "bind" type mounts',
      "'from' doesn't support variable expansion, define alias stage instead",
      'unsupported mount type "bogus"',
      "unexpected key 'required' for mount type 'bind'",
      'invalid mount target "/"',
    ]);
    expect(m.infoOf(nth(m, 1, 'RUN', 1))!.errors).toEqual(["both source and id can't be set"]);
  });
});

describe('parseMount and CSV', () => {
  const id = (v: string) => ({ value: v });
  it('follows go-csvvalue quoting', () => {
    expect(parseCsvRecord('a,"b,c",d').toString()).toBeTruthy();
    expect(parseCsvRecord('a,"b,c",d')).toMatchObject({ fields: [{ text: 'a' }, { text: 'b,c', start: 2, end: 7 }, { text: 'd' }] });
    expect(parseCsvRecord('"a""b"')).toMatchObject({ fields: [{ text: 'a"b' }] });
    expect(parseCsvRecord('a,')).toMatchObject({ fields: [{ text: 'a' }, { text: '' }] });
    expect(parseCsvRecord('')).toEqual({ error: 'EOF' });
    expect(parseCsvRecord('a"b')).toEqual({ error: 'parse error on line 1, column 2: bare " in non-quoted-field' });
    expect(parseCsvRecord('"ab')).toEqual({ error: 'parse error on line 1, column 4: extraneous or missing " in quoted-field' });
    expect(parseCsvRecord('"a"b')).toEqual({ error: 'parse error on line 1, column 3: extraneous or missing " in quoted-field' });
  });

  it('validates fields in order and applies defaults', () => {
    const ok = (spec: string, wd: string | null = null) => {
      const r = parseMount(spec, id, wd);
      if ('error' in r) throw new Error(r.error);
      return r.mount;
    };
    const err = (spec: string) => {
      const r = parseMount(spec, id, null);
      return 'error' in r ? r.error : undefined;
    };
    expect(ok('type=secret,required,target=/s/key')).toMatchObject({ required: true, effectiveId: 'key', effectiveTarget: '/s/key' });
    expect(ok('TYPE=Cache,Target=c', '/w')).toMatchObject({ type: 'cache', effectiveTarget: '/w/c', effectiveId: 'c' });
    expect(ok('target=/x,rw')).toMatchObject({ readonly: false });
    expect(ok('target=/x,readwrite=false')).toMatchObject({ readonly: true });
    expect(ok('type=tmpfs,target=/t,size=1.5g').size).toBe(1.5 * 1024 ** 3);
    expect(ok('"type=bind,x",target=/t'.replace('"type=bind,x",', 'type=bind,'))).toMatchObject({ type: 'bind' });
    expect(err('type=secret')).toBe('invalid secret mount. one of source, target required');
    expect(err('type=secret,id=a,from=b')).toBe('secret mount should not have a from');
    expect(err('type=bind,target=/x,sharing=shared')).toBe('invalid cache sharing set for bind mount');
    expect(err('type=cache,target=/x,sharing=bogus')).toBe('unsupported sharing value "bogus"');
    expect(err('target=/x,ro=maybe')).toBe('invalid value for ro: maybe');
    expect(err('type=cache,target=/x,mode=9')).toBe('invalid value 9 for mode');
    expect(err('type=cache,target=/x,uid=-1')).toBe('invalid value -1 for uid');
    expect(err('target=/x,size=1m')).toBe("unexpected key 'size' for mount type 'bind'");
    expect(err('target=/x,bogus=1')).toBe("unexpected key 'bogus' in 'bogus=1'");
    expect(err('target=/x,noequals')).toBe("invalid field 'noequals' must be a key=value pair");
    expect(err('type=ssh,source=x')).toBe('ssh does not support source');
    expect(err('')).toBe('failed to parse csv mounts: EOF');
    expect(err('from=a$')).toBe('invalid mount target "/"');
  });

  it('reports expansion errors from the expander', () => {
    const r = parseMount('target=${x', () => ({ error: 'bad' }), null);
    expect(r).toMatchObject({ error: 'bad' });
  });
});

describe('COPY --from', () => {
  const m = model('copy-from.Dockerfile');
  const deps = m.dependencies.filter((d) => d.kind === 'copy');

  it('resolves names case-insensitively, indexes, images and scratch', () => {
    expect(deps.map((d) => d.target)).toEqual([
      { kind: 'stage', index: 0 },
      { kind: 'stage', index: 0 },
      { kind: 'stage', index: 0 },
      { kind: 'image', ref: 'nginx:latest' },
      { kind: 'stage', index: 2 },
      { kind: 'image', ref: '5' },
      { kind: 'image', ref: '$X' },
      { kind: 'scratch' },
    ]);
    expect(m.file.text.slice(deps[0]!.range.start, deps[0]!.range.end)).toBe('build');
  });

  it("reports BuildKit's errors", () => {
    expect(deps.map((d) => d.error)).toEqual([
      undefined, undefined, undefined, undefined,
      'cannot copy from stage "later", it needs to be defined before current stage "stage-1"',
      'invalid stage index 5',
      'variable expansion is not supported for --from, define a new stage with FROM using ARG from global scope as a workaround',
      undefined,
    ]);
    expect(m.infoOf(deps[4]!.instruction)!.copyFrom).toBe(deps[4]);
  });

  it('does not expand --from but expands sources, destination and --chown', () => {
    const f = buildModel(parse('FROM scratch\nARG U=1 D=/dst\nCOPY --from=x --chown=$U:$G a$U $D\n'));
    const refs = f.variableReferences(nth(f, 0, 'COPY'));
    expect(refs.map((e) => [e.role, e.result])).toEqual([['chown', '1:'], ['copy-source', 'a1'], ['copy-dest', '/dst']]);
    expect(f.undefinedVariables(nth(f, 0, 'COPY')).map((u) => u.name)).toEqual(['G']);
  });
});

describe('ONBUILD', () => {
  const m = model('onbuild.Dockerfile');
  it('runs a base stage’s triggers first in the child stage', () => {
    const app = m.stages[2]!;
    expect(app.inheritedTriggers.map((t) => t.instruction.keyword)).toEqual(['COPY', 'ENV']);
    expect(app.inheritedTriggers[0]!.onbuild?.keyword).toBe('ONBUILD');
    expect(m.scopeBefore(nth(m, 2, 'RUN'))!.env.get('TRIGGERED')).toBe('1');
    const dep = m.dependencies.find((d) => d.kind === 'copy')!;
    expect(dep).toMatchObject({ stageIndex: 2, viaOnbuild: true, target: { kind: 'stage', index: 0 } });
    // The base stage itself does not run its triggers.
    expect(m.scopeBefore(nth(m, 1, 'ONBUILD', 1))!.env.has('TRIGGERED')).toBe(false);
  });
});

describe('heredocs and EXPOSE', () => {
  it('expands unquoted COPY heredoc bodies with quotes as ordinary characters', () => {
    const m = buildModel(parse("FROM scratch\nENV a=1\nCOPY <<EOF <<'RAW' /dst/\nx '$a' \\$a\nEOF\n$a\nRAW\n"));
    const refs = m.variableReferences(nth(m, 0, 'COPY'));
    expect(refs.map((e) => [e.role, e.result])).toEqual([['copy-dest', '/dst/'], ['heredoc', "x '1' $a\n"]]);
  });

  it('splits EXPOSE words and does not report undefined variables there', () => {
    const m = buildModel(parse('FROM scratch\nENV PORTS="80 443"\nEXPOSE $PORTS $NOPE\n'));
    const refs = m.variableReferences(nth(m, 0, 'EXPOSE'));
    expect(refs[0]!.words).toEqual(['80', '443']);
    expect(m.undefinedVariables(nth(m, 0, 'EXPOSE'))).toEqual([]);
  });
});

describe('robustness', () => {
  it('never throws, whatever the input', () => {
    const pieces = ['FROM ', 'ARG ', 'ENV ', 'COPY ', 'RUN ', 'ONBUILD ', 'WORKDIR ', '--from=', '--mount=', 'type=cache,', 'a', '$x', '${', '}', ' AS ', '0', '\n', '"', "'", '=', ',', '\\', '<<EOF', 'scratch'];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 60 }), (parts) => {
        const m = buildModel(parse(parts.join('')));
        for (const i of m.instructions) void i.scope.env;
      }),
      { numRuns: 500 },
    );
  });

  it('builds a model for a file with thousands of ENV lines with scopes that share their history', () => {
    const text = 'FROM scratch\n' + Array.from({ length: 1500 }, (_, i) => `ENV V${i}=\${V${i - 1}}x`).join('\n');
    const m = buildModel(parse(text));
    expect(m.stages[0]!.finalScope.env.get('V1499')!.length).toBe(1501);
    expect(m.scopeBefore(nth(m, 0, 'ENV', 1000))!.env.get('V999')!.length).toBe(1001);
    expect(m.scopeBefore(nth(m, 0, 'ENV', 1000))!.env.has('V1000')).toBe(false);
    expect(m.scopeBefore(nth(m, 0, 'ENV', 1000))!.env.size).toBe(1001);
  });
});

describe('paths', () => {
  it('cleans like Go', () => {
    expect(cleanPath('a/../../b/./c//')).toBe('../b/c');
    expect(cleanPath('/../x')).toBe('/x');
    expect(cleanPath('')).toBe('.');
    expect(basePath('/run/secrets/')).toBe('secrets');
    expect(resolveWorkdir(null, 'app')).toBe('/app');
    expect(resolveWorkdir('/a', '../b')).toBe('/b');
  });
});

/** Variable names in BuildKit's UndefinedVar / UndefinedArgInFrom messages. */
function expectedNames(c: CheckCase): string[] {
  return c.expect
    .filter((e) => e.rule === 'UndefinedVar' || e.rule === 'UndefinedArgInFrom')
    .map((e) => {
      const name = /'\$?([^']+)'/.exec(e.message)![1]!;
      return `${e.rule}:${e.line}:${name}`;
    })
    .sort();
}

interface CheckCase {
  check: string;
  dockerfile: string;
  expect: { rule: string; line: number; message: string }[];
  frontendAttrs?: Record<string, string>;
}

describe.skipIf(!haveChecks)('BuildKit build-check cases: UndefinedVar and UndefinedArgInFrom sets', () => {
  const cases: CheckCase[] = haveChecks
    ? readFileSync(path.join(checksDir, 'cases.jsonl'), 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l))
    : [];
  // Every case whose warnings are not filtered by `# check=` settings: the model must report exactly
  // BuildKit's UndefinedVar / UndefinedArgInFrom names, and none in the cases about other rules.
  const relevant = cases.filter((c) => !/check=/.test(c.dockerfile) && !c.frontendAttrs?.['build-arg:BUILDKIT_DOCKERFILE_CHECK']);

  it('has cases', () => expect(relevant.filter((c) => c.check === 'UndefinedVar').length).toBeGreaterThan(5));

  relevant.forEach((c, i) => {
    it(`${i}: ${c.check} ${JSON.stringify(c.dockerfile.slice(0, 60))}`, () => {
      const buildArgs: Record<string, string> = {};
      for (const [k, v] of Object.entries(c.frontendAttrs ?? {})) if (k.startsWith('build-arg:')) buildArgs[k.slice(10)] = v;
      const m = buildModel(parse(c.dockerfile), { buildArgs });
      const got: string[] = [];
      for (const info of m.instructions) {
        const isFrom = info.instruction.keyword === 'FROM';
        for (const u of m.undefinedVariables(info.instruction)) {
          got.push(`${isFrom ? 'UndefinedArgInFrom' : 'UndefinedVar'}:${info.instruction.range.startLine}:${u.name}`);
        }
      }
      expect(got.sort()).toEqual(expectedNames(c));
    });
  });
});

describe('buildFromLines', () => {
  it('gives each FROM line exactly as buildModel records it, without the stages\' instructions', () => {
    const texts = [
      'ARG BASE=alpine:3.20\nARG PLAT\nFROM --platform=$PLAT $BASE AS a\nENV X=1\nFROM a\nFROM ${MISSING:-busybox}\n',
      'ARG V="1.2"\nFROM --platform=$BUILDPLATFORM node:$V\nFROM --platform= x\nFROM ${BAD\nFROM "quoted"\n',
      '# escape=`\nARG A=x\nFROM `$A:$A\nFROM scratch\n',
      'FROM alpine\n',
    ];
    const optionSets = [{}, { buildArgs: { BASE: 'debian', V: '2' }, platform: { os: 'windows', arch: 'amd64' } }];
    for (const text of texts) {
      const file = parse(text);
      for (const options of optionSets) {
        const model = buildModel(file, options);
        const want = model.stages.map((s) => ({ baseExpansion: s.baseExpansion, baseWithDefaults: s.baseWithDefaults, platform: s.platform }));
        expect(buildFromLines(file, options), text).toEqual(want);
      }
    }
  });
});
