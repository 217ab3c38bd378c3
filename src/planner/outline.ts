// A target's outline and the list of targets, read the way BuildKit answers `--call=outline` and
// `--call=targets` (dockerfile2llb's outline capture; instructions.Parse's comment rule). Pure: it
// reads the semantic model only.
import type { Instruction } from '../parser/ast.js';
import type { InstructionInfo, SemanticModel, StageInfo } from '../semantic/index.js';
import type { Outline, OutlineArg, OutlineSecret, OutlineSsh, OutlineWarning, TargetInfo } from './types.js';

/**
 * BuildKit's description rule (instructions.getComment): among the comment lines directly above an
 * instruction (its PrevComment: a bare `#` starts the block afresh, blank lines do not), the first
 * that starts with the name and a space; the description is the rest of that line.
 */
export function describedBy(comments: readonly string[], name: string): string {
  if (!name) return '';
  for (const line of comments) if (line.startsWith(`${name} `)) return line.slice(name.length + 1);
  return '';
}

/** Every stage, as `docker buildx build --call=targets` lists them. */
export function targets(model: SemanticModel): TargetInfo[] {
  return model.stages.map((s, i) => ({
    index: s.index,
    name: s.name,
    description: describedBy(s.stage.from.prevComment, s.name ?? ''),
    default: i === model.stages.length - 1,
    base: s.base.raw,
    platform: s.platform?.raw ?? null,
    line: s.stage.from.range.startLine,
  }));
}

/** One definition of an argument, as BuildKit's outline capture records it. */
interface ArgDef {
  arg: OutlineArg;
  /** Offset of the `NAME[=value]` word, to order several ARGs of one line. */
  offset: number;
  /** Other arguments its default reads (global ARGs only, as in BuildKit). */
  deps: Set<string>;
  /** The comment block above it, for the warning's hint. */
  comments: readonly string[];
}

/** What one stage contributes to an outline before its base and dependencies are visited. */
interface StagePart {
  used: Set<string>;
  defs: Map<string, ArgDef>;
  secrets: (OutlineSecret & { offset: number })[];
  ssh: (OutlineSsh & { offset: number })[];
  /** RUN steps that read a secret file no mount provides. */
  warnings: OutlineWarning[];
}

/**
 * The outline of `stageIndex` built as the target. As in BuildKit: the arguments its stages use (those
 * its FROM lines expand, every ARG declared in a stage, and the global ARGs their defaults read), each
 * defined once (the target's own definition first, then its base's, then its dependencies'), the
 * secrets and SSH sockets its RUN steps mount (first mount of each id), all sorted by line.
 */
export function outlineOf(model: SemanticModel, stageIndex: number): Outline {
  return new Outliner(model).outline(stageIndex);
}

/** The outline of every stage (each as the target), sharing what the stages have in common. */
export function outlines(model: SemanticModel): Outline[] {
  const o = new Outliner(model);
  return model.stages.map((s) => o.outline(s.index));
}

/** Outlines of one model: each stage's share is worked out once, whatever number of targets include it. */
class Outliner {
  private readonly globals: Map<string, ArgDef>;
  private readonly parts = new Map<number, StagePart>();
  private readonly deps = new Map<number, number[]>();
  private readonly reads = new Map<number, Map<string, Set<number>>>();
  private readonly globalReads: Map<string, Set<number>>;

  constructor(private readonly model: SemanticModel) {
    this.globals = globalDefs(model);
    this.globalReads = new Map();
    for (const g of model.globalArgs) {
      for (const e of model.infoOf(g.instruction)?.expansions ?? []) for (const n of e.matched) if (n !== g.name) addRead(this.globalReads, n, g.instruction.range.startLine);
    }
    for (const d of model.dependencies) {
      if (d.kind === 'base' || d.target.kind !== 'stage' || d.error) continue;
      const list = this.deps.get(d.stageIndex) ?? [];
      if (!list.includes(d.target.index)) list.push(d.target.index);
      this.deps.set(d.stageIndex, list);
    }
    for (const list of this.deps.values()) list.sort((a, b) => a - b);
  }

