// Robustness of the BuildKit-check and DH rules: on arbitrary Dockerfile-like text (and with a build
// context) they never crash and every range lies inside the text.
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { initLinter, lint, RULE_CRASH_CODE } from '../src/linter/index.js';
import { allRules } from '../src/rules/index.js';
import { memoryContext } from './linter-helpers.js';

const MINE = new Set([
  'stage-name-casing', 'from-as-casing', 'no-empty-continuation', 'consistent-instruction-casing', 'duplicate-stage-name',
  'json-args-recommended', 'maintainer-deprecated', 'undefined-arg-in-from', 'workdir-relative-path', 'require-absolute-workdir',
  'undefined-var', 'multiple-cmd', 'multiple-entrypoint', 'multiple-healthcheck', 'legacy-key-value-format',
  'invalid-base-image-platform', 'secrets-used-in-arg-or-env', 'invalid-default-arg-in-from',
  'from-platform-flag-const-disallowed', 'copy-ignored-file', 'invalid-definition-description', 'expose-proto-casing',
  'expose-invalid-format', 'copy-all-without-dockerignore', 'incomplete-dockerignore', 'copy-missing-source',
  'copy-outside-context', 'apt-get-update-alone', 'inline-comment', 'instruction-not-uppercase', 'cleanup-in-later-layer',
  'npm-cache-not-cleaned',
]);
const rules = allRules.filter((r) => MINE.has(r.name));

const words = [
  'FROM', 'from', 'From', 'AS', 'as', 'alpine', 'scratch', 'base', 'Base', '--platform=$TARGETPLATFORM', '--platform=linux/amd64',
  'ARG', 'ENV', 'LABEL', 'COPY', 'ADD', 'RUN', 'CMD', 'ENTRYPOINT', 'HEALTHCHECK', 'EXPOSE', 'WORKDIR', 'MAINTAINER', 'ONBUILD',
  'SHELL', 'USER', 'VOLUME', '--from=base', '--mount=type=cache,target=/root/.npm', '.', './', '../x', '/app', 'a=b', 'k', 'v',
  '$X', '${Y:-z}', '${', '"q q"', "'s'", '[', '"x"]', '["a",', '#', '# c', '\\', '`', '<<EOF', 'EOF', 'apt-get', 'update',
  'install', 'npm', 'ci', 'rm', '-rf', '/var/lib/apt/lists/*', '&&', '|', ';', '80/TCP', '1.2.3.4:80:80', 'TOKEN=1', 'é', '\t',
];
const line = fc.array(fc.constantFrom(...words), { maxLength: 8 }).map((ws) => ws.join(' '));
const text = fc.array(line, { maxLength: 14 }).chain((lines) =>
  fc.constantFrom('\n', '\r\n').map((eol) => lines.join(eol)),
);

beforeAll(async () => {
  await initLinter();
});

describe('BuildKit/DH rules on arbitrary input', () => {
  it('never crash and report ranges inside the text', () => {
    fc.assert(
      fc.property(text, fc.boolean(), (t, withContext) => {
        const buildContext = withContext
          ? memoryContext({ context: ['a', 'src/b', '.git/', '.env'], dockerignore: withContext ? '*.md\nsrc\n' : undefined, gitignore: 'dist/\n' })
          : undefined;
        const { diagnostics } = lint(t, { rules, buildContext, config: { check: 'experimental=all' } });
        for (const d of diagnostics) {
          expect(d.code).not.toBe(RULE_CRASH_CODE);
          expect(d.range.start).toBeGreaterThanOrEqual(0);
          expect(d.range.end).toBeLessThanOrEqual(t.length);
          expect(d.range.start).toBeLessThanOrEqual(d.range.end);
          for (const e of d.fix?.edits ?? []) expect(e.range.end).toBeLessThanOrEqual(t.length);
        }
      }),
      { numRuns: 400 },
    );
  });
});
