// Cache keys against BuildKit's source: for each input, does editing it change the key BuildKit
// gives the step (dockerfile2llb's convert.go, client/llb's op marshalling, the solver's cache maps)?
import { describe, expect, it } from 'vitest';
import { parse } from '../src/parser/index.js';
import { memoryContext, type MemoryFile } from '../src/planner/context.js';
import { explain } from '../src/planner/explain.js';
import { plan, type PlanOptions } from '../src/planner/plan.js';
import type { Plan } from '../src/planner/types.js';

const FILES: Record<string, string | MemoryFile> = { 'a.txt': 'a\n', 'src/b.txt': 'b\n' };

function mk(text: string, opts: PlanOptions = {}, files = FILES): Plan {
  return plan(parse(text), { context: memoryContext(files), ...opts });
}

/** The key of the last step of the last stage. */
function last(text: string, opts: PlanOptions = {}, files = FILES): string {
  const steps = mk(text, opts, files).stages.at(-1)!.steps;
  return steps.at(-1)!.cacheKey;
}

describe('RUN flags and mounts', () => {
  it('--network=default and --security=sandbox key as a RUN without the flag', () => {
    expect(last('FROM a\nRUN --network=default make\n')).toBe(last('FROM a\nRUN make\n'));
    expect(last('FROM a\nRUN --security=sandbox make\n')).toBe(last('FROM a\nRUN make\n'));
    expect(last('FROM a\nRUN --network=none make\n')).not.toBe(last('FROM a\nRUN make\n'));
    expect(last('FROM a\nRUN --network=host make\n')).not.toBe(last('FROM a\nRUN --network=none make\n'));
  });

  it('mounts are keyed by target, whatever order the flags are written in', () => {
    const ab = last('FROM a\nRUN --mount=type=cache,target=/a --mount=type=bind,source=src,target=/b make\n');
    const ba = last('FROM a\nRUN --mount=type=bind,source=src,target=/b --mount=type=cache,target=/a make\n');
    expect(ba).toBe(ab);
    // Secrets come after the file-system mounts, in the order written.
    const s1 = last('FROM a\nRUN --mount=type=secret,id=x --mount=type=cache,target=/c make\n');
    const s2 = last('FROM a\nRUN --mount=type=cache,target=/c --mount=type=secret,id=x make\n');
    expect(s2).toBe(s1);
    const xy = last('FROM a\nRUN --mount=type=secret,id=x --mount=type=secret,id=y make\n');
    const yx = last('FROM a\nRUN --mount=type=secret,id=y --mount=type=secret,id=x make\n');
    expect(yx).not.toBe(xy);
  });

  it('a bind mount source is a path from the root of what it mounts', () => {
    expect(last('FROM a\nRUN --mount=type=bind,source=./src,target=/s make\n')).toBe(last('FROM a\nRUN --mount=type=bind,source=src,target=/s make\n'));
  });

  it('the root as a source, and an empty from=, mount what no source and no from= do (dispatchRunMounts)', () => {
    // A SourcePath is set only when path.Join("/", source) is not "/"; From is read only when not empty.
    const bind = last('FROM a\nRUN --mount=type=bind,target=/s make\n');
    for (const opts of ['source=', 'source=.', 'source=/', 'source=./', 'from=', 'from=,source=.']) {
      expect(last(`FROM a\nRUN --mount=type=bind,${opts},target=/s make\n`), opts).toBe(bind);
    }
    expect(last('FROM a\nRUN --mount=type=bind,source=src,target=/s make\n')).not.toBe(bind);
    // An empty from= mounts the context: its files are in the key.
    const files = { ...FILES, 'a.txt': 'changed\n' };
    expect(last('FROM a\nRUN --mount=type=bind,from=,target=/s make\n', {}, files)).not.toBe(last('FROM a\nRUN --mount=type=bind,from=,target=/s make\n'));
    const cache = last('FROM a\nRUN --mount=type=cache,target=/c make\n');
    expect(last('FROM a\nRUN --mount=type=cache,target=/c,source=/ make\n')).toBe(cache);
    expect(last('FROM a\nRUN --mount=type=cache,target=/c,from= make\n')).toBe(cache);
    // uid, gid and mode make the cache's root directory; with a source below it they do nothing.
    expect(last('FROM a\nRUN --mount=type=cache,target=/c,uid=1000 make\n')).not.toBe(cache);
    expect(last('FROM a\nRUN --mount=type=cache,target=/c,source=x,uid=1000,mode=0700 make\n')).toBe(last('FROM a\nRUN --mount=type=cache,target=/c,source=x make\n'));
  });

  it('a secret or SSH socket owned by uid=0 / gid=0 is one with no owner given (llb\'s defaults)', () => {
    const secret = last('FROM a\nRUN --mount=type=secret,id=s make\n');
    expect(last('FROM a\nRUN --mount=type=secret,id=s,uid=0,gid=0 make\n')).toBe(secret);
    expect(last('FROM a\nRUN --mount=type=secret,id=s,uid=0,mode=0400 make\n')).toBe(secret);
    expect(last('FROM a\nRUN --mount=type=secret,id=s,uid=1000 make\n')).not.toBe(secret);
    const ssh = last('FROM a\nRUN --mount=type=ssh make\n');
    expect(last('FROM a\nRUN --mount=type=ssh,uid=0,gid=0,mode=0600 make\n')).toBe(ssh);
    expect(last('FROM a\nRUN --mount=type=ssh,gid=1 make\n')).not.toBe(ssh);
  });

  it('a tmpfs mount of size 0 is one without size= (its size is always marshalled)', () => {
    const tmpfs = last('FROM a\nRUN --mount=type=tmpfs,target=/t make\n');
    expect(last('FROM a\nRUN --mount=type=tmpfs,target=/t,size=0 make\n')).toBe(tmpfs);
    expect(last('FROM a\nRUN --mount=type=tmpfs,target=/t,size=64m make\n')).not.toBe(tmpfs);
  });
});

