// Rule presets: each preset's rule set against its definition (hadolint's against the table in
// docs/hadolint-deviations.md and hadolint's own catalogue), what they do to findings, how they
// merge with config files and flags, bad names, and the language server reading them.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Severity } from '../src/core/diagnostic.js';
import { parseConfigText } from '../src/linter/config-yaml.js';
import { allRules, initLinter, lint, type LintConfig } from '../src/linter/index.js';
import { HADOLINT_DEFAULTS, PRESET_NAMES } from '../src/linter/presets.js';
import { runCaptured, type Ran } from './cli-io.js';
import { LspClient } from './lsp-client.js';

const root = resolve(import.meta.dirname, '..');
const sharedCatalogue = resolve(root, '../shared/conformance/hadolint/README.md');
let tmp: string;

beforeAll(async () => {
  tmp = mkdtempSync(join(tmpdir(), 'dockhand-presets-'));
  await initLinter();
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function dockhand(argv: string[], cwd = tmp): Promise<Ran> {
  return runCaptured(argv, { cwd, env: { HOME: tmp } });
}

/** `dockhand rules --preset NAME --format json`: code → severity of every rule it lists. */
async function listed(...presets: string[]): Promise<Map<string, string>> {
  const r = await dockhand(['rules', '--format', 'json', ...presets.flatMap((p) => ['--preset', p])]);
  expect(r.code).toBe(0);
  return new Map((JSON.parse(r.stdout) as { code: string; severity: string }[]).map((x) => [x.code, x.severity]));
}

/** `| DLxxxx | severity |` rows of a markdown table. */
function severityTable(text: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of text.matchAll(/^\| (DL\d{4}) \| (error|warning|info|style|ignore) \|/gm)) out.set(m[1]!, m[2]!);
  return out;
}

/** Trivy's and Checkov's check IDs, as their projects spell them. */
const scannerId = (a: string) => /^DS\d{3}$/.test(a) || /^CKV2?_DOCKER_\d+$/.test(a);

/** Every rule's fixture files (invalid and valid examples): a wide spread of findings. */
const fixtureFiles = readdirSync(join(root, 'fixtures/rules')).flatMap((d) =>
  readdirSync(join(root, 'fixtures/rules', d)).filter((f) => f.endsWith('.Dockerfile')).map((f) => join(root, 'fixtures/rules', d, f)),
);

function lintWith(text: string, config: Partial<LintConfig>) {
  return lint(text, { config }).diagnostics.map((d) => ({ code: d.code, severity: d.severity, start: d.range.start, end: d.range.end }));
}

describe('the rule set of each preset', () => {
  const docsTable = severityTable(readFileSync(join(root, 'docs/hadolint-deviations.md'), 'utf8'));

  it('hadolint: the table in docs/hadolint-deviations.md is the preset, and every DL rule keeps that severity', async () => {
    expect(docsTable.size).toBe(71);
    expect(Object.fromEntries(docsTable)).toEqual(HADOLINT_DEFAULTS);
    // Only DL rules, each one of ours: no BuildKit check, no DH rule, nothing missing.
    const dl = allRules.filter((r) => r.origin === 'hadolint').map((r) => r.code).sort();
    expect([...docsTable.keys()].sort()).toEqual(dl);
    for (const r of allRules.filter((x) => x.origin === 'hadolint')) {
      expect(r.disabledByDefault ? 'ignore' : r.severity, r.code).toBe(docsTable.get(r.code));
    }
    const want = new Map([...docsTable].filter(([, s]) => s !== 'ignore'));
    expect(await listed('hadolint')).toEqual(want);
  });

  it.runIf(existsSync(sharedCatalogue))("hadolint: the table agrees with the catalogue of hadolint's sources (shared/conformance)", () => {
    const upstream = severityTable(readFileSync(sharedCatalogue, 'utf8'));
    upstream.delete('DL1000'); // hadolint's code for a parse error, not a rule (dockhand: `syntax`)
    expect(Object.fromEntries(upstream)).toEqual(Object.fromEntries(docsTable));
  });
  if (!existsSync(sharedCatalogue)) console.warn(`presets: ${sharedCatalogue} is missing; the hadolint table is checked against the repository only`);

  it('security: every rule carrying a Trivy or Checkov ID (DH011 among them), all at error', async () => {
    const want = allRules.filter((r) => r.aliases.some(scannerId)).map((r) => r.code);
    expect(want).toContain('DH011');
    expect(want.length).toBeGreaterThan(20);
    expect(await listed('security')).toEqual(new Map(want.sort().map((c) => [c, 'error'])));
  });

  it('strict: every rule, including those off by default and the experimental checks', async () => {
    const all = await listed('strict');
    expect(all).toEqual(new Map(allRules.map((r) => [r.code, r.severity])));
    expect(allRules.some((r) => r.experimental)).toBe(true);
  });

  it('recommended: what runs with no config (the catalogue without the off-by-default and experimental rules)', async () => {
    const want = allRules.filter((r) => !r.disabledByDefault && !r.experimental).map((r) => [r.code, r.severity] as const);
    expect(await listed('recommended')).toEqual(new Map(want));
  });

  it('with no preset, the catalogue lists what runs by default: off-by-default and experimental rules as off', async () => {
    const all = await listed();
    for (const r of allRules) expect(all.get(r.code), r.code).toBe(r.disabledByDefault || r.experimental ? 'off' : r.severity);
    const recommended = await listed('recommended');
    for (const [code, s] of all) expect(s === 'off' ? undefined : s, code).toBe(recommended.get(code));
  });

  it('a list is the union; where two presets set a severity, the later one wins', async () => {
    const both = await listed('hadolint', 'security');
    const hl = await listed('hadolint');
    const sec = await listed('security');
    expect([...both.keys()].sort()).toEqual([...new Set([...hl.keys(), ...sec.keys()])].sort());
    for (const [code, s] of both) expect(s, code).toBe(sec.get(code) ?? hl.get(code));
    // The other order: hadolint's severities win where it has the rule.
    const reversed = await listed('security,hadolint');
    expect(reversed.get('DL3015')).toBe('info');
    expect(reversed.get('DH011')).toBe('error');
  });
});

describe('what a preset does to findings', () => {
  it('recommended is exactly the default on every rule fixture', () => {
    for (const f of fixtureFiles) {
      const text = readFileSync(f, 'utf8');
      expect(lintWith(text, { presets: ['recommended'] }), f).toEqual(lintWith(text, {}));
    }
  });

  it("hadolint: only DL codes, at hadolint's severities, and every DL finding of the default run", () => {
    let seen = 0;
    for (const f of fixtureFiles) {
      const text = readFileSync(f, 'utf8');
      const got = lintWith(text, { presets: ['hadolint'] });
      for (const d of got) {
        if (d.code === 'syntax') continue;
        expect(HADOLINT_DEFAULTS[d.code], `${f}: ${d.code}`).toBe(d.severity);
        seen++;
      }
      const dl = lintWith(text, {}).filter((d) => /^DL/.test(d.code));
      expect(got.filter((d) => d.code !== 'syntax'), f).toEqual(dl);
    }
    expect(seen).toBeGreaterThan(50);
  });

  it('security: every finding at error, DH011 (no USER) on; style rules off', () => {
    const text = 'FROM alpine:3.20\nRUN curl -k https://example.com/x | sh\nexpose 22\n';
    const got = lintWith(text, { presets: ['security'] });
    const codes = got.map((d) => d.code);
    expect(codes).toEqual(expect.arrayContaining(['DH011', 'DH013', 'DH010', 'DL3057']));
    expect(codes).not.toContain('DH007'); // lower-case keyword: not a security check
    expect(codes).not.toContain('DL4006');
    expect(new Set(got.map((d) => d.severity))).toEqual(new Set<Severity>(['error']));
    expect(lintWith(text, {}).map((d) => d.code)).not.toContain('DH011');
  });

  it('strict: the off-by-default rules report (DL1001, DL3057, DH011) and an experimental check runs', () => {
    const text = '# hadolint ignore=DL3006\nFROM alpine\nRUN echo hi\n';
    const codes = lintWith(text, { presets: ['strict'] }).map((d) => d.code);
    expect(codes).toEqual(expect.arrayContaining(['DL1001', 'DL3057', 'DH011']));
    for (const c of ['DL1001', 'DL3057', 'DH011']) expect(lintWith(text, {}).map((d) => d.code)).not.toContain(c);
    const experimental = allRules.find((r) => r.experimental)!;
    // The docs example enables the check itself; without that line only a preset or config can.
    const bad = experimental.docs.bad.replace(/^# check=experimental=.*\n/, '');
    expect(bad).not.toBe(experimental.docs.bad);
    expect(lintWith(bad, { presets: ['strict'] }).map((d) => d.code)).toContain(experimental.code);
    expect(lintWith(bad, {}).map((d) => d.code)).not.toContain(experimental.code);
  });

  it("an experimental check: the file's `# check=experimental=` enables it under recommended, not under a preset without it", () => {
    const experimental = allRules.find((r) => r.experimental)!;
    const text = experimental.docs.bad;
    expect(text).toMatch(/^# check=experimental=/);
    expect(lintWith(text, {}).map((d) => d.code)).toContain(experimental.code);
    expect(lintWith(text, { presets: ['recommended'] }).map((d) => d.code)).toContain(experimental.code);
    expect(lintWith(text, { presets: ['recommended', 'security'] }).map((d) => d.code)).toContain(experimental.code);
    expect(lintWith(text, { presets: ['hadolint'] }).map((d) => d.code)).not.toContain(experimental.code);
    expect(lintWith(text, { presets: ['security'] }).map((d) => d.code)).not.toContain(experimental.code);
  });
});

describe('merge order: preset, then the config file, then the command line', () => {
  const file = 'from ubuntu\nRUN apt-get install -y curl\n';
  let dir: string;
  beforeAll(() => {
    dir = join(tmp, 'merge');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'Dockerfile'), file);
  });
  const codes = (r: Ran) => (JSON.parse(r.stdout) as { diagnostics: { code: string; severity: string }[] }[])[0]!.diagnostics.map((d) => `${d.code}:${d.severity}`);
  const run = (...args: string[]) => dockhand(['lint', '--no-shellcheck', '-f', 'json', ...args], dir);

  it("the file's own keys go on top of its extends", async () => {
    writeFileSync(
      join(dir, '.dockhand.yaml'),
      'extends: security\nrules:\n  DL3015: info        # back to its own severity\n  ConsistentInstructionCasing: style   # a rule the preset turned off, on again\nignored: [DL3057]\n',
    );
    const got = codes(await run());
    expect(got).toEqual(expect.arrayContaining(['DH011:error', 'DL3006:error', 'DL3015:info', 'ConsistentInstructionCasing:style']));
    expect(got.some((c) => c.startsWith('DL3057'))).toBe(false);
    expect(got.some((c) => c.startsWith('DL3008'))).toBe(false); // not a security check
  });

  it('--preset replaces the file\'s extends; the file\'s other keys and the flags still apply', async () => {
    writeFileSync(join(dir, '.dockhand.yaml'), 'extends: security\nrules:\n  DL3008: error\n');
    const got = codes(await run('--preset', 'hadolint', '--ignore', 'DL3006', '--info', 'DL3008'));
    expect(got).toEqual(['DL3015:info', 'DL3008:info']);
  });

  it('.hadolint.yaml overrides go on top of --preset hadolint, as in hadolint', async () => {
    rmSync(join(dir, '.dockhand.yaml'));
    writeFileSync(join(dir, '.hadolint.yaml'), 'override:\n  error: [DL3008]\n');
    try {
      const got = codes(await run('--preset', 'hadolint'));
      expect(got).toContain('DL3008:error');
      expect(got).not.toContain('ConsistentInstructionCasing:warning');
    } finally {
      rmSync(join(dir, '.hadolint.yaml'));
    }
  });
});

describe('bad preset names: exit 2 and the list of valid ones', () => {
  const valid = 'recommended, hadolint, security or strict';
  it('on the command line (lint and rules)', async () => {
    for (const argv of [['lint', '--preset', 'hadolnt', 'x'], ['lint', '--preset', 'hadolint,nope', 'x'], ['rules', '--preset', 'STRICTER']]) {
      const r = await dockhand(argv);
      expect(r.code, argv.join(' ')).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(new RegExp(`^dockhand: unknown preset '(hadolnt|nope|stricter)' \\(use ${valid}\\)\\n$`));
    }
  });

  it('in .dockhand.yaml, with the line and column', async () => {
    const dir = join(tmp, 'badcfg');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'Dockerfile'), 'FROM alpine:3.20\n');
    writeFileSync(join(dir, '.dockhand.yaml'), 'extends:\n  - hadolint\n  - trivy\n');
    const r = await dockhand(['lint', '--no-shellcheck'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`dockhand: invalid config ${join(dir, '.dockhand.yaml')}:3:5: unknown preset 'trivy' in 'extends' (use ${valid})\n`);
  });

  it('config-file shapes: a name or a list; .hadolint.yaml has no extends', () => {
    expect(parseConfigText('extends: Strict\n', '.dockhand.yaml').config.presets).toEqual(['strict']);
    expect(parseConfigText('extends: [hadolint, security]\n', '.dockhand.yaml').config.presets).toEqual(['hadolint', 'security']);
    expect(() => parseConfigText('extends: 3\n', '.dockhand.yaml')).toThrow(/'extends' must be a preset name or a list of them/);
    // hadolint skips keys it does not know, so a shared .hadolint.yaml with `extends` stays valid: skipped, with a warning.
    expect(parseConfigText('extends: hadolint\n', '.hadolint.yaml', 'hadolint')).toEqual({ config: {}, warnings: [".hadolint.yaml:1:1: 'extends' is a .dockhand.yaml key; ignored in a hadolint config file"] });
  });

  it('every preset name the help lists exists', async () => {
    const r = await dockhand(['lint', '--help']);
    for (const n of PRESET_NAMES) expect(r.stdout).toContain(n);
  });
});

