// Cache keys against BuildKit's source: for each input, does editing it change the key BuildKit
// gives the step (dockerfile2llb's convert.go, client/llb's op marshalling, the solver's cache maps)?
import { describe, expect, it } from 'vitest';
import { parse } from '../src/parser/index.js';
import { memoryContext, type MemoryFile } from '../src/planner/context.js';
import { plan, type PlanOptions } from '../src/planner/plan.js';
import type { Plan } from '../src/planner/types.js';

const FILES: Record<string, string | MemoryFile> = { 'a.txt': 'a\n', 'src/b.txt': 'b\n' };

function mk(text: string, opts: PlanOptions = {}, files = FILES): Plan {
  return plan(parse(text), { context: memoryContext(files), ...opts });
}

/** The key of the last step of the last stage. */
function last(text: string, opts: PlanOptions = {}, files = FILES): string {
  const steps = mk(text, opts, files).stages.at(-1)!.steps;
  return steps.at(-1)!.cacheKey;
}

describe('RUN flags and mounts', () => {
  it('--network=default and --security=sandbox key as a RUN without the flag', () => {
    expect(last('FROM a\nRUN --network=default make\n')).toBe(last('FROM a\nRUN make\n'));
    expect(last('FROM a\nRUN --security=sandbox make\n')).toBe(last('FROM a\nRUN make\n'));
    expect(last('FROM a\nRUN --network=none make\n')).not.toBe(last('FROM a\nRUN make\n'));
    expect(last('FROM a\nRUN --network=host make\n')).not.toBe(last('FROM a\nRUN --network=none make\n'));
  });

  it('mounts are keyed by target, whatever order the flags are written in', () => {
    const ab = last('FROM a\nRUN --mount=type=cache,target=/a --mount=type=bind,source=src,target=/b make\n');
    const ba = last('FROM a\nRUN --mount=type=bind,source=src,target=/b --mount=type=cache,target=/a make\n');
    expect(ba).toBe(ab);
    // Secrets come after the file-system mounts, in the order written.
    const s1 = last('FROM a\nRUN --mount=type=secret,id=x --mount=type=cache,target=/c make\n');
    const s2 = last('FROM a\nRUN --mount=type=cache,target=/c --mount=type=secret,id=x make\n');
    expect(s2).toBe(s1);
    const xy = last('FROM a\nRUN --mount=type=secret,id=x --mount=type=secret,id=y make\n');
    const yx = last('FROM a\nRUN --mount=type=secret,id=y --mount=type=secret,id=x make\n');
    expect(yx).not.toBe(xy);
  });

  it('a bind mount source is a path from the root of what it mounts', () => {
    expect(last('FROM a\nRUN --mount=type=bind,source=./src,target=/s make\n')).toBe(last('FROM a\nRUN --mount=type=bind,source=src,target=/s make\n'));
  });
});

describe('COPY and ADD sources', () => {
  it('a source is keyed as the cleaned path from the root, however it is spelt', () => {
    expect(last('FROM a\nCOPY ./a.txt /x/\n')).toBe(last('FROM a\nCOPY a.txt /x/\n'));
    expect(last('FROM a\nCOPY src/ /x/\n')).toBe(last('FROM a\nCOPY src /x/\n'));
    expect(last('FROM a AS b\nFROM a\nCOPY --from=b /out/ /x/\n')).toBe(last('FROM a AS b\nFROM a\nCOPY --from=b /out /x/\n'));
    expect(last('FROM a AS b\nFROM a\nCOPY --from=b /out /x/\n')).not.toBe(last('FROM a AS b\nFROM a\nCOPY --from=b /dist /x/\n'));
  });
});