describe('COPY and ADD sources', () => {
  it('a source is keyed as the cleaned path from the root, however it is spelt', () => {
    expect(last('FROM a\nCOPY ./a.txt /x/\n')).toBe(last('FROM a\nCOPY a.txt /x/\n'));
    expect(last('FROM a\nCOPY src/ /x/\n')).toBe(last('FROM a\nCOPY src /x/\n'));
    expect(last('FROM a AS b\nFROM a\nCOPY --from=b /out/ /x/\n')).toBe(last('FROM a AS b\nFROM a\nCOPY --from=b /out /x/\n'));
    expect(last('FROM a AS b\nFROM a\nCOPY --from=b /out /x/\n')).not.toBe(last('FROM a AS b\nFROM a\nCOPY --from=b /dist /x/\n'));
  });
});

describe('the environment of a RUN', () => {
  it('is listed in the order variables were last set, as BuildKit\'s env list is', () => {
    const ab = mk('FROM a\nENV A=1\nENV B=2\nRUN make\n');
    const ba = mk('FROM a\nENV B=2\nENV A=1\nRUN make\n');
    expect(ba.stages[0]!.steps[0]!.cacheKey).not.toBe(ab.stages[0]!.steps[0]!.cacheKey);
    expect(explain(ab, ba).steps[0]!.cause).toMatchObject({ kind: 'instruction', detail: 'order of the environment changed', before: 'PATH A B', after: 'PATH B A' });
    // Setting a variable again moves it to the end; in one ENV the pairs are set left to right.
    expect(last('FROM a\nENV A=1 B=2 A=1\nRUN make\n')).toBe(last('FROM a\nENV B=2 A=1\nRUN make\n'));
    expect(last('FROM a\nENV X=1\nENV PATH=/x\nRUN make\n')).not.toBe(last('FROM a\nENV PATH=/x\nENV X=1\nRUN make\n'));
    // A stage on another stage sets that stage's image ENV again at its start (convert.go: AddEnv for
    // each of d.image.Config.Env), in the configuration's order, where each variable was first set:
    // the same stage b ends in the same order, but a stage built on it does not.
    expect(last('FROM a AS b\nENV A=1 B=2 A=1\nRUN make\n')).toBe(last('FROM a AS b\nENV B=2 A=1\nRUN make\n'));
    expect(last('FROM a AS b\nENV A=1 B=2 A=1\nFROM b\nRUN make\n')).not.toBe(last('FROM a AS b\nENV B=2 A=1\nFROM b\nRUN make\n'));
    // An ARG is set where it is declared.
    expect(last('FROM a\nARG V=1\nENV E=2\nRUN make\n')).not.toBe(last('FROM a\nENV E=2\nARG V=1\nRUN make\n'));
  });

  it('holds proxy variables set with ENV; proxy build args stay out unless an ARG declares them', () => {
    expect(last('FROM a\nENV http_proxy=http://a:1\nRUN make\n')).not.toBe(last('FROM a\nENV http_proxy=http://b:2\nRUN make\n'));
    expect(last('FROM a\nRUN make\n', { buildArgs: { http_proxy: 'x' } })).toBe(last('FROM a\nRUN make\n', { buildArgs: { http_proxy: 'y' } }));
    expect(last('FROM a\nARG http_proxy\nRUN make\n', { buildArgs: { http_proxy: 'x' } })).not.toBe(last('FROM a\nARG http_proxy\nRUN make\n', { buildArgs: { http_proxy: 'y' } }));
  });
});

