// Fixes that append a command to a RUN land before a trailing shell comment (where they would be
// commented out and never converge), and a merge of RUNs is not offered after one.
import { beforeAll, describe, expect, it } from 'vitest';
import { applyFixes } from '../src/core/apply-fixes.js';
import type { Fix } from '../src/core/diagnostic.js';
import { initLinter, lint } from '../src/linter/index.js';
import { parse } from '../src/parser/index.js';
import { runAppendRange, trailingShellComment } from '../src/rules/utils/run-edits.js';

beforeAll(async () => {
  await initLinter();
});

function runOf(text: string) {
  const run = parse(text).instructions.find((i) => i.keyword === 'RUN');
  if (!run) throw new Error('no RUN');
  return run;
}

/** Applies every fix of `code` (unsafe included) until none is left; returns the final text. */
function fixAll(text: string, code: string): string {
  let current = text;
  for (let pass = 0; pass < 5; pass++) {
    const fixes = lint(current).diagnostics.filter((d) => d.code === code && d.fix).map((d) => d.fix as Fix);
    if (fixes.length === 0) return current;
    current = applyFixes(current, fixes).text;
  }
  throw new Error(`${code}: fixes did not converge:\n${current}`);
}

describe('trailingShellComment', () => {
  it.each([
    ['yum install -y tar # TODO remove', 19],
    ['echo a;# c', 7],
    ['echo "a # not" # yes', 15],
    ["echo 'a # not' b", undefined],
    ['echo a#b ${#x} $# \\# x', undefined],
    ['# all comment', 0],
  ])('%s', (args, want) => {
    expect(trailingShellComment(runOf(`FROM a\nRUN ${args}\n`))).toBe(want);
  });
});

describe('runAppendRange', () => {
  it('is the end of the arguments without a comment', () => {
    const text = 'FROM a\nRUN yum install -y tar   \n';
    const r = runAppendRange(runOf(text))!;
    expect(text.slice(0, r.start)).toBe('FROM a\nRUN yum install -y tar');
    expect([r.startLine, r.startColumn]).toEqual([2, 23]);
  });
  it('is before a trailing comment, after the last non-blank character', () => {
    const text = 'FROM a\nRUN yum install \\\n  -y tar \t# TODO\n';
    const r = runAppendRange(runOf(text))!;
    expect(text.slice(0, r.start).endsWith('-y tar')).toBe(true);
    expect([r.startLine, r.startColumn]).toEqual([3, 9]);
  });
  it('gives up on a comment that spans a continuation and on a comment-only script', () => {
    expect(runAppendRange(runOf('FROM a\nRUN yum install -y tar # x \\\n  more\n'))).toBeUndefined();
    expect(runAppendRange(runOf('FROM a\nRUN # nothing\n'))).toBeUndefined();
  });
});

describe('append-style fixes converge with a trailing comment', () => {
  it.each([
    ['DL3032', 'RUN yum install -y tar-1.0 # TODO remove', 'RUN yum install -y tar-1.0 && yum clean all # TODO remove'],
    ['DL3040', 'RUN dnf install -y tar-1.0 # note', 'RUN dnf install -y tar-1.0 && dnf clean all # note'],
    ['DL3036', 'RUN zypper install -y tar=1.0 # note', 'RUN zypper install -y tar=1.0 && zypper clean # note'],
    ['DL3060', 'RUN yarn install # deps', 'RUN yarn install && yarn cache clean # deps'],
    ['DL3032', 'RUN yum install -y tar-1.0 \\\n  && echo "# not a comment"', 'RUN yum install -y tar-1.0 \\\n  && echo "# not a comment" && yum clean all'],
  ])('%s: %s', (code, run, want) => {
    expect(fixAll(`FROM centos:7\n${run}\n`, code)).toBe(`FROM centos:7\n${want}\n`);
  });
  it('keeps CRLF line ends and a missing final newline', () => {
    expect(fixAll('FROM centos:7\r\nRUN yum install -y tar-1.0 # x\r\n', 'DL3032')).toBe('FROM centos:7\r\nRUN yum install -y tar-1.0 && yum clean all # x\r\n');
    expect(fixAll('FROM centos:7\nRUN yum install -y tar-1.0 # x', 'DL3032')).toBe('FROM centos:7\nRUN yum install -y tar-1.0 && yum clean all # x');
  });
  it('DL3059 offers no merge after a RUN that ends in a comment', () => {
    const text = 'FROM alpine:3\nRUN echo a # note\nRUN echo b\n';
    const d = lint(text).diagnostics.filter((x) => x.code === 'DL3059');
    expect(d).toHaveLength(1);
    expect(d[0]!.fix).toBeUndefined();
    const plain = lint('FROM alpine:3\nRUN echo a\nRUN echo b\n').diagnostics.filter((x) => x.code === 'DL3059');
    expect(plain[0]?.fix).toBeDefined();
  });
});
