// Folding ranges, document links, signature help, semantic tokens and range / on-type formatting
// (src/service): each answer is checked against the text it speaks about.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { dump, parse } from '../src/parser/index.js';
import {
  documentLinks, encodeTokens, foldingRanges, imagePage, onTypeFormatting, rangeFormatting, semanticTokens, signatureHelp, tokensDelta,
  TOKEN_TYPES,
} from '../src/service/index.js';
import { format } from '../src/format/index.js';
import { apply, at } from './service-helpers.js';


const lineOf = (text: string, offset: number) => text.slice(0, offset).split('\n').length;

describe('folding ranges', () => {
  it('folds stages, continued instructions, heredoc bodies and comment blocks', () => {
    const text = [
      '# syntax=docker/dockerfile:1',
      '# first comment',
      '# second comment',
      'FROM alpine AS build',
      'RUN apk add \\',
      '      curl \\',
      '      git',
      'COPY <<EOF /etc/motd',
      'hello',
      'EOF',
      '',
      'FROM scratch',
      '# one line',
      'COPY --from=build / /',
      '',
    ].join('\n');
    const folds = foldingRanges(text).map((f) => `${f.kind} ${lineOf(text, f.start)}-${lineOf(text, f.end)}`);
    expect(folds).toEqual(['comment 2-3', 'region 4-10', 'region 5-7', 'region 8-10', 'region 12-14']);
  });

  it('never gives two folds on one line, nor a one-line fold, on any corpus file', () => {
    const dir = '../shared/corpus/files';
    if (!existsSync(dir)) return console.warn(`SKIPPED: ${dir} is absent`);
    for (const name of readdirSync(dir).slice(0, 400)) {
      const text = readFileSync(`${dir}/${name}`, 'utf8');
      const lines = foldingRanges(text).map((f) => [lineOf(text, f.start), lineOf(text, f.end)] as const);
      expect(new Set(lines.map((l) => l[0])).size, name).toBe(lines.length);
      for (const [a, b] of lines) expect(b, name).toBeGreaterThan(a);
    }
  });
});

