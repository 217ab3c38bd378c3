// Rules about the frontend a `# syntax=` directive names: DH020 (a feature newer than the pinned
// Dockerfile frontend) and DH021 (a frontend that is not the Dockerfile one).
import { describe, expect, it } from 'vitest';
import { FRONTEND_FEATURES, readSyntaxPin } from '../src/rules/utils/frontend-versions.js';
import { expansionOperators } from '../src/rules/frontend-too-old.js';
import { at, describeRule, findings, itFinds } from './rules-kit.js';

/** `line: the text the finding points at` of DH020's findings. */
function spots(text: string): string[] {
  return findings('frontend-too-old', text).map((d) => `${d.range.startLine}: ${at(text, d)}`);
}

const LINK = 'FROM alpine:3.20\nCOPY --link app.sh /app/\n';

describeRule('frontend-too-old', { invalidCount: 18 }, () => {
  describe('which pins name a version', () => {
    const cases: [string, boolean][] = [
      ['docker/dockerfile:1.3', true],
      ['docker/dockerfile:1.3.1', true],
      ['docker.io/docker/dockerfile:1.3', true],
      ['index.docker.io/docker/dockerfile:1.3', true],
      ['docker/dockerfile-upstream:1.3', true],
      ['mirror.gcr.io/docker/dockerfile:1.3', true],
      ['docker/dockerfile:1.3@sha256:24454f830cdb571e2c4ad15481119c43b3cafd48dd869a9b2945d1036d1dc68d', true],
      ['docker/dockerfile:1.3-labs', true],
      ['docker/dockerfile:1.0-experimental', true],
      ['docker/dockerfile:experimental', true],
      ['docker/dockerfile:1.4.0-rc1', false],
      ['docker/dockerfile:1.4', false],
      ['docker/dockerfile:1', false],
      ['docker/dockerfile:1-labs', false],
      ['docker/dockerfile:labs', false],
      ['docker/dockerfile:latest', false],
      ['docker/dockerfile', false],
      ['docker/dockerfile-upstream:master', false],
      ['docker/dockerfile-upstream:master-labs', false],
      ['docker/dockerfile@sha256:24454f830cdb571e2c4ad15481119c43b3cafd48dd869a9b2945d1036d1dc68d', false],
      ['docker/dockerfile:nightly', false],
      ['tonistiigi/dockerfile:1.3', false],
      ['Docker/Dockerfile:1.3', false],
    ];
    for (const [pin, reports] of cases) {
      it(`# syntax=${pin} ${reports ? 'pins a version older than --link' : 'does not'}`, () => {
        expect(spots(`# syntax=${pin}\n${LINK}`)).toEqual(reports ? ['3: --link'] : []);
      });
    }
  });

  describe('where the directive counts', () => {
    itFinds('frontend-too-old', 'the key in any case, blanks around key, = and value', `#  SYNTAX =  docker/dockerfile:1.3  \n${LINK}`, [
      '3: `COPY --link` needs docker/dockerfile:1.4 or newer; this file pins 1.3',
    ]);
    itFinds('frontend-too-old', 'not with a blank before the `#`: DetectSyntax does not trim, the builder\'s own frontend builds it', ` # syntax=docker/dockerfile:1.3\n${LINK}`, []);
    itFinds('frontend-too-old', 'the image is the first word of the value (the rest is the frontend\'s command line)', `# syntax=docker/dockerfile:1.3 --debug\n${LINK}`, [
      '3: `COPY --link` needs docker/dockerfile:1.4 or newer; this file pins 1.3',
    ]);
    itFinds('frontend-too-old', 'the first of two syntax directives', `# syntax=docker/dockerfile:1.3\n# syntax=docker/dockerfile:1.4\n${LINK}`, [
      '4: `COPY --link` needs docker/dockerfile:1.4 or newer; this file pins 1.3',
    ]);
    itFinds('frontend-too-old', 'after a byte order mark', `\uFEFF# syntax=docker/dockerfile:1.3\n${LINK}`, [
      '3: `COPY --link` needs docker/dockerfile:1.4 or newer; this file pins 1.3',
    ]);
    itFinds('frontend-too-old', 'after the other directives', `# escape=\\\n# syntax=docker/dockerfile:1.3\n${LINK}`, ['4: `COPY --link` needs docker/dockerfile:1.4 or newer; this file pins 1.3']);
    itFinds('frontend-too-old', 'after a shebang line (BuildKit skips it when it looks for the frontend)', `#!/usr/bin/env docker-build\n# syntax=docker/dockerfile:1.3\n${LINK}`, [
      '4: `COPY --link` needs docker/dockerfile:1.4 or newer; this file pins 1.3',
    ]);
    itFinds('frontend-too-old', 'not after a comment: it is a comment itself', `# build me\n# syntax=docker/dockerfile:1.3\n${LINK}`, []);
    itFinds('frontend-too-old', 'not after an instruction', `FROM alpine:3.20\n# syntax=docker/dockerfile:1.3\nCOPY --link app.sh /app/\n`, []);
    itFinds('frontend-too-old', 'no directive: the newest frontend', LINK, []);
  });

  describe('the labs channel', () => {
    const heredoc = 'FROM alpine:3.20\nRUN <<EOF\necho hi\nEOF\n';
    itFinds('frontend-too-old', 'a labs pin accepts a feature from the labs release that added it', `# syntax=docker/dockerfile:1.3-labs\n${heredoc}`, []);
    itFinds('frontend-too-old', 'a labs pin older than that release', `# syntax=docker/dockerfile:1.2-labs\n${heredoc}`, [
      '3: a heredoc in RUN (`<<EOF`) needs docker/dockerfile:1.3-labs or newer (1.4 in the stable channel); this file pins 1.2-labs',
    ]);
    itFinds('frontend-too-old', 'a stable pin of a version that had it in labs only says so', '# syntax=docker/dockerfile:1.20\nFROM alpine:3.20\nRUN --device=nvidia.com/gpu=all nvidia-smi\n', [
      '3: `RUN --device` needs docker/dockerfile:1.27 or newer; this file pins 1.20, which has it only in the labs channel (docker/dockerfile:1.20-labs)',
    ]);
    itFinds('frontend-too-old', '--device: labs from 1.14, stable from 1.27', '# syntax=docker/dockerfile:1.13-labs\nFROM alpine:3.20\nRUN --device=nvidia.com/gpu=all nvidia-smi\n', [
      '3: `RUN --device` needs docker/dockerfile:1.14-labs or newer (1.27 in the stable channel); this file pins 1.13-labs',
    ]);
    itFinds('frontend-too-old', '--device under 1.14-labs and 1.27', '# syntax=docker/dockerfile:1.14-labs\nFROM alpine:3.20\nRUN --device=a nvidia-smi\n', []);
    itFinds('frontend-too-old', 'the experimental channel had RUN --mount', '# syntax=docker/dockerfile:1.0-experimental\nFROM alpine:3.20\nRUN --mount=type=cache,target=/root/.cache make\n', []);
    itFinds('frontend-too-old', 'the stable 1.0 did not', '# syntax=docker/dockerfile:1.0\nFROM alpine:3.20\nRUN --mount=type=cache,target=/root/.cache make\n', [
      '3: `RUN --mount` needs docker/dockerfile:1.2 or newer; this file pins 1.0, which has it only in the labs channel (docker/dockerfile:1.0-labs)',
    ]);
    itFinds('frontend-too-old', '`experimental` is the last experimental release, 1.1', `# syntax = docker/dockerfile:experimental\n${LINK}`, [
      '3: `COPY --link` needs docker/dockerfile:1.4 or newer; this file pins experimental (1.1)',
    ]);
  });

  describe('each kind of feature', () => {
    it('RUN flags and each mount type: the --mount flag itself', () => {
      const text = '# syntax=docker/dockerfile:1.1\nFROM alpine:3.20\nRUN --mount=type=ssh --mount=type=tmpfs,target=/t --network=host true\n';
      expect(spots(text)).toEqual(['3: --mount=type=ssh', '3: --mount=type=tmpfs,target=/t', '3: --network=host']);
    });
    itFinds('frontend-too-old', 'a mount option: env= of a secret mount, at the field', '# syntax=docker/dockerfile:1.9\nFROM alpine:3.20\nRUN --mount=type=secret,id=npm,env=NPM_TOKEN npm ci\n', [
      '3: `env=` in a secret mount needs docker/dockerfile:1.10 or newer; this file pins 1.9',
    ]);
    it('env= is reported at its own field', () => {
      const text = '# syntax=docker/dockerfile:1.9\nFROM alpine:3.20\nRUN --mount=id=npm,env=NPM_TOKEN,type=secret npm ci\n';
      expect(spots(text)).toEqual(['3: env=NPM_TOKEN']);
    });
    itFinds('frontend-too-old', 'env= of a secret mount under 1.10', '# syntax=docker/dockerfile:1.10\nFROM alpine:3.20\nRUN --mount=type=secret,id=npm,env=NPM_TOKEN npm ci\n', []);
    it('heredocs of RUN and COPY, at the marker', () => {
      const text = '# syntax=docker/dockerfile:1.3\nFROM alpine:3.20\nRUN <<EOF\necho hi\nEOF\nCOPY <<-EOT /etc/motd\n\thello\n\tEOT\n';
      expect(spots(text)).toEqual(['3: <<EOF', '6: <<-EOT']);
    });
    it('expansion operators in the words the frontend expands, at the operator', () => {
      const text = '# syntax=docker/dockerfile:1.5\nARG V=v1.2.3\nFROM alpine:${V#v}\nARG V\nWORKDIR /srv/${V%%.*}\nLABEL version=${V//./-} fallback=${X-none} plus=${V+set}\n';
      expect(spots(text)).toEqual(['3: #', '5: %%', '6: //', '6: -', '6: +']);
    });
    it('1.6 has the no-colon forms, not trimming', () => {
      const text = '# syntax=docker/dockerfile:1.6\nFROM alpine:3.20\nENV A=${B-x} C=${B#x}\n';
      expect(spots(text)).toEqual(['3: #']);
    });
    itFinds('frontend-too-old', 'not in RUN, CMD or quoted away', '# syntax=docker/dockerfile:1.3\nFROM alpine:3.20\nRUN echo ${A#b}\nCMD echo ${A%b}\nENV A=\'${B#x}\' C=\\${B%y} D=${B:-x} E=${B:+y}\n', []);
    it('the escape character of the file hides the `$`', () => {
      const text = '# escape=`\n# syntax=docker/dockerfile:1.3\nFROM alpine:3.20\nENV A=`${B#x} C=\\${B%y}\n';
      expect(spots(text)).toEqual(['4: %']);
    });
    itFinds('frontend-too-old', 'the directive `# check=`: a warning, older frontends ignore it', '# syntax=docker/dockerfile:1.7\n# check=error=true\nFROM alpine:3.20\n', [
      '2: the `# check=` directive needs docker/dockerfile:1.8 or newer; this file pins 1.7, which ignores it',
    ]);
    it('`# check=` is a warning, the build failures are errors', () => {
      const ds = findings('frontend-too-old', '# syntax=docker/dockerfile:1.3\n# check=error=true\nFROM alpine:3.20\nCOPY --link a /a\n');
      expect(ds.map((d) => d.severity)).toEqual(['warning', 'error']);
    });
    itFinds('frontend-too-old', 'ARG with several names (1.2), at the second', '# syntax=docker/dockerfile:1.1\nARG A=1 B=2\nFROM alpine:3.20\n', [
      '2: ARG with several names needs docker/dockerfile:1.2 or newer; this file pins 1.1',
    ]);
    it('--chmod: octal since long, a variable from 1.10, symbolic from 1.14', () => {
      const text = '# syntax=docker/dockerfile:1.9\nFROM alpine:3.20\nARG MODE=755\nCOPY --chmod=755 a /a\nCOPY --chmod=$MODE b /b\nADD --chmod=u+x c /c\n';
      expect(spots(text)).toEqual(['5: --chmod=$MODE', '6: --chmod=u+x']);
      expect(spots(text.replace('1.9', '1.10'))).toEqual(['6: --chmod=u+x']);
      expect(spots(text.replace('1.9', '1.14'))).toEqual([]);
    });
    it('ADD of a Git URL (1.6), --checksum of one (1.16), its ?options (1.18): one finding per place, the newest need', () => {
      const text = '# syntax=docker/dockerfile:1.6\nFROM alpine:3.20\nADD --checksum=abc123 https://github.com/moby/buildkit.git#v0.20.0 /src\nADD https://github.com/moby/buildkit.git?tag=v0.20.0 /src2\n';
      expect(findings('frontend-too-old', text).map((d) => `${d.range.startLine}: ${at(text, d)} | ${d.message}`)).toEqual([
        '3: --checksum=abc123 | `ADD --checksum` of a Git repository needs docker/dockerfile:1.16 or newer; this file pins 1.6',
        '4: https://github.com/moby/buildkit.git?tag=v0.20.0 | a Git URL with `?key=value` options needs docker/dockerfile:1.18 or newer; this file pins 1.6',
      ]);
      expect(spots(text.replace('1.6', '1.5'))).toEqual(['3: --checksum=abc123', '3: https://github.com/moby/buildkit.git#v0.20.0', '4: https://github.com/moby/buildkit.git?tag=v0.20.0']);
      expect(spots(text.replace('1.6', '1.5-labs'))).toEqual(['3: --checksum=abc123', '4: https://github.com/moby/buildkit.git?tag=v0.20.0']);
    });
    it('an ONBUILD trigger counts only when a stage of the file inherits it', () => {
      const text = '# syntax=docker/dockerfile:1.3\nFROM alpine:3.20 AS base\nONBUILD COPY --link . /app\n';
      expect(spots(text)).toEqual([]);
      expect(spots(`${text}FROM base\n`)).toEqual(['3: --link']);
    });
  });

  describe('the table', () => {
    it('every row has a source, and a labs release older than its stable one', () => {
      for (const f of Object.values(FRONTEND_FEATURES)) {
        expect(f.source, f.id).toMatch(/^dockerfile\/1\.\d+\.0: /);
        expect(f.source, f.id).toContain(`1.${f.stable[1]}.0`);
        if (f.labs) expect(f.labs[0] * 100 + f.labs[1], f.id).toBeLessThan(f.stable[0] * 100 + f.stable[1]);
      }
    });
    it('reads pins', () => {
      expect(readSyntaxPin('docker/dockerfile:1.7-labs')).toEqual({ kind: 'dockerfile', version: [1, 7], channel: 'labs', tag: '1.7-labs' });
      expect(readSyntaxPin('docker/dockerfile:1-labs')).toEqual({ kind: 'dockerfile', version: null, channel: 'labs', tag: '1-labs' });
      expect(readSyntaxPin('tonistiigi/hcl')).toEqual({ kind: 'other', image: 'tonistiigi/hcl' });
      expect(readSyntaxPin('dockerfile:1.4')).toEqual({ kind: 'other', image: 'dockerfile:1.4' });
      expect(readSyntaxPin('localhost:5000/docker/dockerfile:1.4')).toMatchObject({ kind: 'dockerfile', version: [1, 4] });
    });
    it('reads expansion operators', () => {
      expect(expansionOperators('${a#b}${c:-d}${e//f/g}', '\\').map((o) => o.text)).toEqual(['${a#b}', '${e//f/g}']);
      expect(expansionOperators("'${a#b}'\"${c%d}\"", '\\').map((o) => o.text)).toEqual(['${c%d}']);
      expect(expansionOperators('${a:-${b#c}}', '\\').map((o) => o.text)).toEqual(['${b#c}']);
    });
  });
});

