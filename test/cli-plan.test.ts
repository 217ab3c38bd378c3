// End-to-end tests of `dockhand plan` and `dockhand explain` through the CLI entry point.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCaptured } from './cli-io.js';
import { StatCache, statCacheFile } from '../src/context/index.js';

const DOCKERFILE = `# syntax=docker/dockerfile:1
ARG NODE=22
FROM node:\${NODE} AS deps
WORKDIR /app
COPY package.json ./
RUN npm ci

FROM deps AS build
COPY . .
RUN npm run build

FROM nginx:1.27 AS final
COPY --from=build /app/dist /usr/share/nginx/html
`;

let dir: string;
const write = (p: string, text: string) => {
  mkdirSync(join(dir, p, '..'), { recursive: true });
  writeFileSync(join(dir, p), text);
};

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'dockhand-plan-'));
  write('app/Dockerfile', DOCKERFILE);
  write('app/package.json', '{"name":"x"}\n');
  write('app/src/app.js', 'console.log(1)\n');
  write('app/.dockerignore', 'node_modules\n*.log\n');
  write('app/debug.log', 'noise\n');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function dh(...argv: string[]) {
  return dhStdin('', ...argv);
}

async function dhStdin(stdin: string, ...argv: string[]) {
  const { code, stdout, stderr } = await runCaptured(argv, { cwd: dir, stdin, env: { XDG_CACHE_HOME: join(dir, '.cache') } });
  return { code, out: stdout, err: stderr };
}

