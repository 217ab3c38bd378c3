// dockhand's own Dockerfile. No image can be pulled or built here, so: dockhand lints it (the
// README's first command), its shape is checked (pinned bases, non-root, OCI labels, entrypoint),
// and its build stage is replayed outside Docker — the context .dockerignore lets through, the
// RUN commands run as written — then the runtime stage's COPY of what that stage gathered is
// checked against what the packed package needs, and run: lint (ShellCheck, tree-sitter), the
// language server, Graphviz.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, posix, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Instruction, Stage } from '../src/parser/ast.js';
import { parse } from '../src/parser/index.js';
import { LspClient } from './lsp-client.js';

const root = resolve(import.meta.dirname, '..');
const bin = join(root, 'bin/dockhand.js');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { name: string; version: string; license: string };
const file = parse(readFileSync(join(root, 'Dockerfile'), 'utf8'));
const [buildStage, runtimeStage] = file.stages as [Stage, Stage];
const hasShellcheck = spawnSync('shellcheck', ['--version']).status === 0;
if (!hasShellcheck) console.warn('dockerfile-image: shellcheck is not installed; the image installs it, the replay here runs without it');

const tmp = mkdtempSync(join(tmpdir(), 'dockhand-image-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function dockhand(args: string[], cwd = root) {
  return spawnSync(process.execPath, [bin, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
}

/** A LABEL or ENV value as the builder sees it (one level of double quotes removed). */
const unquote = (v: string) => (/^".*"$/s.test(v) ? v.slice(1, -1) : v);

function labelsOf(stage: Stage): Map<string, string> {
  return new Map(stage.instructions.filter((i) => i.keyword === 'LABEL').flatMap((i) => i.pairs.map((p) => [p.key, unquote(p.value)] as const)));
}

describe("dockhand's Dockerfile, checked by dockhand", () => {
  it('the README\'s first command lints it with no finding and exits 0 (ShellCheck included when installed)', () => {
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    expect(readme.split('\n').slice(0, 6).join('\n')).toContain('npm ci && npx dockhand lint Dockerfile');
    const r = spawnSync('npx', ['--no', 'dockhand', 'lint', 'Dockerfile'], { cwd: root, encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe('');
    expect(r.status).toBe(0);
  });

  it('no finding at all, even with every rule on (strict preset, threshold style, experimental checks)', () => {
    const r = dockhand(['lint', '--preset', 'strict', '--failure-threshold', 'style', '-f', 'json', 'Dockerfile']);
    expect(JSON.parse(r.stdout)).toEqual([{ file: 'Dockerfile', diagnostics: [] }]);
    expect(r.status).toBe(0);
  });

  it('two stages on the same base image, pinned to a full version', () => {
    expect(file.stages).toHaveLength(2);
    expect(buildStage.name).toBe('build');
    expect(runtimeStage.base).toBe(buildStage.base);
    expect(buildStage.base).toMatch(/^node:\d+\.\d+\.\d+-[a-z]+-slim(@sha256:[0-9a-f]{64})?$/);
    // The label naming the base agrees with FROM.
    expect(labelsOf(runtimeStage).get('org.opencontainers.image.base.name')).toBe(`docker.io/library/${runtimeStage.base}`);
  });

  it('the runtime stage: OCI labels from package.json, ShellCheck from the distribution, a non-root numeric user, dockhand as entrypoint', () => {
    const labels = labelsOf(runtimeStage);
    expect(labels.get('org.opencontainers.image.title')).toBe(pkg.name);
    expect(labels.get('org.opencontainers.image.version')).toBe(pkg.version);
    expect(labels.get('org.opencontainers.image.licenses')).toBe(pkg.license);
    expect(labels.get('org.opencontainers.image.description')).toBeTruthy();
    const runs = runtimeStage.instructions.filter((i) => i.keyword === 'RUN').map((i) => i.argsText);
    expect(runs.some((r) => /apt-get install\b.*\bshellcheck=\S+/.test(r))).toBe(true);
    const users = runtimeStage.instructions.filter((i) => i.keyword === 'USER');
    const user = users.at(-1)!.args[0]!.value;
    expect(user).toMatch(/^[1-9]\d*(:\d+)?$/);
    const entrypoint = runtimeStage.instructions.filter((i) => i.keyword === 'ENTRYPOINT').at(-1)!;
    expect(entrypoint.json).toBe(true);
    expect(entrypoint.args.map((a) => a.value)).toEqual(['dockhand']);
  });

  it('`dockhand plan` reads it: the runtime stage copies from the build stage', () => {
    const r = dockhand(['plan', '-f', 'json', 'Dockerfile']);
    expect(r.status).toBe(0);
    const plan = JSON.parse(r.stdout) as { stages: { index: number; name: string | null; dependsOn: number[] }[]; order: number[][] };
    expect(plan.stages.map((s) => s.name)).toEqual(['build', 'runtime']);
    expect(plan.stages[1]!.dependsOn).toEqual([0]);
    expect(plan.order).toEqual([[0], [1]]);
  });
});

/** The instructions of a stage after FROM. */
const body = (s: Stage): Instruction[] => s.instructions.filter((i) => i.keyword !== 'FROM');

describe('the build stage, replayed outside Docker, and what the runtime stage takes from it', () => {
  /** The build stage's WORKDIR, here. */
  const work = join(tmp, 'build');
  /** The runtime stage's copy of the gathered files, here. */
  const opt = join(tmp, 'opt-dockhand');
  let runtimeDest = '';

  beforeAll(() => {
    // What a build would send: dockhand's own account of the context (after .dockerignore).
    const ctx = JSON.parse(dockhand(['context', '.', '-f', 'json']).stdout) as { files: { path: string }[] };
    const sent = ctx.files.map((f) => f.path);
    expect(sent).not.toContain('node_modules/yaml/package.json');
    expect(sent.some((p) => p.startsWith('test/') || p.startsWith('fixtures/') || p.startsWith('dist/'))).toBe(false);
    // The stage starts with its WORKDIR, which `work` stands for.
    const [workdir, ...steps] = body(buildStage);
    expect(workdir!.keyword).toBe('WORKDIR');
    const cwd = workdir!.args[0]!.value;
    expect(cwd).toMatch(/^\/\w+$/);
    for (const ins of steps) {
      const args = ins.args.map((a) => a.value);
      if (ins.keyword === 'COPY') {
        const dest = args.at(-1)!;
        for (const src of args.slice(0, -1)) {
          const prefix = src.replace(/\/$/, '');
          const files = sent.filter((p) => p === prefix || p.startsWith(`${prefix}/`));
          expect(files.length, `COPY ${src}: nothing in the context`).toBeGreaterThan(0);
          for (const p of files) {
            const to = dest.endsWith('/') && src.endsWith('/') ? join(work, dest, p.slice(prefix.length)) : join(work, dest, posix.basename(p));
            mkdirSync(dirname(to), { recursive: true });
            cpSync(join(root, p), to);
          }
        }
      } else if (ins.keyword === 'RUN') {
        // As written (the RUN's own flags, a cache mount, change nothing here); npm works from its cache.
        execFileSync('sh', ['-c', ins.argsText], { cwd: work, stdio: 'pipe', env: { ...process.env, npm_config_offline: 'true', npm_config_update_notifier: 'false' } });
      } else throw new Error(`replay: no support for ${ins.keyword} in the build stage`);
    }
    // COPY --from=build <WORKDIR>/runtime/ /opt/dockhand/
    const copy = body(runtimeStage).find((i) => i.keyword === 'COPY' && i.flags.some((f) => f.name === 'from' && f.value === 'build'))!;
    const [from, to] = copy.args.map((a) => a.value) as [string, string];
    expect(from.startsWith(`${cwd}/`)).toBe(true);
    runtimeDest = to.replace(/\/$/, '');
    cpSync(join(work, from.slice(cwd.length + 1)), opt, { recursive: true, verbatimSymlinks: true });
  }, 240_000);

  it('copies the packed package\'s files and, of node_modules, only the modules the bundle leaves outside', () => {
    const packed = JSON.parse(execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }))[0].files.map((f: { path: string }) => f.path) as string[];
    const have = (readdirSync(opt, { recursive: true }) as string[]).map((p) => p.split('\\').join('/'));
    for (const p of packed) expect(have, p).toContain(p);
    const own = have.filter((p) => !p.startsWith('node_modules/') && statSync(join(opt, p)).isFile());
    expect(own.sort()).toEqual([...packed].sort());
    const modules = readdirSync(join(opt, 'node_modules')).flatMap((n) => (n.startsWith('@') ? readdirSync(join(opt, 'node_modules', n)).map((m) => `${n}/${m}`) : [n]));
    expect(modules.sort()).toEqual([
      '@hpcc-js/wasm-graphviz',
      'tree-sitter-bash',
      'vscode-jsonrpc',
      'vscode-languageserver',
      'vscode-languageserver-protocol',
      'vscode-languageserver-textdocument',
      'vscode-languageserver-types',
      'web-tree-sitter',
    ]);
    // tree-sitter-bash: the grammar's wasm only, not its native binding or sources.
    expect(readdirSync(join(opt, 'node_modules/tree-sitter-bash')).sort()).toEqual(['LICENSE', 'package.json', 'tree-sitter-bash.wasm']);
    const bytes = (readdirSync(opt, { recursive: true }) as string[]).reduce((n, p) => n + (statSync(join(opt, p)).isFile() ? statSync(join(opt, p)).size : 0), 0);
    expect(bytes).toBeLessThan(25e6);
  });

  describe('run from that copy alone, as the image runs it', () => {
    let path = '';
    let workspace = '';
    beforeAll(() => {
      // Nothing above the copy may lend it modules.
      for (let d = dirname(opt); ; d = dirname(d)) {
        expect(existsSync(join(d, 'node_modules')), d).toBe(false);
        if (dirname(d) === d) break;
      }
      // RUN ln -s <dest>/bin/dockhand.js /usr/local/bin/dockhand
      const link = body(runtimeStage).find((i) => i.keyword === 'RUN' && /\bln -s\b/.test(i.argsText))!;
      const [, target, name] = /ln -s (\S+) (\S+)/.exec(link.argsText)!;
      expect(target).toBe(`${runtimeDest}/bin/dockhand.js`);
      const binDir = join(tmp, 'usr-local-bin');
      mkdirSync(binDir, { recursive: true });
      symlinkSync(join(opt, 'bin/dockhand.js'), join(binDir, posix.basename(name!)));
      path = `${binDir}:${process.env.PATH}`;
      // The mounted workspace (WORKDIR /work): a service with a heredoc and arithmetic, which need tree-sitter.
      workspace = join(tmp, 'work');
      mkdirSync(join(workspace, 'svc'), { recursive: true });
      writeFileSync(join(workspace, 'svc/Dockerfile'), 'FROM debian:12\nRUN <<EOF\necho $((1 + 2)) && apt-get install --no-install-recommends curl=7.88.1-10\nrm $HOME/x*\nEOF\nUSER 1000\nCMD ["sh"]\n');
    });
    const image = (args: string[], opts: { input?: string } = {}) =>
      spawnSync('dockhand', args, { cwd: workspace, encoding: 'utf8', input: opts.input, env: { ...process.env, PATH: path, HOME: join(tmp, 'home'), NO_COLOR: '1' } });

    it('`dockhand --version`', () => {
      const r = image(['--version']);
      expect(r.stdout.trim()).toBe(pkg.version);
    });

    it('the CMD (`lint`, no path): the workspace\'s Dockerfiles, heredoc scripts read, ShellCheck\'s findings when installed', () => {
      const r = image(['lint', '-f', 'gnu']);
      expect(r.stderr).toBe('');
      // `-y` missing, found in a script only tree-sitter reads (a heredoc with arithmetic).
      expect(r.stdout).toMatch(/^svc\/Dockerfile:3:\d+: warning: .* \[DL3014\]$/m);
      if (hasShellcheck) expect(r.stdout).toMatch(/svc\/Dockerfile:4:\d+: \w+: .* \[SC2086\]/);
      expect(r.status).toBe(1);
    });

    it('`lint -` reads stdin (the README\'s `docker run -i ... lint - < Dockerfile`)', () => {
      const r = image(['lint', '-', '-f', 'gnu', '--no-shellcheck'], { input: 'FROM alpine\n' });
      expect(r.stdout).toBe('-:1:6: warning: Always tag the version of an image explicitly [DL3006]\n');
    });

    it('`plan --format svg` (Graphviz) and `rules` links into the copied docs', () => {
      const svg = image(['plan', '--format', 'svg', 'svc/Dockerfile']);
      expect(svg.status).toBe(0);
      expect(svg.stdout).toContain('<svg');
      const rules = JSON.parse(image(['rules', '-f', 'json']).stdout) as { docs: { page: string } }[];
      for (const r of rules) {
        expect(r.docs.page.startsWith(pathToFileURL(join(opt, 'docs/rules/')).href)).toBe(true);
        expect(existsSync(fileURLToPath(r.docs.page))).toBe(true);
      }
    });

    it('`lsp --stdio` answers the initialize handshake', async () => {
      const client = new LspClient(spawn('dockhand', ['lsp', '--stdio'], { cwd: workspace, env: { ...process.env, PATH: path } }));
      try {
        const init = await client.request('initialize', { processId: process.pid, rootUri: pathToFileURL(workspace).href, capabilities: {} });
        expect(init.capabilities.hoverProvider).toBe(true);
        await client.request('shutdown', null);
        client.notify('exit', null);
        expect(await client.exited).toBe(0);
      } finally {
        client.child.kill();
      }
    });
  });
});
