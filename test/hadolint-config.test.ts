// hadolint's configuration as its source reads it (Hadolint/Config/*.hs): every key of
// .hadolint.yaml, the HADOLINT_* environment, the merge order environment → file → command line,
// severity ranking across override lists, the user config files, and the formats it names.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { isAbsolute, join, relative as relativePath } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigFinder } from '../src/cli/config-file.js';
import { FORMATTERS } from '../src/cli/formatters/index.js';
import { FORMATS, mergeConfig } from '../src/linter/config.js';
import { configFromEnvironment, HADOLINT_ENV_VARS } from '../src/linter/config-env.js';
import { parseConfigText } from '../src/linter/config-yaml.js';
import { runCaptured, type Ran } from './cli-io.js';

let tmp: string;
beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'dockhand-hadolint-config-'));
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const hadolint = (text: string) => parseConfigText(text, '.hadolint.yaml', 'hadolint');

describe('HADOLINT_* environment variables', () => {
  it('reads every variable hadolint reads', () => {
    const e = configFromEnvironment({
      HADOLINT_NOFAIL: 'true',
      HADOLINT_VERBOSE: 'Yes',
      HADOLINT_FORMAT: 'tty',
      HADOLINT_OVERRIDE_ERROR: 'DL3001,DL3002',
      HADOLINT_OVERRIDE_WARNING: 'DL3003',
      HADOLINT_OVERRIDE_INFO: 'DL3004',
      HADOLINT_OVERRIDE_STYLE: 'DL3005',
      HADOLINT_IGNORE: 'DL3006, SC2086',
      HADOLINT_TRUSTED_REGISTRIES: 'docker.io,my-company.com:5000',
      HADOLINT_REQUIRE_LABELS: 'maintainer:email,version:semver,plain',
      HADOLINT_STRICT_LABELS: '1',
      HADOLINT_DISABLE_IGNORE_PRAGMA: 'on',
      HADOLINT_FAILURE_THRESHOLD: 'warning',
      UNRELATED: 'x',
    });
    expect(e.config).toEqual({
      noFail: true,
      format: 'stylish',
      severity: { DL3001: 'error', DL3002: 'error', DL3003: 'warning', DL3004: 'info', DL3005: 'style' },
      ignored: ['DL3006', 'SC2086'],
      trustedRegistries: ['docker.io', 'my-company.com:5000'],
      labelSchema: { maintainer: 'email', version: 'semver', plain: 'text' },
      strictLabels: true,
      disableIgnorePragma: true,
      failureThreshold: 'warning',
    });
    expect(e.verbose).toBe(true);
    // Kept, as hadolint keeps it, but said: DL3005 is a code hadolint dropped in 2023.
    expect(e.warnings).toEqual(["HADOLINT_OVERRIDE_STYLE: 'DL3005': hadolint no longer has this rule; it has no effect"]);
    expect(e.read).toEqual([...HADOLINT_ENV_VARS]);
  });

  it('takes only 1, y, on, true, yes (any case) as true; any other value is an explicit false', () => {
    for (const v of ['1', 'y', 'Y', 'on', 'ON', 'true', 'True', 'yes']) expect(configFromEnvironment({ HADOLINT_NOFAIL: v }).config.noFail, v).toBe(true);
    for (const v of ['0', 'false', 'no', '', 'enabled', '2', ' 1', 'true ']) expect(configFromEnvironment({ HADOLINT_NOFAIL: v }).config.noFail, v).toBe(false);
    expect(configFromEnvironment({}).config).toEqual({});
  });

  it('leaves out what it cannot use, with a warning (hadolint drops it silently)', () => {
    const e = configFromEnvironment({ HADOLINT_FORMAT: 'xml', HADOLINT_FAILURE_THRESHOLD: 'loud', HADOLINT_REQUIRE_LABELS: 'a:colour,b:url' });
    expect(e.config).toEqual({ labelSchema: { b: 'url' } });
    expect(e.warnings).toEqual([
      "HADOLINT_FORMAT: unknown format 'xml', ignored",
      "HADOLINT_REQUIRE_LABELS: 'a:colour' is not LABEL:TYPE with a known type, ignored",
      "HADOLINT_FAILURE_THRESHOLD: unknown threshold 'loud', ignored",
    ]);
    expect(configFromEnvironment({ HADOLINT_FORMAT: 'json,sarif' })).toMatchObject({ config: { format: 'json' }, warnings: ["HADOLINT_FORMAT: dockhand writes one format; 'sarif' is ignored (using 'json')"] });
  });

  it('treats an empty list variable as unset (hadolint reads one empty entry: see docs/hadolint-deviations.md)', () => {
    const empty = { HADOLINT_IGNORE: '', HADOLINT_TRUSTED_REGISTRIES: '', HADOLINT_REQUIRE_LABELS: ' ', HADOLINT_OVERRIDE_ERROR: ',' };
    expect(configFromEnvironment(empty)).toEqual({ config: {}, read: ['HADOLINT_OVERRIDE_ERROR', 'HADOLINT_IGNORE', 'HADOLINT_TRUSTED_REGISTRIES', 'HADOLINT_REQUIRE_LABELS'], warnings: [], verbose: undefined });
  });

  it('gives a code in several HADOLINT_OVERRIDE_* lists the most severe level', () => {
    expect(configFromEnvironment({ HADOLINT_OVERRIDE_STYLE: 'DL3008', HADOLINT_OVERRIDE_ERROR: 'DL3008', HADOLINT_OVERRIDE_INFO: 'DL3008' }).config.severity).toEqual({ DL3008: 'error' });
    expect(configFromEnvironment({ HADOLINT_FAILURE_THRESHOLD: 'none' }).config.failureThreshold).toBe('none');
    expect(configFromEnvironment({ HADOLINT_FAILURE_THRESHOLD: 'ignore' }).config.failureThreshold).toBe('none');
  });
});

