// Parity with hadolint 2.15.1 for DL3016-DL3033: cases outside hadolint's own test suite where a
// reading of its rule sources showed dockhand answering differently, each fixed here (or kept, with
// the reason in docs/hadolint-deviations.md).
import { beforeAll, describe, expect, it } from 'vitest';
import { initLinter } from '../src/linter/index.js';
import { at, findings } from './rules-kit.js';

beforeAll(() => initLinter());

/** The text of each finding of `rule` in `text`. */
function found(rule: string, text: string): string[] {
  return findings(rule, text).map((d) => at(text, d));
}

describe('packages after `--` are still packages', () => {
  // hadolint keeps every non-flag word after the subcommand, `--` and what follows it included
  // (getArgsNoFlags: `--` is no flag), so `npm install -- express` is reported. npm, apk and apt-get
  // all install the words after `--`: each unpinned one is reported.
  it('DL3016: npm install -- express', () => {
    expect(found('DL3016', 'FROM node:22\nRUN npm install -- express\n')).toEqual(['express']);
    expect(found('DL3016', 'FROM node:22\nRUN npm install -g -- express@4.21.2\n')).toEqual([]);
  });
  it('DL3018: apk add -- curl', () => {
    expect(found('DL3018', 'FROM alpine:3.20\nRUN apk add --no-cache -- curl git=2.45.2-r0\n')).toEqual(['curl']);
  });
  it('DL3008 (the same reading of apt-get): apt-get install -- vim', () => {
    expect(found('DL3008', 'FROM debian:12\nRUN apt-get install -y -- vim curl=7.88.1-10\n')).toEqual(['vim']);
  });
  it('DL3028: words after `--` go to the gem build, not gems (hadolint agrees)', () => {
    expect(found('DL3028', 'FROM ruby:3.3\nRUN gem install rails:7.2.1 -- --with-cflags\n')).toEqual([]);
  });
});

describe('DL3016: the version after a scope', () => {
  // hadolint looks for `@` after the scope (dropScope skips the leading `@name`); a word that is
  // only `@scope` has nothing after it, so no version: it is reported, as by hadolint.
  it('`@scope` alone is not pinned by its own `@`', () => {
    expect(found('DL3016', 'FROM node:22\nRUN npm install @angular @types/node@22.7.4\n')).toEqual(['@angular']);
  });
});

describe('messages', () => {
  it("DL3027: hadolint's wording (`an end-user tool`)", () => {
    expect(findings('DL3027', 'FROM debian:12\nRUN apt install -y curl\n').map((d) => d.message)).toEqual([
      'Do not use apt as it is meant to be an end-user tool, use apt-get or apt-cache instead',
    ]);
  });
});

describe('kept deviations', () => {
  // hadolint's DL3016 only accepts `#` on URLs starting `git://` or `git+...://`; an https URL with
  // `#ref` has no `@` and is reported. npm installs exactly that ref: dockhand takes it as pinned
  // (docs/hadolint-deviations.md, DL3016).
  it('DL3016: an https git URL with `#ref` is pinned', () => {
    expect(found('DL3016', 'FROM node:22\nRUN npm install https://github.com/npm/cli.git#v10.9.0\n')).toEqual([]);
    expect(found('DL3016', 'FROM node:22\nRUN npm install https://github.com/npm/cli.git\n')).toEqual(['https://github.com/npm/cli.git']);
  });
});
