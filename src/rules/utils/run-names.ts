// Every name a command of the file's RUNs may go by, once per lint: RUN rules that only report on
// certain commands (`apt-get`, `yum`...) return at once for the many files that never run them.
import type { Instruction } from '../../parser/ast.js';
import { baseName, effectiveCommand, execFormCommand, namedCommandList, unwrapCommand, unwrappedCommandList } from '../../shell/query.js';
import type { ShellCommand } from '../../shell/types.js';
import type { RuleContext } from '../types.js';
import { lintScratch } from './lint-scratch.js';

/**
 * Names (as written and their last path component) of every command of every RUN and ONBUILD RUN,
 * seen plainly, through ShellCheck's wrappers (`command`, `exec`...) and through launchers (`sudo`,
 * `env`...), shell and exec form alike. A superset of what any rule helper's command list holds, so
 * "none of these names here" safely means "no finding".
 */
export function anyRunNames(ctx: RuleContext): ReadonlySet<string> {
  const scratch = lintScratch(ctx);
  let names = scratch.get('run-names') as Set<string> | undefined;
  if (names) return names;
  names = new Set();
  for (const ins of ctx.file.instructions) {
    let run: Instruction | undefined;
    if (ins.keyword === 'RUN') run = ins;
    else if (ins.keyword === 'ONBUILD' && ins.trigger?.keyword === 'RUN') run = ins.trigger;
    else continue;
    if (run.json) {
      for (const c of execFormCommand(run.args)) {
        addCommandName(names, c);
        addCommandName(names, unwrapCommand(c));
        addCommandName(names, effectiveCommand(c));
      }
    }
    const script = ctx.shell(run) ?? (run !== ins ? ctx.shell(ins) : undefined);
    if (!script) continue;
    // The unwrapped lists hold the very same objects wherever there is nothing to unwrap.
    const raw = script.commands;
    const launched = unwrappedCommandList(script);
    const effective = namedCommandList(script);
    let k = 0;
    for (let i = 0; i < raw.length; i++) {
      const c = raw[i]!;
      addCommandName(names, c);
      const l = launched[i]!;
      if (l !== c) addCommandName(names, l);
      if (c.name === '') continue;
      const e = effective[k++]!;
      if (e !== c) addCommandName(names, e);
    }
  }
  scratch.set('run-names', names);
  return names;
}

/** True when some command of the file's RUNs may be called one of `names` (see {@link anyRunNames}). */
export function mayRunAny(ctx: RuleContext, names: readonly string[]): boolean {
  return hasAny(anyRunNames(ctx), names);
}

/** True when the set holds one of `names`. */
export function hasAny(have: ReadonlySet<string>, names: readonly string[]): boolean {
  if (have.size === 0) return false;
  for (const n of names) if (have.has(n)) return true;
  return false;
}

/** True when some name of the set passes `test` (for prefix tests such as `pip*`). */
export function someName(names: ReadonlySet<string>, test: (name: string) => boolean): boolean {
  for (const n of names) if (test(n)) return true;
  return false;
}

/** Adds the name a command goes by, and its last path component when it has one (`/usr/bin/yum`). */
export function addCommandName(names: Set<string>, c: ShellCommand): void {
  const name = c.name;
  names.add(name);
  if (name.includes('/')) names.add(baseName(name));
}