describe('.hadolint.yaml read as hadolint reads it', () => {
  it("gives a code in several override lists the most severe one, and `rules: off` beats them all", () => {
    expect(hadolint('override:\n  style: [DL3008]\n  error: [DL3008]\n  info: [DL3008]\n').config.severity).toEqual({ DL3008: 'error' });
    expect(parseConfigText('override:\n  error: [DL3008]\nrules:\n  DL3008: style\n  DL3009: off\n', '.dockhand.yaml').config.severity).toEqual({ DL3008: 'error', DL3009: 'off' });
    expect(parseConfigText('rules:\n  DL3008: off\noverride:\n  error: [DL3008]\n', '.dockhand.yaml').config.severity).toEqual({ DL3008: 'off' });
  });

  it('skips an override key that is no severity, with a warning naming its line (hadolint skips it)', () => {
    const r = hadolint('override:\n  ignore: [DL3006]\n  error: [DL3008]\n');
    expect(r.config).toEqual({ severity: { DL3008: 'error' } });
    expect(r.warnings).toEqual([".hadolint.yaml:2:3: unknown severity 'ignore' in 'override' (use error, warning, info or style); ignored"]);
    // .dockhand.yaml is dockhand's own: there it is an error.
    expect(() => parseConfigText('override:\n  ignore: [DL3006]\n', '.dockhand.yaml')).toThrow(/unknown severity 'ignore'/);
  });

  it('warns at each rule key that can do nothing: a typo, an empty code, syntax errors (kept: they match nothing)', () => {
    const r = hadolint('ignored:\n  - DL9999\n  - ""\n  - dl3003\n  - SC2164\n  - DL1000\noverride:\n  error: [DL3006, no-such-rule]\n');
    expect(r.config.ignored).toEqual(['DL9999', '', 'dl3003', 'SC2164', 'DL1000']);
    expect(r.warnings).toEqual([
      ".hadolint.yaml:2:5: 'DL9999' in 'ignored' names no rule (see dockhand rules); it has no effect",
      ".hadolint.yaml:3:5: an empty rule code in 'ignored'; skipped",
      ".hadolint.yaml:6:5: 'DL1000' in 'ignored': syntax errors are always reported as errors (the build fails on them)",
      ".hadolint.yaml:8:19: 'no-such-rule' in 'override.error' names no rule (see dockhand rules); it has no effect",
    ]);
    // Names and aliases are rule keys too; .dockhand.yaml's rules: map is checked by its keys.
    const d = parseConfigText('rules:\n  DL3008: off\n  require-apt-lists-cleanup: style\n  NoSuchCheck: off\n  syntax: off\n', '.dockhand.yaml');
    expect(d.warnings).toEqual([
      ".dockhand.yaml:4:3: 'NoSuchCheck' in 'rules' names no rule (see dockhand rules); it has no effect",
      ".dockhand.yaml:5:3: 'syntax' in 'rules': syntax errors are always reported as errors (the build fails on them)",
    ]);
    expect(hadolint('ignored: [DL3003, SC1000]\noverride:\n  info: [undefined-var]\n').warnings).toBeUndefined();
    expect(hadolint('ignored: [DL3005]\n').warnings).toEqual([".hadolint.yaml:1:11: 'DL3005' in 'ignored': hadolint no longer has this rule; it has no effect"]);
    expect(configFromEnvironment({ HADOLINT_IGNORE: 'DL3008,dl9999,,syntax' }).warnings).toEqual([
      "HADOLINT_IGNORE: 'dl9999' names no rule (see dockhand rules); it has no effect",
      "HADOLINT_IGNORE: 'syntax': syntax errors are always reported as errors (the build fails on them)",
    ]);
  });

  it('warns at an empty trusted registry, which matches no registry', () => {
    const r = hadolint('trustedRegistries:\n  - docker.io\n  - ""\n');
    expect(r.config.trustedRegistries).toEqual(['docker.io', '']);
    expect(r.warnings).toEqual([".hadolint.yaml:3:5: an empty registry name in 'trustedRegistries' matches no registry (alone, it makes DL3026 report every image a FROM pulls)"]);
  });

  it("reads every format hadolint names, `formats:` too, and skips one it cannot write", () => {
    for (const [name, ours] of [['tty', 'stylish'], ['json', 'json'], ['checkstyle', 'checkstyle'], ['codeclimate', 'codeclimate'], ['gitlab_codeclimate', 'gitlab'], ['gnu', 'gnu'], ['codacy', 'codacy'], ['sonarqube', 'sonarqube'], ['sarif', 'sarif'], ['junit', 'junit']]) {
      expect(hadolint(`format: ${name}\n`).config.format, name).toBe(ours);
    }
    expect(hadolint('formats: [json]\n').config.format).toBe('json');
    const both = hadolint('formats:\n  - sarif\n  - json\nformat: tty\n');
    expect(both.config.format).toBe('stylish');
    expect(both.warnings).toEqual([
      ".hadolint.yaml:2:5: dockhand writes one format: 'sarif' in 'formats' is ignored (using 'stylish')",
      ".hadolint.yaml:3:5: dockhand writes one format: 'json' in 'formats' is ignored (using 'stylish')",
    ]);
    const odd = hadolint('format: xml\nignored: [DL3006]\n');
    expect(odd.config).toEqual({ ignored: ['DL3006'] });
    expect(odd.warnings?.[0]).toMatch(/^\.hadolint\.yaml:1:9: unknown format 'xml' .*; ignored$/);
    expect(() => parseConfigText('formats: [json]\n', '.dockhand.yaml')).toThrow(/unknown key 'formats'/);
  });

  it('takes a key with no value for a key that is not there, as hadolint (HsYAML `.:?`)', () => {
    const r = hadolint('failure-threshold:\nno-fail: ~\nstrict-labels:\ndisable-ignore-pragma:\nno-color:\nformat:\nlabel-schema:\ntrustedRegistries:\noverride:\n  error:\n  style: ~\nignored:\n');
    expect(r).toEqual({ config: { severity: {} } });
    // The same in .dockhand.yaml, and a null value never replaces what an earlier part set.
    expect(parseConfigText('failure-threshold: ~\nextends:\nrules:\n', '.dockhand.yaml').config).toEqual({});
    expect(mergeConfig({ failureThreshold: 'error' }, hadolint('failure-threshold:\n').config).failureThreshold).toBe('error');
  });

  it('resolves YAML aliases to their anchors, as hadolint', () => {
    const r = hadolint('ignored: &noisy [DL3008, DL3009]\noverride:\n  error: *noisy\n  style: [&one DL3015, *one]\nlabel-schema:\n  a: &t url\n  b: *t\n');
    expect(r.config).toEqual({ ignored: ['DL3008', 'DL3009'], severity: { DL3008: 'error', DL3009: 'error', DL3015: 'style' }, labelSchema: { a: 'url', b: 'url' } });
    expect(parseConfigText('rules:\n  DL3008: &sev warning\n  DL3009: *sev\n', '.dockhand.yaml').config.severity).toEqual({ DL3008: 'warning', DL3009: 'warning' });
    expect(() => hadolint('ignored: *nowhere\n')).toThrow(".hadolint.yaml:1:10: the alias '*nowhere' names no anchor");
  });

  it('says a second YAML document is one too many in its own words', () => {
    expect(() => hadolint('ignored: [DL3008]\n---\nignored: [DL3009]\n')).toThrow('.hadolint.yaml:2:1: a config file holds one YAML document; this one has another after `---`');
  });

  it("skips .dockhand.yaml's own keys with a warning (hadolint skips keys it does not know)", () => {
    const r = hadolint('extends: hadolint\nrules:\n  DL3008: off\nignored: [DL3009]\n');
    expect(r.config).toEqual({ ignored: ['DL3009'] });
    expect(r.warnings).toEqual([
      ".hadolint.yaml:1:1: 'extends' is a .dockhand.yaml key; ignored in a hadolint config file",
      ".hadolint.yaml:2:1: 'rules' is a .dockhand.yaml key; ignored in a hadolint config file",
    ]);
  });

  it('every format name is one `dockhand lint` can write', () => {
    expect([...FORMATS].sort()).toEqual(Object.keys(FORMATTERS).sort());
  });
});

