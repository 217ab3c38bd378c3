// hadolint's pragma grammar (Hadolint/Pragma.hs, Process.hs) condition by condition, with the real
// rules: which comments are pragmas, what a malformed or unknown code does, where `ignore=`,
// `global ignore=` and `stage ignore=` reach. Where dockhand deliberately reads more than hadolint,
// the test says so and docs/hadolint-deviations.md ("Pragmas") lists it.
import { describe, expect, it } from 'vitest';
import { allRules, lint, lintFile, type LintConfig } from '../src/linter/index.js';
import type { Instruction } from '../src/parser/ast.js';
import { parse } from '../src/parser/index.js';
import { parseIgnorePragma } from '../src/linter/pragmas.js';

/** `CODE@line` of the findings of the given codes. */
function found(text: string, codes: string[], config: Partial<LintConfig> = {}): string[] {
  const severity: LintConfig['severity'] = {};
  if (codes.includes('DL1001')) severity.DL1001 = 'info';
  return lint(text, { config: { ...config, severity: { ...severity, ...config.severity } } })
    .diagnostics.filter((d) => codes.includes(d.code))
    .map((d) => `${d.code}@${d.range.startLine}`);
}
const rootUser = (pragma: string) => found(`FROM scratch\n${pragma}\nUSER root\n`, ['DL3002']);

describe('which comments are ignore pragmas', () => {
  it('accepts blanks and tabs around the words, `=` and `,`, and a trailing `# reason`', () => {
    expect(rootUser('# hadolint ignore=DL3002')).toEqual([]);
    expect(rootUser('#hadolint ignore=DL3002')).toEqual([]);
    expect(rootUser('#\thadolint\tignore\t=\tDL3001\t,\tDL3002\t# the base image needs root')).toEqual([]);
    expect(rootUser('# hadolint ignore = DL3001 , DL3002 ')).toEqual([]);
    expect(rootUser('# hadolint ignore=DL3002#no blank before the reason')).toEqual([]);
    // Codes after the reason are part of the reason.
    expect(rootUser('# hadolint ignore=DL3001 # reason, DL3002')).toEqual(['DL3002@3']);
  });

  it('is case-sensitive in its words, as hadolint', () => {
    for (const p of ['# Hadolint ignore=DL3002', '# hadolint IGNORE=DL3002', '# hadolint Global ignore=DL3002', '# HADOLINT ignore=DL3002']) {
      expect(rootUser(p), p).toEqual(['DL3002@3']);
    }
  });

  it('drops the whole pragma when the list is malformed', () => {
    for (const p of ['# hadolint ignore=DL3002,', '# hadolint ignore=,DL3002', '# hadolint ignore=DL3002 DL3001', '# hadolint ignore=', '# hadolint ignore DL3002', '# hadolint global stage ignore=DL3002']) {
      expect(rootUser(p), p).toEqual(['DL3002@3']);
    }
  });

  it('drops the whole pragma for a word that is neither a hadolint code nor a rule (PragmaSpec "invalid rule names")', () => {
    expect(rootUser('# hadolint ignore=crazy,DL3002')).toEqual(['DL3002@3']);
    expect(rootUser('# hadolint ignore=DL3002X,DL3002')).toEqual(['DL3002@3']);
    expect(rootUser('# hadolint ignore=DL3002,no_such_rule')).toEqual(['DL3002@3']);
  });

  it('keeps the pragma for codes that name nothing, when they are spelled like hadolint codes', () => {
    // hadolint reads any run of D, L, S, C and digits as a code; one that names no rule matches nothing.
    expect(rootUser('# hadolint ignore=DL9999,DL3002')).toEqual([]);
    expect(rootUser('# hadolint ignore=3008,DL3002')).toEqual([]);
    expect(rootUser('# hadolint ignore=SC1234,DL3002')).toEqual([]);
  });

  it("also takes dockhand's rule names and aliases, in any case (a deviation)", () => {
    expect(rootUser('# hadolint ignore=no-root-user')).toEqual([]);
    expect(rootUser('# hadolint ignore=dl3002')).toEqual([]);
    expect(found('FROM scratch\n# hadolint ignore=JSONArgsRecommended\nCMD run\n', ['DL3025'])).toEqual([]);
  });

  it('`# dockhand ignore=` takes any code-shaped word: unknown ones match nothing, the rest apply', () => {
    expect(rootUser('# dockhand ignore=crazy,DL3002')).toEqual([]);
    expect(rootUser('# dockhand ignore=no-root-user,whatever')).toEqual([]);
    expect(rootUser('# dockhand ignore=DL3002,')).toEqual(['DL3002@3']);
  });

  it('parses the list without a rule index by shape alone', () => {
    expect(parseIgnorePragma('hadolint ignore=crazy,DL3002')).toEqual({ tool: 'hadolint', scope: 'next', codes: ['crazy', 'DL3002'] });
    expect(parseIgnorePragma('hadolint ignore=crazy,DL3002', () => false)).toBeNull();
    expect(parseIgnorePragma('hadolint ignore=SC2086,3008', () => false)?.codes).toEqual(['SC2086', '3008']);
    expect(parseIgnorePragma('dockhand ignore=crazy', () => false)?.codes).toEqual(['crazy']);
    expect(parseIgnorePragma('  hadolint   stage   ignore=DL3006')).toMatchObject({ scope: 'stage', codes: ['DL3006'] });
  });
});

