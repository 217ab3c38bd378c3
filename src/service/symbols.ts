// The document's symbols: stage names and ARG/ENV variables, each with every place it is written.
// Stages come from the semantic model's dependencies (FROM <stage>, COPY --from=, RUN --mount
// from=); variables are bound the way the model's scopes are built (global ARGs, then each stage
// in order, a stage based on another starting from that stage's bindings), so a `$NAME` belongs to
// the declaration BuildKit would take its value from. Rename, references, highlights and semantic
// tokens read this table; it is computed once per text.
import type { Span } from '../core/range.js';
import type { Dockerfile, Instruction } from '../parser/ast.js';
import { runScriptSource } from '../shell/index.js';
import { AUTOMATIC_ARG_NAMES, type Expansion, type InstructionInfo, type SemanticModel } from '../semantic/index.js';
import { derivedFrom, itemAt, modelOf } from './document.js';
import { scanVariables, shellAssignedNames, type VariableRef } from './variable-refs.js';

/** One place a symbol is written: its name only (no `$`, braces or `AS`). */
export interface Occurrence extends Span {
  declaration: boolean;
}

/** A stage name or a variable, with every occurrence in the document. */
export interface DockerSymbol {
  kind: 'stage' | 'variable';
  /** The name as first written. */
  name: string;
  /** Sorted by offset. */
  occurrences: Occurrence[];
  /** A variable the builder sets (`TARGETARCH`, ...): it has no declaration to rename. */
  automatic: boolean;
  /** Why renaming it could change what the build does, when it could. */
  unsafe?: string;
  /** Stage index (stages only). */
  stageIndex?: number;
}

/** Every symbol of a document, and what a rename must not collide with. */
export interface SymbolTable {
  symbols: DockerSymbol[];
  /** The symbol written at `offset` (end inclusive, so the cursor right after a name counts). */
  at(offset: number): { symbol: DockerSymbol; occurrence: Occurrence } | undefined;
  /** `$NAME` references no ARG or ENV of the file declares (an unset variable, PATH, a shell variable). */
  unresolved: VariableRef[];
  /** Every variable name the file reads or sets, Dockerfile words and scripts alike. */
  variableNames: Map<string, number>;
  /** Image names written in FROM, `--from=` and mount `from=` (lower-cased), with a line each. */
  imageNames: Map<string, number>;
  /** FROM lines whose base is built from variables: the stage they reach depends on build args. */
  variableBases: { pattern: RegExp; line: number; text: string }[];
}

/** The symbol table of `text` (memoised with its parse). */
export function symbolTable(text: string): SymbolTable {
  return derivedFrom(text, 'symbols', (file) => new TableBuilder(file, modelOf(text)).build());
}

interface Binding {
  symbol: DockerSymbol;
  /** Set by ENV (visible to the running container, not only to the build). */
  env: boolean;
}

class TableBuilder {
  private readonly symbols: DockerSymbol[] = [];
  private readonly unresolved: VariableRef[] = [];
  private readonly variableNames = new Map<string, number>();
  private readonly imageNames = new Map<string, number>();
  private readonly variableBases: SymbolTable['variableBases'] = [];
  private readonly seen = new Set<number>();
  private readonly automatic = new Map<string, DockerSymbol>();
  /** Variables ONBUILD triggers use, with the line of the first. */
  private readonly onbuildNames = new Map<string, number>();
  private readonly escape: string;

  constructor(
    private readonly file: Dockerfile,
    private readonly model: SemanticModel,
  ) {
    this.escape = file.escapeChar;
  }

  build(): SymbolTable {
    this.stages();
    this.variables();
    const symbols = this.symbols.filter((s) => s.occurrences.length > 0);
    for (const s of symbols) {
      s.occurrences.sort((a, b) => a.start - b.start);
      const onbuild = s.kind === 'variable' ? this.onbuildNames.get(s.name) : undefined;
      if (onbuild !== undefined) s.unsafe ??= `ONBUILD at line ${onbuild} uses ${s.name}, and it runs in builds based on this image, which a rename cannot reach`;
    }
    const index = symbols.flatMap((symbol) => symbol.occurrences.map((occurrence) => ({ symbol, occurrence }))).sort((a, b) => a.occurrence.start - b.occurrence.start);
    return {
      symbols,
      at: (offset) => itemAt(index, offset, (e) => e.occurrence),
      unresolved: this.unresolved,
      variableNames: this.variableNames,
      imageNames: this.imageNames,
      variableBases: this.variableBases,
    };
  }