describe('merge order: environment, then file, then command line', () => {
  it('later scalars win, lists add up, and within one source the most severe level wins', () => {
    const env = configFromEnvironment({ HADOLINT_NOFAIL: '1', HADOLINT_IGNORE: 'DL3006', HADOLINT_FAILURE_THRESHOLD: 'error', HADOLINT_OVERRIDE_ERROR: 'DL3008' }).config;
    const file = hadolint('no-fail: false\nignored: [DL3007]\noverride:\n  style: [DL3008]\n').config;
    const m = mergeConfig(env, file, { ignored: ['DL3009'] });
    expect(m.noFail).toBe(false);
    expect(m.failureThreshold).toBe('error');
    expect(m.ignored).toEqual(['DL3006', 'DL3007', 'DL3009']);
    // Across sources the later one decides (hadolint would keep error): see docs/hadolint-deviations.md.
    expect(m.severity).toEqual({ DL3008: 'style' });
  });
});

describe("hadolint's user config files", () => {
  it('finds them in its order, and reads ~/.hadolint/config.yml as a hadolint file', async () => {
    const home = join(tmp, 'home');
    const dir = join(tmp, 'project');
    mkdirSync(join(home, '.hadolint'), { recursive: true });
    mkdirSync(dir, { recursive: true });
    const env = { HOME: home, XDG_CONFIG_HOME: join(tmp, 'xdg') };
    writeFileSync(join(home, '.hadolint.yml'), 'ignored: [DL3001]\n');
    expect((await new ConfigFinder(env).forDirectory(dir)).path).toBe(join(home, '.hadolint.yml'));
    writeFileSync(join(home, '.hadolint', 'config.yml'), 'formats: [json]\nignored: [DL3002]\n');
    const found = await new ConfigFinder(env).forDirectory(dir);
    expect(found.path).toBe(join(home, '.hadolint', 'config.yml'));
    expect(found.result.config).toEqual({ format: 'json', ignored: ['DL3002'] });
    writeFileSync(join(home, '.hadolint', 'hadolint.yml'), 'ignored: [DL3003]\n');
    expect((await new ConfigFinder(env).forDirectory(dir)).path).toBe(join(home, '.hadolint', 'hadolint.yml'));
  });

  it('an empty or relative XDG_CONFIG_HOME means ~/.config, never a file in the current directory', async () => {
    const home = join(tmp, 'xdghome');
    const dir = join(tmp, 'xdgproject');
    const elsewhere = join(tmp, 'relxdg');
    mkdirSync(join(home, '.config'), { recursive: true });
    mkdirSync(dir, { recursive: true });
    mkdirSync(elsewhere, { recursive: true });
    writeFileSync(join(elsewhere, 'hadolint.yaml'), 'ignored: [DL3001]\n');
    const relative = relativePath(process.cwd(), elsewhere);
    expect(isAbsolute(relative)).toBe(false);
    expect((await new ConfigFinder({ HOME: home, XDG_CONFIG_HOME: relative }).forDirectory(dir)).path).toBeNull();
    writeFileSync(join(home, '.config', 'hadolint.yaml'), 'ignored: [DL3002]\n');
    for (const xdg of ['', relative]) {
      expect((await new ConfigFinder({ HOME: home, XDG_CONFIG_HOME: xdg }).forDirectory(dir)).path, xdg).toBe(join(home, '.config', 'hadolint.yaml'));
    }
    expect((await new ConfigFinder({ HOME: home, XDG_CONFIG_HOME: elsewhere }).forDirectory(dir)).path).toBe(join(elsewhere, 'hadolint.yaml'));
  });

  it('--config /dev/null: no config file at all, as in hadolint (not the nearest .hadolint.yaml)', async () => {
    const dir = join(tmp, 'devnull');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, '.hadolint.yaml'), 'ignored: [DL3006]\n');
    const found = await new ConfigFinder({ HOME: join(tmp, 'nohome') }).forDirectory(dir, '/dev/null');
    expect(found).toEqual({ path: '/dev/null', result: { config: {} } });
  });

  it('puts the environment beneath the file, the same object for the same file', async () => {
    const dir = join(tmp, 'envdir');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, '.hadolint.yaml'), 'failure-threshold: warning\n');
    const finder = new ConfigFinder({ HOME: join(tmp, 'nohome'), HADOLINT_FAILURE_THRESHOLD: 'error', HADOLINT_IGNORE: 'DL3006' }, true);
    const found = await finder.forDirectory(dir);
    const merged = finder.withEnvironment(found);
    expect(merged).toMatchObject({ failureThreshold: 'warning', ignored: ['DL3006'] });
    expect(finder.withEnvironment(await finder.forDirectory(dir))).toBe(merged);
    const plain = new ConfigFinder({ HOME: join(tmp, 'nohome') });
    const f2 = await plain.forDirectory(dir);
    expect(plain.withEnvironment(f2)).toBe(f2.result.config);
  });
});