describe('heredocs', () => {
  it('a RUN that is one heredoc runs its body, whatever the delimiter is called', () => {
    expect(last('FROM a\nRUN <<EOF\nmake\nEOF\n')).toBe(last('FROM a\nRUN <<END\nmake\nEND\n'));
    expect(last('FROM a\nRUN <<-EOF\n\tmake\nEOF\n')).toBe(last('FROM a\nRUN <<EOF\nmake\nEOF\n'));
    expect(last('FROM a\nRUN <<EOF\nmake\nEOF\n')).not.toBe(last('FROM a\nRUN <<EOF\nmake all\nEOF\n'));
    // A script with #! becomes a file named after the delimiter.
    expect(last('FROM a\nRUN <<EOF\n#!/bin/sh\nmake\nEOF\n')).not.toBe(last('FROM a\nRUN <<END\n#!/bin/sh\nmake\nEND\n'));
    // Anything else on the line: the line, then each body and its delimiter.
    expect(last('FROM a\nRUN sh <<EOF\nmake\nEOF\n')).not.toBe(last('FROM a\nRUN sh <<END\nmake\nEND\n'));
  });

  it('a COPY heredoc is a file named after its delimiter, holding its expanded body', () => {
    const df = 'FROM a\nARG V=1\nCOPY <<EOF /etc/v\nv=$V\nEOF\n';
    expect(last(df, { buildArgs: { V: '2' } })).not.toBe(last(df));
    expect(last('FROM a\nARG V=1\nCOPY <<"EOF" /etc/v\nv=$V\nEOF\n', { buildArgs: { V: '2' } })).toBe(last('FROM a\nARG V=1\nCOPY <<"EOF" /etc/v\nv=$V\nEOF\n'));
    expect(last('FROM a\nCOPY <<-EOF /etc/v\n\tv=1\nEOF\n')).toBe(last('FROM a\nCOPY <<-EOF /etc/v\nv=1\nEOF\n'));
  });
});

describe('paths', () => {
  it('a COPY destination of `.` is the working directory with a slash, as `./` is', () => {
    expect(last('FROM a\nWORKDIR /app\nCOPY a.txt .\n')).toBe(last('FROM a\nWORKDIR /app\nCOPY a.txt ./\n'));
    expect(last('FROM a\nWORKDIR /app\nCOPY a.txt .\n')).toBe(last('FROM a\nWORKDIR /app\nCOPY a.txt /app/\n'));
    expect(last('FROM a\nWORKDIR /app\nCOPY a.txt x\n')).not.toBe(last('FROM a\nWORKDIR /app\nCOPY a.txt x/\n'));
    expect(last('FROM a\nCOPY a.txt /app//x/../y/\n')).toBe(last('FROM a\nCOPY a.txt /app/y/\n'));
  });

  it('WORKDIR makes the cleaned directory, and a RUN starts in it as written', () => {
    const keys = (df: string) => mk(df).stages[0]!.steps.map((s) => s.cacheKey);
    const [w1, c1, r1] = keys('FROM a\nWORKDIR /app/\nCOPY a.txt x\nRUN make\n');
    const [w2, c2, r2] = keys('FROM a\nWORKDIR /app\nCOPY a.txt x\nRUN make\n');
    expect(w1).toBe(w2);
    expect(c1).toBe(c2);
    expect(r1).not.toBe(r2);
    // A relative WORKDIR is joined and cleaned, so its trailing slash goes.
    expect(keys('FROM a\nWORKDIR app/\nRUN make\n')).toEqual(keys('FROM a\nWORKDIR app\nRUN make\n'));
    // A stage on another goes on in the directory that one ends in.
    expect(last('FROM a AS b\nWORKDIR /app/\nFROM b\nRUN make\n')).not.toBe(last('FROM a AS b\nWORKDIR /app\nFROM b\nRUN make\n'));
  });
});