  private line(offset: number): number {
    return this.file.lineIndex.position(offset).line;
  }

  // ---- stages ---------------------------------------------------------------------------------

  private stages(): void {
    const text = this.file.text;
    const byIndex = new Map<number, DockerSymbol>();
    for (const s of this.file.stages) {
      if (!s.name || !s.nameRange || !s.nameRaw) continue;
      const symbol: DockerSymbol = { kind: 'stage', name: s.nameRaw, occurrences: [], automatic: false, stageIndex: s.index };
      symbol.occurrences.push({ start: s.nameRange.start, end: s.nameRange.end, declaration: true });
      byIndex.set(s.index, symbol);
      this.symbols.push(symbol);
    }
    const placed = new Set<number>();
    for (const dep of this.model.dependencies) {
      const raw = dep.raw;
      const line = dep.range.startLine;
      if (dep.kind === 'base' && raw.includes('$')) {
        this.variableBase(raw, line);
        // With the defaults it reaches a stage: that stage's name is spelled by variables here.
        const reached = dep.target.kind === 'stage' ? byIndex.get(dep.target.index) : undefined;
        if (reached) reached.unsafe ??= `line ${line} reaches stage ${reached.name} through variables (FROM ${raw}), which a rename cannot follow`;
        continue;
      }
      if (dep.target.kind !== 'stage') {
        if (dep.target.kind === 'image' && raw && !raw.includes('$')) this.imageNames.set(raw.toLowerCase(), line);
        continue;
      }
      const symbol = byIndex.get(dep.target.index);
      // A stage named by its index (`--from=0`) stays valid whatever the stage is called.
      if (!symbol || /^[+-]?\d+$/.test(raw)) continue;
      // A mount's range is its `from=<name>` field.
      const written = text.slice(dep.range.start, dep.range.end);
      const start = dep.kind === 'mount' && /^from=/i.test(written) ? dep.range.start + 5 : dep.range.start;
      if (placed.has(start)) continue; // an ONBUILD trigger dispatched in several stages
      placed.add(start);
      if (text.slice(start, dep.range.end) !== raw) {
        symbol.unsafe ??= `line ${line} names stage ${symbol.name} in a form that cannot be edited in place (quoted or escaped)`;
        continue;
      }
      symbol.occurrences.push({ start, end: dep.range.end, declaration: false });
    }
    // A base built from variables (`FROM tool-${TARGETOS}`) may reach any stage its literal parts fit.
    for (const symbol of byIndex.values()) {
      const hit = this.variableBases.find((b) => b.pattern.test(symbol.name.toLowerCase()));
      if (hit) symbol.unsafe ??= `line ${hit.line} (FROM ${hit.text}) may reach stage ${symbol.name} through variables, and a rename cannot follow it`;
    }
  }

  /**
   * A FROM base spelled with variables and literal text (`tool-${TARGETOS}`): with other build
   * args it may reach any stage whose name fits the literal parts. (A base that is only a variable,
   * `FROM ${IMAGE}`, is taken at its default: it names an image, or the stage found above.)
   */
  private variableBase(raw: string, line: number): void {
    const refs = scanVariables(raw, 0, raw.length, { escape: this.escape, quotes: true });
    let source = '';
    let at = 0;
    for (const r of refs) {
      source += escapeRegExp(raw.slice(at, r.dollar)) + '.*';
      at = raw[r.dollar + 1] === '{' ? closingBrace(raw, r.end) + 1 : r.end;
    }
    source += escapeRegExp(raw.slice(at));
    if (source.replace(/\.\*/g, '') === '') return;
    this.variableBases.push({ pattern: new RegExp(`^${source}$`, 'i'), line, text: raw });
  }

  // ---- variables ------------------------------------------------------------------------------

