// Every rule on arbitrary Dockerfile-like text (with and without a build context): none crashes,
// and every range (and every fix edit) lies inside the text.
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { allRules, initLinter, lint, RULE_CRASH_CODE } from '../src/linter/index.js';
import { memoryContext } from './linter-helpers.js';

beforeAll(() => initLinter());

describe('every rule on arbitrary input', () => {
  it('RUN lines of package-manager words, FROM/COPY/USER lines: no crash, ranges inside the text', () => {
    const word = fc.constantFrom(
      'apt-get', 'apt', 'install', 'update', '-y', '-qq', '-t', '--no-install-recommends', 'pip', 'pip3', 'python', '-m',
      'npm', 'i', 'apk', 'add', '--no-cache', '-X', 'gem', '--', '-v', 'sudo', 'cd', 'rm', '-rf', '/var/lib/apt/lists/*',
      'tar', '-xf', 'a.tar', 'x=1', '"q u"', "'s'", '$V', '${V:-x}', '&&', '||', ';', '|', '(', ')', '\\\n', '<<EOF',
      '#', '=', '@', ':', '.', '/', 'foo@1', '@s/p', 'git+https://h/r.git@v', '-o', 'APT::Get::Assume-Yes=true',
    );
    const line = fc.oneof(
      fc.array(word, { maxLength: 12 }).map((ws) => `RUN ${ws.join(' ')}`),
      fc.array(word, { maxLength: 8 }).map((ws) => `ONBUILD RUN ${ws.join(' ')}`),
      fc.constantFrom(
        'FROM a:latest AS s', 'FROM s', 'FROM --platform=linux/amd64 b', 'FROM $X', 'FROM', 'USER root', 'USER 0:0',
        'COPY a.tar b c', 'COPY --from=s x .', 'COPY --from=9 x y', 'COPY ["a", "b"]', 'ADD f /x', 'ADD', 'EXPOSE 99999 1-x',
        'RUN ["apt-get", "install", "z"]', 'RUN --mount=type=cache,target=/var/cache/apk,from=q.io/i apk add k',
        '# hadolint ignore=DL3008', 'EOF', 'SHELL ["pwsh", "-c"]', 'RUN <<EOF', 'apt-get install j', 'EOF',
      ),
    );
    fc.assert(
      fc.property(fc.array(line, { maxLength: 12 }), (lines) => {
        const text = `${lines.join('\n')}\n`;
        const ds = lint(text, { rules: allRules, config: { trustedRegistries: ['x.io'], severity: { DL1001: 'info' } } }).diagnostics;
        for (const d of ds) {
          expect(d.code).not.toBe(RULE_CRASH_CODE);
          expect(d.range.start).toBeGreaterThanOrEqual(0);
          expect(d.range.end).toBeLessThanOrEqual(text.length);
          expect(d.range.start).toBeLessThanOrEqual(d.range.end);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('lines of instruction words, LF or CRLF, with or without a context: no crash, ranges and fix edits inside the text', () => {
    const words = [
      'FROM', 'from', 'From', 'AS', 'as', 'alpine', 'scratch', 'base', 'Base', '--platform=$TARGETPLATFORM', '--platform=linux/amd64',
      'ARG', 'ENV', 'LABEL', 'COPY', 'ADD', 'RUN', 'CMD', 'ENTRYPOINT', 'HEALTHCHECK', 'EXPOSE', 'WORKDIR', 'MAINTAINER', 'ONBUILD',
      'SHELL', 'USER', 'VOLUME', '--from=base', '--mount=type=cache,target=/root/.npm', '.', './', '../x', '/app', 'a=b', 'k', 'v',
      '$X', '${Y:-z}', '${', '"q q"', "'s'", '[', '"x"]', '["a",', '#', '# c', '\\', '`', '<<EOF', 'EOF', 'apt-get', 'update',
      'install', 'npm', 'ci', 'rm', '-rf', '/var/lib/apt/lists/*', '&&', '|', ';', '80/TCP', '1.2.3.4:80:80', 'TOKEN=1', 'é', '\t',
    ];
    const line = fc.array(fc.constantFrom(...words), { maxLength: 8 }).map((ws) => ws.join(' '));
    const text = fc.array(line, { maxLength: 14 }).chain((lines) => fc.constantFrom('\n', '\r\n').map((eol) => lines.join(eol)));
    fc.assert(
      fc.property(text, fc.boolean(), (t, withContext) => {
        const buildContext = withContext
          ? memoryContext({ context: ['a', 'src/b', '.git/', '.env'], dockerignore: withContext ? '*.md\nsrc\n' : undefined, gitignore: 'dist/\n' })
          : undefined;
        const { diagnostics } = lint(t, { rules: allRules, buildContext, config: { check: 'experimental=all' } });
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
