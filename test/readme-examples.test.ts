// The README's examples, run. Every ```console block is a transcript: `$ ` commands (a line ending in
// `\` goes on) and what they print, stdout and stderr together as a terminal shows them. Each block
// runs in a fresh temporary directory, with `dockhand` on the PATH as this checkout's bin/dockhand.js,
// and must print what the README says. In the printed part, a line `...` stands for any lines (none
// included) and `[...]` for any text within a line.
//
// An HTML comment on the line before a block says how to run it (clauses joined by `;`):
//   <!-- example: in fixtures/lint -->        a copy of that folder is the working directory
//                                             (otherwise it holds a copy of fixtures/ and a link
//                                             to scripts/, so paths read as from the repository's
//                                             root); `in an empty directory` holds nothing
//   <!-- example: with Dockerfile above -->   the nearest ```dockerfile block above is ./Dockerfile
//   <!-- example: files from cat -->          each `$ cat FILE` step's shown output is FILE's
//                                             content, written before the block runs (the cat
//                                             then checks it was shown whole)
//   <!-- example: needs shellcheck -->        skipped, with a warning, where ShellCheck is missing
//   <!-- example: code frames omitted -->     the lines of stylish output that quote the source
//                                             (`  12 | RUN ...` and the `|  ^^^` under it) are left
//                                             out on both sides, so a transcript may show a few
//   <!-- example: not run: REASON -->         shown only (a network install, an editor session...)
//   <!-- example: setup: COMMANDS -->         shell commands run first, quietly (files the prose
//                                             describes but the transcript does not create); the
//                                             last clause, as it may hold `;`; $REPO is this checkout
import { spawnSync } from 'node:child_process';
import { chmodSync, cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { shellcheckInstalled } from './shellcheck-installed.js';

const repo = resolve(import.meta.dirname, '..');

interface Step {
  command: string;
  printed: string[];
}

interface Example {
  /** 1-based line of the ```console fence. */
  line: number;
  steps: Step[];
  in?: string;
  dockerfile?: string;
  needsShellcheck: boolean;
  framesOmitted?: boolean;
  filesFromCat?: boolean;
  notRun?: string;
  setup?: string;
}

/** The console blocks of `markdown`, with their directives. */
function examples(markdown: string): Example[] {
  const lines = markdown.split('\n');
  const found: Example[] = [];
  let lastDockerfile: string | undefined;
  for (let i = 0; i < lines.length; i++) {
    const fence = lines[i]!;
    if (fence === '```dockerfile' || fence === '```Dockerfile') {
      const body: string[] = [];
      for (i++; i < lines.length && lines[i] !== '```'; i++) body.push(lines[i]!);
      lastDockerfile = body.join('\n') + '\n';
      continue;
    }
    const opened = /^( *)```console$/.exec(fence);
    if (!opened) continue;
    // A block inside a list item is indented; its lines are read without that indentation.
    const indent = opened[1]!.length;
    const example: Example = { line: i + 1, steps: [], needsShellcheck: false };
    const directive = /^ *<!-- example: (.*) -->$/.exec(lines[i - 1] ?? '');
    let clauses = directive?.[1] ?? '';
    const setup = /(?:^|;)\s*setup:(.*)$/.exec(clauses);
    if (setup) {
      example.setup = setup[1]!.trim();
      clauses = clauses.slice(0, setup.index);
    }
    for (const clause of clauses.split(';').map((c) => c.trim()).filter((c) => c !== '')) {
      if (clause.startsWith('in ')) example.in = clause.slice(3).trim();
      else if (clause === 'with Dockerfile above') {
        if (lastDockerfile === undefined) throw new Error(`README.md:${i + 1}: no dockerfile block above`);
        example.dockerfile = lastDockerfile;
      } else if (clause === 'needs shellcheck') example.needsShellcheck = true;
      else if (clause === 'code frames omitted') example.framesOmitted = true;
      else if (clause === 'files from cat') example.filesFromCat = true;
      else if (clause.startsWith('not run:')) example.notRun = clause.slice(8).trim();
      else throw new Error(`README.md:${i}: unknown example directive '${clause}'`);
    }
    for (i++; i < lines.length && lines[i]!.trim() !== '```'; i++) {
      const line = lines[i]!.slice(indent);
      if (line.startsWith('$ ')) {
        let command = line.slice(2);
        while (command.endsWith('\\') && i + 1 < lines.length) command += '\n' + lines[++i]!.slice(indent);
        example.steps.push({ command, printed: [] });
      } else if (example.steps.length > 0) example.steps[example.steps.length - 1]!.printed.push(line);
      else throw new Error(`README.md:${i + 1}: a console block starts with output, not a $ command`);
    }
    found.push(example);
  }
  return found;
}

/** Whether `got` is what `printed` shows, reading `...` lines and `[...]` as above. */
function shows(printed: string[], got: string): boolean {
  const literal = (t: string) => t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const pattern = printed
    .map((l) => (l.trim() === '...' ? '(?:[^\\n]*\\n)*?' : l.split('[...]').map(literal).join('[^\\n]*') + '\\n'))
    .join('');
  return new RegExp(`^${pattern}$`).test(got === '' ? '' : got + '\n');
}