  private variables(): void {
    const model = this.model;
    // FROM lines and `ARG NAME` in a stage see the builder's automatic arguments.
    const global = new Map<string, Binding>(AUTOMATIC_ARG_NAMES.map((n) => [n, { symbol: this.automaticSymbol(n), env: false }]));
    for (const ins of this.file.globalArgs) {
      const info = model.infoOf(ins);
      if (!info) continue;
      for (const arg of ins.args) {
        this.expansionsIn(info, arg.range, global);
        const name = nameOf(arg.value);
        this.declare(global, name, this.argNameSpan(arg), false);
      }
    }
    const finals: Map<string, Binding>[] = [];
    for (const stage of model.stages) {
      const fromInfo = model.infoOf(stage.stage.from);
      if (fromInfo) this.expansionsIn(fromInfo, null, global);
      const scope = stage.base.kind === 'stage' && finals[stage.base.index] ? new Map(finals[stage.base.index]) : new Map<string, Binding>();
      for (const info of stage.instructions) this.instruction(info, scope, global);
      finals[stage.index] = scope;
    }
  }

  private instruction(info: InstructionInfo, scope: Map<string, Binding>, global: Map<string, Binding>): void {
    const ins = info.instruction;
    switch (ins.keyword) {
      case 'ENV':
        this.expansionsIn(info, null, scope);
        for (const p of ins.pairs) {
          if (p.key.includes('$')) continue;
          this.declare(scope, p.key, { start: p.keyRange.start, end: p.keyRange.end }, true);
        }
        return;
      case 'ARG':
        for (const arg of ins.args) {
          this.expansionsIn(info, arg.range, scope);
          const name = nameOf(arg.value);
          const span = this.argNameSpan(arg);
          const bare = !arg.value.includes('=');
          // `ARG NAME` inside a stage takes the global value: the same variable as the global ARG.
          const carried = bare ? global.get(name) : undefined;
          if (carried) {
            carried.symbol.occurrences.push({ ...span, declaration: true });
            this.noteName(name, span.start);
            scope.set(name, { symbol: carried.symbol, env: scope.get(name)?.env ?? false });
          } else this.declare(scope, name, span, false);
        }
        return;
      case 'RUN':
        this.expansionsIn(info, null, scope);
        this.script(ins, scope);
        return;
      case 'CMD':
      case 'ENTRYPOINT':
      case 'HEALTHCHECK':
        // Shell form runs in the container, whose environment holds ENV values only.
        if (!ins.json) this.containerCommand(ins, scope);
        return;
      case 'ONBUILD':
        if (ins.trigger) this.onbuild(ins.trigger);
        return;
      default:
        this.expansionsIn(info, null, scope);
    }
  }

  /** Declares `name` (or re-declares it: a second ARG or ENV of a name is the same variable). */
  private declare(scope: Map<string, Binding>, name: string, span: Span, env: boolean): void {
    if (!name) return;
    this.noteName(name, span.start);
    const known = scope.get(name);
    if (known) {
      known.symbol.occurrences.push({ ...span, declaration: true });
      if (env && !known.env) scope.set(name, { symbol: known.symbol, env: true });
      return;
    }
    const symbol = this.newVariable(name);
    symbol.occurrences.push({ ...span, declaration: true });
    scope.set(name, { symbol, env });
  }

  private newVariable(name: string): DockerSymbol {
    const symbol: DockerSymbol = { kind: 'variable', name, occurrences: [], automatic: false };
    this.symbols.push(symbol);
    return symbol;
  }

  private automaticSymbol(name: string): DockerSymbol {
    let s = this.automatic.get(name);
    if (!s) {
      s = { kind: 'variable', name, occurrences: [], automatic: true, unsafe: `${name} is set by the builder (an automatic platform argument), so it cannot be renamed` };
      this.automatic.set(name, s);
      this.symbols.push(s);
    }
    return s;
  }

  /** References in the words BuildKit expands (those inside `within`, when given). */
  private expansionsIn(info: InstructionInfo, within: Span | null, scope: Map<string, Binding>): void {
    for (const e of info.expansions) {
      if (e.matched.length === 0 && e.unmatched.length === 0) continue;
      if (within && (e.range.start < within.start || e.range.end > within.end)) continue;
      this.expansion(e, scope);
    }
  }