describe('COPY and ADD flags', () => {
  it('are keyed the same whatever order they are written in, and at what they do', () => {
    expect(last('FROM a\nCOPY --chown=1:1 --chmod=644 a.txt /x/\n')).toBe(last('FROM a\nCOPY --chmod=644 --chown=1:1 a.txt /x/\n'));
    expect(last('FROM a\nCOPY --chmod=0755 a.txt /x/\n')).toBe(last('FROM a\nCOPY --chmod=755 a.txt /x/\n'));
    expect(last('FROM a\nCOPY --link=false a.txt /x/\n')).toBe(last('FROM a\nCOPY a.txt /x/\n'));
    expect(last('FROM a\nCOPY --parents=false a.txt /x/\n')).toBe(last('FROM a\nCOPY a.txt /x/\n'));
    expect(last('FROM a\nADD --unpack=true a.txt /x/\n')).toBe(last('FROM a\nADD a.txt /x/\n'));
    expect(last('FROM a\nADD --unpack=false a.txt /x/\n')).not.toBe(last('FROM a\nADD a.txt /x/\n'));
    expect(last('FROM a\nADD --unpack=false https://example.com/a.tgz /x/\n')).toBe(last('FROM a\nADD https://example.com/a.tgz /x/\n'));
    // The order of --exclude patterns is kept.
    expect(last('FROM a\nCOPY --exclude=*.md --exclude=*.log src /x/\n')).not.toBe(last('FROM a\nCOPY --exclude=*.log --exclude=*.md src /x/\n'));
  });

  it('an empty --chown, --chmod or --checksum sets nothing, and --link with a mode copies without linking (dispatchCopy)', () => {
    const plain = last('FROM a\nCOPY a.txt /x/\n');
    expect(last('FROM a\nCOPY --chown= a.txt /x/\n')).toBe(plain);
    expect(last('FROM a\nCOPY --chmod= a.txt /x/\n')).toBe(plain);
    expect(last('FROM a\nARG OWNER\nCOPY --chown=$OWNER a.txt /x/\n')).toBe(last('FROM a\nARG OWNER\nCOPY a.txt /x/\n'));
    expect(last('FROM a\nADD --checksum= https://example.com/a.tgz /x/\n')).toBe(last('FROM a\nADD https://example.com/a.tgz /x/\n'));
    expect(last('FROM a\nCOPY --chown=1:1 a.txt /x/\n')).not.toBe(plain);
    // BuildKit merges a --link copy onto the stage only when no mode is set (link && chmod == "").
    const linked = mk('FROM a\nCOPY --link --chmod= a.txt /x/\n').stages[0]!.steps.at(-1)!;
    expect(linked.cacheKey).toBe(last('FROM a\nCOPY --link a.txt /x/\n'));
    expect(last('FROM a\nCOPY --link --chmod=644 a.txt /x/\n')).toBe(last('FROM a\nCOPY --chmod=644 a.txt /x/\n'));
    expect(last('FROM a\nCOPY --link a.txt /x/\n')).not.toBe(plain);
  });

  it('an ADD that makes the file op a COPY would is keyed as that COPY', () => {
    // Sources from the context differ between ADD and COPY only in the unpack attempt.
    expect(last('FROM a\nADD --unpack=false a.txt /x/\n')).toBe(last('FROM a\nCOPY a.txt /x/\n'));
    expect(last('FROM a\nADD --unpack=FALSE --chmod=644 a.txt src /x/\n')).toBe(last('FROM a\nCOPY --chmod=644 a.txt src /x/\n'));
    expect(last('FROM a\nADD a.txt /x/\n')).not.toBe(last('FROM a\nCOPY a.txt /x/\n'));
    expect(last('FROM a\nADD --unpack a.txt /x/\n')).not.toBe(last('FROM a\nCOPY a.txt /x/\n'));
    // A heredoc is written the same way by both.
    expect(last('FROM a\nADD <<EOF /x/y\nv\nEOF\n')).toBe(last('FROM a\nCOPY <<EOF /x/y\nv\nEOF\n'));
    expect(last('FROM a\nADD a.txt <<EOF /x/\nv\nEOF\n')).not.toBe(last('FROM a\nCOPY a.txt <<EOF /x/\nv\nEOF\n'));
    // Downloads stay ADD's (COPY refuses them).
    expect(mk('FROM a\nADD --unpack=false https://example.com/a.tgz /x/\n').stages[0]!.steps[0]!.components.instruction).toMatch(/^ADD /);
  });

  it('sources are keyed as expanded, heredocs after them by name', () => {
    expect(last('FROM a\nARG S=a.txt\nCOPY $S /x/\n')).toBe(last('FROM a\nARG S=a.txt\nCOPY a.txt /x/\n'));
    expect(last('FROM a\nCOPY <<EOF a.txt /x/\nv\nEOF\n')).toBe(last('FROM a\nCOPY a.txt <<EOF /x/\nv\nEOF\n'));
    expect(last('FROM a\nCOPY <<"EOF" /x/\nv\nEOF\n')).toBe(last('FROM a\nCOPY <<EOF /x/\nv\nEOF\n'));
  });

  it('a linked copy has no platform: changing the target platform leaves it cached', () => {
    const df = 'FROM a\nCOPY --link a.txt /x/\n';
    expect(last(df, { platform: 'linux/arm64' })).toBe(last(df, { platform: 'linux/amd64' }));
    expect(last('FROM a\nCOPY a.txt /x/\n', { platform: 'linux/arm64' })).not.toBe(last('FROM a\nCOPY a.txt /x/\n', { platform: 'linux/amd64' }));
  });

  it('a path that names a git host without a scheme is read from the context', () => {
    const p = mk('FROM a\nADD github.com/org/repo.git /x/\n');
    expect(p.stages[0]!.steps[0]!.components.network).toBeUndefined();
    expect(mk('FROM a\nADD git@github.com:org/repo.git /x/\n').stages[0]!.steps[0]!.components.network).toEqual(['git@github.com:org/repo.git']);
  });
});

