// Cases from an audit of the parser against BuildKit's source (frontend/dockerfile/parser and
// instructions): each pins a behaviour read from BuildKit's code that the shared fixtures do not show.
import { describe, expect, it } from 'vitest';
import { dump, parse, type Dockerfile } from '../src/parser/index.js';
import { invariantViolations } from './parser-invariants.js';

function p(text: string): Dockerfile {
  const file = parse(text);
  expect(invariantViolations(file)).toEqual([]);
  return file;
}

function errors(text: string): string[] {
  return p(text).diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.range.startLine}: ${d.message}`);
}

describe('flags (split_command.go extractBuilderFlags)', () => {
  // splitCommand is not given the directives: its escape character is `\` whatever `# escape=` says.
  it('escapes with a backslash even under the backtick escape directive', () => {
    const f = p('# escape=`\nFROM a\nRUN --mount=type=bind,source=C:\\src,target=C:\\dst cmd\nCOPY --chown=a\\ b x y\n');
    expect(dump(f)).toBe([
      '(from "a")',
      '(run ["--mount=type=bind,source=C:src,target=C:dst"] "cmd")',
      '(copy ["--chown=a b"] "x" "y")',
    ].join('\n'));
    expect(f.instructions[2]!.flags.map((fl) => [fl.name, fl.value])).toEqual([['chown', 'a b']]);
  });

  it('keeps a backtick in a flag as an ordinary character', () => {
    expect(dump(p('# escape=`\nFROM a\nCOPY --chown=a` b x y\n'))).toBe('(from "a")\n(copy ["--chown=a`"] "b" "x" "y")');
    expect(dump(p('FROM a\nCOPY --chown=a` b x y\n'))).toBe('(from "a")\n(copy ["--chown=a`"] "b" "x" "y")');
  });

  it('still uses the directive escape for the arguments after the flags', () => {
    const f = p('# escape=`\nFROM a\nENV --x=a\\ b C=d` e\n');
    expect(dump(f)).toBe('(from "a")\n(env ["--x=a b"] "C" "d` e" "=")');
  });
});

describe('flag checks (instructions/bflag.go BFlags.Parse)', () => {
  // An unknown flag is wrapped by suggest.WrapError over the instruction's flags, case-sensitively.
  it('suggests the closest flag of the instruction', () => {
    expect(errors('FROM a\nCOPY --chwon=1 x y\n')).toEqual(['2: unknown flag: --chwon (did you mean chown?)']);
    expect(errors('FROM a\nRUN --Mount=type=cache,target=/x y\n')).toEqual(['2: unknown flag: --Mount (did you mean mount?)']);
    expect(errors('FROM a\nHEALTHCHECK --intervl=5s CMD true\n')).toEqual(['2: unknown flag: --intervl (did you mean interval?)']);
    expect(errors('FROM --platfrom=linux/amd64 a\n')).toEqual(['1: unknown flag: --platfrom (did you mean platform?)']);
  });

  it('suggests nothing when no flag is close, or when the instruction has none', () => {
    expect(errors('FROM a\nCOPY --user=1 x y\n')).toEqual(['2: unknown flag: --user']);
    expect(errors('FROM a\nCMD --chown=1 x\n')).toEqual(['2: unknown flag: --chown']);
  });
});

describe('HEALTHCHECK durations (instructions/parse.go parseOptInterval)', () => {
  it('refuses negative durations: only zero may be below 1ms', () => {
    expect(errors('FROM a\nHEALTHCHECK --interval=-5s CMD true\n')).toEqual(['2: Interval "interval" cannot be less than 1ms']);
    expect(errors('FROM a\nHEALTHCHECK --timeout=-1ms CMD true\n')).toEqual(['2: Interval "timeout" cannot be less than 1ms']);
    expect(errors('FROM a\nHEALTHCHECK --interval=0 --timeout=-0s CMD true\n')).toEqual([]);
  });

  // time.ParseDuration quotes with the time package's own quote(), which writes non-ASCII and
  // control characters byte by byte.
  // (The flag scanner has already re-encoded the bytes C2 B0 of the degree sign as two runes.)
  it('quotes a bad duration as Go\'s time package does', () => {
    expect(errors('FROM a\nHEALTHCHECK --timeout=5\u00b0 CMD true\n')).toEqual([
      '2: time: unknown unit "\\xc3\\x82\\xc2\\xb0" in duration "5\\xc3\\x82\\xc2\\xb0"',
    ]);
    // DEL is neither a control character nor non-ASCII for that quote: it is written as is.
    expect(errors('FROM a\nHEALTHCHECK --timeout=5\x7f CMD true\n')).toEqual([
      '2: time: unknown unit "\x7f" in duration "5\x7f"',
    ]);
    expect(errors('FROM a\nHEALTHCHECK --timeout="5\\"x\\\\" CMD true\n')).toEqual([
      '2: time: unknown unit "\\"x\\\\" in duration "5\\"x\\\\"',
    ]);
  });
});

describe('stages (instructions/parse.go Parse)', () => {
  // BuildKit stops at an invalid FROM; its instructions are not reported as outside any stage.
  it('lets a FROM with its own error open a stage', () => {
    expect(errors('FROM a b\nRUN x\nFROM --foo c\nRUN y\n')).toEqual([
      '1: FROM requires either one or three arguments',
      '3: unknown flag: --foo',
    ]);
  });
});

describe('parser directives (parser/directives.go)', () => {
  // DirectiveParser.ParseLine cuts the '#', then trims every Unicode space (unicode.IsSpace) before
  // the key: a vertical tab or a no-break space there still makes a directive.
  it('takes any Unicode space between # and the key', () => {
    for (const space of ['\v', '\u00a0', '\u2003']) {
      const f = p(`#${space}escape=\`\nFROM a\nRUN a \`\nb\n`);
      expect(f.directives.map((d) => [d.name, d.value])).toEqual([['escape', '`']]);
      expect(dump(f)).toBe('(from "a")\n(run "a b")');
    }
  });
});

describe('RUN --network and --security (instructions/commands_runnetwork.go, commands_runsecurity.go)', () => {
  // Their post-parse hooks run inside instructions.Parse, so a bad mode fails before any build step.
  it('refuses unknown modes, case-sensitively, the network first', () => {
    expect(errors('FROM a\nRUN --network=bridge x\n')).toEqual(['2: invalid network mode "bridge"']);
    expect(errors('FROM a\nRUN --network=None x\n')).toEqual(['2: invalid network mode "None"']);
    expect(errors('FROM a\nRUN --network= x\n')).toEqual(['2: invalid network mode ""']);
    expect(errors('FROM a\nRUN --security=privileged x\n')).toEqual(['2: security "privileged" is not valid']);
    expect(errors('FROM a\nRUN --security=x --network=y z\n')).toEqual(['2: invalid network mode "y"']);
  });

  it('accepts the known modes, and leaves ONBUILD triggers alone', () => {
    expect(errors('FROM a\nRUN --network=none --security=insecure x\nRUN --network=host --network=default y\n'))
      .toEqual(['3: duplicate flag specified: --network']);
    expect(errors('FROM a\nRUN --network=default --security=sandbox x\nONBUILD RUN --network=bridge y\n')).toEqual([]);
  });
});