describe('what `ignore=` covers', () => {
  it('the instruction right below, on all of its lines', () => {
    expect(found('FROM debian:12\n# hadolint ignore=DL3003\nRUN true && \\\n  cd /tmp\nRUN cd /tmp\n', ['DL3003'])).toEqual(['DL3003@5']);
  });

  it('not past a blank line or another instruction', () => {
    expect(rootUser('# hadolint ignore=DL3002\n')).toEqual(['DL3002@4']);
    expect(found('FROM scratch\n# hadolint ignore=DL3002\nWORKDIR /x\nUSER root\n', ['DL3002'])).toEqual(['DL3002@4']);
  });

  it('past other comment lines, and stacked pragmas all apply (hadolint: only the one right above)', () => {
    expect(rootUser('# hadolint ignore=DL3002\n# the base image needs root')).toEqual([]);
    expect(found('FROM scratch\n# hadolint ignore=DL3002\n# hadolint ignore=DL3003\nUSER root\nRUN cd /x\n', ['DL3002', 'DL3003'])).toEqual(['DL3003@5']);
  });

  it('inside a continued RUN, the RUN itself (hadolint: nothing)', () => {
    expect(found('FROM debian:12\nRUN true && \\\n# hadolint ignore=DL3003\n  cd /tmp\n', ['DL3003'])).toEqual([]);
    // A `global ignore=` there applies to the whole file, as anywhere else (hadolint: nothing).
    expect(found('FROM debian:12\nRUN true && \\\n# hadolint global ignore=DL3002\n  true\nUSER root\n', ['DL3002'])).toEqual([]);
  });

  it('findings on the comment line right below it, as in hadolint (DL1001 on a second pragma)', () => {
    const text = 'FROM scratch\n# hadolint ignore=DL1001\n# hadolint ignore=DL3002\nUSER root\n';
    expect(found(text, ['DL1001', 'DL3002'])).toEqual(['DL1001@2']);
    expect(found('FROM scratch\n# hadolint ignore=DL3002\n# hadolint ignore=DL3002\nUSER root\n', ['DL1001', 'DL3002'])).toEqual(['DL1001@2', 'DL1001@3']);
  });

  it('ShellCheck codes too (they are hadolint codes)', () => {
    expect(parseIgnorePragma('hadolint ignore=SC2086,SC2154', () => false)?.codes).toEqual(['SC2086', 'SC2154']);
  });
});