describe('fetched sources', () => {
  const sha = 'a'.repeat(40);
  it('a download with --checksum and a git commit are keyed without the network', () => {
    const before = mk('FROM a\nADD --checksum=sha256:' + '1'.repeat(64) + ' https://example.com/v1/tool.tgz /opt/\n');
    expect(before.stages[0]!.steps[0]!.components.network).toBeUndefined();
    expect(explain(before, before).steps[0]!.status).toBe('cached');
    const other = mk('FROM a\nADD --checksum=sha256:' + '2'.repeat(64) + ' https://example.com/v1/tool.tgz /opt/\n');
    expect(explain(before, other).steps[0]!.status).toBe('rebuild');
    const git = mk(`FROM a\nADD https://github.com/org/repo.git#${sha} /src/\n`);
    expect(explain(git, git).steps[0]!.status).toBe('cached');
    expect(explain(git, mk(`FROM a\nADD https://github.com/org/repo.git#${'b'.repeat(40)} /src/\n`)).steps[0]!.status).toBe('rebuild');
  });

  it('a git branch with a checksum is pinned to that commit', () => {
    const flagged = mk(`FROM a\nADD --checksum=${sha} https://github.com/org/repo.git#main /src/\n`);
    expect(flagged.stages[0]!.steps[0]!.components.network).toBeUndefined();
    expect(explain(flagged, flagged).steps[0]!.status).toBe('cached');
    const query = mk(`FROM a\nADD https://github.com/org/repo.git?ref=main&checksum=${sha.slice(0, 12)} /src/\n`);
    expect(query.stages[0]!.steps[0]!.components.network).toBeUndefined();
    // Another commit is another key.
    expect(explain(flagged, mk(`FROM a\nADD --checksum=${'b'.repeat(40)} https://github.com/org/repo.git#main /src/\n`)).steps[0]!.status).toBe('rebuild');
  });

  it('a download without a checksum and a git branch are looked up on every build', () => {
    const url = mk('FROM a\nADD https://example.com/tool.tgz /opt/\n');
    expect(explain(url, url).steps[0]!.cause?.kind).toBe('network');
    const branch = mk('FROM a\nADD https://github.com/org/repo.git#main /src/\n');
    expect(explain(branch, branch).steps[0]!.cause?.kind).toBe('network');
  });
});

describe('platforms', () => {
  it('a stage built on another runs on that one\'s platform', () => {
    const df = 'FROM --platform=linux/arm64 a AS b\nFROM b\nRUN make\n';
    expect(last(df, { platform: 'linux/amd64' })).toBe(last(df, { platform: 'linux/386' }));
    expect(last('FROM a AS b\nFROM b\nRUN make\n', { platform: 'linux/amd64' })).not.toBe(last('FROM a AS b\nFROM b\nRUN make\n', { platform: 'linux/386' }));
  });
});

