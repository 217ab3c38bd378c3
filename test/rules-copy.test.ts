// The rules about COPY and ADD: archives, ADD against COPY, destinations, whole filesystems, and
// what is copied from the build context (.dockerignore coverage, missing sources, paths outside it).
import { beforeAll, expect, it } from 'vitest';
import { initLinter } from '../src/linter/index.js';
import type { ExampleSetup } from '../src/rules/types.js';
import { at, describeRule, findings, fixed, itFinds, itLines } from './rules-kit.js';

beforeAll(() => initLinter());

describeRule('prefer-add-to-extract', { invalidCount: 2 }, () => {
  it('points at the copied archive', () => {
    const text = 'FROM debian:12\nCOPY a.txt app.tar.gz /opt/\nRUN tar -xzf /opt/app.tar.gz\n';
    expect(findings('prefer-add-to-extract', text).map((d) => at(text, d))).toEqual(['app.tar.gz']);
  });
  it('forgets archives at each FROM', () => {
    expect(findings('prefer-add-to-extract', 'FROM a:1\nCOPY x.tar /\nFROM b:1\nRUN tar -xf /x.tar\n')).toEqual([]);
  });
  itLines('prefer-add-to-extract', 'hadolint: a destination with an archive suffix names the archive; unzip-family commands extract', 'FROM a\nCOPY pkg.tgz /tmp/app.tar.gz\nRUN tar -xzf /tmp/app.tar.gz\nCOPY doc.gz /d/\nRUN gunzip /d/doc.gz\n', [2, 4]);
  itLines('prefer-add-to-extract', 'hadolint: COPY --from is no local archive; ONBUILD RUN does not extract', 'FROM a AS b\nCOPY --from=b a.tar /y/\nRUN tar -xf /y/a.tar\nCOPY c.tar /z/\nONBUILD RUN tar -xf /z/c.tar\n', []);
  itLines('prefer-add-to-extract', 'unlike hadolint: COPY with an empty `--from=` copies a local archive', 'FROM a\nCOPY --from= a.tar /y/\nRUN tar -xf /y/a.tar\n', [2]);
  itLines('prefer-add-to-extract', 'unlike hadolint: a finding in an earlier stage is kept', 'FROM a\nCOPY x.tar /x/\nRUN tar -xf /x/x.tar\nFROM b\nRUN true\n', [2]);
  itLines('prefer-add-to-extract', 'unlike hadolint: `tar xf` and `--file=` extract, `--exclude` does not', 'FROM a\nCOPY a.tar b.tar c.tar /x/\nRUN tar xf /x/a.tar\nRUN tar --extract --file=/x/b.tar\nRUN tar -cf out.tar --exclude=tmp /x/c.tar\n', [2, 2]);
});

describeRule('prefer-copy-over-add', { invalidCount: 3 }, () => {
  it('replaces ADD with COPY, safe only for sources with an extension or a trailing slash', () => {
    const safe = 'FROM a:1\nadd app.conf conf.d/ /etc/app/\n';
    expect(findings('prefer-copy-over-add', safe)[0]!.fix!.safety).toBe('safe');
    expect(fixed('prefer-copy-over-add', safe)).toBe('FROM a:1\ncopy app.conf conf.d/ /etc/app/\n');
    expect(findings('prefer-copy-over-add', 'FROM a:1\nADD bundle /srv/\n')[0]!.fix!.safety).toBe('unsafe');
    expect(findings('prefer-copy-over-add', 'FROM a:1\nADD --checksum=sha256:abc file /srv/\n')[0]!.fix).toBeUndefined();
    expect(findings('prefer-copy-over-add', 'FROM a:1\nADD file archive.tar /srv/\n')[0]!.fix).toBeUndefined();
  });
  // `docker history` prints a COPY/ADD as `<kind>:<sha256 of the content> in <dest>`.
  const hash = 'a3ed95caeb02ffe68cdd9fd84406680ae93d633cb16422d00e8a7c22955b46d4';
  it.each([
    [`ADD file:${hash} in /xyz`, 0],
    [`ADD file:${hash} /xyz`, 0],
    [`ADD dir:${hash} in /`, 0],
    [`ADD multi:${hash} in /xyz`, 0],
    ['ADD file:abc /xyz', 1], // not a digest
    [`ADD file:${hash.toUpperCase()} in /xyz`, 1], // Docker prints lower-case hex
    [`ADD file:${hash} in /a /b/`, 1], // four operands: not one history entry
    [`ADD file:${hash} on /xyz`, 1],
  ])('image-history notation is not judged: %s', (line, count) => {
    expect(findings('prefer-copy-over-add', `FROM alpine:3.20\n${line}\n`)).toHaveLength(count);
  });
});