describe('`global ignore=` and `stage ignore=`', () => {
  it('global: the whole file, wherever it stands; several are unioned', () => {
    const text = 'FROM debian:12\nRUN cd /x\nUSER root\n# hadolint global ignore=DL3002\n# hadolint global ignore = DL3003 # legacy\n';
    expect(found(text, ['DL3002', 'DL3003'])).toEqual([]);
  });

  it('stage: the stage it opens (hadolint PragmaSpec :72, :82, :102)', () => {
    expect(found('# hadolint stage ignore=DL3011\nFROM ubuntu\nEXPOSE 80000\n', ['DL3011'])).toEqual([]);
    expect(found('# hadolint stage ignore=DL3011\nFROM ubuntu\nEXPOSE 80000\nFROM ubuntu\nEXPOSE 80000\n', ['DL3011'])).toEqual(['DL3011@5']);
    expect(found('# hadolint stage ignore=DL3011,DL3002\nFROM ubuntu\nUSER root\nEXPOSE 80000\n', ['DL3011', 'DL3002'])).toEqual([]);
  });

  it("stage: its own FROM line, not the next stage's (hadolint has it the other way round)", () => {
    expect(found('# hadolint stage ignore=DL3006\nFROM debian\nRUN true\nFROM ubuntu\nRUN true\n', ['DL3006'])).toEqual(['DL3006@4']);
  });

  it('stage: after a blank line too, and from the middle of a stage to its end (hadolint: neither covers the instruction below)', () => {
    expect(found('# hadolint stage ignore=DL3011\n\nFROM debian:12\nEXPOSE 80000\n', ['DL3011'])).toEqual([]);
    expect(found('FROM debian:12\nEXPOSE 70000\n# hadolint stage ignore=DL3011\nEXPOSE 80000\nEXPOSE 80001\nFROM debian:12\nEXPOSE 90000\n', ['DL3011'])).toEqual(['DL3011@2', 'DL3011@7']);
  });

  it('disable-ignore-pragma turns all three off', () => {
    const text = '# hadolint global ignore=DL3003\n# hadolint stage ignore=DL3011\nFROM debian:12\nEXPOSE 80000\n# hadolint ignore=DL3002\nUSER root\nRUN cd /x\n';
    expect(found(text, ['DL3002', 'DL3003', 'DL3011'])).toEqual([]);
    expect(found(text, ['DL3002', 'DL3003', 'DL3011'], { disableIgnorePragma: true })).toEqual(['DL3011@4', 'DL3002@6', 'DL3003@7']);
  });
});

describe('pragmas in a file with many of them', () => {
  /** DL3011's findings in `n` stages of pragmas and instructions, and how often the lint read an instruction. */
  function run(n: number): { lines: number[]; reads: number } {
    const stage = (k: number) =>
      [`FROM debian:12 AS s${k}`, ...(k % 2 ? ['# hadolint stage ignore=DL3011'] : []), 'EXPOSE 80000', '# hadolint ignore=DL3011', 'EXPOSE 80001', '# dockhand ignore=DL3011', '', 'EXPOSE 80002'].join('\n');
    const parsed = parse(`${Array.from({ length: n }, (_, k) => stage(k)).join('\n')}\n`);
    let reads = 0;
    // Every instruction, and the list of them, counting the reads the lint makes of them.
    const counted = (ins: Instruction) => new Proxy(ins, { get: (t, k, r) => (k === 'range' && reads++, Reflect.get(t, k, r)) });
    const list = parsed.instructions.map(counted);
    const instructions = new Proxy(list, { get: (t, k, r) => (typeof k === 'string' && /^\d+$/.test(k) && reads++, Reflect.get(t, k, r)) });
    const file = { ...parsed, instructions, stages: parsed.stages.map((st) => ({ ...st, from: list[parsed.instructions.indexOf(st.from)]! })) };
    const rules = allRules.filter((r) => r.code === 'DL3011');
    const lines = lintFile(file, { rules }).diagnostics.filter((d) => d.code === 'DL3011').map((d) => d.range.startLine);
    return { lines, reads };
  }

  it('covers what each pragma covers (stage, next instruction, not across a blank line)', () => {
    // Stage 0 has no stage pragma: its second EXPOSE is covered, the first and the one after a blank line are not.
    expect(run(2).lines).toEqual([2, 7]);
  });

  it('reads the instructions a number of times linear in the file, not once per pragma and finding', () => {
    const small = run(1_000);
    const large = run(2_000);
    expect(large.lines.length).toBe(2 * small.lines.length);
    expect(large.reads / small.reads).toBeLessThan(2.5);
  });
});
