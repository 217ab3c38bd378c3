// runShellcheck: batching, hadolint's script preamble, mapping SC findings to Dockerfile ranges,
// and failing soft (missing binary, timeout, garbage output).
import { chmodSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Diagnostic } from '../src/core/diagnostic.js';
import { parse } from '../src/parser/index.js';
import { runShellcheck } from '../src/shell/shellcheck.js';
import { shellcheckInstalled } from './shellcheck-installed.js';

const installed = shellcheckInstalled('the ShellCheck integration tests');

async function check(text: string): Promise<{ text: string; diagnostics: Diagnostic[] }> {
  const result = await runShellcheck([{ filename: 'Dockerfile', file: parse(text) }]);
  expect(result.available).toBe(true);
  return { text, diagnostics: result.diagnostics.get('Dockerfile')! };
}
const codes = (ds: Diagnostic[]) => ds.map((d) => d.code);

describe.skipIf(!installed)('ShellCheck findings', () => {
  it('maps a finding after a continuation to the exact Dockerfile line and column', async () => {
    const text = ['FROM alpine', 'ARG version', 'ENV home_dir=/x', 'RUN echo hi && \\', '# comment inside', '    cd /tmp && echo $version $unset_var', ''].join('\n');
    const { diagnostics } = await check(text);
    const sc2086 = diagnostics.find((d) => d.code === 'SC2086');
    expect(sc2086).toBeDefined();
    expect(text.slice(sc2086!.range.start, sc2086!.range.end)).toBe('$unset_var');
    expect(sc2086!.range).toMatchObject({ startLine: 6, startColumn: 30, endLine: 6, endColumn: 40 });
    expect(sc2086!.severity).toBe('info');
    expect(sc2086!.url).toBe('https://www.shellcheck.net/wiki/SC2086');
    // ARG and ENV names are exported for ShellCheck (as hadolint does), so only the unset one is reported.
    const sc2154 = diagnostics.filter((d) => d.code === 'SC2154');
    expect(sc2154.map((d) => text.slice(d.range.start, d.range.end))).toEqual(['$unset_var']);
    expect(sc2154[0]!.severity).toBe('warning');
  });

  it('maps a finding inside a word split by a continuation', async () => {
    const text = 'FROM a\nRUN echo $(l\\\ns) $foo\n';
    const { diagnostics } = await check(text);
    const sub = diagnostics.find((d) => d.code === 'SC2046');
    expect(sub?.range).toMatchObject({ startLine: 2, startColumn: 10, endLine: 3, endColumn: 3 });
  });

  it('exports ARGs of the stage, ENV of parent stages, and only ENV for ONBUILD RUN', async () => {
    const text = [
      'FROM a AS base',
      'ARG base_arg',
      'ENV base_env=1',
      'FROM base',
      'ARG own_arg',
      'RUN echo "$base_arg" "$base_env" "$own_arg"',
      'ONBUILD RUN echo "$own_arg" "$base_env"',
      '',
    ].join('\n');
    const unset = (await check(text)).diagnostics.filter((d) => d.code === 'SC2154').map((d) => [d.range.startLine, text.slice(d.range.start, d.range.end)]);
    expect(unset).toEqual([[6, '$base_arg'], [7, '$own_arg']]);
  });

  it('checks many RUNs and files in one batch and keys results by filename', async () => {
    const a = parse('FROM a\nRUN cd /x\nONBUILD RUN cd /y\n');
    const b = parse('FROM b\nRUN echo "$1" && [ $x == y ]\nRUN ["cd", "/exec-form-skipped"]\n');
    const result = await runShellcheck([{ filename: 'a/Dockerfile', file: a }, { filename: 'b/Dockerfile', file: b }]);
    expect(result.available).toBe(true);
    const da = result.diagnostics.get('a/Dockerfile')!;
    expect(codes(da)).toEqual(['SC2164', 'SC2164']);
    expect(da.map((d) => d.range.startLine)).toEqual([2, 3]);
    const db = result.diagnostics.get('b/Dockerfile')!;
    expect(codes(db)).toContain('SC2154');
    expect(db.every((d) => d.range.startLine === 2)).toBe(true);
  });

  it('uses the SHELL in effect for the shebang and skips non-POSIX shells and pragmas', async () => {
    const bashism = 'FROM a\nSHELL ["/bin/bash", "-c"]\nRUN [[ -f /x ]] && echo ok\n';
    expect(codes((await check(bashism)).diagnostics)).not.toContain('SC3010');
    const sh = 'FROM a\nRUN [[ -f /x ]] && echo ok\n';
    expect(codes((await check(sh)).diagnostics)).toContain('SC3010');
    expect((await check('FROM a\nSHELL ["pwsh", "-c"]\nRUN cd $x\n')).diagnostics).toEqual([]);
    expect((await check('FROM a\n# hadolint shell=powershell\nRUN cd $x\n')).diagnostics).toEqual([]);
    expect(codes((await check('# hadolint shell=bash\nFROM a\nRUN [[ -f /x ]] && echo ok\n')).diagnostics)).not.toContain('SC3010');
    // busybox and ash shells are checked (as dash), not dropped as an unknown shebang.
    expect(codes((await check('FROM a\nSHELL ["/bin/busybox", "sh", "-c"]\nRUN cd /x\n')).diagnostics)).toEqual(['SC2164']);
    expect(codes((await check('FROM a\nSHELL ["/bin/ash", "-eo", "pipefail", "-c"]\nRUN cd /x\n')).diagnostics)).toEqual(['SC2164']);
  });

  it('checks heredoc scripts with ranges in the body', async () => {
    const text = 'FROM a\nRUN <<EOF\ncd /app\necho $foo\nEOF\n';
    const { diagnostics } = await check(text);
    const cd = diagnostics.find((d) => d.code === 'SC2164');
    expect(cd?.range).toMatchObject({ startLine: 3, startColumn: 1, endLine: 3, endColumn: 8 });
    const foo = diagnostics.find((d) => d.code === 'SC2154');
    expect(text.slice(foo!.range.start, foo!.range.end)).toBe('$foo');
  });

  it('checks the heredoc data a command line gets, as the shell expands it (hadolint stops at the marker)', async () => {
    const text = 'FROM a\nRUN python3 <<EOF\nprint("$version")\nEOF\nRUN cat <<\'EOF\' > /x\n$literal\nEOF\n';
    const { diagnostics } = await check(text);
    // Unquoted: the shell expands $version before python3 reads it. Quoted: nothing is expanded.
    expect(diagnostics.map((d) => `${d.code}@${d.range.startLine}:${d.range.startColumn}`)).toEqual(['SC2154@3:8']);
  });

  it('checks a heredoc fed to bash as a bash script', async () => {
    const { diagnostics } = await check('FROM a\nRUN <<EOT bash\n[[ -f /x ]] && cd /y\nEOT\n');
    expect(codes(diagnostics)).not.toContain('SC3010');
    expect(diagnostics.find((d) => d.code === 'SC2164')?.range).toMatchObject({ startLine: 3, startColumn: 16, endColumn: 21 });
  });

  it('does not see the CR of CRLF files (BuildKit drops it) and maps CRLF lines exactly', async () => {
    const text = 'FROM a\r\nRUN <<EOF\r\necho one\r\ncd /x\r\nEOF\r\nRUN echo a && \\\r\n  cd /y\r\n';
    const { diagnostics } = await check(text);
    expect(codes(diagnostics)).toEqual(['SC2164', 'SC2164']);
    expect(diagnostics.map((d) => text.slice(d.range.start, d.range.end))).toEqual(['cd /x', 'cd /y']);
    expect(diagnostics.map((d) => [d.range.startLine, d.range.startColumn])).toEqual([[4, 1], [7, 3]]);
  });

  it('offers ShellCheck fixes as unsafe edits of the Dockerfile', async () => {
    const text = 'FROM a\nRUN echo $x\n';
    const { diagnostics } = await check(text);
    const d = diagnostics.find((x) => x.code === 'SC2086')!;
    expect(d.fix?.safety).toBe('unsafe');
    const edits = [...d.fix!.edits].sort((p, q) => q.range.start - p.range.start);
    let fixed = text;
    for (const e of edits) fixed = fixed.slice(0, e.range.start) + e.text + fixed.slice(e.range.end);
    expect(fixed).toBe('FROM a\nRUN echo "$x"\n');
  });

  it('gives identical scripts in different files the same findings, and the same again on a re-run', async () => {
    const text = 'FROM a\nRUN cd /same-in-both\n';
    const items = [{ filename: 'one', file: parse(text) }, { filename: 'two', file: parse('FROM b\n' + text.slice(7)) }];
    const first = await runShellcheck(items);
    const again = await runShellcheck(items);
    for (const r of [first, again]) {
      expect(codes(r.diagnostics.get('one')!)).toEqual(['SC2164']);
      expect(codes(r.diagnostics.get('two')!)).toEqual(['SC2164']);
    }
    expect(again.diagnostics.get('one')).toEqual(first.diagnostics.get('one'));
  });

  it('returns empty lists for files without RUNs', async () => {
    const result = await runShellcheck([{ filename: 'x', file: parse('FROM a\nCOPY . .\n') }]);
    expect(result).toMatchObject({ available: true });
    expect(result.diagnostics.get('x')).toEqual([]);
  });
});