describe('dockhand plan', () => {
  it('prints the JSON contract of design.md', async () => {
    const r = await dh('plan', 'app/Dockerfile', '--format', 'json', '--platform', 'linux/arm64');
    expect(r.code).toBe(0);
    const p = JSON.parse(r.out);
    expect(p).toMatchObject({ dockerfile: 'app/Dockerfile', context: 'app', target: 'final', platform: 'linux/arm64' });
    expect(p.stages.map((s: { name: string }) => s.name)).toEqual(['deps', 'build', 'final']);
    expect(p.stages[0].base).toEqual({ image: 'node:22', digest: null, floating: true });
    expect(p.stages[1].base).toEqual({ stage: 0 });
    expect(p.stages[2].dependsOn).toEqual([1]);
    expect(p.order).toEqual([[0], [1], [2]]);
    const copy = p.stages[0].steps[1];
    expect(copy).toMatchObject({ line: 5, instruction: 'COPY', text: 'COPY package.json ./', inputs: ['package.json'] });
    expect(copy.cacheKey).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(p.stages[1].steps[0].inputs).not.toContain('debug.log');
  });

  it('a warm plan sees files added to, removed from and renamed in nested directories', async () => {
    // The second and later plans walk through the stat cache's remembered directory listings.
    write('warm/Dockerfile', 'FROM alpine:3.20\nCOPY . /app\n');
    write('warm/a/b/one.txt', '1\n');
    const key = async () => {
      const r = await dh('plan', 'warm/Dockerfile', '--format', 'json');
      expect(r.code).toBe(0);
      const step = JSON.parse(r.out).stages[0].steps[0];
      return { key: step.cacheKey as string, inputs: [...(step.inputs as string[])].sort() };
    };
    const first = await key();
    expect(await key()).toEqual(first); // warm, nothing changed
    write('warm/a/b/two.txt', '2\n');
    const added = await key();
    expect(added.key).not.toBe(first.key);
    expect(added.inputs).toContain('a/b/two.txt');
    rmSync(join(dir, 'warm/a/b/one.txt'));
    const removed = await key();
    expect(removed.inputs).not.toContain('a/b/one.txt');
    expect(removed.key).not.toBe(added.key);
    renameSync(join(dir, 'warm/a/b/two.txt'), join(dir, 'warm/a/b/three.txt'));
    const renamed = await key();
    expect(renamed.inputs).toContain('a/b/three.txt');
    expect(renamed.inputs).not.toContain('a/b/two.txt');
    expect(renamed.key).not.toBe(removed.key);
  });

  it("forgets deleted files' digests in the stat cache instead of keeping them forever", async () => {
    write('forget/Dockerfile', 'FROM alpine:3.20\nCOPY . /app\n');
    for (const f of ['a.txt', 'b.txt', 'sub/c.txt']) write(`forget/${f}`, `${f}\n`);
    await new Promise((r) => setTimeout(r, 150)); // past the cache's racy window
    const cacheFile = statCacheFile(join(dir, '.cache', 'dockhand'), join(dir, 'forget'));
    expect((await dh('plan', 'forget/Dockerfile', '--format', 'json')).code).toBe(0);
    expect(StatCache.open(cacheFile).size).toBe(4); // the Dockerfile is sent too
    rmSync(join(dir, 'forget/sub'), { recursive: true });
    rmSync(join(dir, 'forget/b.txt'));
    expect((await dh('plan', 'forget/Dockerfile', '--format', 'json')).code).toBe(0);
    const after = StatCache.open(cacheFile);
    expect([after.size, after.listingCount]).toEqual([2, 1]);
  });

  it('honours --target and --build-arg', async () => {
    const r = await dh('plan', 'app/Dockerfile', '--format', 'json', '--target', 'deps', '--build-arg', 'NODE=20');
    const p = JSON.parse(r.out);
    expect(p.stages.map((s: { reachable: boolean }) => s.reachable)).toEqual([true, false, false]);
    expect(p.stages[0].base.image).toBe('node:20');
  });

  it('keeps shell syntax intact inside graph boxes', async () => {
    write('dot/Dockerfile', 'FROM alpine:3 AS a\nRUN echo a > b | tee c && echo {x} <y\n');
    const svg = (await dh('plan', 'dot/Dockerfile', '--format', 'svg')).out;
    expect(svg).toContain('echo a &gt; b | tee c &amp;&amp; echo {x} &lt;y');
  });

  it('renders dot, mermaid, svg and html', async () => {
    expect((await dh('plan', 'app/Dockerfile', '--format', 'dot')).out).toMatch(/^digraph plan \{/);
    expect((await dh('plan', 'app/Dockerfile', '--format', 'mermaid')).out).toMatch(/^flowchart LR/);
    const svg = (await dh('plan', 'app/Dockerfile', '--format', 'svg')).out;
    expect(svg).toMatch(/<svg[\s\S]*deps[\s\S]*<\/svg>/);
    const html = (await dh('plan', 'app/Dockerfile', '--format', 'html')).out;
    expect(html).toMatch(/^<!doctype html>[\s\S]*<svg[\s\S]*COPY package.json/);
  });

  it('fails clearly on bad input', async () => {
    expect(await dh('plan', 'missing/Dockerfile')).toMatchObject({ code: 2, err: expect.stringMatching(/missing\/Dockerfile: no such file or directory/) });
    expect(await dh('plan', 'app')).toMatchObject({ code: 2, err: expect.stringMatching(/is a directory/) });
    expect(await dh('plan', 'app/Dockerfile', '--target', 'nope')).toMatchObject({ code: 2, err: expect.stringMatching(/target stage "nope" not found/) });
    expect(await dh('plan', 'app/Dockerfile', '--platform', 'x')).toMatchObject({ code: 2 });
    expect(await dh('plan', 'app/Dockerfile', '--format', 'nope')).toMatchObject({ code: 2 });
  });

  it('reads the Dockerfile from stdin with `-` (context: the current directory)', async () => {
    write('stdin-ctx.txt', 'x\n');
    const r = await dhStdin('FROM alpine\nCOPY stdin-ctx.txt /\n', 'plan', '-', '--format', 'json');
    expect(r.code, r.err).toBe(0);
    const p = JSON.parse(r.out);
    expect(p).toMatchObject({ dockerfile: '<stdin>', context: '.' });
    expect(p.stages[0].steps[0].inputs).toEqual(['stdin-ctx.txt']);
    const bad = await dhStdin('FROM alpine\nFOO bar\n', 'plan', '-');
    expect(bad.code).toBe(1);
    expect(bad.err).toMatch(/<stdin>:2:1: error: unknown instruction: FOO/);
  });

  it('refuses a build BuildKit would refuse, naming file and line (exit 1)', async () => {
    write('bad/self.Dockerfile', 'FROM alpine AS a\nCOPY --from=a /x /x\n');
    write('bad/later.Dockerfile', 'FROM alpine AS a\nCOPY --from=b /x /x\nFROM alpine AS b\n');
    write('bad/blank.Dockerfile', 'ARG X\nFROM ${X}\nRUN echo\n');
    const self = await dh('plan', 'bad/self.Dockerfile');
    expect(self).toMatchObject({ code: 1, out: '' });
    expect(self.err).toMatch(/^bad\/self.Dockerfile:2: error: circular dependency detected on stage: a\n/);
    expect((await dh('plan', 'bad/later.Dockerfile', '--target', 'a')).err).toMatch(/:2: error: cannot copy from stage "b", it needs to be defined before current stage "a"/);
    expect((await dh('plan', 'bad/blank.Dockerfile')).err).toMatch(/:2: error: base name \(\$\{X\}\) should not be blank/);
    // Problems in a stage the target does not need do not stop the plan.
    write('bad/unreached.Dockerfile', 'FROM alpine AS a\nRUN echo a\nFROM alpine AS b\nCOPY --from=b /x /x\n');
    expect((await dh('plan', 'bad/unreached.Dockerfile', '--target', 'a')).code).toBe(0);
  });

  it('gives readable messages for paths that cannot be used', async () => {
    execFileSync('ln', ['-s', 'loop2', join(dir, 'loop1')]);
    execFileSync('ln', ['-s', 'loop1', join(dir, 'loop2')]);
    expect((await dh('plan', 'loop1')).err).toBe('dockhand: loop1: too many levels of symbolic links\n');
    expect((await dh('plan', 'app/Dockerfile', '--save', 'no/such/dir/p.json')).err).toMatch(/cannot write the plan \(no such directory\)/);
    write('-dash.Dockerfile', 'FROM alpine\n');
    const dash = await dh('plan', '--format', 'json', '--', '-dash.Dockerfile');
    expect(dash.code, dash.err).toBe(0);
    expect(JSON.parse(dash.out).dockerfile).toBe('-dash.Dockerfile');
  });

  it('never overwrites a Dockerfile or a file that is not a saved plan with --save', async () => {
    expect(await dh('plan', 'app/Dockerfile', '--save', 'app/Dockerfile')).toMatchObject({ code: 2, err: expect.stringMatching(/would overwrite the Dockerfile being planned/) });
    write('notes.txt', 'keep me\n');
    expect(await dh('plan', 'app/Dockerfile', '--save', 'notes.txt')).toMatchObject({ code: 2, err: expect.stringMatching(/not a saved plan; refusing/) });
    expect((await dh('plan', 'app/Dockerfile', '--save', 'again.json')).code).toBe(0);
    expect((await dh('plan', 'app/Dockerfile', '--save', 'again.json')).code).toBe(0);
  });

  it('refuses invalid COPY patterns and image references; warns about unused build args', async () => {
    write('bad/glob.Dockerfile', 'FROM alpine:3\nCOPY [abc /x/\n');
    expect((await dh('plan', 'bad/glob.Dockerfile')).err).toMatch(/glob.Dockerfile:2: error: COPY source "\[abc": syntax error in pattern/);
    write('bad/ref.Dockerfile', 'ARG V=3.19\nFROM alpine:${V}\n');
    const ref = await dh('plan', 'bad/ref.Dockerfile', '--build-arg', 'V=3.20 ; rm');
    expect(ref.code).toBe(1);
    expect(ref.err).toMatch(/:2: error: failed to parse stage name "alpine:3.20 ; rm": invalid reference format/);
    const unused = await dh('plan', 'bad/ref.Dockerfile', '--build-arg', 'V=3.20', '--build-arg', 'NOPE=1', '--format', 'json');
    expect(JSON.parse(unused.out).warnings).toContain('One or more build-args [NOPE] were not consumed');
  });

  it('refuses a named pipe instead of hanging', async () => {
    execFileSync('mkfifo', [join(dir, 'pipe')]);
    expect(await dh('plan', 'pipe')).toMatchObject({ code: 2, err: expect.stringMatching(/pipe: not a regular file \(a named pipe\)/) });
    expect(await dh('plan', 'app/Dockerfile', '--base-digests', 'pipe')).toMatchObject({ code: 2, err: expect.stringMatching(/not a regular file/) });
    expect(await dh('explain', 'app/Dockerfile', '--baseline', 'pipe')).toMatchObject({ code: 2, err: expect.stringMatching(/not a regular file/) });
    rmSync(join(dir, 'pipe'));
  });

  it('links Dockerfiles of a monorepo and writes a bake file', async () => {
    write('base/Dockerfile', 'FROM alpine:3.20\nRUN apk add --no-cache ca-certificates\n');
    write('svc/Dockerfile', 'FROM example/base AS run\nCOPY --from=example/tools:1 /bin/tool /bin/tool\nCOPY app.js /app.js\n');
    write('tools/Dockerfile', 'FROM busybox\nRUN echo tool > /bin/tool\n');
    write('svc/app.js', 'x\n');
    const r = await dh('plan', 'base/Dockerfile', 'svc/Dockerfile', 'tools/Dockerfile', '--tag', 'example/base=base/Dockerfile', '--tag', 'example/tools:1=tools/Dockerfile', '--format', 'bake');
    expect(r.code, r.err).toBe(0);
    const bake = JSON.parse(r.out);
    expect(bake.group.default.targets).toEqual(['example-base', 'svc', 'example-tools']);
    expect(bake.target.svc.contexts).toEqual({ 'example/base': 'target:example-base', 'example/tools:1': 'target:example-tools' });
    expect(bake.target['example-base']).toMatchObject({ context: 'base', dockerfile: 'Dockerfile', tags: ['example/base'] });
    const text = await dh('plan', 'base/Dockerfile', 'svc/Dockerfile', '--tag', 'example/base=base/Dockerfile');
    expect(text.out).toMatch(/build order: base\/Dockerfile {2}→ {2}svc\/Dockerfile/);
  });
});

/** A fresh directory for a git repository of a test's own: files written into it, git run in it, removed by `done`. */
function gitRepo() {
  const repo = mkdtempSync(join(tmpdir(), 'dockhand-since-'));
  return {
    repo,
    put: (p: string, text: string) => {
      mkdirSync(join(repo, p, '..'), { recursive: true });
      writeFileSync(join(repo, p), text);
    },
    g: (...a: string[]) => execFileSync('git', ['-c', 'user.email=t@t', '-c', 'user.name=t', ...a], { cwd: repo, stdio: 'pipe' }),
    done: () => rmSync(repo, { recursive: true, force: true }),
  };
}

describe('dockhand explain', () => {
  it('--baseline: a saved plan against the current files', async () => {
    expect((await dh('plan', 'app/Dockerfile', '--save', 'base.json')).code).toBe(0);
    write('app/package.json', '{"name":"y"}\n');
    const r = await dh('explain', 'app/Dockerfile', '--baseline', 'base.json', '--format', 'json');
    expect(r.code, r.err).toBe(0);
    const ex = JSON.parse(r.out);
    expect(ex.summary).toEqual({ cached: 1, rebuild: 5 });
    expect(ex.steps[1]).toMatchObject({ line: 5, status: 'rebuild', cause: { kind: 'file', detail: 'package.json', selector: 'package.json' } });
    expect(ex.steps[2]).toMatchObject({ line: 6, cause: { kind: 'parent', line: 5 } });
    write('app/package.json', '{"name":"x"}\n');
  });

  it('--changed: what an edit would rebuild, in text', async () => {
    const r = await dh('explain', 'app/Dockerfile', '--changed', 'app/src/app.js');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/cached +5 {2}COPY package.json/);
    expect(r.out).toMatch(/REBUILD +9 {2}COPY \. \.\n +↳ src\/app.js modified \(selected by \.\)/);
    expect(r.out).toMatch(/3 steps rebuild, 3 cached/);
    const ignored = await dh('explain', 'app/Dockerfile', '--changed', 'app/debug.log', '--format', 'json');
    expect(JSON.parse(ignored.out).summary.rebuild).toBe(0);
  });

  it('--since: files and Dockerfile edits since a git revision', async () => {
    const g = (...a: string[]) => execFileSync('git', a, { cwd: dir, stdio: 'pipe' });
    g('init', '-q');
    g('-c', 'user.email=t@t', '-c', 'user.name=t', 'add', '.');
    g('-c', 'user.email=t@t', '-c', 'user.name=t', 'commit', '-qm', 'base');
    write('app/Dockerfile', DOCKERFILE.replace('RUN npm run build', 'RUN npm run build -- --prod'));
    const r = await dh('explain', 'app/Dockerfile', '--since', 'HEAD', '--format', 'json');
    expect(r.code, r.err).toBe(0);
    const ex = JSON.parse(r.out);
    // The Dockerfile is inside the context, so `COPY . .` sees the edit too (as BuildKit would).
    const copyAll = ex.steps.find((s: { line: number }) => s.line === 9);
    expect(copyAll).toMatchObject({ status: 'rebuild', cause: { kind: 'file', detail: 'Dockerfile', selector: '.' } });
    const edited = ex.steps.find((s: { line: number }) => s.line === 10);
    expect(edited).toMatchObject({ status: 'rebuild', cause: { kind: 'parent', line: 9 } });
    expect(edited.reason).toMatch(/line 10 edited: RUN npm run build → RUN npm run build -- --prod/);
    expect(ex.summary.rebuild).toBe(3);
    expect((await dh('explain', 'app/Dockerfile', '--since', 'no-such-rev')).code).toBe(2);
  });

  it('--since: a renamed file is its old path removed and its new one added, whatever diff.renames says', async () => {
    const { repo, put, g, done } = gitRepo();
    try {
      // One stage per source, so that each COPY's verdict stands on its own.
      put('Dockerfile', ['src', 'tools', 'docs'].map((d) => `FROM alpine:3.20 AS ${d}\nCOPY ${d} /${d}\n`).join('') + 'FROM scratch\nCOPY --from=src /src /s\nCOPY --from=tools /tools /t\nCOPY --from=docs /docs /d\n');
      put('src/a.js', 'a\n');
      put('src/b.js', 'b\n');
      put('tools/t.sh', 't\n');
      put('docs/guide.md', 'guide\n');
      g('init', '-q');
      g('config', 'diff.renames', 'copies');
      g('add', '.');
      g('commit', '-qm', 'base');
      mkdirSync(join(repo, 'notcopied'));
      // Moved out of src (only its new path would show with rename detection), and a new directory.
      g('mv', 'src/b.js', 'notcopied/b.js');
      put('tools/new/x.sh', 'x\n');
      const explain = async () => {
        const { code, stdout, stderr } = await runCaptured(['explain', 'Dockerfile', '--since', 'HEAD', '--format', 'json'], { cwd: repo, stdin: '', env: { XDG_CACHE_HOME: join(repo, '.cache') } });
        expect(code, stderr).toBe(0);
        const all = JSON.parse(stdout).steps as { line: number; status: string; cause?: { detail: string; before: string; others?: number } }[];
        return all.filter((s) => [2, 4, 6].includes(s.line));
      };
      const steps = await explain();
      expect(steps.map((s) => [s.line, s.status, s.cause?.detail, s.cause?.before, s.cause?.others])).toEqual([
        [2, 'rebuild', 'src/b.js', 'removed', undefined],
        [4, 'rebuild', 'tools/new', 'added', 1],
        [6, 'cached', undefined, undefined, undefined],
      ]);
      // A file added, then committed: cached again against the new HEAD.
      g('add', '.');
      g('commit', '-qm', 'moved');
      expect((await explain()).map((s) => s.status)).toEqual(['cached', 'cached', 'cached']);
    } finally {
      done();
    }
  });

  it('--since: the context as the revision\'s .dockerignore sent it, even one that excludes itself', async () => {
    const { repo, put, g, done } = gitRepo();
    try {
      const explain = async (file = 'Dockerfile') => {
        const { code, stdout, stderr } = await runCaptured(['explain', file, '--since', 'HEAD', '--format', 'json'], { cwd: repo, stdin: '', env: { XDG_CACHE_HOME: join(repo, '.cache') } });
        expect(code, stderr).toBe(0);
        const step = JSON.parse(stdout).steps[0] as { status: string; cause?: { detail: string; before: string } };
        return [step.status, step.cause?.detail, step.cause?.before];
      };
      put('Dockerfile', 'FROM alpine:3.20\nCOPY . /app\n');
      put('.dockerignore', '.dockerignore\nDockerfile\n.cache\n');
      put('debug.log', 'log\n');
      put('a.txt', 'a\n');
      g('init', '-q');
      g('add', '.');
      g('commit', '-qm', 'base');
      expect(await explain()).toEqual(['cached', undefined, undefined]);
      // Excluding a file that was sent: the COPY loses it, though neither it nor a sent file changed.
      put('.dockerignore', '.dockerignore\nDockerfile\n.cache\n*.log\n');
      expect(await explain()).toEqual(['rebuild', 'debug.log', 'removed']);
      // A Dockerfile's own ignore file, added since, takes over from .dockerignore.
      put('.dockerignore', '.dockerignore\nDockerfile\n.cache\n');
      put('Dockerfile.dockerignore', 'Dockerfile*\n.dockerignore\n.cache\na.txt\n');
      expect(await explain()).toEqual(['rebuild', 'a.txt', 'removed']);
    } finally {
      done();
    }
  });

  it('--since: says which steps read files git ignores, whose state at the revision it cannot know', async () => {
    const { repo, put, g, done } = gitRepo();
    try {
      put('.gitignore', 'dist/\n.cache/\n*.tmp\n');
      put('.dockerignore', '*.tmp\n.cache\n');
      put('Dockerfile', 'FROM alpine:3.20\nCOPY src /src\nCOPY dist /app\nCOPY dist/app.js /app.js\n');
      put('src/a.js', 'a\n');
      put('dist/app.js', '1\n');
      put('scratch.tmp', 'x\n');
      g('init', '-q');
      g('add', '.');
      g('commit', '-qm', 'base');
      put('dist/app.js', '2\n');
      const { code, stdout, stderr } = await runCaptured(['explain', 'Dockerfile', '--since', 'HEAD'], { cwd: repo, stdin: '', env: { XDG_CACHE_HOME: join(repo, '.cache') } });
      expect(code, stderr).toBe(0);
      expect(stdout).toMatch(/0 steps rebuild, 3 cached/);
      // scratch.tmp is ignored by git too, but the build never reads it.
      expect(stderr).toBe('dockhand: note: git ignores dist, which lines 3, 4 read: git cannot say how it was at HEAD, so it counts as unchanged\n');
    } finally {
      done();
    }
  });

  it('rejects a baseline that is not a saved plan, and an unknown revision', async () => {
    write('fake.json', '{"version":1,"stages":[{"index":0}]}');
    expect((await dh('explain', 'app/Dockerfile', '--baseline', 'fake.json')).err).toMatch(/fake.json: not a plan saved by `dockhand plan --save`/);
    expect((await dh('explain', 'app/Dockerfile', '--since', 'no-such-rev')).err).toMatch(/unknown git revision 'no-such-rev'|git/);
  });

  it('--since: a Dockerfile that did not exist at the revision rebuilds everything', async () => {
    write('app/new.Dockerfile', 'FROM alpine:3\nRUN echo new\n');
    const r = await dh('explain', 'app/new.Dockerfile', '--since', 'HEAD', '--format', 'json');
    expect(r.code, r.err).toBe(0);
    expect(JSON.parse(r.out).summary).toEqual({ cached: 0, rebuild: 1 });
    expect(r.err).toMatch(/does not exist at HEAD/);
  });

  it('--changed with the context root marks everything sent as changed', async () => {
    const r = await dh('explain', 'app/Dockerfile', '--changed', 'app', '--format', 'json');
    expect(JSON.parse(r.out).summary.cached).toBe(1); // only WORKDIR, which reads no files
  });

  it('needs exactly one mode', async () => {
    expect(await dh('explain', 'app/Dockerfile')).toMatchObject({ code: 2, err: expect.stringMatching(/exactly one of/) });
    expect(await dh('explain', 'app/Dockerfile', '--baseline', 'nope.json')).toMatchObject({ code: 2, err: expect.stringMatching(/nope.json: no such file or directory/) });
  });
});