  private expansion(e: Expansion, scope: Map<string, Binding>): void {
    const names = new Set([...e.matched, ...e.unmatched]);
    const refs = scanVariables(this.file.text, e.range.start, e.range.end, { escape: e.role === 'heredoc' ? '\\' : this.escape, quotes: e.role !== 'heredoc' });
    for (const r of refs) {
      if (!names.has(r.name)) continue;
      this.reference(r, scope.get(r.name));
    }
  }

  private reference(r: VariableRef, binding: Binding | undefined): void {
    if (this.seen.has(r.start)) return; // words sharing a range (mount fields written with quotes)
    this.seen.add(r.start);
    this.noteName(r.name, r.start);
    if (binding) binding.symbol.occurrences.push({ start: r.start, end: r.end, declaration: false });
    else this.unresolved.push(r);
  }

  /** A RUN script: `$NAME`s the shell reads from the build's environment (ARG and ENV values). */
  private script(ins: Instruction, scope: Map<string, Binding>): void {
    const source = runScriptSource(ins, this.file);
    if (!source) return;
    const assigned = shellAssignedNames(source.text);
    for (const n of assigned) this.noteName(n, ins.range.start);
    for (const r of scanVariables(source.text, 0, source.text.length, { escape: '\\', quotes: true, comments: true })) {
      const start = source.offsetOf(r.start);
      const end = source.offsetOf(r.end - 1) + 1;
      const dollar = source.offsetOf(r.dollar);
      if (this.file.text.slice(start, end) !== r.name) continue; // split by a line continuation
      const mapped = { name: r.name, start, end, dollar };
      const binding = scope.get(r.name);
      this.scriptReference(mapped, binding, assigned, ins);
    }
  }

  private scriptReference(r: VariableRef, binding: Binding | undefined, assigned: Set<string>, ins: Instruction): void {
    if (binding && assigned.has(r.name)) {
      binding.symbol.unsafe ??= `the script of ${ins.keyword} at line ${ins.range.startLine} also sets ${r.name} itself, so its $${r.name} may not be the Dockerfile's`;
    }
    this.reference(r, binding);
  }

  /** CMD, ENTRYPOINT and HEALTHCHECK in shell form: their `$NAME`s are read when the container runs. */
  private containerCommand(ins: Instruction, scope: Map<string, Binding>): void {
    const { start, end } = ins.argsRange;
    const text = this.file.text.slice(start, end);
    const assigned = shellAssignedNames(text);
    for (const n of assigned) this.noteName(n, start);
    for (const r of scanVariables(this.file.text, start, end, { escape: this.escape, quotes: true, comments: true })) {
      const binding = scope.get(r.name);
      this.scriptReference(r, binding?.env ? binding : undefined, assigned, ins);
    }
  }

  /** ONBUILD triggers run in another build: a variable they use cannot be renamed from here. */
  private onbuild(trigger: Instruction): void {
    const { start, end } = trigger.argsRange;
    for (const r of scanVariables(this.file.text, start, end, { escape: this.escape, quotes: true })) {
      this.noteName(r.name, r.start);
      this.onbuildNames.set(r.name, trigger.range.startLine);
    }
  }

  private noteName(name: string, offset: number): void {
    if (!this.variableNames.has(name)) this.variableNames.set(name, this.line(offset));
  }

  /** The `NAME` of an ARG word (`NAME` or `NAME=default`), when the word is written as it reads. */
  private argNameSpan(arg: { value: string; range: Span }): Span {
    const name = nameOf(arg.value);
    const written = this.file.text.slice(arg.range.start, arg.range.start + name.length);
    return written === name ? { start: arg.range.start, end: arg.range.start + name.length } : { start: arg.range.start, end: arg.range.end };
  }
}

const nameOf = (word: string) => {
  const eq = word.indexOf('=');
  return eq < 0 ? word : word.slice(0, eq);
};

function closingBrace(text: string, from: number): number {
  let depth = 1;
  for (let i = from; i < text.length; i++) {
    if (text[i] === '{') depth++;
    else if (text[i] === '}' && --depth === 0) return i;
  }
  return text.length - 1;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