describeRule('other-frontend', { invalidCount: 1 }, () => {
  itFinds('other-frontend', 'another language', '# syntax=tonistiigi/hcl\nFROM alpine:3.20\n', [
    '1: the build hands this file to tonistiigi/hcl, not to the Dockerfile frontend; dockhand checks it as a Dockerfile',
  ]);
  itFinds('other-frontend', 'the copy helper image is no frontend of Dockerfiles', '# syntax=docker/dockerfile-copy:v0.1.9\nFROM alpine:3.20\n', [
    '1: the build hands this file to docker/dockerfile-copy:v0.1.9, not to the Dockerfile frontend; dockhand checks it as a Dockerfile',
  ]);
  for (const pin of ['docker/dockerfile:1', 'docker.io/docker/dockerfile:1.4', 'docker/dockerfile-upstream:master', 'mirror.gcr.io/docker/dockerfile:1', 'Docker/Dockerfile:1']) {
    itFinds('other-frontend', `not ${pin}`, `# syntax=${pin}\nFROM alpine:3.20\n`, []);
  }
  itFinds('other-frontend', 'and DH020 says nothing of another frontend\'s versions', '# syntax=myorg/dockerfile:1.3\nFROM alpine:3.20\nCOPY --link a /a\n', [
    '1: the build hands this file to myorg/dockerfile:1.3, not to the Dockerfile frontend; dockhand checks it as a Dockerfile',
  ]);
  itFinds('other-frontend', 'DetectSyntax\'s `//` form', '//syntax=tonistiigi/hcl\nvariable "x" {}\n', [
    '1: the build hands this file to tonistiigi/hcl, not to the Dockerfile frontend; dockhand checks it as a Dockerfile',
  ]);
  it('and its JSON form, at the value', () => {
    const text = '{\n  "syntax": "myorg/json-frontend:2",\n  "targets": []\n}\n';
    const ds = findings('other-frontend', text);
    expect(ds.map((d) => `${d.range.startLine}: ${at(text, d)}`)).toEqual(['2: myorg/json-frontend:2']);
  });
  itFinds('other-frontend', 'not with a blank before the `#`', ' # syntax=tonistiigi/hcl\nFROM alpine:3.20\n', []);
  it('DH020 is silent for another frontend', () => {
    expect(findings('frontend-too-old', '# syntax=myorg/dockerfile:1.3\nFROM alpine:3.20\nCOPY --link a /a\n')).toEqual([]);
  });
});
