// The shell parser must load from an esbuild bundle (as in dist/cli.cjs) where web-tree-sitter and
// tree-sitter-bash stay external, and from the built CLI itself, with and without its code cache.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

const repo = resolve(import.meta.dirname, '..');

describe('shell parser from a bundle', () => {
  it('resolves tree-sitter-bash.wasm from a bundled module (liftoff-only)', async () => {
    // Inside the repo so Node's resolver finds node_modules from the bundle, as it does from dist/.
    const outDir = join(repo, 'node_modules', '.cache', 'dockhand-shell-bundle');
    mkdirSync(outDir, { recursive: true });
    const outfile = join(outDir, `entry-${process.pid}.mjs`);
    await build({
      entryPoints: [join(repo, 'fixtures/shell/bundle-entry.ts')],
      outfile,
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      external: ['web-tree-sitter', 'tree-sitter-bash'],
      banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
      logLevel: 'silent',
    });
    try {
      const out = execFileSync(process.execPath, [outfile, 'apt-get update && (cd /x; make) | tee log'], { encoding: 'utf8', timeout: 30_000 });
      expect(JSON.parse(out)).toEqual(['apt-get', 'cd', 'make', 'tee']);
    } finally {
      rmSync(outfile, { force: true });
    }
  });

  const cli = join(repo, 'dist/cli.cjs');
  // The backticks make the fast shell reader decline the RUN, so only tree-sitter can see `sudo`.
  it.skipIf(!existsSync(cli))('parses RUN scripts in the built CLI (dist/cli.cjs), fast reader and tree-sitter alike', () => {
    const dir = mkdtempSync(join(tmpdir(), 'dockhand-shell-'));
    try {
      const dockerfile = join(dir, 'Dockerfile');
      writeFileSync(dockerfile, 'FROM alpine:3.20\nRUN echo hi && \\\n    sudo apk add --no-cache curl=8.0\nRUN echo `date` && sudo true\n');
      // Twice: the second run compiles the bundle from the V8 code cache the first one left.
      for (let i = 0; i < 2; i++) {
        let out = '';
        try {
          out = execFileSync(process.execPath, [join(repo, 'bin/dockhand.js'), 'lint', '--format', 'json', '--no-shellcheck', dockerfile], { encoding: 'utf8', timeout: 30_000 });
        } catch (err) {
          out = String((err as { stdout?: string }).stdout ?? '');
        }
        // DL3004 (sudo) can only fire when the bundled CLI parsed the RUN's shell.
        const lines = (JSON.parse(out) as { diagnostics: { code: string; line: number }[] }[])[0]!.diagnostics
          .filter((d) => d.code === 'DL3004')
          .map((d) => d.line);
        expect(lines).toEqual([3, 4]);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
