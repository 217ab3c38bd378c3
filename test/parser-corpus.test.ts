// Every Dockerfile of ../shared/corpus parses without an internal error, satisfies the AST
// invariants, and only the files known to be invalid report syntax errors (for the reasons listed).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { dump, parseBytes } from '../src/parser/index.js';
import { invariantViolations } from './parser-invariants.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const corpus = path.resolve(repoRoot, '../shared/corpus');
const files = path.join(corpus, 'files');
const present = existsSync(files);
if (!present) console.warn(`parser corpus test skipped: ${files} is missing`);

/**
 * Corpus files with syntax errors and the first error each reports. They are invalid for BuildKit
 * too: test fixtures of other tools, and real files that `docker build` rejects.
 */
const EXPECTED_ERRORS: Record<string, string> = {
  // Test fixtures (deliberately invalid or testing other tools' edge cases).
  'docker__docker-language-server__testdata__completion__Dockerfile': 'FROM requires either one or three arguments',
  'moby__buildkit__frontend__dockerfile__parser__testfiles-negative__env_no_value__Dockerfile': 'ENV must have two arguments',
  'moby__buildkit__frontend__dockerfile__parser__testfiles__flags__Dockerfile': 'unknown flag: --user',
  'moby__buildkit__frontend__dockerfile__parser__testfiles__health__Dockerfile': 'HEALTHCHECK requires at least one argument',
  'replicatedhq__dockerfilelint__test__examples__Dockerfile.misc': 'no build stage in current context',
  'replicatedhq__dockerfilelint__test__examples__Dockerfile.shell.fail': 'SHELL requires the arguments to be in JSON form',
  // Real files BuildKit rejects: a continuation broken by a missing `\`, and a flag without `=`.
  'fedora-cloud__Fedora-Dockerfiles__haskell__Dockerfile': 'unknown instruction: ghc-unordered-containers-devel',
  'oracle__docker-images__OracleDatabase__GDD__containerfiles__19.3.0__Dockerfile_19c': 'unknown instruction: MAINPY="main.py"',
  'vimagick__dockerfiles__obs-web-arm__Dockerfile': 'missing a value on flag: --from',
};

describe.skipIf(!present)('corpus', () => {
  const names = present ? readdirSync(files).sort() : [];

  it('parses every file without an internal error, with well-formed ranges and segments', () => {
    expect(names.length).toBeGreaterThan(3000);
    const broken: string[] = [];
    for (const name of names) {
      const file = parseBytes(readFileSync(path.join(files, name)));
      if (file.diagnostics.some((d) => d.message.startsWith('internal parser error'))) broken.push(`${name}: internal error`);
      const v = invariantViolations(file);
      if (v.length > 0) broken.push(`${name}: ${v[0]}`);
      dump(file);
    }
    expect(broken).toEqual([]);
  });

  it('reports syntax errors only for the known invalid files', () => {
    const found: Record<string, string> = {};
    for (const name of names) {
      const file = parseBytes(readFileSync(path.join(files, name)));
      const first = file.diagnostics.find((d) => d.severity === 'error');
      if (first) found[name] = first.message;
    }
    expect(found).toEqual(EXPECTED_ERRORS);
  });
});
