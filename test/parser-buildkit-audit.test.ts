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
