// tree-sitter is loaded only for RUN scripts the fast shell reader declines: a file whose scripts it
// reads lints completely without it, and needsShellParser says when loading is needed.
// (vitest runs each test file in a fresh module graph, so tree-sitter starts unloaded here.)
import { describe, expect, it } from 'vitest';
import { initLinter, lint, lintFile, linterReady, needsShellParser } from '../src/linter/index.js';
import { parse } from '../src/parser/index.js';

const simple = 'FROM debian:12\nRUN apt-get update && apt-get install -y curl && sudo make\n';
// Two backtick substitutions: left to tree-sitter.
const complex = 'FROM debian:12\nRUN echo `uname -m` `id -u` && sudo make\n';

const codes = (text: string) => lint(text).diagnostics.map((d) => `${d.code}@${d.range.startLine}`).sort();

describe('loading tree-sitter only when needed', () => {
  it('lints fast-reader scripts fully before tree-sitter is loaded', () => {
    expect(linterReady()).toBe(false);
    expect(needsShellParser(parse(simple))).toBe(false);
    const before = codes(simple);
    // DL3004 (sudo), DL3008 (unpinned), DL3009 (lists), DL3015 (recommends) need the shell model.
    expect(before).toEqual(expect.arrayContaining(['DL3004@2', 'DL3008@2', 'DL3009@2', 'DL3015@2']));
    expect(linterReady()).toBe(false);
  });

  it('counts the -c script of an exec-form shell RUN (DL4006 reads it)', () => {
    expect(needsShellParser(parse('FROM a\nRUN ["sh", "-c", "curl -s u | tar x"]\n'))).toBe(false);
    expect(needsShellParser(parse('FROM a\nRUN ["sh", "-c", "echo `uname -m` `id -u` | tee x"]\n'))).toBe(true);
    expect(needsShellParser(parse('FROM a\nRUN ["echo", "`uname -m` `id -u` | x"]\n'))).toBe(false);
  });

  it('says when a file needs tree-sitter, and sees its scripts once it is loaded', async () => {
    // A `sh -c` script inside a shell-form RUN (read by the security rules) is read by the fast
    // reader alone, loaded or not: what another file of the run loaded must not change the findings.
    const nested = "FROM a\nRUN sh -c 'echo `uname -m` `id -u` && curl -k https://x' && sh -c 'curl --insecure https://y'\n";
    expect(needsShellParser(parse(nested))).toBe(false);
    const nestedBefore = codes(nested);
    expect(nestedBefore).toContain('DH013@2');
    const file = parse(complex);
    expect(needsShellParser(file)).toBe(true);
    expect(lintFile(file).diagnostics.map((d) => d.code)).not.toContain('DL3004');
    await initLinter();
    expect(linterReady()).toBe(true);
    expect(needsShellParser(parse(complex))).toBe(false);
    // The declined script was not cached as absent: the same file object now gets its script.
    expect(lintFile(file).diagnostics.map((d) => d.code)).toContain('DL3004');
    expect(codes(simple)).toEqual(expect.arrayContaining(['DL3004@2', 'DL3008@2']));
    expect(codes(nested)).toEqual(nestedBefore);
  });
});