  outline(stageIndex: number): Outline {
    const model = this.model;
    const target = model.stages[stageIndex]!;
    const args: ArgDef[] = [];
    const secrets: StagePart['secrets'] = [];
    const ssh: StagePart['ssh'] = [];
    const seenArgs = new Set<string>();
    const seenSecrets = new Set<string>();
    const seenSsh = new Set<string>();
    const closure: StageInfo[] = [];
    const visited = new Set<number>();
    const visit = (s: StageInfo): void => {
      if (visited.has(s.index)) return;
      visited.add(s.index);
      closure.push(s);
      const part = this.part(s);
      for (const name of part.used) {
        const def = part.defs.get(name);
        if (!def || seenArgs.has(name)) continue;
        seenArgs.add(name);
        args.push(def);
      }
      for (const x of part.secrets) if (!seenSecrets.has(x.id)) (seenSecrets.add(x.id), secrets.push(x));
      for (const x of part.ssh) if (!seenSsh.has(x.id)) (seenSsh.add(x.id), ssh.push(x));
      if (s.base.kind === 'stage') visit(model.stages[s.base.index]!);
      for (const d of this.deps.get(s.index) ?? []) visit(model.stages[d]!);
    };
    visit(target);

    const byPlace = <T extends { line: number; offset: number }>(a: T, b: T) => a.line - b.line || a.offset - b.offset;
    args.sort((a, b) => a.arg.line - b.arg.line || a.offset - b.offset);
    const warnings: OutlineWarning[] = [];
    const listed = args.map((d) => {
      const lines = new Set(this.globalReads.get(d.arg.name));
      for (const s of closure) for (const l of this.readsOf(s).get(d.arg.name) ?? []) lines.add(l);
      if (!d.arg.description) {
        const hint = d.comments.length
          ? `the comment above it does not start with "${d.arg.name} ", the only form BuildKit reads`
          : `write "# ${d.arg.name} <what it sets>" on the line above it`;
        warnings.push({ line: d.arg.line, code: 'undocumented-arg', message: `ARG ${d.arg.name} has no description: ${hint}` });
      }
      return { ...d.arg, readBy: [...lines].sort((a, b) => a - b) };
    });
    for (const s of closure) warnings.push(...this.part(s).warnings);
    warnings.sort((a, b) => a.line - b.line || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
    return {
      target: target.displayName,
      description: describedBy(target.stage.from.prevComment, target.name ?? ''),
      args: listed,
      secrets: secrets.sort(byPlace).map(({ offset: _, ...x }) => x),
      ssh: ssh.sort(byPlace).map(({ offset: _, ...x }) => x),
      warnings,
    };
  }

  private part(s: StageInfo): StagePart {
    let part = this.parts.get(s.index);
    if (!part) {
      part = stagePart(this.model, s, this.globals);
      markAllUsed(part.used, part.defs);
      this.parts.set(s.index, part);
    }
    return part;
  }

  /** Lines of a stage (FROM included) that read each name. */
  private readsOf(s: StageInfo): Map<string, Set<number>> {
    let reads = this.reads.get(s.index);
    if (!reads) {
      reads = new Map();
      const fromLine = s.stage.from.range.startLine;
      for (const n of [...s.baseExpansion.matched, ...(s.platform?.expansion.matched ?? [])]) addRead(reads, n, fromLine);
      for (const ii of [...s.inheritedTriggers, ...s.instructions]) readsIn(ii, reads);
      this.reads.set(s.index, reads);
    }
    return reads;
  }
}

function addRead(reads: Map<string, Set<number>>, name: string, line: number): void {
  let set = reads.get(name);
  if (!set) reads.set(name, (set = new Set()));
  set.add(line);
}

/** Global ARG definitions by name (a later one replaces an earlier one), with the names their defaults read. */
function globalDefs(model: SemanticModel): Map<string, ArgDef> {
  const defs = new Map<string, ArgDef>();
  for (const g of model.globalArgs) {
    const info = model.infoOf(g.instruction);
    const exp = info?.expansions.find((e) => e.role === 'global-arg-default' && e.range.start >= g.range.start && e.range.end <= g.range.end);
    const deps = new Set(exp?.matched ?? []);
    if (deps.has(g.name)) {
      // `ARG A=${A}-x` keeps what the earlier A read.
      deps.delete(g.name);
      for (const d of defs.get(g.name)?.deps ?? []) deps.add(d);
    }
    defs.set(g.name, {
      arg: { name: g.name, default: g.default ?? null, value: g.value ?? '', description: describedBy(g.instruction.prevComment, g.name), line: g.instruction.range.startLine, global: true, readBy: [] },
      offset: g.range.start,
      deps,
      comments: g.instruction.prevComment,
    });
  }
  return defs;
}

/** A stage's own share: the arguments it uses and defines, and the secrets and sockets it mounts. */
function stagePart(model: SemanticModel, s: StageInfo, globals: Map<string, ArgDef>): StagePart {
  const used = new Set<string>([...s.baseExpansion.matched, ...(s.platform?.expansion.matched ?? [])]);
  // A stage built on another starts from a copy of that stage's capture, which holds its FROM's arguments.
  for (let b = s; b.base.kind === 'stage'; ) {
    b = model.stages[b.base.index]!;
    for (const n of [...b.baseExpansion.matched, ...(b.platform?.expansion.matched ?? [])]) used.add(n);
  }
  // Definitions are shared by every outline that includes the stage: never mutated.
  const defs = new Map(globals);
  const secrets: StagePart['secrets'] = [];
  const ssh: StagePart['ssh'] = [];
  for (const ii of [...s.inheritedTriggers, ...s.instructions]) {
    const ins = ii.instruction;
    if (ins.keyword === 'ARG') {
      // A trigger is parsed on its own, so no comment describes it.
      const comments = ii.onbuild ? [] : ins.prevComment;
      (ii.args ?? []).forEach((sa, i) => {
        used.add(sa.name);
        // `ARG NAME` that takes a global value keeps the global definition (BuildKit's skipArgInfo).
        if (sa.source === 'global') return;
        const word = ins.args[i]!;
        const eq = word.value.indexOf('=');
        defs.set(sa.name, {
          arg: { name: sa.name, default: eq < 0 ? null : word.value.slice(eq + 1), value: sa.value ?? '', description: describedBy(comments, sa.name), line: ins.range.startLine, global: false, readBy: [] },
          offset: word.range.start,
          deps: new Set(),
          comments,
        });
      });
    } else if (ins.keyword === 'RUN') {
      for (const mi of ii.mounts ?? []) {
        const m = mi.mount;
        if (!m || (m.type !== 'secret' && m.type !== 'ssh')) continue;
        const id = m.effectiveId ?? '';
        const place = { line: ins.range.startLine, offset: mi.range.start };
        if (m.type === 'secret' && !secrets.some((x) => x.id === id)) {
          secrets.push({ id, required: m.required, target: m.effectiveTarget ?? null, env: m.env ?? null, ...place });
        } else if (m.type === 'ssh' && !ssh.some((x) => x.id === id)) {
          ssh.push({ id, required: m.required, ...place });
        }
      }
    }
  }
  return { used, defs, secrets, ssh, warnings: undeclaredSecrets(s) };
}

/** BuildKit's markAllUsed: an argument in use brings along the global arguments its default reads. */
function markAllUsed(used: Set<string>, defs: Map<string, ArgDef>): void {
  const todo = [...used];
  while (todo.length) {
    for (const d of defs.get(todo.pop()!)?.deps ?? []) {
      if (!used.has(d)) {
        used.add(d);
        todo.push(d);
      }
    }
  }
}

/**
 * Lines that read each argument: instructions that expand it while it is declared, and RUN commands
 * that mention `$NAME` (the shell reads ARG values from the environment, so the text is all there is
 * to go on). FROM lines and global ARG defaults are read by the Outliner.
 */
function readsIn(ii: InstructionInfo, reads: Map<string, Set<number>>): void {
  const ins = ii.instruction;
  const line = ins.range.startLine;
  // Only names declared with ARG before the instruction: anything else is an ENV or undefined.
  const declared = ii.scope.args;
  for (const e of ii.expansions) for (const n of e.matched) if (declared.has(n)) addRead(reads, n, line);
  if (ins.keyword !== 'RUN') return;
  const text = runText(ins);
  if (!text.includes('$')) return;
  for (const m of text.matchAll(/\$\{?([A-Za-z_][A-Za-z0-9_]*)/g)) if (declared.has(m[1]!)) addRead(reads, m[1]!, line);
}

/** What a RUN hands to its shell: the command (or exec-form words) and heredoc bodies. */
function runText(ins: Instruction): string {
  const command = ins.json ? ins.args.map((a) => a.value).join(' ') : ins.argsText;
  return ins.heredocs.length ? `${command}\n${ins.heredocs.map((h) => h.content).join('\n')}` : command;
}

/** A RUN that reads `/run/secrets/<name>` without mounting a secret there: the file will not exist. */
function undeclaredSecrets(s: StageInfo): OutlineWarning[] {
  const out: OutlineWarning[] = [];
  for (const ii of [...s.inheritedTriggers, ...s.instructions]) {
    const ins = ii.instruction;
    if (ins.keyword !== 'RUN') continue;
    const text = runText(ins);
    if (!text.includes('/run/secrets/')) continue;
    const mounted = new Set<string>();
    for (const mi of ii.mounts ?? []) if (mi.mount?.type === 'secret' && mi.mount.effectiveTarget) mounted.add(mi.mount.effectiveTarget);
    const seen = new Set<string>();
    for (const m of text.matchAll(/\/run\/secrets\/([A-Za-z0-9._-]+)/g)) {
      const path = m[0];
      if (mounted.has(path) || seen.has(path)) continue;
      seen.add(path);
      out.push({
        line: ins.range.startLine,
        code: 'undeclared-secret',
        message: `RUN reads ${path}, but no secret is mounted there: add --mount=type=secret,id=${m[1]} to this RUN`,
      });
    }
  }
  return out;
}