describe('the language server reads extends from the same config', () => {
  it('publishes what `lint` reports under the preset', async () => {
    const dir = join(tmp, 'lsp');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, '.dockhand.yaml'), 'extends: security\n');
    const path = join(dir, 'Dockerfile');
    const text = 'from alpine:3.20\nRUN curl -k https://example.com/x -o /x\n';
    writeFileSync(path, text);
    const cli = JSON.parse((await dockhand(['lint', '--no-shellcheck', '-f', 'json', 'Dockerfile'], dir)).stdout)[0].diagnostics as { code: string }[];
    const client = new LspClient(spawn(process.execPath, [join(root, 'bin/dockhand.js'), 'lsp', '--stdio'], { cwd: dir, env: { ...process.env, PATH: '/nonexistent', XDG_CONFIG_HOME: join(tmp, 'xdg') } }));
    try {
      await client.request('initialize', { processId: process.pid, rootUri: pathToFileURL(dir).href, capabilities: {} });
      client.notify('initialized', {});
      const uri = pathToFileURL(path).href;
      client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'dockerfile', version: 1, text } });
      const got = (await client.diagnosticsFor(uri, 1)).params.diagnostics as { code: string; severity: number }[];
      expect(got.map((d) => d.code).sort()).toEqual(cli.map((d) => d.code).sort());
      expect(got.map((d) => d.code)).toEqual(expect.arrayContaining(['DH011', 'DH013']));
      expect(got.map((d) => d.code)).not.toContain('ConsistentInstructionCasing');
      expect(new Set(got.map((d) => d.severity))).toEqual(new Set([1]));
      await client.request('shutdown', null);
      client.notify('exit', null);
    } finally {
      client.child.kill();
    }
  });
});