describe('document links', () => {
  it('links images to their registry page', () => {
    expect(imagePage('alpine:3.20')).toBe('https://hub.docker.com/_/alpine');
    expect(imagePage('library/node@sha256:' + 'a'.repeat(64))).toBe('https://hub.docker.com/_/node');
    expect(imagePage('docker.io/library/debian')).toBe('https://hub.docker.com/_/debian');
    expect(imagePage('tonistiigi/xx:1.9.0')).toBe('https://hub.docker.com/r/tonistiigi/xx');
    expect(imagePage('quay.io/prometheus/node-exporter:v1')).toBe('https://quay.io/repository/prometheus/node-exporter');
    expect(imagePage('mcr.microsoft.com/dotnet/sdk:8.0')).toBe('https://mcr.microsoft.com/artifact/mar/dotnet/sdk');
    expect(imagePage('public.ecr.aws/nginx/nginx')).toBe('https://gallery.ecr.aws/nginx/nginx');
    expect(imagePage('ghcr.io/owner/tool:1')).toBe('https://ghcr.io/owner/tool');
    expect(imagePage('registry.example.com:5000/team/app:1')).toBe('https://registry.example.com:5000/team/app');
    expect(imagePage('localhost:5000/app')).toBeNull();
    expect(imagePage('Not A Ref')).toBeNull();
  });

  it('links FROM, COPY --from and mount images (variables expanded), and COPY/ADD sources to the context', () => {
    const text = [
      'ARG TAG=3.20',
      'FROM alpine:${TAG} AS build',
      'FROM build',
      'COPY --from=nginx:1 /etc/nginx /etc/nginx',
      'RUN --mount=type=bind,from=busybox,target=/bb true',
      'COPY app.js lib/ missing.txt *.json /srv/',
      'ADD https://example.com/x.tgz /tmp/',
      '',
    ].join('\n');
    const context = { uri: 'file:///projects/app', has: (p: string) => ['app.js', 'lib', 'package.json'].includes(p) };
    const links = documentLinks(text, context).map((l) => `${text.slice(l.start, l.end)} -> ${l.target}`);
    expect(links).toEqual([
      'alpine:${TAG} -> https://hub.docker.com/_/alpine',
      'nginx:1 -> https://hub.docker.com/_/nginx',
      'busybox -> https://hub.docker.com/_/busybox',
      'app.js -> file:///projects/app/app.js',
      'lib/ -> file:///projects/app/lib',
      'https://example.com/x.tgz -> https://example.com/x.tgz',
    ]);
    // Without a context, only the registry pages and remote sources.
    expect(documentLinks(text).map((l) => l.target)).toHaveLength(4);
    // A source that climbs out of the context is read from its root, as BuildKit does.
    const up = 'FROM alpine\nCOPY ../app.js ../../nope /srv/\n';
    expect(documentLinks(up, context).map((l) => [up.slice(l.start, l.end), l.target, l.tooltip])).toEqual([
      ['alpine', 'https://hub.docker.com/_/alpine', 'alpine on hub.docker.com'],
      ['../app.js', 'file:///projects/app/app.js', "app.js in the build context (../app.js climbs out of the context; BuildKit reads it from the context's root)"],
    ]);
  });

  it('links the sources of RUN bind mounts of the build context, not those of other stages or images', () => {
    const text = [
      'FROM golang:1.22 AS build',
      'ARG LOCK=package.json',
      'RUN --mount=type=bind,source=go.sum,target=go.sum --mount=type=bind,src=${LOCK},dst=/l \\',
      '    --mount=type=bind,from=build,source=app.js,target=/a --mount=type=cache,source=lib,target=/c \\',
      '    --mount=type=bind,source=missing,target=/m --mount="type=bind,source=lib,target=/lib" --mount=type=bind,"src=a,b",target=/ab \\',
      '    --mount=type=bind,source=../app.js,target=/up,readonly go build',
      '',
    ].join('\n');
    const context = { uri: 'file:///projects/app', has: (p: string) => ['go.sum', 'app.js', 'lib', 'package.json', 'a,b'].includes(p) };
    const links = documentLinks(text, context).filter((l) => l.target.startsWith('file:')).map((l) => `${text.slice(l.start, l.end)} -> ${l.target}`);
    expect(links).toEqual([
      'go.sum -> file:///projects/app/go.sum',
      '${LOCK} -> file:///projects/app/package.json',
      'lib -> file:///projects/app/lib',
      '../app.js -> file:///projects/app/app.js',
    ]);
    // Not linked: a mount from a stage, a cache mount, a missing source, and a mount BuildKit rejects (the
    // flag's quotes are removed before its fields are split, so `b` is a field of its own).
    // No context: no file links.
    expect(documentLinks(text).filter((l) => l.target.startsWith('file:'))).toEqual([]);
  });
});

describe('signature help', () => {
  const help = (marked: string) => {
    const { text, offset } = at(marked);
    const h = signatureHelp(text, offset);
    if (!h) return null;
    const sig = h.signatures[h.activeSignature]!;
    const p = h.activeParameter === null ? null : sig.parameters[h.activeParameter]!;
    return { label: sig.label, param: p && sig.label.slice(p.label[0], p.label[1]) };
  };

  it('shows the form in use and the parameter being written', () => {
    expect(help('FROM |')).toMatchObject({ param: '<image>[:<tag>|@<digest>]' });
    expect(help('FROM --plat|')).toMatchObject({ param: '[--platform=<platform>]' });
    expect(help('FROM alpine |')?.param).toBe('[AS <name>]');
    expect(help('FROM alpine AS b|')?.param).toBe('[AS <name>]');
    expect(help('FROM a\nCOPY --chown=1 src1 src2 |')?.param).toBe('<dest>');
    expect(help('FROM a\nCOPY --chown=1 sr|c1 src2 dst')?.param).toBe('<src>...');
    expect(help('FROM a\nCOPY --li|')?.param).toBe('[--link]');
    expect(help('FROM a\nCMD ["run", |')).toEqual({ label: 'CMD ["executable", "arg", ...]', param: '"arg"' });
    expect(help('FROM a\nCMD |')).toEqual({ label: 'CMD <command>', param: '<command>' });
    expect(help('FROM a\nRUN apt-get \\\n  install |')?.param).toBe('<command>');
    expect(help('FROM a\nHEALTHCHECK NO|')?.label).toBe('HEALTHCHECK NONE');
    expect(help('FROM a\nONBUILD COPY a |')?.param).toBe('<dest>');
    expect(help('FR|OM a')).toBeNull();
    expect(help('FROM a\n|')).toBeNull();
  });

  it('shows a flag\'s own form inside its value', () => {
    expect(help('FROM a\nRUN --mount=type=cache,tar|get=/x true')).toMatchObject({ param: ',target=<path>' });
    expect(help('FROM a\nRUN --mount=ty|')).toMatchObject({ param: 'type=<bind|cache|tmpfs|secret|ssh>' });
    expect(help('FROM a\nCOPY --chown=|')).toEqual({ label: '--chown=<user>[:<group>]', param: '<user>[:<group>]' });
  });
});