const corpus = join(resolve(import.meta.dirname, '..', '../shared'), 'corpus/files');
if (installed && !existsSync(corpus)) console.warn(`${corpus} is missing: skipping the ShellCheck corpus sample`);

describe.skipIf(!installed || !existsSync(corpus))('ShellCheck over a corpus sample', () => {
  it('places every finding inside the RUN it came from', async () => {
    const names = readdirSync(corpus).sort().filter((_, i) => i % 100 === 0);
    const items = names.map((name) => ({ filename: name, file: parse(readFileSync(join(corpus, name), 'utf8')) }));
    const result = await runShellcheck(items);
    expect(result.available).toBe(true);
    let findings = 0;
    for (const { filename, file } of items) {
      const runs = file.instructions.filter((i) => i.keyword === 'RUN' || i.keyword === 'ONBUILD');
      for (const d of result.diagnostics.get(filename)!) {
        findings++;
        const owner = runs.find((r) => r.range.start <= d.range.start && d.range.end <= r.range.end);
        expect(owner, `${filename} ${d.code} at ${d.range.startLine}:${d.range.startColumn}`).toBeDefined();
        expect(d.code).toMatch(/^SC\d{4}$/);
      }
    }
    expect(findings).toBeGreaterThan(0);
  }, 300_000);
});