describe('SOURCE_DATE_EPOCH', () => {
  const text = 'FROM a\nWORKDIR /app\nCOPY a.txt .\nRUN make\n';
  const keys = (p: Plan) => p.stages[0]!.steps.map((s) => s.cacheKey);

  it('stamps the directory a WORKDIR makes, and nothing else', () => {
    const none = mk(text);
    const one = mk(text, { buildArgs: { SOURCE_DATE_EPOCH: '1700000000' } });
    const two = mk(text, { buildArgs: { SOURCE_DATE_EPOCH: '1700000001' } });
    expect(one.stages[0]!.steps[0]!.components.createdTime).toBe(1700000000);
    expect(keys(one)[0]).not.toBe(keys(none)[0]);
    expect(keys(two)[0]).not.toBe(keys(one)[0]);
    // COPY and RUN change only through their parent: on a stage without WORKDIR they keep their keys.
    const plain = 'FROM a\nCOPY a.txt /x/\nRUN make\n';
    expect(keys(mk(plain, { buildArgs: { SOURCE_DATE_EPOCH: '5' } }))).toEqual(keys(mk(plain)));
    // An empty value sets nothing, and BuildKit consumes the build arg itself.
    expect(keys(mk(text, { buildArgs: { SOURCE_DATE_EPOCH: '' } }))).toEqual(keys(none));
    expect(one.warnings.join('\n')).not.toContain('not consumed');
  });

  it('is read from a global ARG when no build arg is given', () => {
    const withArg = mk(`ARG SOURCE_DATE_EPOCH=1700000000\n${text}`);
    expect(withArg.stages[0]!.steps[0]!.components.createdTime).toBe(1700000000);
    const overridden = mk(`ARG SOURCE_DATE_EPOCH=1700000000\n${text}`, { buildArgs: { SOURCE_DATE_EPOCH: '7' } });
    expect(overridden.stages[0]!.steps[0]!.components.createdTime).toBe(7);
    // An ARG inside a stage is not the build's epoch.
    expect(mk('FROM a\nARG SOURCE_DATE_EPOCH=9\nWORKDIR /app\n').stages[0]!.steps[0]!.components.createdTime).toBeUndefined();
  });

  it('explains a rebuild caused by a new epoch, and warns about values known only at build time', () => {
    const before = mk(text, { buildArgs: { SOURCE_DATE_EPOCH: '1' } });
    const after = mk(text, { buildArgs: { SOURCE_DATE_EPOCH: '2' } });
    expect(explain(before, after).steps[0]!.cause).toMatchObject({ kind: 'arg', detail: 'SOURCE_DATE_EPOCH', before: '1', after: '2' });
    expect(mk(text, { buildArgs: { SOURCE_DATE_EPOCH: 'context' } }).warnings.join('\n')).toContain('when the build runs');
    expect(mk(`FROM scratch AS src\n${text}`, { buildArgs: { SOURCE_DATE_EPOCH: 'SRC' } }).warnings.join('\n')).toContain('stage SRC');
    expect(() => mk(text, { buildArgs: { SOURCE_DATE_EPOCH: 'yesterday' } })).toThrow(/invalid SOURCE_DATE_EPOCH: yesterday/);
  });
});

describe('explain names the first changed file and counts the others', () => {
  it('counts every other added, removed or modified file the step selects', () => {
    const text = 'FROM a\nCOPY src /src\n';
    const before = mk(text, {}, { 'src/a.txt': 'a\n', 'src/b.txt': 'b\n', 'src/c.txt': 'c\n' });
    const one = mk(text, {}, { 'src/a.txt': 'A\n', 'src/b.txt': 'b\n', 'src/c.txt': 'c\n' });
    expect(explain(before, one).steps[0]!.cause).toEqual({ kind: 'file', detail: 'src/a.txt', selector: 'src', before: 'modified' });
    const three = mk(text, {}, { 'src/a.txt': 'A\n', 'src/c.txt': 'c\n', 'src/d.txt': 'd\n' });
    const step = explain(before, three).steps[0]!;
    expect(step.cause).toMatchObject({ detail: 'src/a.txt', before: 'modified', others: 2 });
    expect(step.reason).toBe('src/a.txt modified (selected by src), and 2 more files');
  });
});