describeRule('require-copy-dest-slash', { invalidCount: 4 }, () => {
  it('adds the slash, inside quotes and JSON strings', () => {
    const text = 'FROM a:1\nCOPY a b /app\nCOPY a b "dest"\nCOPY ["a", "b", "c"]\n';
    expect(fixed('require-copy-dest-slash', text)).toBe('FROM a:1\nCOPY a b /app/\nCOPY a b "dest/"\nCOPY ["a", "b", "c/"]\n');
  });
  const hash = 'a3ed95caeb02ffe68cdd9fd84406680ae93d633cb16422d00e8a7c22955b46d4';
  it.each([
    [`COPY file:${hash} in myfile`, 0],
    [`COPY multi:${hash} in myfile`, 0],
    [`COPY dir:${hash} in /app`, 0],
    [`COPY file:${hash} of myfile`, 1],
    [`COPY file:${hash.slice(1)} in myfile`, 1], // 63 hex digits: a file name, not a digest
    ['COPY a b myfile', 1],
  ])('image-history notation (one source) is not judged: %s', (line, count) => {
    expect(findings('require-copy-dest-slash', `FROM alpine:3.20\n${line}\n`)).toHaveLength(count);
  });
});

describeRule('copy-relative-dest-without-workdir', {}, () => {
  it('points at the destination', () => {
    const text = 'FROM alpine\nCOPY a.txt b/';
    expect(findings('DL3045', text).map((d) => at(text, d))).toEqual(['b/']);
  });
  it('inherits WORKDIR through FROM <stage> only', () => {
    expect(findings('DL3045', 'FROM a AS base\nWORKDIR /w\nFROM base\nCOPY x y')).toEqual([]);
    expect(findings('DL3045', 'FROM a AS base\nWORKDIR /w\nFROM a\nCOPY x y')).toHaveLength(1);
  });
  itLines('copy-relative-dest-without-workdir', 'hadolint: absolute, drive-letter and variable destinations are fine; ADD is not checked', 'FROM b\nCOPY x /y\nCOPY x c:/y\nCOPY x $DIR\nADD x y\nCOPY x y\n', [6]);
  itLines('copy-relative-dest-without-workdir', 'hadolint: ONBUILD WORKDIR and ONBUILD COPY are not seen', 'FROM a\nONBUILD WORKDIR /x\nCOPY a b\nONBUILD COPY a b\n', [3]);
  itLines('copy-relative-dest-without-workdir', 'unlike hadolint: a second FROM of the same image does not inherit the first stage', 'FROM debian\nWORKDIR /app\nFROM debian\nCOPY a b\n', [4]);
});

describeRule('copy-whole-filesystem', {}, () => {
  itLines('copy-whole-filesystem', 'hadolint: quotes are removed; only COPY --from is judged', 'FROM a AS b\nCOPY --from=b "/" "/"\nCOPY / /\n', [2]);
  itLines('copy-whole-filesystem', 'unlike hadolint: an empty `--from=` is a copy from the build context, not from another stage', 'FROM a AS b\nCOPY --from= / /\nCOPY --from="" / /\n', []);
});

describeRule('copy-ignored-file', {}, () => {
  itFinds('copy-ignored-file', 'a .dockerignore with exceptions disables the check, as in BuildKit', 'FROM alpine\nCOPY secret.txt /\n', [], {
    context: ['secret.txt'],
    dockerignore: 'secret.txt\n!keep.txt\n',
  });
  itFinds(
    'copy-ignored-file',
    'parent directory excluded, source expanded from ARG',
    'FROM alpine\nARG DIR=build\nCOPY $DIR/out.bin /\n',
    ['3: Attempting to Copy file "build/out.bin" that is excluded by .dockerignore'],
    { context: ['build/out.bin'], dockerignore: 'build\n' },
  );
});