describe('dockhand lint with hadolint settings', () => {
  const stdin = 'FROM debian\nMAINTAINER me\nRUN cd /x\n';
  const lint = (args: string[], env: Record<string, string> = {}, cwd?: string): Promise<Ran> =>
    runCaptured(['lint', '--no-shellcheck', ...args], { cwd: cwd ?? tmp, env: { HOME: join(tmp, 'nohome'), ...env }, stdin });
  const codes = (r: Ran) => (JSON.parse(r.stdout)[0].diagnostics as { code: string; severity: string }[]).map((d) => `${d.code}:${d.severity}`);

  it('honours HADOLINT_* variables, beneath the file and the flags', async () => {
    expect(codes(await lint(['-f', 'json', '-'], { HADOLINT_IGNORE: 'DL3006,DL3003' }))).toEqual(['DL4000:error']);
    expect((await lint(['-'], { HADOLINT_NOFAIL: '1' })).code).toBe(0);
    expect((await lint(['-'], { HADOLINT_NOFAIL: '1' })).stdout).toContain('DL4000');
    expect((await lint(['-', '--fail'], { HADOLINT_NOFAIL: '1' })).code).toBe(1);
    expect((await lint(['-'], { HADOLINT_FORMAT: 'json' })).stdout.startsWith('[')).toBe(true);
    expect(codes(await lint(['-f', 'json', '-'], { HADOLINT_OVERRIDE_INFO: 'DL4000' }))).toContain('DL4000:info');
    const dir = mkdtempSync(join(tmp, 'nofail-'));
    writeFileSync(join(dir, '.hadolint.yaml'), 'no-fail: false\n');
    expect((await lint(['-', '--stdin-filename', join(dir, 'Dockerfile')], { HADOLINT_NOFAIL: '1' }, dir)).code).toBe(1);
  });

  it('says what it ignores on stderr, once, and lists the variables with --verbose or HADOLINT_VERBOSE', async () => {
    const r = await lint(['-f', 'json', '-'], { HADOLINT_FORMAT: 'xml' });
    expect(r.stderr).toBe("dockhand: warning: HADOLINT_FORMAT: unknown format 'xml', ignored\n");
    const v = await lint(['-f', 'json', '-'], { HADOLINT_IGNORE: 'DL3006', HADOLINT_VERBOSE: 'true' });
    expect(v.stderr).toContain('dockhand: environment: HADOLINT_VERBOSE, HADOLINT_IGNORE\n');
    const dir = mkdtempSync(join(tmp, 'warn-'));
    writeFileSync(join(dir, '.hadolint.yaml'), 'override:\n  ignore: [DL3006]\nformat: sonarqube\n');
    writeFileSync(join(dir, 'Dockerfile'), stdin);
    writeFileSync(join(dir, 'Dockerfile.two'), stdin);
    const w = await runCaptured(['lint', '--no-shellcheck', 'Dockerfile', 'Dockerfile.two'], { cwd: dir, env: { HOME: join(tmp, 'nohome') } });
    // Named from the current directory, once for the two Dockerfiles that share the file.
    expect(w.stderr).toBe("dockhand: warning: .hadolint.yaml:2:3: unknown severity 'ignore' in 'override' (use error, warning, info or style); ignored\n");
    expect(JSON.parse(w.stdout).issues.map((i: { ruleId: string }) => i.ruleId)).toContain('DL3006');
    expect(w.code).toBe(1);
  });

  it('gives a rule named by several of --error/--warning/--info/--style the most severe', async () => {
    expect(codes(await lint(['-f', 'json', '-', '--style', 'DL3003', '--error', 'DL3003', '--info', 'DL3003']))).toContain('DL3003:error');
  });

  it('--failure-threshold none: every finding fails, style ones too (hadolint ranks none lowest)', async () => {
    const style = (args: string[]) => runCaptured(['lint', '--no-shellcheck', ...args], { cwd: tmp, env: {}, stdin: 'FROM debian:12\nRUN cd /x\n' });
    expect((await style(['-', '--style', 'DL3003'])).code).toBe(0);
    expect((await style(['-', '--style', 'DL3003', '--failure-threshold', 'none'])).code).toBe(1);
    expect((await style(['-', '--style', 'DL3003', '-t', 'ignore'])).code).toBe(1);
    expect((await style(['-', '--style', 'DL3003', '-t', 'none', '--no-fail'])).code).toBe(0);
  });
});