describe('when shellcheck cannot run', () => {
  const dir = mkdtempSync(join(tmpdir(), 'dockhand-fake-sc-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const fake = (name: string, body: string) => {
    const p = join(dir, name);
    writeFileSync(p, `#!/bin/sh\n${body}\n`);
    chmodSync(p, 0o755);
    return p;
  };
  const file = parse('FROM a\nRUN cd /x\n');

  it('reports a missing binary as unavailable', async () => {
    const r = await runShellcheck([{ filename: 'D', file }], { shellcheckPath: join(dir, 'does-not-exist') });
    expect(r.available).toBe(false);
    expect(r.reason).toMatch(/not found/);
    expect(r.diagnostics.get('D')).toEqual([]);
  });

  it('times out instead of hanging', async () => {
    const slow = fake('slow', 'exec sleep 30');
    const r = await runShellcheck([{ filename: 'D', file }], { shellcheckPath: slow, timeoutMs: 300 });
    expect(r.available).toBe(false);
    expect(r.reason).toMatch(/timed out/);
  });

  it('reports unreadable output instead of throwing', async () => {
    const garbage = fake('garbage', 'echo "this is not json"');
    const r = await runShellcheck([{ filename: 'D', file }], { shellcheckPath: garbage });
    expect(r.available).toBe(false);
    expect(r.reason).toMatch(/not JSON/);
  });

  it('reports a crashing binary', async () => {
    const crash = fake('crash', 'case "$1" in --version) echo 0.0;; *) echo boom >&2; exit 3;; esac');
    const r = await runShellcheck([{ filename: 'D', file }], { shellcheckPath: crash });
    expect(r.available).toBe(false);
    expect(r.reason).toMatch(/boom/);
  });
});
