// `dockhand plan --outline`, `plan --targets`, and what `plan` adds to its outputs: each stage's
// outline and the build context each step selects (JSON), and the context cost (text).
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCaptured } from './cli-io.js';

const DOCKERFILE = `# syntax=docker/dockerfile:1
# NODE the Node.js major version
ARG NODE=22

# deps installs the dependencies
FROM node:\${NODE}-alpine AS deps
WORKDIR /app
COPY package.json ./
RUN --mount=type=secret,id=npmrc,target=/root/.npmrc npm ci

# app is the image we ship
FROM deps AS app
ARG PORT=8080
COPY src/ src/
RUN --mount=type=ssh,required git submodule update && cat /run/secrets/token
EXPOSE $PORT
`;

let dir: string;
const write = (p: string, text: string) => {
  mkdirSync(join(dir, p, '..'), { recursive: true });
  writeFileSync(join(dir, p), text);
};

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'dockhand-outline-'));
  write('Dockerfile', DOCKERFILE);
  write('package.json', '{"name":"x"}\n');
  write('src/a.js', 'a\n');
  write('src/b.js', 'bb\n');
  write('notes.log', 'not sent\n');
  write('.dockerignore', '*.log\n');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function dh(...argv: string[]) {
  const { code, stdout, stderr } = await runCaptured(argv, { cwd: dir, env: { XDG_CACHE_HOME: join(dir, '..', `${dir.split('/').pop()}-cache`) } });
  return { code, out: stdout, err: stderr };
}

describe('plan --outline', () => {
  it('prints what the default target needs, warnings on stderr', async () => {
    const r = await dh('plan', '--outline', '--build-arg', 'NODE=20');
    expect(r.code, r.err).toBe(0);
    expect(r.out).toBe(`target:      app
description: is the image we ship

BUILD ARG  VALUE  DEFAULT  LINE        READ ON  DESCRIPTION
NODE       20     22       3 (global)  6        the Node.js major version
PORT       8080   8080     13          16

SECRET  REQUIRED  MOUNTED AS    LINE
npmrc   no        /root/.npmrc  9

SSH      REQUIRED  LINE
default  yes       15
`);
    expect(r.err).toBe(
      'Dockerfile:13: warning: ARG PORT has no description: write "# PORT <what it sets>" on the line above it\n' +
      'Dockerfile:15: warning: RUN reads /run/secrets/token, but no secret is mounted there: add --mount=type=secret,id=token to this RUN\n',
    );
  });

  it('--target picks the stage; --format json carries the warnings instead of stderr', async () => {
    const r = await dh('plan', '--outline', '--target', 'deps', '--format', 'json');
    expect(r.code).toBe(0);
    expect(r.err).toBe('');
    expect(JSON.parse(r.out)).toEqual({
      dockerfile: 'Dockerfile',
      target: 'deps',
      description: 'installs the dependencies',
      args: [{ name: 'NODE', default: '22', value: '22', description: 'the Node.js major version', line: 3, global: true, readBy: [6] }],
      secrets: [{ id: 'npmrc', required: false, target: '/root/.npmrc', env: null, line: 9 }],
      ssh: [],
      warnings: [],
    });
  });

  it('reads the Dockerfile from stdin', async () => {
    const { stdout, code } = await runCaptured(['plan', '-', '--outline'], { cwd: dir, stdin: 'FROM alpine AS a\n# V the version\nARG V=1\n' });
    expect(code).toBe(0);
    expect(stdout).toMatch(/^V +1 +1 +3 +- +the version$/m);
  });

  it('refuses what it cannot do, with one line and exit 2', async () => {
    const cases: [string[], RegExp][] = [
      [['--outline', '--targets'], /give one of them/],
      [['--outline', '--format', 'dot'], /--outline prints text or json, not dot/],
      [['--targets', 'Dockerfile', 'Dockerfile'], /--targets reads one Dockerfile/],
      [['--outline', '--save', 'p.json'], /does not combine with --outline/],
      [['--outline', '--target', 'nope'], /target stage "nope" not found \(stages: deps, app\)/],
    ];
    for (const [argv, err] of cases) {
      const r = await dh('plan', ...argv);
      expect(r.code, argv.join(' ')).toBe(2);
      expect(r.err).toMatch(err);
      expect(r.err.split('\n').filter(Boolean)).toHaveLength(1);
    }
  });
});

describe('plan --targets', () => {
  it('lists the stages with their descriptions; the last is the default', async () => {
    const r = await dh('plan', '--targets');
    expect(r.out).toBe(`TARGET         FROM                 LINE  DESCRIPTION
deps           node:\${NODE}-alpine  6     installs the dependencies
app (default)  deps                 12    is the image we ship
`);
    const json = JSON.parse((await dh('plan', '--targets', '--format', 'json')).out);
    expect(json.targets.map((t: { name: string; default: boolean }) => [t.name, t.default])).toEqual([['deps', false], ['app', true]]);
  });

  it('says so when there is no stage; --outline then has no target (exit 2)', async () => {
    const argsOnly = (flag: string) => runCaptured(['plan', '-', flag], { cwd: dir, stdin: '# A the a\nARG A=1\n' });
    expect(await argsOnly('--targets')).toMatchObject({ code: 0, stdout: 'no stages: the Dockerfile has no FROM\n' });
    expect(await argsOnly('--outline')).toMatchObject({ code: 2, stderr: 'dockhand: the Dockerfile has no stages\n' });
  });
});

describe('plan: context cost and outlines', () => {
  it('JSON: each stage carries its outline; COPY steps and the build carry their context size (additive fields)', async () => {
    const p = JSON.parse((await dh('plan', '--format', 'json')).out);
    expect(p.stages.map((s: { outline: { target: string } }) => s.outline.target)).toEqual(['deps', 'app']);
    expect(p.stages[1].outline.ssh).toEqual([{ id: 'default', required: true, line: 15 }]);
    expect(p.stages[0].steps[1]).toMatchObject({ text: 'COPY package.json ./', contextSize: { files: 1, bytes: 13 } });
    expect(p.stages[1].steps[0]).toMatchObject({ text: 'COPY src/ src/', contextSize: { files: 2, bytes: 5 } });
    expect(p.stages[0].steps[0].contextSize).toBeUndefined(); // WORKDIR reads no context
    // Sent: .dockerignore (6 B), Dockerfile, package.json (13 B), src/a.js (2 B), src/b.js (3 B); not notes.log.
    expect(p.contextSize).toEqual({ files: 5, bytes: 6 + DOCKERFILE.length + 13 + 2 + 3, selectedFiles: 3, selectedBytes: 18 });
  });

  it('text: the context line and each COPY\'s files and bytes', async () => {
    const r = await dh('plan');
    expect(r.out).toMatch(/^context: 5 files, \d+ B sent after \.dockerignore; the steps the target needs select 3 files, 18 B$/m);
    expect(r.out).toMatch(/COPY src\/ src\/ {2}\[[0-9a-f]{12}\] {2}← src, src\/a\.js, src\/b\.js \(2 files, 5 B\)$/m);
  });
});