describeRule('copy-all-without-dockerignore', {}, () => {
  itFinds('copy-all-without-dockerignore', 'quiet when there is a .dockerignore or no whole-context COPY', 'FROM alpine\nCOPY main.go /app/\n', [], {
    context: ['main.go'],
  });
});

describeRule('incomplete-dockerignore', {}, () => {
  itFinds(
    'incomplete-dockerignore',
    'what .gitignore ignores is reported unless .dockerignore excludes it',
    'FROM alpine\nCOPY . /app\n',
    ['2: COPY of the whole build context includes coverage/: add it to .dockerignore'],
    { context: ['coverage/', 'build/', 'main.go'], dockerignore: 'build\n', gitignore: 'coverage/\nbuild/\n' },
  );
});

describeRule('copy-missing-source', {}, () => {
  itFinds(
    'copy-missing-source',
    'a top-level glob with no match copies nothing (a warning); a directory source exists',
    'FROM alpine\nCOPY src /src\nCOPY *.md /docs/\nCOPY ["missing file.txt", "/x"]\n',
    ['3: COPY source "*.md" matches nothing in the build context: BuildKit copies nothing for it and goes on', '4: COPY source "missing file.txt" does not exist in the build context'],
    { context: ['src/a.c'] },
  );
  // Below a directory, an empty glob fails only when the builder does not receive that directory:
  // it gets what the sources select (and the directories above), or everything for `COPY . .`.
  itFinds(
    'copy-missing-source',
    'a glob below a directory no source selects anything in fails the build; below a received one it copies nothing',
    'FROM alpine\nCOPY conf/*.yml /etc/\nCOPY lib/*.war /app/\nCOPY lib/x.jar /app/\nCOPY gone/*.txt /x/\nCOPY [a-z]*/none /y/\n',
    [
      '2: COPY source "conf/*.yml" matches nothing in the build context, and the builder does not receive "conf" (no source selects anything in it), so looking it up fails the build',
      '3: COPY source "lib/*.war" matches nothing in the build context: BuildKit copies nothing for it and goes on',
      '5: COPY source "gone/*.txt" matches nothing in the build context, and the builder does not receive "gone" (no source selects anything in it), so looking it up fails the build',
      '6: COPY source "[a-z]*/none" matches nothing in the build context: BuildKit copies nothing for it and goes on',
    ],
    { context: ['conf/a.txt', 'lib/x.jar'] },
  );
  // dockerfile2llb takes a COPY's --from only when it is not empty: `--from=` copies from the context.
  itFinds(
    'copy-missing-source',
    'an empty --from copies from the build context, whose sources are checked; a stage\'s are not, nor a --from without a value (a syntax error)',
    'FROM alpine AS base\nFROM alpine\nCOPY --from= gone /g\nCOPY --from=base gone /g\nCOPY --from= src /src\nCOPY --from gone /g/\n',
    ['3: COPY source "gone" does not exist in the build context'],
    { context: ['src/a.c'] },
  );
  itFinds(
    'copy-missing-source',
    'the whole context copied elsewhere: the directory is received, the glob copies nothing',
    'FROM alpine\nCOPY conf/*.yml /etc/\nCOPY . /src/\n',
    ['2: COPY source "conf/*.yml" matches nothing in the build context: BuildKit copies nothing for it and goes on'],
    { context: ['conf/a.txt'] },
  );
  // What BuildKit fetches is not looked for in the context; a git address without a scheme is a path
  // there (ParseGitRef calls it indistinguishable from a local one), as the planner reads it too.
  itFinds(
    'copy-missing-source',
    'remote ADD sources are not checked; github.com/x/y.git without a scheme is a context path',
    'FROM alpine\nADD https://example.com/a.tgz git@github.com:moby/buildkit.git ssh://git@host/r.git /x/\nADD github.com/moby/buildkit.git /src/\n',
    ['3: ADD source "github.com/moby/buildkit.git" does not exist in the build context'],
    { context: ['src/a.c'] },
  );
  // A .dockerignore with `!` exceptions silences CopyIgnoredFile (as in BuildKit), yet the build fails.
  const onlyReadme = { context: ['README.md', 'LICENSE', 'docs/a.md', 'docs/b.md', 'src/x.c', 'notes/n.txt'], dockerignore: '*\n!README.md\n!docs/a.md\n' };
  itFinds(
    'copy-missing-source',
    'a source .dockerignore excludes, when its exceptions silence CopyIgnoredFile',
    'FROM alpine\nCOPY README.md LICENSE ./\nCOPY docs/ /docs/\nCOPY src /src\nCOPY notes/*.txt /n/\nCOPY *.md /md/\n',
    [
      '2: COPY source "LICENSE" is excluded by .dockerignore, so the builder never receives it and the COPY fails ("not found")',
      '4: COPY source "src" is excluded by .dockerignore, so the builder never receives it and the COPY fails ("not found")',
      '5: COPY every path matching "notes/*.txt" is excluded by .dockerignore, so the builder never receives it and the COPY fails ("not found")',
    ],
    onlyReadme,
  );
  it('reports a source once: CopyIgnoredFile\'s when it speaks, DH003\'s when it is silent', () => {
    const plain = { context: ['LICENSE', 'README.md'], dockerignore: 'LICENSE\n' };
    const text = 'FROM alpine\nCOPY LICENSE /a/\nCOPY /LICENSE /b/\nCOPY README.md /c/\n';
    const both = (setup: ExampleSetup) => [...findings('copy-ignored-file', text, {}, setup), ...findings('copy-missing-source', text, {}, setup)].map((d) => `${d.range.startLine} ${d.code}`).sort();
    // BuildKit's check does not look at sources starting with `/`: DH003 does.
    expect(both(plain)).toEqual(['2 CopyIgnoredFile', '3 DH003']);
    expect(both({ ...plain, dockerignore: 'LICENSE\n!README.md\n' })).toEqual(['2 DH003', '3 DH003']);
  });
  it('image-history notation names no build-context source (as for DL3020 and DL3021)', () => {
    const line = 'ADD file:a3ed95caeb02ffe68cdd9fd84406680ae93d633cb16422d00e8a7c22955b46d4 in /xyz';
    expect(findings('copy-missing-source', `FROM alpine\n${line}\nCOPY gone /g\n`, {}, { context: ['x'] }).map((d) => d.range.startLine)).toEqual([3]);
  });
  itFinds(
    'copy-missing-source',
    'a RUN bind mount of the build context needs its source as a COPY does',
    'FROM golang:1.23\nRUN --mount=type=bind,source=go.sum,target=go.sum --mount=type=bind,src=go.mod,target=go.mod go mod download\n' +
      'RUN --mount=type=cache,target=/root/.cache,source=gone --mount=from=build,source=/out,target=/o --mount=target=/src --mount=source=$X,target=/x true\n' +
      'RUN --mount=source=/cmd/,target=/c go build ./cmd\n',
    ['2: RUN --mount source "go.sum" does not exist in the build context'],
    { context: ['go.mod', 'cmd/main.go'] },
  );
  itFinds(
    'copy-missing-source',
    'a RUN bind mount source .dockerignore excludes',
    'FROM golang:1.23\nRUN --mount=type=bind,source=go.sum,target=go.sum --mount=type=bind,source=go.mod,target=go.mod go mod download\n',
    ['2: RUN --mount source "go.sum" is excluded by .dockerignore, so the builder never receives it and the RUN fails ("not found")'],
    { context: ['go.mod', 'go.sum'], dockerignore: 'go.sum\n' },
  );
  it('a directory counts as sent when an exception re-includes something in it', () => {
    const setup = { context: ['build/out/app.bin', 'build/tmp/x.o'], dockerignore: 'build\n!build/out/app.bin\n' };
    expect(findings('copy-missing-source', 'FROM alpine\nCOPY build /b\nCOPY build/out /o\nCOPY build/tmp /t\n', {}, setup).map((d) => d.range.startLine)).toEqual([4]);
  });
});

describeRule('copy-outside-context', {}, () => {
  itFinds('copy-outside-context', 'a path that climbs out after cleaning', 'FROM alpine\nCOPY a/../../b /b\nCOPY ./a/.. /c\n', [
    '2: COPY source "a/../../b" is outside the build context',
  ]);
});
