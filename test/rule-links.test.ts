// Rule links (LSP codeDescription, SARIF helpUri, `dockhand rules --format json`) open pages that
// exist: the docs/rules pages shipped in the package, or pages under package.json's homepage.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { docsBaseFor, docsUrl, projectUrl } from '../src/linter/docs.js';
import { allRules, lint } from '../src/linter/index.js';
import { LspClient } from './lsp-client.js';

const root = resolve(import.meta.dirname, '..');
const bin = join(root, 'bin/dockhand.js');
const tmp = mkdtempSync(join(tmpdir(), 'dockhand-links-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** The file a file: URL names, after checking it is one. */
function fileOf(url: string): string {
  expect(url).toMatch(/^file:\/\//);
  return fileURLToPath(url);
}

describe('links to rule pages', () => {
  it("every rule's page link names its docs/rules page in this checkout", () => {
    for (const r of allRules) expect(fileOf(docsUrl(r))).toBe(join(root, 'docs/rules', `${r.name}.md`));
    for (const r of allRules) expect(existsSync(fileOf(docsUrl(r))), r.code).toBe(true);
    expect(fileOf(projectUrl())).toBe(join(root, 'README.md'));
  });

  it('findings of rules without an upstream page link to ours; the others keep their upstream page', () => {
    const { diagnostics } = lint('from alpine\nEXPOSE 22\nMAINTAINER me\n');
    const dh010 = diagnostics.find((d) => d.code === 'DH010')!;
    expect(existsSync(fileOf(dh010.url!))).toBe(true);
    const dl4000 = diagnostics.find((d) => d.code === 'DL4000')!;
    expect(dl4000.url).toBe(allRules.find((r) => r.code === 'DL4000')!.url);
  });

  it('the built CLI: `rules --format json` pages and SARIF helpUri/informationUri are files that exist', () => {
    const rules = spawnSync(process.execPath, [bin, 'rules', '--format', 'json'], { encoding: 'utf8' });
    const listed = JSON.parse(rules.stdout) as { code: string; docs: { page: string; name: string } }[];
    expect(listed).toHaveLength(allRules.length);
    for (const r of listed) expect(fileOf(r.docs.page)).toBe(join(root, 'docs/rules', `${r.docs.name}.md`));
    writeFileSync(join(tmp, 'Dockerfile'), 'FROM alpine:3.20\nEXPOSE 22\n');
    const sarif = spawnSync(process.execPath, [bin, 'lint', '--no-shellcheck', '-f', 'sarif', 'Dockerfile'], { cwd: tmp, encoding: 'utf8' });
    const driver = JSON.parse(sarif.stdout).runs[0].tool.driver;
    expect(existsSync(fileOf(driver.informationUri))).toBe(true);
    const dh010 = driver.rules.find((x: { id: string }) => x.id === 'DH010');
    expect(fileOf(dh010.helpUri)).toBe(join(root, 'docs/rules/expose-ssh-port.md'));
    expect(dh010.help.markdown).toContain(`[Documentation](${dh010.helpUri})`);
  });

  it('the language server: codeDescription.href opens the page', async () => {
    const path = join(tmp, 'lsp.Dockerfile');
    const text = 'FROM alpine:3.20\nEXPOSE 22\n';
    writeFileSync(path, text);
    const client = new LspClient(spawn(process.execPath, [bin, 'lsp', '--stdio'], { cwd: tmp, env: { ...process.env, XDG_CONFIG_HOME: join(tmp, 'xdg') } }));
    try {
      await client.request('initialize', { processId: process.pid, rootUri: pathToFileURL(tmp).href, capabilities: {} });
      client.notify('initialized', {});
      const uri = pathToFileURL(path).href;
      client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'dockerfile', version: 1, text } });
      const got = (await client.diagnosticsFor(uri, 1)).params.diagnostics as { code: string; codeDescription?: { href: string } }[];
      const href = got.find((d) => d.code === 'DH010')!.codeDescription!.href;
      expect(fileOf(href)).toBe(join(root, 'docs/rules/expose-ssh-port.md'));
      await client.request('shutdown', null);
      client.notify('exit', null);
    } finally {
      client.child.kill();
    }
  });

  it('with a homepage in package.json, links go under it (a GitHub repository: its blob/HEAD)', () => {
    const src = pathToFileURL(join(root, 'src/linter/docs.ts')).href;
    expect(docsBaseFor('https://github.com/acme/dockhand#readme', src)).toBe('https://github.com/acme/dockhand/blob/HEAD/docs/rules/');
    expect(docsBaseFor('https://dockhand.example.org/', src)).toBe('https://dockhand.example.org/docs/rules/');
    expect(docsBaseFor('   ', src)).toBe(pathToFileURL(join(root, 'docs/rules/')).href);
    // The bundle sits in dist/, one level below the package root.
    expect(docsBaseFor(undefined, pathToFileURL('/opt/dockhand/dist/cli.cjs').href)).toBe('file:///opt/dockhand/docs/rules/');
    expect(docsBaseFor(undefined, pathToFileURL('/opt/my dir/dist/cli.cjs').href)).toBe('file:///opt/my%20dir/docs/rules/');
  });
});
