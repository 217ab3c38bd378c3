// `dockhand lint` in-process: inputs, formats, config discovery, exit codes, --fix, bad input.
import { chmodSync, cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { displayPath, resolveArg } from '../src/cli/lint-inputs.js';
import { createRequire } from 'node:module';
import AjvDraft04 from 'ajv-draft-04';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCaptured, type Ran } from './cli-io.js';

const fixtures = join(import.meta.dirname, '../fixtures/lint');
let tmp: string;

function dockhand(argv: string[], opts: { cwd?: string; stdin?: string | Buffer; tty?: boolean } = {}): Promise<Ran> {
  return runCaptured(argv, { ...opts, cwd: opts.cwd ?? tmp, env: { HOME: tmp } });
}

/** A fresh copy of a fixture directory (tests may modify it). */
function copyFixture(name: string): string {
  const dest = mkdtempSync(join(tmp, `${name}-`));
  cpSync(join(fixtures, name), dest, { recursive: true });
  return dest;
}

beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'dockhand-cli-lint-'));
});
afterAll(() => {
  rmSync(tmp, { recursive: true, force: true });
});

const LINT = ['lint', '--no-shellcheck'];

describe('inputs', () => {
  it('shows a path relative to the cwd when it is inside it, whole otherwise, as path.relative reads it', () => {
    const reference = (abs: string, cwd: string) => {
      const rel = relative(cwd, abs);
      return (rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : abs).split(sep).join('/');
    };
    const cwds = ['', '/', '/work', '/work/', '/work/a', '/work/a/../b', 'rel/dir', process.cwd()];
    const paths = ['/', '/work', '/work/a', '/work/a/Dockerfile', '/work/ab/Dockerfile', '/work/..a/Dockerfile', '/work/a/..b', '/work/a/../b/Dockerfile',
      '/work/./a', '/work//a', '/work/a/', '/other/Dockerfile', 'rel/dir/Dockerfile', join(process.cwd(), 'x/Dockerfile'), '/w', '/work/a/.', '/work/a/..'];
    for (const cwd of cwds) for (const abs of paths) expect(displayPath(abs, cwd), `${abs} from ${cwd}`).toBe(reference(abs, cwd));
  });
  it('resolves path arguments as path.resolve does', () => {
    const cwds = ['', '/', '/work', '/work/a/b', '/work/', '/work/./a', 'rel', process.cwd()];
    const args = ['x', 'x/Dockerfile', './x', '././x', '../x', '../../x/y', '../../../../x', '.././x', './../x', '..', '.', './', '../', 'x/', 'x//y', 'x/./y', 'x/../y',
      'x/..', 'x/.', '..//x', './/x', '/abs/x', '/abs//x', '/abs/./x', '/abs/../x', '/', '//x', '...', '.../x', '..x/y', '.x', 'x/.y', 'x/..y', 'x/...'];
    for (const cwd of cwds) for (const p of args) expect(resolveArg(cwd, p), `${p} from ${cwd}`).toBe(resolve(cwd, p));
  });
  it('lints ./Dockerfile by default', async () => {
    const dir = copyFixture('basic');
    const r = await dockhand([...LINT, '--format', 'json'], { cwd: dir });
    const out = JSON.parse(r.stdout);
    expect(out.map((f: { file: string }) => f.file)).toEqual(['Dockerfile']);
    expect(r.code).toBe(1);
  });
  it('searches directories for Dockerfile, *.Dockerfile, Dockerfile.*, Containerfile', async () => {
    const r = await dockhand([...LINT, '--format', 'json', 'multi'], { cwd: fixtures });
    const files = JSON.parse(r.stdout).map((f: { file: string }) => f.file);
    expect(files).toEqual(['multi/Dockerfile', 'multi/api.Dockerfile', 'multi/sub/Containerfile', 'multi/sub/Dockerfile.dev']);
  });
  it('with no path and no ./Dockerfile, lints the Dockerfiles below the current directory (as a directory argument would)', async () => {
    const sub = await dockhand([...LINT, '--format', 'json'], { cwd: join(fixtures, 'multi/sub') });
    expect(JSON.parse(sub.stdout).map((f: { file: string }) => f.file)).toEqual(['Containerfile', 'Dockerfile.dev']);
    // A monorepo root: .git and node_modules are skipped, nested services found, paths shown from here.
    const mono = mkdtempSync(join(tmp, 'mono-'));
    for (const [path, text] of [
      ['services/api/Dockerfile', 'FROM alpine:3.20\n'],
      ['services/web/web.Dockerfile', 'FROM alpine\n'],
      ['node_modules/pkg/Dockerfile', 'FROM alpine\n'],
      ['.git/Dockerfile', 'FROM alpine\n'],
      ['docs/Dockerfile.md', '# not a Dockerfile\n'],
    ]) {
      mkdirSync(dirname(join(mono, path)), { recursive: true });
      writeFileSync(join(mono, path), text);
    }
    const r = await dockhand([...LINT, '--format', 'gnu'], { cwd: mono });
    expect(r.stdout).toBe('services/web/web.Dockerfile:1:6: warning: Always tag the version of an image explicitly [DL3006]\n');
    expect(r.code).toBe(1);
    const json = await dockhand([...LINT, '--format', 'json'], { cwd: mono });
    expect(JSON.parse(json.stdout).map((f: { file: string }) => f.file)).toEqual(['services/api/Dockerfile', 'services/web/web.Dockerfile']);
    // ./Dockerfile, when there is one, is still the only default.
    writeFileSync(join(mono, 'Dockerfile'), 'FROM alpine:3.20\n');
    const only = await dockhand([...LINT, '--format', 'json'], { cwd: mono });
    expect(JSON.parse(only.stdout).map((f: { file: string }) => f.file)).toEqual(['Dockerfile']);
    expect(only.code).toBe(0);
  });
  it('says in --help what no path means', async () => {
    const r = await dockhand(['lint', '--help']);
    expect(r.stdout.replace(/\s+/g, ' ')).toContain('default: ./Dockerfile, else every Dockerfile below the current directory');
  });
  it('expands globs', async () => {
    const r = await dockhand([...LINT, '--format', 'json', 'multi/**/*Dockerfile'], { cwd: fixtures });
    const files = JSON.parse(r.stdout).map((f: { file: string }) => f.file);
    expect(files).toEqual(['multi/Dockerfile', 'multi/api.Dockerfile']);
  });
  it('reads stdin with --stdin-filename', async () => {
    const r = await dockhand([...LINT, '--format', 'json', '-', '--stdin-filename', 'app/Dockerfile'], { stdin: 'FROM alpine:3.20\nMAINTAINER me\n' });
    const out = JSON.parse(r.stdout);
    expect(out[0].file).toBe('app/Dockerfile');
    expect(out[0].diagnostics.map((d: { code: string }) => d.code)).toContain('DL4000');
  });
  it('stdin named by --stdin-filename gets the build context that file gets, its <name>.dockerignore included', async () => {
    const dir = mkdtempSync(join(tmp, 'stdin-ignore-'));
    const text = 'FROM alpine:3.20\nCOPY secret.env app.sh /app/\nCMD ["true"]\n';
    mkdirSync(join(dir, 'svc'));
    writeFileSync(join(dir, 'svc/api.Dockerfile'), text);
    writeFileSync(join(dir, 'svc/secret.env'), 'X=1\n');
    writeFileSync(join(dir, 'svc/app.sh'), 'echo\n');
    writeFileSync(join(dir, 'svc/.dockerignore'), '*.sh\n');
    writeFileSync(join(dir, 'svc/api.Dockerfile.dockerignore'), '*.env\n');
    const file = await dockhand([...LINT, '--no-cache', '--format', 'json', 'svc/api.Dockerfile'], { cwd: dir });
    const piped = await dockhand([...LINT, '--no-cache', '--format', 'json', '-', '--stdin-filename', 'svc/api.Dockerfile'], { cwd: dir, stdin: text });
    expect(file.stdout).toMatch(/secret\.env/);
    expect(piped.stdout).toBe(file.stdout);
  });
  it('stdin with neither --stdin-filename nor --context has no build context: the rules that read one are skipped, as the README says', async () => {
    // As in the container image (`docker run -i ... lint - < Dockerfile`), where the working directory is empty.
    const dir = mkdtempSync(join(tmp, 'stdin-unplaced-'));
    const text = 'FROM alpine:3.20\nCOPY app.sh /app/\nCMD ["true"]\n';
    const codes = (r: Ran) => JSON.parse(r.stdout)[0].diagnostics.map((d: { code: string }) => d.code);
    const bare = await dockhand([...LINT, '--no-cache', '--format', 'json', '-V', '-'], { cwd: dir, stdin: text });
    expect(codes(bare)).toEqual([]);
    expect(bare.code).toBe(0);
    expect(bare.stderr).toContain('dockhand: -: no build context (standard input without --stdin-filename or --context): the rules that read it are skipped\n');
    // Said where it is: the directory is then the context, and the missing source is found.
    expect(codes(await dockhand([...LINT, '--no-cache', '--format', 'json', '--context', '.', '-'], { cwd: dir, stdin: text }))).toEqual(['DH003']);
    expect(codes(await dockhand([...LINT, '--no-cache', '--format', 'json', '--stdin-filename', 'Dockerfile', '-'], { cwd: dir, stdin: text }))).toEqual(['DH003']);
  });
  it('reports missing files, empty directories and binary files on one line each, exit 2, and lints the rest', async () => {
    const empty = mkdtempSync(join(tmp, 'empty-'));
    const bin = join(tmp, 'binary.Dockerfile');
    writeFileSync(bin, Buffer.from([0x46, 0x52, 0x00, 0x01, 0x02]));
    const r = await dockhand([...LINT, '--format', 'json', join(fixtures, 'basic/Dockerfile'), join(tmp, 'nope'), empty, bin]);
    expect(r.code).toBe(2);
    const lines = r.stderr.trim().split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(/^dockhand: cannot read .*nope: no such file or directory$/);
    expect(lines[1]).toMatch(/^dockhand: no Dockerfile found in /);
    expect(lines[2]).toMatch(/binary\.Dockerfile: binary file, not a Dockerfile$/);
    expect(JSON.parse(r.stdout)).toHaveLength(1);
  });
  it.skipIf(process.getuid?.() === 0)('reports unreadable files', async () => {
    const f = join(tmp, 'locked.Dockerfile');
    writeFileSync(f, 'FROM a\n');
    chmodSync(f, 0o000);
    const r = await dockhand([...LINT, f]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('permission denied');
  });
});

describe('exit codes and thresholds', () => {
  it('0 when nothing reaches the threshold, 1 when something does', async () => {
    const clean = await dockhand([...LINT, join(fixtures, 'clean/Dockerfile')]);
    expect(clean.stderr).toBe('');
    expect(clean.code).toBe(0);
    const basic = join(fixtures, 'basic/Dockerfile');
    expect((await dockhand([...LINT, basic])).code).toBe(1);
    expect((await dockhand([...LINT, basic, '--failure-threshold', 'none'])).code).toBe(1);
  });
  it('--ignore takes codes, names and aliases (repeatable)', async () => {
    const r = await dockhand([...LINT, '--format', 'json', '-', '--ignore', 'DL4000', '--ignore', 'MaintainerDeprecated'], { stdin: 'FROM alpine:3.20\nMAINTAINER me\n' });
    expect(JSON.parse(r.stdout)[0].diagnostics.map((d: { code: string }) => d.code)).not.toContain('DL4000');
  });
  it('bad usage exits 2', async () => {
    expect((await dockhand([...LINT, '--format', 'xml'])).code).toBe(2);
    expect((await dockhand([...LINT, '--failure-threshold', 'loud'])).code).toBe(2);
  });
});

describe('config files', () => {
  it('uses the nearest .dockhand.yaml over .hadolint.yaml, walking up', async () => {
    const dir = copyFixture('basic');
    writeFileSync(join(dir, '.hadolint.yaml'), 'ignored: [DL4000]\n');
    const r1 = await dockhand([...LINT, '--format', 'json'], { cwd: dir });
    expect(JSON.parse(r1.stdout)[0].diagnostics.map((d: { code: string }) => d.code)).not.toContain('DL4000');
    writeFileSync(join(dir, '.dockhand.yaml'), 'failure-threshold: none\n');
    const r2 = await dockhand([...LINT, '--format', 'json'], { cwd: dir });
    expect(JSON.parse(r2.stdout)[0].diagnostics.map((d: { code: string }) => d.code)).toContain('DL4000');
  });
  it('--config wins, and format comes from the config when not given', async () => {
    const dir = copyFixture('basic');
    writeFileSync(join(dir, 'custom.yaml'), 'format: gnu\nno-fail: true\n');
    const r = await dockhand([...LINT, '--config', 'custom.yaml'], { cwd: dir });
    expect(r.stdout).toMatch(/^Dockerfile:\d+:\d+: /m);
    expect(r.code).toBe(0);
  });
  it('a broken config is an error naming the file and line (exit 2)', async () => {
    const dir = copyFixture('basic');
    writeFileSync(join(dir, '.dockhand.yaml'), 'ignored:\n  - DL3008\nfailure-threshold: sometimes\n');
    const r = await dockhand([...LINT], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toMatch(/^dockhand: invalid config .*\.dockhand\.yaml:3:20: 'failure-threshold' must be one of/);
  });
});

describe('formats', () => {
  const basic = () => join(fixtures, 'basic/Dockerfile');
  const opts = { cwd: fixtures };
  it('json follows design.md', async () => {
    const r = await dockhand([...LINT, '--format', 'json', 'basic/Dockerfile'], opts);
    const [entry] = JSON.parse(r.stdout);
    expect(entry.file).toBe('basic/Dockerfile');
    const d = entry.diagnostics.find((x: { code: string }) => x.code === 'DL4000');
    expect(Object.keys(d).slice(0, 7)).toEqual(['code', 'severity', 'message', 'line', 'column', 'endLine', 'endColumn']);
    expect(d.line).toBe(2);
  });
  it('json is written in parts as the files are linted, the same text as one JSON.stringify', async () => {
    const dir = mkdtempSync(join(tmp, 'many-'));
    const text = readFileSync(basic(), 'utf8');
    const names = Array.from({ length: 80 }, (_, i) => `d${String(i).padStart(2, '0')}.Dockerfile`);
    for (const n of names) writeFileSync(join(dir, n), text);
    const { capturedIo } = await import('./cli-io.js');
    const { run } = await import('../src/cli/main.js');
    const io = capturedIo({ cwd: dir, env: { HOME: tmp } });
    const writes: string[] = [];
    io.stdout = (t: string) => { writes.push(t); };
    expect(await run([...LINT, '--no-cache', '--format', 'json', ...names, 'missing.Dockerfile'], io)).toBe(2);
    const out = writes.join('');
    expect(writes.length).toBeGreaterThan(1);
    expect(writes[0]!.startsWith('[\n  {\n    "file": "d00.Dockerfile"')).toBe(true);
    const parsed = JSON.parse(out);
    expect(parsed.map((r: { file: string }) => r.file)).toEqual(names);
    expect(out).toBe(`${JSON.stringify(parsed, null, 2)}\n`);
    // No file read: an empty array, as JSON.stringify writes it.
    const none = await dockhand([...LINT, '--format', 'json', 'missing.Dockerfile'], { cwd: dir });
    expect(none).toMatchObject({ code: 2, stdout: '[]\n' });
  });
  it('stylish groups by file with a code frame and a summary, no colour off a TTY', async () => {
    const r = await dockhand([...LINT, 'basic/Dockerfile'], opts);
    expect(r.stdout).toMatch(/^basic\/Dockerfile\n/);
    expect(r.stdout).toContain('  2:1 ');
    expect(r.stdout).toMatch(/\n\s+2 \| MAINTAINER someone@example\.com\n\s+\| \^+/);
    expect(r.stdout).toMatch(/\d+ problems \(\d+ errors?, \d+ warnings?, \d+ info, \d+ style\)/);
    expect(r.stdout).not.toContain('\u001b[');
    const colored = await dockhand([...LINT, 'basic/Dockerfile'], { ...opts, tty: true });
    expect(colored.stdout).toContain('\u001b[');
    const forcedOff = await dockhand([...LINT, 'basic/Dockerfile', '--no-color'], { ...opts, tty: true });
    expect(forcedOff.stdout).not.toContain('\u001b[');
  });
  it('gnu: file:line:col: severity: message [code]', async () => {
    const r = await dockhand([...LINT, '--format', 'gnu', 'basic/Dockerfile'], opts);
    expect(r.stdout).toMatch(/^basic\/Dockerfile:2:1: error: .+ \[DL4000\]$/m);
  });
  it('github: workflow commands with escaped properties', async () => {
    const r = await dockhand([...LINT, '--format', 'github', 'basic/Dockerfile'], opts);
    expect(r.stdout).toMatch(/^::error file=basic\/Dockerfile,line=2,col=1,endLine=2,endColumn=\d+,title=DL4000::.+$/m);
  });
  it('checkstyle: well-formed XML with one <error> per finding', async () => {
    const r = await dockhand([...LINT, '--format', 'checkstyle', basic()], opts);
    expect(r.stdout).toMatch(/^<\?xml version="1.0" encoding="utf-8"\?>\n<checkstyle version="4.3">\n<file name="basic\/Dockerfile">\n/);
    expect(r.stdout).toMatch(/<error line="2" column="1" severity="error" message="[^"]+" source="DL4000"\/>/);
    expect(r.stdout.trim().endsWith('</checkstyle>')).toBe(true);
  });
  it('codeclimate: NUL-terminated issues; gitlab: an array with stable fingerprints', async () => {
    const cc = await dockhand([...LINT, '--format', 'codeclimate', 'basic/Dockerfile'], opts);
    const issues = cc.stdout.split('\u0000').filter(Boolean).map((s) => JSON.parse(s));
    expect(issues.find((i) => i.check_name === 'DL4000')).toMatchObject({ type: 'issue', severity: 'blocker', location: { path: 'basic/Dockerfile' } });
    const gl = JSON.parse((await dockhand([...LINT, '--format', 'gitlab', 'basic/Dockerfile'], opts)).stdout);
    const fps = gl.map((i: { fingerprint: string }) => i.fingerprint);
    expect(new Set(fps).size).toBe(fps.length);
    for (const i of gl) expect(i).toMatchObject({ description: expect.any(String), check_name: expect.any(String), fingerprint: expect.stringMatching(/^[0-9a-f]{32}$/), location: { path: 'basic/Dockerfile', lines: { begin: expect.any(Number) } } });
    // Moving the findings down a line keeps their fingerprints.
    const moved = '\n' + readFileSync(basic(), 'utf8');
    const gl2 = JSON.parse((await dockhand([...LINT, '--format', 'gitlab', '-', '--stdin-filename', 'basic/Dockerfile'], { ...opts, stdin: moved })).stdout);
    expect(gl2.map((i: { fingerprint: string }) => i.fingerprint).sort()).toEqual([...fps].sort());
  });
  it('sarif: valid SARIF 2.1.0 with rule metadata, help and regions', async () => {
    const r = await dockhand([...LINT, '--format', 'sarif', 'basic/Dockerfile'], opts);
    const log = JSON.parse(r.stdout);
    const require = createRequire(import.meta.url);
    const schema = require('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json');
    // CommonJS default export: the class is `.default` under NodeNext typing.
    const Ajv = ((AjvDraft04 as unknown as { default?: typeof AjvDraft04 }).default ?? AjvDraft04) as unknown as new (o: object) => { compile(s: object): ((d: unknown) => boolean) & { errors?: unknown } };
    const ajv = new Ajv({ strict: false, validateFormats: false, allErrors: true, unicodeRegExp: false });
    const validate = ajv.compile(schema);
    expect(validate(log) ? [] : validate.errors).toEqual([]);
    const run0 = log.runs[0];
    expect(run0.tool.driver.name).toBe('dockhand');
    const res = run0.results.find((x: { ruleId: string }) => x.ruleId === 'DL4000');
    expect(res.locations[0].physicalLocation.region).toMatchObject({ startLine: 2, startColumn: 1, endLine: 2 });
    const rule = run0.tool.driver.rules[res.ruleIndex];
    expect(rule.id).toBe('DL4000');
    expect(rule.help.text.length).toBeGreaterThan(10);
    expect(rule.helpUri).toMatch(/^https:\/\//);
  });
});

describe('--fix', () => {
  it('applies safe fixes in place; a second run finds none of them; idempotent', async () => {
    const dir = copyFixture('basic');
    const before = JSON.parse((await dockhand([...LINT, '--format', 'json'], { cwd: dir })).stdout)[0].diagnostics;
    const fixable = before.filter((d: { fix?: { safety: string } }) => d.fix?.safety === 'safe');
    expect(fixable.length).toBeGreaterThan(0);
    await dockhand([...LINT, '--fix', '--format', 'json'], { cwd: dir });
    const once = readFileSync(join(dir, 'Dockerfile'), 'utf8');
    expect(once).not.toBe(readFileSync(join(fixtures, 'basic/Dockerfile'), 'utf8'));
    const after = JSON.parse((await dockhand([...LINT, '--format', 'json'], { cwd: dir })).stdout)[0].diagnostics;
    expect(after.filter((d: { fix?: { safety: string } }) => d.fix?.safety === 'safe')).toEqual([]);
    await dockhand([...LINT, '--fix'], { cwd: dir });
    expect(readFileSync(join(dir, 'Dockerfile'), 'utf8')).toBe(once);
  });
  it('with stdin prints the fixed text', async () => {
    const r = await dockhand([...LINT, '--fix', '-'], { stdin: 'FROM alpine:3.20\nrun echo hi\n' });
    expect(r.stdout).toBe('FROM alpine:3.20\nRUN echo hi\n');
  });
});

describe('dockhand rules', () => {
  it('json lists every rule in design.md shape', async () => {
    const r = await dockhand(['rules', '--format', 'json']);
    const list = JSON.parse(r.stdout);
    expect(list.length).toBeGreaterThan(0);
    for (const x of list) expect(Object.keys(x)).toEqual(['code', 'aliases', 'severity', 'summary', 'fixable', 'origin', 'docs']);
  });
  it('text and markdown', async () => {
    expect((await dockhand(['rules'])).stdout).toMatch(/^DL\d{4}\s/m);
    expect((await dockhand(['rules', '--format', 'markdown'])).stdout).toContain('| Code | Name |');
  });

  it('named rules print their documentation pages, the ones under docs/rules/, in the order named', async () => {
    const { allRules } = await import('../src/rules/index.js');
    const page = (code: string) => {
      const rule = allRules.find((r) => r.code === code)!;
      return readFileSync(join(import.meta.dirname, '../docs/rules', `${rule.name}.md`), 'utf8');
    };
    // A code, a name and an alias, in any case; an alias shared by several rules shows each.
    const r = await dockhand(['rules', 'dl3022', 'pin-apt-versions', 'MaintainerDeprecated']);
    expect(r).toEqual({ code: 0, stderr: '', stdout: [page('DL3022'), page('DL3008'), page('DL4000')].join('\n') });
    expect((await dockhand(['rules', '-f', 'markdown', 'DL3022'])).stdout).toBe(page('DL3022'));
    const shared = await dockhand(['rules', 'MultipleInstructionsDisallowed', 'DL4003']);
    expect(shared.stdout.match(/^# .*$/gm)).toEqual(['# multiple-healthcheck (DL3012)', '# multiple-cmd (DL4003)', '# multiple-entrypoint (DL4004)']);
    const json = JSON.parse((await dockhand(['rules', '-f', 'json', 'no-latest-tag'])).stdout);
    expect(json.map((x: { code: string }) => x.code)).toEqual(['DL3007']);
    expect(json[0].docs.name).toBe('no-latest-tag');
  });

  it('a name that shows no rule is a usage error that says why', async () => {
    const fails = async (argv: string[], message: string) => expect(await dockhand(['rules', ...argv])).toEqual({ code: 2, stdout: '', stderr: `dockhand: rules: ${message}\n` });
    await fails(['DL3O08'], "'DL3O08' names no rule (did you mean DL3008?); `dockhand rules` lists them");
    await fails(['nothing-like-it'], "'nothing-like-it' names no rule; `dockhand rules` lists them");
    await fails(['DL3005'], "'DL3005': hadolint no longer has this rule");
    await fails(['DL1000'], "'DL1000' is not a rule: the parser reports syntax errors, and they always fail the build");
    await fails(['SC2086'], "'SC2086' is ShellCheck's: see https://www.shellcheck.net/wiki/SC2086");
    await fails(['DL3008', '--preset', 'security'], 'DL3008 (pin-apt-versions) is not turned on by preset security');
  });
});

describe('--context', () => {
  it('feeds context-aware rules; a missing explicit context is exit 2', async () => {
    const dir = mkdtempSync(join(tmp, 'ctx-'));
    writeFileSync(join(dir, 'Dockerfile'), 'FROM alpine:3.20\nCOPY secret.env /app/\nCMD ["true"]\n');
    writeFileSync(join(dir, 'secret.env'), 'X=1\n');
    writeFileSync(join(dir, '.dockerignore'), '*.env\n');
    const r = await dockhand([...LINT, '--format', 'json'], { cwd: dir });
    expect(JSON.parse(r.stdout)[0].diagnostics.map((d: { code: string }) => d.code)).toContain('CopyIgnoredFile');
    const bad = await dockhand([...LINT, '--context', join(dir, 'nope')], { cwd: dir });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe(`dockhand: --context ${join(dir, 'nope')}: no such file or directory\n`);
  });

  it("each Dockerfile's own <name>.dockerignore applies among many in one directory as when it is linted alone", async () => {
    const dir = mkdtempSync(join(tmp, 'many-'));
    writeFileSync(join(dir, 'secret.env'), 'X=1\n');
    writeFileSync(join(dir, 'app.sh'), 'echo\n');
    writeFileSync(join(dir, '.dockerignore'), '*.sh\n');
    const names = Array.from({ length: 20 }, (_, i) => `s${i}.Dockerfile`).concat(['Dockerfile']);
    for (const n of names) writeFileSync(join(dir, n), 'FROM alpine:3.20\nCOPY secret.env app.sh /app/\nCMD ["true"]\n');
    for (const n of ['s3.Dockerfile', 's17.Dockerfile', 'Dockerfile']) writeFileSync(join(dir, `${n}.dockerignore`), '*.env\n');
    const codes = (r: Ran) => new Map((JSON.parse(r.stdout) as { file: string; diagnostics: { code: string; message: string }[] }[]).map((f) => [f.file, f.diagnostics.filter((d) => d.code === 'CopyIgnoredFile').map((d) => d.message)]));
    const together = codes(await dockhand([...LINT, '--no-cache', '--format', 'json', ...names], { cwd: dir }));
    expect(together.size).toBe(names.length);
    for (const n of names) expect(together.get(n), n).toEqual(codes(await dockhand([...LINT, '--no-cache', '--format', 'json', n], { cwd: dir })).get(n));
    // The specific ones exclude secret.env, the others (the plain .dockerignore) app.sh.
    expect(together.get('s3.Dockerfile')!.join()).toMatch(/secret\.env/);
    expect(together.get('s4.Dockerfile')!.join()).toMatch(/app\.sh/);
    expect(together.get('s4.Dockerfile')!.join()).not.toMatch(/secret\.env/);
  });

  it('a <name>.dockerignore that is no regular file breaks only its own Dockerfile among many in one directory', async () => {
    const dir = mkdtempSync(join(tmp, 'many-dir-'));
    const names = Array.from({ length: 17 }, (_, i) => `d${i}.Dockerfile`);
    for (const n of names) writeFileSync(join(dir, n), 'FROM alpine:3.20\nCOPY app.sh /app/\nCMD ["true"]\n');
    // A directory in the place of d0's ignore file: BuildKit fails d0's build reading it, nobody else's.
    mkdirSync(join(dir, 'd0.Dockerfile.dockerignore'));
    const files = (r: Ran) => new Map((JSON.parse(r.stdout) as { file: string; diagnostics: { code: string }[] }[]).map((f) => [f.file, f.diagnostics.map((d) => d.code).sort()]));
    const together = await dockhand([...LINT, '--no-cache', '--format', 'json', ...names], { cwd: dir });
    expect(together.stderr).toBe('dockhand: d0.Dockerfile.dockerignore: cannot read: is a directory\n');
    const each = files(together);
    for (const n of names) expect(each.get(n), n).toEqual(files(await dockhand([...LINT, '--no-cache', '--format', 'json', n], { cwd: dir })).get(n));
    expect(each.get('d1.Dockerfile')).toContain('DH003');
  });
});

describe("hadolint's flags", () => {
  it('--error/--warning/--info/--style, --no-fail, --trusted-registry, --require-label', async () => {
    const stdin = 'FROM quay.io/x/y:1\nMAINTAINER me\n';
    const json = async (...extra: string[]) => {
      const r = await dockhand([...LINT, '--format', 'json', '-', ...extra], { stdin });
      return { code: r.code, ds: JSON.parse(r.stdout)[0].diagnostics as { code: string; severity: string }[] };
    };
    expect((await json('--style', 'DL4000')).ds.find((d) => d.code === 'DL4000')?.severity).toBe('style');
    expect((await json('--no-fail')).code).toBe(0);
    expect((await json()).ds.map((d) => d.code)).not.toContain('DL3026');
    expect((await json('--trusted-registry', 'docker.io')).ds.map((d) => d.code)).toContain('DL3026');
    expect((await json('--require-label', 'maintainer:email')).ds.map((d) => d.code)).toContain('DL3049');
    expect((await dockhand([...LINT, '-', '--require-label', 'a:colour'], { stdin })).code).toBe(2);
  });
});

describe('--jobs default', () => {
  it('one thread per two free CPUs, at least one', async () => {
    const { defaultJobs } = await import('../src/cli/commands/lint.js');
    // A 2-CPU machine lints on one thread: a second one would compete with V8's helpers.
    expect(defaultJobs(2, 0)).toBe(1);
    expect(defaultJobs(1, 0)).toBe(1);
    expect(defaultJobs(4, 0)).toBe(2);
    expect(defaultJobs(8, 0.5)).toBe(3);
    expect(defaultJobs(16, 4)).toBe(6);
    // A busy machine: the load takes CPUs away, down to one thread.
    expect(defaultJobs(8, 8)).toBe(1);
    expect(defaultJobs(8, 30)).toBe(1);
  });
});