describe('semantic tokens', () => {
  const named = (text: string) =>
    semanticTokens(text).map((t) => `${t.type}${t.modifiers & 1 ? '.decl' : ''}${t.modifiers & 2 ? '.auto' : ''} ${JSON.stringify(text.slice(t.start, t.end))}`);

  it('marks keywords, flags, variables, stage names, strings, comments, directives and heredocs', () => {
    const text = [
      '# syntax=docker/dockerfile:1',
      'ARG TARGETARCH',
      'FROM --platform=$BUILDPLATFORM alpine AS build',
      '# a comment',
      'ENV GREETING="hello $TARGETARCH"',
      'COPY --from=build <<EOF /x',
      'say $GREETING',
      'EOF',
      'CMD ["echo", "hi"]',
      '',
    ].join('\n');
    expect(named(text)).toEqual([
      'macro "# syntax=docker/dockerfile:1"',
      'keyword "ARG"',
      'variable.decl.auto "TARGETARCH"',
      'keyword "FROM"',
      'property "--platform"',
      'parameter "$"',
      'variable.auto "BUILDPLATFORM"',
      'keyword "AS"',
      'namespace.decl "build"',
      'comment "# a comment"',
      'keyword "ENV"',
      'variable.decl "GREETING"',
      'string "\\"hello $"',
      'variable "TARGETARCH"',
      'string "\\""',
      'keyword "COPY"',
      'property "--from"',
      'namespace "build"',
      'operator "<<EOF"',
      'string "say $"',
      'variable "GREETING"',
      'operator "EOF"',
      'keyword "CMD"',
      'string "\\"echo\\""',
      'string "\\"hi\\""',
    ]);
  });

  it('encodes relative positions, never overlapping and one line each, on the corpus', () => {
    const dir = '../shared/corpus/files';
    if (!existsSync(dir)) return console.warn(`SKIPPED: ${dir} is absent`);
    for (const name of readdirSync(dir).slice(0, 300)) {
      const text = readFileSync(`${dir}/${name}`, 'utf8');
      const tokens = semanticTokens(text);
      for (let i = 0; i < tokens.length; i++) {
        const t = tokens[i]!;
        expect(t.end, name).toBeGreaterThan(t.start);
        expect(text.slice(t.start, t.end), name).not.toMatch(/[\r\n]/);
        if (i > 0) expect(t.start, name).toBeGreaterThanOrEqual(tokens[i - 1]!.end);
      }
      // Decoding the encoding gives the tokens back.
      const data = encodeTokens(text, tokens);
      const starts = [0, ...[...text.matchAll(/\n/g)].map((m) => m.index! + 1)];
      let line = 0;
      let char = 0;
      for (let i = 0; i < tokens.length; i++) {
        const [dl, dc, len, type] = data.slice(i * 5, i * 5 + 4) as [number, number, number, number];
        char = dl === 0 ? char + dc : dc;
        line += dl;
        expect(starts[line]! + char, name).toBe(tokens[i]!.start);
        expect(len).toBe(tokens[i]!.end - tokens[i]!.start);
        expect(TOKEN_TYPES[type]).toBe(tokens[i]!.type);
      }
    }
  });

  it('sends only what changed as a delta', () => {
    const before = 'FROM alpine AS build\nRUN echo hi\nCOPY --from=build / /\n';
    const after = before.replace('echo hi', 'echo $HOME hi');
    const a = encodeTokens(before, semanticTokens(before));
    const b = encodeTokens(after, semanticTokens(after));
    const edits = tokensDelta(a, b);
    expect(edits).toHaveLength(1);
    const applied = [...a];
    applied.splice(edits[0]!.start, edits[0]!.deleteCount, ...edits[0]!.data);
    expect(applied).toEqual(b);
    expect(edits[0]!.data.length).toBeLessThan(b.length);
    expect(tokensDelta(b, b)).toEqual([]);
  });
});