const work = mkdtempSync(join(tmpdir(), 'dockhand-readme-'));
const shim = join(work, 'bin');
mkdirSync(shim);
writeFileSync(join(shim, 'dockhand'), `#!/bin/sh\nexec "${process.execPath}" "${join(repo, 'bin/dockhand.js')}" "$@"\n`);
chmodSync(join(shim, 'dockhand'), 0o755);
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Runs the example's commands in one shell; what each printed, in order. */
function run(example: Example): string[] {
  const dir = join(work, `line-${example.line}`);
  if (example.in === 'an empty directory') mkdirSync(dir);
  else if (example.in) cpSync(join(repo, example.in), dir, { recursive: true, verbatimSymlinks: true });
  else {
    mkdirSync(dir);
    cpSync(join(repo, 'fixtures'), join(dir, 'fixtures'), { recursive: true, verbatimSymlinks: true });
    // Linked, not copied: scripts/lsp-request.mjs starts this checkout's bin/dockhand.js.
    symlinkSync(join(repo, 'scripts'), join(dir, 'scripts'));
  }
  if (example.dockerfile !== undefined) writeFileSync(join(dir, 'Dockerfile'), example.dockerfile);
  if (example.filesFromCat) {
    for (const s of example.steps) {
      const cat = /^cat ([\w.-]+)$/.exec(s.command);
      if (cat) writeFileSync(join(dir, cat[1]!), s.printed.join('\n') + '\n');
    }
  }
  // Each command's output follows a marker line; `$?` is carried over the marker, so a later
  // `echo $?` sees the command before it.
  if (example.setup !== undefined) {
    const r = spawnSync('bash', ['-c', `set -e\n${example.setup}`], { cwd: dir, encoding: 'utf8', env: { ...process.env, REPO: repo, HOME: dir } });
    if (r.status !== 0) throw new Error(`README.md:${example.line}: setup failed: ${r.stderr}`);
  }
  const script = ['exec 2>&1', ...example.steps.map((s, k) => `__rc=$?; printf '\\n@@step ${k}\\n'; (exit $__rc)\n${s.command}`), "printf '\\n'"].join('\n');
  const r = spawnSync('bash', ['-c', script], {
    cwd: dir,
    encoding: 'utf8',
    timeout: 120_000,
    env: { PATH: `${shim}:${process.env.PATH}`, HOME: dir, XDG_CACHE_HOME: join(dir, '.cache'), LANG: 'C.UTF-8', TERM: 'dumb' },
  });
  if (r.error) throw r.error;
  const parts = r.stdout.split(/\n@@step \d+\n/).slice(1);
  return parts.map((p, k) => {
    // The newline before the next marker (or the final one) is the script's, not the command's.
    let out = p.endsWith('\n') ? p.slice(0, -1) : p;
    if (k === parts.length - 1 || out.endsWith('\n')) out = out.replace(/\n$/, '');
    return out;
  });
}

/** A line of a code frame in stylish output: `      12 | text` or `         |   ^^^`. */
const FRAME = /^ {4,}(\d+)? \|/;

const all = examples(readFileSync(join(repo, 'README.md'), 'utf8'));
const haveShellcheck = all.some((e) => e.needsShellcheck && !e.notRun) ? shellcheckInstalled('the README examples that use it') : false;

describe('README examples', () => {
  it('the README has examples, and each is run or says why not', () => {
    expect(all.length).toBeGreaterThan(40);
    for (const e of all) if (e.notRun !== undefined) expect(e.notRun, `README.md:${e.line}`).not.toBe('');
  });

  for (const e of all) {
    const title = `README.md:${e.line}: $ ${e.steps[0]?.command.split('\n')[0]}`;
    if (e.notRun !== undefined || (e.needsShellcheck && !haveShellcheck)) {
      it.skip(title, () => undefined);
      continue;
    }
    it(title, { timeout: 180_000 }, () => {
      const got = run(e);
      e.steps.forEach((s, k) => {
        let out = got[k] ?? '';
        let printed = s.printed;
        if (e.framesOmitted) {
          out = out.split('\n').filter((l) => !FRAME.test(l)).join('\n');
          printed = printed.filter((l) => !FRAME.test(l));
        }
        if (!shows(printed, out)) expect(out, `$ ${s.command}`).toBe(printed.join('\n'));
      });
    });
  }
});

describe('the transcript reader', () => {
  it('reads `...` as any lines and `[...]` as any text in a line', () => {
    expect(shows(['a', '...', 'd'], 'a\nb\nc\nd')).toBe(true);
    expect(shows(['a', '...', 'd'], 'a\nd')).toBe(true);
    expect(shows(['a', '...', 'd'], 'a\nb\nc')).toBe(false);
    expect(shows(['x [...] z'], 'x y y z')).toBe(true);
    expect(shows(['x [...] z'], 'x y\ny z')).toBe(false);
    expect(shows(['a (b) $c'], 'a (b) $c')).toBe(true);
    expect(shows([], '')).toBe(true);
    expect(shows([], 'a')).toBe(false);
  });

  it('splits commands, continued commands and their output, and reads directives', () => {
    const md = ['```dockerfile', 'FROM a', '```', '<!-- example: in fixtures/lint; with Dockerfile above -->', '```console', '$ one \\', '  two', 'out 1', 'out 2', '$ three', '```'].join('\n');
    expect(examples(md)).toEqual([
      { line: 5, in: 'fixtures/lint', dockerfile: 'FROM a\n', needsShellcheck: false, steps: [{ command: 'one \\\n  two', printed: ['out 1', 'out 2'] }, { command: 'three', printed: [] }] },
    ]);
    expect(() => examples('<!-- example: in x; bogus -->\n```console\n$ a\n```')).toThrow(/unknown example directive 'bogus'/);
    expect(examples('<!-- example: in x; setup: a; b -->\n```console\n$ c\n```')[0]).toMatchObject({ in: 'x', setup: 'a; b' });
  });
});
