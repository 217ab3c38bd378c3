// Parity with hadolint 2.15.1 on inputs outside its own test suite, for DL3034-DL3067 and
// DL4000-DL4006: each case names the hadolint source it follows (src/Hadolint/Rule/<code>.hs).
import { beforeAll, describe, expect, it } from 'vitest';
import { initLinter } from '../src/linter/index.js';
import { at, findings } from './rules-kit.js';

beforeAll(() => initLinter());

/** The source text each finding of `code` points at. */
function hits(code: string, text: string): string[] {
  return findings(code, text).map((d) => at(text, d));
}

describe('DL3034 zypper-without-non-interactive', () => {
  // DL3034.hs: any `zypper` argument that is an install-like subcommand; `-x` (--xmlout) and
  // `-t` (--terse) before it are global switches without a value.
  it('a global switch without a value does not hide the subcommand', () => {
    expect(hits('DL3034', 'FROM opensuse/leap\nRUN zypper -x in curl=8\n')).toHaveLength(1);
    expect(hits('DL3034', 'FROM opensuse/leap\nRUN zypper --terse -q install curl=8\n')).toHaveLength(1);
    expect(hits('DL3034', 'FROM opensuse/leap\nRUN zypper -x -n in curl=8\n')).toEqual([]);
  });

  it('the value of a global option is not a subcommand', () => {
    expect(hits('DL3034', 'FROM opensuse/leap\nRUN zypper --root /mnt --non-interactive in curl=8\n')).toEqual([]);
    expect(hits('DL3034', 'FROM opensuse/leap\nRUN zypper -c /etc/zypp/zypper.conf in curl=8\n')).toHaveLength(1);
  });
});

describe('DL3046 useradd-without-no-log-init', () => {
  // DL3046.hs: `getFlagArg "u"` is the word after the word holding the `u` flag, also in a
  // cluster (`-mu 1000000`), which is how useradd itself reads it.
  it('reads the UID after a cluster ending in u', () => {
    expect(hits('DL3046', 'FROM debian\nRUN useradd -mu 1000000 app\n')).toEqual(['1000000']);
    expect(hits('DL3046', 'FROM debian\nRUN useradd -rmu 1000000 app\n')).toEqual(['1000000']);
    expect(hits('DL3046', 'FROM debian\nRUN useradd -lmu 1000000 app\n')).toEqual([]);
    expect(hits('DL3046', 'FROM debian\nRUN useradd -mu 1000 app\n')).toEqual([]);
  });

  it('an option that takes a value ends the cluster: `-gu` is the group `u`', () => {
    expect(hits('DL3046', 'FROM debian\nRUN useradd -gu 1000000 app\n')).toEqual([]);
  });
});

describe('DL4006 pipe-without-pipefail', () => {
  // DL4006.hs: a bash/zsh/ash SHELL with an `o` flag and the word `pipefail`; bash reads the
  // name of each `o` of a cluster from the following words (`-oeu pipefail`).
  it('takes `-o` inside a cluster of shell options', () => {
    const text = (shell: string) => `FROM debian\nSHELL ${shell}\nRUN curl -s x | sh\n`;
    expect(hits('DL4006', text('["/bin/bash", "-oeu", "pipefail", "-c"]'))).toEqual([]);
    expect(hits('DL4006', text('["/bin/bash", "-eo", "pipefail", "-c"]'))).toEqual([]);
    expect(hits('DL4006', text('["/bin/bash", "-ou", "errexit", "pipefail", "-c"]'))).toHaveLength(1);
    expect(hits('DL4006', text('["/bin/bash", "-oo", "errexit", "pipefail", "-c"]'))).toEqual([]);
  });
});

describe('DL3057 missing-healthcheck', () => {
  // DL3057.hs: every stage is bad until it or a stage built on it has a HEALTHCHECK, so a chain
  // without one gives a finding per stage. dockhand reports the end of the chain only (documented).
  it('unlike hadolint: a stage built on by another is reported only through the stage at the end', () => {
    const text = 'FROM debian:12 AS base\nFROM base\n';
    expect(findings('DL3057', text).map((d) => d.range.startLine)).toEqual([2]);
    expect(findings('DL3057', 'FROM debian:12 AS base\nFROM base\nHEALTHCHECK NONE\n')).toEqual([]);
  });
});

describe('DL3049 missing-schema-label', () => {
  // DL3049.hs: `markSilentByAlias` silences the bad stage whose alias equals a `COPY --from`
  // value exactly; an index, a mount's from= and another case are not matched (documented).
  const config = { labelSchema: { maintainer: 'text' } } as const;
  it('unlike hadolint: a builder read by index, by a mount or in another case is silent too', () => {
    for (const read of ['COPY --from=0 / /x', 'RUN --mount=type=bind,from=build,target=/x true', 'COPY --from=BUILD / /x']) {
      const text = `FROM a:1 AS build\nFROM b:1\n${read}\nLABEL maintainer=x\n`;
      expect(findings('DL3049', text, config), read).toEqual([]);
    }
    expect(findings('DL3049', 'FROM a:1 AS build\nFROM b:1\nLABEL maintainer=x\n', config).map((d) => d.range.startLine)).toEqual([1]);
  });
});

describe('FROM <stage> in any case', () => {
  // DL3045.hs and DL3042.hs key stages by the alias text exactly; BuildKit lower-cases stage names,
  // so `FROM base` builds on `FROM debian AS Base` and inherits its WORKDIR and ENV (documented).
  it('unlike hadolint: a stage named in another case is inherited from', () => {
    expect(findings('DL3045', 'FROM debian:12 AS Base\nWORKDIR /app\nFROM base\nCOPY a b\n')).toEqual([]);
    expect(findings('DL3042', 'FROM python:3 AS Base\nENV PIP_NO_CACHE_DIR=1\nFROM base\nRUN pip install six==1\n')).toEqual([]);
    expect(findings('DL3045', 'FROM debian:12 AS Base\nWORKDIR /app\nFROM debian:12\nCOPY a b\n')).toHaveLength(1);
  });
});

describe('FROM <stage>:<tag>', () => {
  // DL3045.hs keys a stage by `imageName image` (the tag dropped), so `FROM base:latest` inherits
  // from the stage `base`; BuildKit builds it from the image `base:latest` (documented).
  it('unlike hadolint: a tagged name is an image, not the stage', () => {
    expect(findings('DL3045', 'FROM debian:12 AS base\nWORKDIR /x\nFROM base:latest\nCOPY a b\n')).toHaveLength(1);
  });
});