/** BuildKit's dump with FROM's `as` token compared case-blind (the formatter upper-cases it). */
const dumped = (text: string) => dump(parse(text)).replace(/^\(from (.*?) "as" /gim, '(from $1 "AS" ');

describe('range and on-type formatting', () => {
  it('formats only the lines in the range, with the formatter\'s rules', () => {
    const text = 'from alpine\nrun   echo a   \n\n\n\nrun echo b  \n';
    const second = text.indexOf('run   echo a');
    const edits = rangeFormatting(text, { start: second, end: second + 3 });
    expect(apply(text, edits)).toBe('from alpine\nRUN echo a\n\n\n\nrun echo b  \n');
    // The whole text as the range is document formatting.
    expect(apply(text, rangeFormatting(text, { start: 0, end: text.length }))).toBe(format(text));
    expect(rangeFormatting('FROM a\nRUNN x   \n', { start: 0, end: 3 })).toEqual([]);
  });

  it('never changes BuildKit\'s parse, whatever the range, on corpus files', () => {
    const dir = '../shared/corpus/files';
    if (!existsSync(dir)) return console.warn(`SKIPPED: ${dir} is absent`);
    const names = readdirSync(dir).filter((_, i) => i % 40 === 0);
    for (const name of names) {
      const text = readFileSync(`${dir}/${name}`, 'utf8').replace(/^(\w+) /gm, (m, k: string) => `${k.toLowerCase()}   `);
      if (parse(text).diagnostics.some((d) => d.severity === 'error')) continue;
      const want = dumped(text);
      for (let k = 0; k < 5; k++) {
        const a = Math.floor((text.length * k) / 5);
        const b = Math.min(text.length, a + Math.floor(text.length / 7));
        expect(dumped(apply(text, rangeFormatting(text, { start: a, end: b }))), name).toBe(want);
      }
    }
  });

  it('formats the finished line after Enter, keeping the new line as typed', () => {
    const text = 'FROM alpine\nrun   echo a   \n    ';
    const edits = onTypeFormatting(text, text.length, '\n');
    expect(apply(text, edits)).toBe('FROM alpine\nRUN echo a\n    ');
    expect(onTypeFormatting(text, text.length, 'x')).toEqual([]);
    // A second Enter leaves the blank line there (it is the user's, for now).
    expect(onTypeFormatting('FROM a\n\n', 8, '\n')).toEqual([]);
  });
});

describe('every feature on odd and real input', () => {
  it('never throws, at any offset', async () => {
    const { highlights, prepareRename, references, rename, planLenses, explainStep } = await import('../src/service/index.js');
    const inputs = { context: null, baseline: { plan: null, reason: 'none' } } as const;
    const odd = ['', '\uFEFF', 'FROM', '\\\n\\\n', 'RUN <<EOF\n', 'FROM a\nCOPY --from=', '# escape=`\nFROM a\nRUN x `\n', 'FROM a AS b\nFROM ${X:-b} AS c\nARG\nENV =\nRUN --mount=from=,target= $\n', 'ARG A=${\nFROM $A\n', 'FROM a\r\nRUN echo $X\r\n'];
    for (const text of odd) {
      for (let o = 0; o <= text.length; o++) {
        expect(() => [
          prepareRename(text, o), rename(text, o, 'x'), references(text, o), highlights(text, o), signatureHelp(text, o),
          onTypeFormatting(text, o, '\n'), rangeFormatting(text, { start: 0, end: o }),
        ], JSON.stringify(text)).not.toThrow();
      }
      expect(() => [documentLinks(text, { uri: 'file:///x' }), foldingRanges(text), semanticTokens(text), planLenses(text, inputs), explainStep(text, 1, inputs)]).not.toThrow();
    }
  });

  it('never throws on the corpus', async () => {
    const dir = '../shared/corpus/files';
    if (!existsSync(dir)) return console.warn(`SKIPPED: ${dir} is absent`);
    const { prepareRename, highlights, planLenses } = await import('../src/service/index.js');
    const inputs = { context: null, baseline: { plan: null, reason: 'none' } } as const;
    for (const name of readdirSync(dir).filter((_, i) => i % 10 === 0)) {
      const text = readFileSync(`${dir}/${name}`, 'utf8');
      expect(() => [documentLinks(text, { uri: 'file:///x' }), foldingRanges(text), semanticTokens(text), planLenses(text, inputs)], name).not.toThrow();
      for (let o = 0; o < text.length; o += 97) expect(() => [prepareRename(text, o), highlights(text, o), signatureHelp(text, o)], `${name}@${o}`).not.toThrow();
    }
  });
});