describe("the formats hadolint writes that dockhand adds: sonarqube, junit, codacy", () => {
  const fixtures = join(import.meta.dirname, '../fixtures/lint');
  const run = (format: string, ...files: string[]) => runCaptured(['lint', '--no-shellcheck', '-f', format, ...files], { cwd: fixtures, env: {} });

  it("sonarqube: SonarQube's generic issues, 0-based columns, hadolint's severities", async () => {
    const r = await run('sonarqube', 'basic/Dockerfile');
    expect(r.code).toBe(1);
    const { issues } = JSON.parse(r.stdout) as { issues: { engineId: string; ruleId: string; severity: string; type: string; primaryLocation: { filePath: string; textRange: Record<string, number> } }[] };
    expect(issues.map((i) => `${i.ruleId}:${i.severity}:${i.type}`)).toEqual([
      'ConsistentInstructionCasing:MAJOR:CODE_SMELL', 'DL4000:CRITICAL:BUG', 'DL3019:MINOR:CODE_SMELL', 'DL3018:MAJOR:CODE_SMELL', 'DL3025:MAJOR:CODE_SMELL',
    ]);
    expect(issues.every((i) => i.engineId === 'dockhand' && i.primaryLocation.filePath === 'basic/Dockerfile')).toBe(true);
    // `from` at line 1: columns 0 to 4; `curl` at 3:13 (1-based) is 12 to 16.
    expect(issues[0]!.primaryLocation.textRange).toEqual({ startLine: 1, endLine: 1, startColumn: 0, endColumn: 4 });
    expect(issues[3]!.primaryLocation.textRange).toEqual({ startLine: 3, endLine: 3, startColumn: 12, endColumn: 16 });
    expect(JSON.parse((await run('sonarqube', 'clean/Dockerfile')).stdout)).toEqual({ issues: [] });
  });

  it('junit: a failed test case per finding, a passed one per clean file', async () => {
    const r = await run('junit', 'basic/Dockerfile', 'clean/Dockerfile');
    expect(r.stdout).toMatch(/^<\?xml version="1.0" encoding="utf-8"\?>\n<testsuites name="dockhand [^"]+" tests="6" failures="5">\n<testsuite name="basic\/Dockerfile" tests="5" failures="5" errors="0">\n/);
    expect(r.stdout).toContain('<testcase name="DL4000 at line 2" classname="basic/Dockerfile" file="basic/Dockerfile" line="2">\n<failure type="error" message="Maintainer instruction is deprecated in favor of using label">basic/Dockerfile:2:1: error DL4000: Maintainer instruction is deprecated in favor of using label</failure>\n</testcase>');
    expect(r.stdout).toContain('<testsuite name="clean/Dockerfile" tests="1" failures="0" errors="0">\n<testcase name="dockhand lint" classname="clean/Dockerfile" file="clean/Dockerfile"/>\n</testsuite>\n</testsuites>\n');
    expect(r.stdout).toContain('message="Pin versions in apk add. Instead of `apk add &lt;package&gt;`');
  });

  it('codacy: one JSON object per finding and line', async () => {
    const lines = (await run('codacy', 'basic/Dockerfile')).stdout.trimEnd().split('\n').map((l) => JSON.parse(l));
    expect(lines[1]).toEqual({ filename: 'basic/Dockerfile', patternId: 'DL4000', message: 'Maintainer instruction is deprecated in favor of using label', line: 2 });
    expect(lines).toHaveLength(5);
    expect((await run('codacy', 'clean/Dockerfile')).stdout).toBe('');
  });
});
