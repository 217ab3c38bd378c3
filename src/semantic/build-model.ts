// Builds the semantic model: walks global ARGs, FROM lines and each stage's instructions the way
// BuildKit's dispatcher does (dockerfile2llb/convert.go), recording scopes, expansions and dependencies.
import { copyFromRef } from './stage-graph.js';
import { copyRefusals, EMPTY_VOLUME, exposeRefusal, HEREDOC_WORD, stopSignalRefusal } from './dispatch-checks.js';
import type { SourceRange } from '../core/range.js';
import type { Arg, Dockerfile, Flag, Heredoc, Instruction, Stage } from '../parser/ast.js';
import { chompedBody } from '../parser/heredoc.js';
import { instructionError } from '../parser/validate.js';
import { ExpansionError, needsLexer, processWordWithMatches, processWords, type ExpandOptions } from '../expand/index.js';
import { parseMount } from './mount.js';
import { resolveWorkdir } from './paths.js';
import { automaticArgs, defaultPath, defaultShell } from './platform.js';
import { fixedScope, StageState, type StageStart } from './scope.js';
import type {
  BaseRef, Dependency, Expansion, ExpansionRole, GlobalArg, InstructionInfo, ModelOptions, MountInfo,
  Platform, ResolvedRef, Scope, ScopedArg, SemanticModel, StageInfo,
} from './types.js';

/** Args BuildKit never puts into the environment and never reports as undefined. */
export const NON_ENV_ARGS: ReadonlySet<string> = new Set(['BUILDKIT_SBOM_SCAN_CONTEXT', 'BUILDKIT_SBOM_SCAN_STAGE']);
const DEFAULT_PLATFORM: Platform = { os: 'linux', arch: 'amd64' };
/** The build args of a model built without any (one object, so per-lint caches keyed on it hold). */
const NO_BUILD_ARGS: Readonly<Record<string, string>> = Object.freeze({});
/** Shared empty name lists of words with nothing to expand (frozen: the model is read-only data). */
const NONE = Object.freeze([]) as unknown as string[];
/** The shared answer of undefinedVariables for an instruction without any (frozen, like NONE). */
const NO_UNDEFINED = Object.freeze([]) as unknown as { name: string; expansion: Expansion }[];
const NO_ENTRIES: ReadonlyMap<string, never> = new Map<string, never>();
/** A fresh non-Windows stage's environment: BuildKit's default PATH. */
const DEFAULT_ENV: ReadonlyMap<string, string> = new Map([['PATH', defaultPath('linux')!]]);
/** BuildKit's heredoc word test (parser.go). */

/**
 * Builds the semantic model of a parsed Dockerfile. Pure and total: it never throws; what BuildKit
 * would reject is recorded in `InstructionInfo.errors`, `Expansion.error` and `Dependency.error`.
 */
export function buildModel(file: Dockerfile, options: ModelOptions = {}): SemanticModel {
  return new ModelBuilder(file, options).build();
}

/** What the semantic model knows of a FROM line: the `StageInfo` fields that depend on the global ARGs alone. */
export type FromLine = Pick<StageInfo, 'baseExpansion' | 'baseWithDefaults' | 'platform'>;

/**
 * The FROM lines of `file` as buildModel records them (each stage's `baseExpansion`,
 * `baseWithDefaults` and `platform`), without dispatching any stage's instructions: they depend on
 * the global ARGs only, and rules about FROM lines need nothing else.
 */
export function buildFromLines(file: Dockerfile, options: ModelOptions = {}): FromLine[] {
  return new ModelBuilder(file, options).fromLines();
}

type Lookup = (name: string) => string | undefined;

class ModelBuilder {
  private readonly buildArgs: Readonly<Record<string, string>>;
  private readonly target: Platform;
  private readonly buildPlatform: Platform;
  private readonly targetStage: string;
  private readonly windows: boolean;
  private readonly escapeToken: '\\' | '`';
  /**
   * Infos of top-level instructions by position in `file.instructions` (found by offset: hashing
   * every instruction into a Map cost more than the rest of the model), and of ONBUILD triggers.
   */
  private readonly topInfos: (InstructionInfo | undefined)[] = [];
  private readonly triggerInfos = new Map<Instruction, InstructionInfo>();
  /** Where the next top-level instruction is expected: they are registered in file order. */
  private topCursor = 0;
  private readonly dependencies: Dependency[] = [];
  private readonly stages: StageInfo[] = [];
  private globalEnv = new Map<string, string>();
  /** Automatic args plus meta ARG defaults, ignoring build args (InvalidDefaultArgInFrom's view). */
  private defaultsEnv = new Map<string, string>();
  private readonly globalArgs: GlobalArg[] = [];
  private globalScope!: Scope;
  /** Names of the global ARGs (FROM lines' declared names). */
  private metaNames: ReadonlySet<string> = new Set();
  /** Lower-cased stage name → index, as registered so far (FROM sees only earlier stages). */
  private readonly namesSoFar = new Map<string, number>();
  /** Lower-cased stage name → last index with that name (COPY --from and mounts see every stage). */
  private readonly allNames = new Map<string, number>();

  constructor(
    private readonly file: Dockerfile,
    options: ModelOptions,
  ) {
    this.buildArgs = options.buildArgs ?? NO_BUILD_ARGS;
    this.buildPlatform = options.buildPlatform ?? DEFAULT_PLATFORM;
    this.target = options.platform ?? this.buildPlatform;
    const last = file.stages[file.stages.length - 1];
    this.targetStage = options.target ?? last?.name ?? '';
    this.windows = this.target.os === 'windows';
    this.escapeToken = file.escapeChar;
    file.stages.forEach((s) => {
      if (s.name) this.allNames.set(s.name.toLowerCase(), s.index);
    });
  }

  build(): SemanticModel {
    const automatic = this.buildGlobals();
    for (const stage of this.file.stages) this.buildStage(stage);

    const instructions: InstructionInfo[] = [];
    for (const info of this.topInfos) if (info) instructions.push(info);
    const stagesByIndex = this.stages;
    const allNames = this.allNames;
    const tops = this.topInfos;
    const triggers = this.triggerInfos;
    const list = this.file.instructions;
    const infoOf = (ins: Instruction): InstructionInfo | undefined => {
      const at = topIndex(list, ins);
      return at >= 0 ? tops[at] : triggers.get(ins);
    };
    const opts = {
      buildArgs: { ...this.buildArgs }, platform: this.target, buildPlatform: this.buildPlatform, target: this.targetStage,
    };
    return {
      file: this.file,
      options: opts,
      automaticArgs: automatic,
      globalArgs: this.globalArgs,
      globalEnv: this.globalEnv,
      stages: stagesByIndex,
      instructions,
      dependencies: this.dependencies,
      infoOf,
      scopeBefore: (ins) => infoOf(ins)?.scope,
      resolveStageRef: (ref) => {
        if (typeof ref === 'number') return Number.isInteger(ref) ? stagesByIndex[ref] : undefined;
        if (/^\d+$/.test(ref)) return stagesByIndex[Number(ref)];
        const index = allNames.get(ref.toLowerCase());
        return index === undefined ? undefined : stagesByIndex[index];
      },
      variableReferences: (ins) => infoOf(ins)?.expansions ?? [],
      undefinedVariables: (ins) => {
        const expansions = infoOf(ins)?.expansions;
        // Almost every instruction has none: no new array for those (rules ask for every one).
        if (!expansions || !expansions.some((e) => e.undefinedNames.length > 0)) return NO_UNDEFINED;
        return expansions.flatMap((e) => e.undefinedNames.map((name) => ({ name, expansion: e })));
      },
    };
  }

  fromLines(): FromLine[] {
    this.buildGlobals();
    return this.file.stages.map((stage) => this.fromLine(stage, undefined));
  }

  /** The automatic args, then the global env and scope of the global ARGs. */
  private buildGlobals(): ReadonlyMap<string, string> {
    const automatic = automaticArgs(this.target, this.buildPlatform, this.targetStage, this.buildArgs);
    // Without global ARGs nothing is ever added: the automatic args are the whole global env (the
    // map is shared between files, and only buildGlobalArgs, which copies it first, ever writes).
    this.globalEnv = this.file.globalArgs.length === 0 ? (automatic as Map<string, string>) : new Map(automatic);
    this.buildGlobalArgs();
    return automatic;
  }

  // ---- global (meta) ARGs -------------------------------------------------------------------

  private buildGlobalArgs(): void {
    const declared = new Map<string, ScopedArg>();
    // InvalidDefaultArgInFrom expands FROM with defaults only, so keep a build-arg-free view too.
    // Without global ARGs both views stay equal to the automatic args: share the map (read only).
    const defaultsEnv = this.file.globalArgs.length === 0 ? this.globalEnv : new Map(this.globalEnv);
    this.defaultsEnv = defaultsEnv;
    for (const ins of this.file.globalArgs) {
      const info = this.newInfo(ins, -1, fixedScope(new Map(this.globalEnv), new Map(declared), defaultShell(this.target.os)));
      info.args = [];
      for (const arg of ins.args) {
        const { name, value: def } = splitArg(arg.value);
        const nameRange = this.subRange(arg, 0, name.length);
        let defaultValue: string | undefined;
        let value: string | undefined;
        let source: GlobalArg['source'] = 'none';
        if (def !== undefined) {
          const valueRange = this.subRange(arg, name.length + 1, arg.value.length);
          const withDefaults = this.expand('global-arg-default', def, valueRange, (n) => defaultsEnv.get(n), { report: false });
          defaultValue = withDefaults.result;
          const hasBuildArg = Object.prototype.hasOwnProperty.call(this.buildArgs, name);
          if (!hasBuildArg) {
            const exp = this.expand('global-arg-default', def, valueRange, (n) => this.globalEnv.get(n), { report: false });
            info.expansions.push(exp);
            if (exp.error) info.errors.push(exp.error);
            value = exp.result;
            source = 'default';
          }
        }
        if (Object.prototype.hasOwnProperty.call(this.buildArgs, name)) {
          value = this.buildArgs[name];
          source = 'build-arg';
        }
        if (value !== undefined) this.globalEnv.set(name, value);
        if (defaultValue !== undefined) defaultsEnv.set(name, defaultValue);
        this.globalArgs.push({ name, default: def, defaultValue, value, source, instruction: ins, range: arg.range, nameRange });
        const scoped: ScopedArg = { name, value, source, instruction: ins };
        declared.set(name, scoped);
        info.args.push(scoped);
      }
    }
    this.globalScope = fixedScope(this.globalEnv, declared, defaultShell(this.target.os));
    this.metaNames = new Set(this.globalArgs.map((a) => a.name));
  }

  // ---- stages -------------------------------------------------------------------------------

  /** A FROM line's expansions with the global ARGs, recorded in `fromInfo` when given. */
  private fromLine(stage: Stage, fromInfo: InstructionInfo | undefined): FromLine {
    const metaNames = this.metaNames;
    const declaredMeta = (n: string) => metaNames.has(n);

    const baseExpansion = this.expand('from-image', stage.base, stage.baseRange, (n) => this.globalEnv.get(n), {
      report: true, declared: declaredMeta,
    });
    fromInfo?.expansions.push(baseExpansion);
    let platform: StageInfo['platform'] = null;
    if (stage.platform !== null) {
      const flag = stage.from.flags.find((f) => f.name === 'platform');
      const range = flag?.valueRange ?? flag?.range ?? stage.from.range;
      const exp = this.expand('from-platform', stage.platform, range, (n) => this.globalEnv.get(n), {
        report: true, declared: declaredMeta,
      });
      fromInfo?.expansions.push(exp);
      platform = { raw: stage.platform, value: exp.result, expansion: exp };
      if (exp.error) fromInfo?.errors.push(exp.error);
      else if (exp.result === '') fromInfo?.errors.push(`empty platform value from expression ${stage.platform}`);
    }

    let baseWithDefaults: string | null = null;
    if (!needsLexer(stage.base, this.escapeToken)) baseWithDefaults = stage.base; // nothing to expand
    else {
      try {
        baseWithDefaults = processWordWithMatches(stage.base, this.defaultsEnv, { escapeToken: this.escapeToken }).result;
      } catch (err) {
        if (!(err instanceof ExpansionError)) throw err;
      }
    }
    return { baseExpansion, baseWithDefaults, platform };
  }

  private buildStage(stage: Stage): void {
    const fromInfo = this.newInfo(stage.from, stage.index, this.globalScope);
    const { baseExpansion, baseWithDefaults, platform } = this.fromLine(stage, fromInfo);

    let base: BaseRef;
    if (baseExpansion.error) {
      fromInfo.errors.push(baseExpansion.error);
      base = { kind: 'image', ref: stage.base, raw: stage.base };
    } else {
      const name = baseExpansion.result;
      if (name === '') fromInfo.errors.push(`base name (${stage.base}) should not be blank`);
      // BuildKit looks the expanded name up as written among the (lower-cased) names of earlier stages.
      const earlier = this.namesSoFar.get(name);
      if (earlier !== undefined) base = { kind: 'stage', index: earlier, raw: stage.base };
      else if (name === 'scratch') base = { kind: 'scratch', raw: stage.base };
      else base = { kind: 'image', ref: name, raw: stage.base };
    }
    if (stage.name) this.namesSoFar.set(stage.name.toLowerCase(), stage.index);
    this.dependencies.push({
      kind: 'base', stageIndex: stage.index, instruction: stage.from, target: stripRaw(base), raw: stage.base,
      range: stage.baseRange, viaOnbuild: false,
    });

    const parent = base.kind === 'stage' ? this.stages[base.index] : undefined;
    const start = parent ? this.parentStart(parent) : this.freshStart();
    const state = new StageState(start, this.windows);
    const info: StageInfo = {
      index: stage.index,
      name: stage.name,
      displayName: stage.name ?? `stage-${stage.index}`,
      stage,
      base,
      baseExpansion,
      baseWithDefaults,
      platform,
      baseConfigKnown: parent ? parent.baseConfigKnown : base.kind === 'scratch',
      initialScope: state.snapshot(),
      finalScope: state.snapshot(),
      inheritedTriggers: [],
      instructions: [],
      labels: state.labels,
    };
    this.stages.push(info);

    if (parent) {
      for (const ins of parent.stage.instructions) {
        if (ins.keyword !== 'ONBUILD' || !ins.trigger) continue;
        const triggerInfo = this.dispatch(ins.trigger, info, state, ins);
        info.inheritedTriggers.push(triggerInfo);
      }
    }
    for (const ins of stage.instructions) info.instructions.push(this.dispatch(ins, info, state, undefined));
    info.finalScope = state.snapshot();
  }

  private parentStart(parent: StageInfo): StageStart {
    const s = parent.finalScope;
    return {
      env: s.env, args: s.args, shell: s.shell, shellExplicit: s.shellExplicit, workdir: s.workdir, user: s.user,
      labels: parent.labels,
    };
  }

  private freshStart(): StageStart {
    // StageState copies what it starts from, so constant maps do.
    return {
      env: this.windows ? NO_ENTRIES : DEFAULT_ENV, args: NO_ENTRIES, shell: defaultShell(this.target.os), shellExplicit: false,
      workdir: null, user: null, labels: NO_ENTRIES,
    };
  }

  // ---- instructions -------------------------------------------------------------------------

  private dispatch(ins: Instruction, stage: StageInfo, state: StageState, onbuild: Instruction | undefined): InstructionInfo {
    const info = this.newInfo(ins, stage.index, state.snapshot(), onbuild);
    // A trigger is parsed by BuildKit's instruction parser only in a build that inherits it, and its
    // first error stops that build before the trigger is dispatched.
    const parseError = onbuild ? instructionError(ins) : undefined;
    if (parseError) {
      info.errors.push(parseError.message);
      return info;
    }
    try {
      this.dispatchInto(info, ins, stage, state, onbuild);
    } catch (err) {
      // The model is total: an AST shape we did not foresee degrades one instruction, not the file.
      info.errors.push(`internal error: ${err instanceof Error ? err.message : String(err)}`);
    }
    return info;
  }

  private dispatchInto(info: InstructionInfo, ins: Instruction, stage: StageInfo, state: StageState, onbuild: Instruction | undefined): void {
    const lookup = state.lookup;
    const word = this.wordFor(state, info);

    switch (ins.keyword) {
      case 'ENV': {
        // Every word sees the environment as it was before the instruction.
        const applied = ins.pairs.map((p) => ({
          key: word('env-key', p.key, p.keyRange).result,
          value: word('env-value', p.value, p.valueRange).result,
        }));
        for (const { key, value } of applied) state.setEnv(key, value);
        info.env = applied;
        break;
      }
      case 'LABEL':
        for (const p of ins.pairs) {
          const key = word('label-key', p.key, p.keyRange).result;
          state.labels.set(key, word('label-value', p.value, p.valueRange).result);
        }
        break;
      case 'ARG':
        info.args = ins.args.map((arg) => this.dispatchArg(ins, arg, state, word));
        break;
      case 'WORKDIR': {
        const [text, range] = this.singleArg(ins);
        const exp = word('workdir', text, range);
        state.workdir = resolveWorkdir(state.workdir, exp.result);
        break;
      }
      case 'USER': {
        const [text, range] = this.singleArg(ins);
        state.user = word('user', text, range).result;
        break;
      }
      case 'STOPSIGNAL': {
        const [text, range] = this.singleArg(ins);
        const exp = word('stopsignal', text, range);
        const why = exp.error ? undefined : stopSignalRefusal(exp.result);
        if (why) info.errors.push(why);
        break;
      }
      case 'VOLUME': {
        let empty = false;
        for (const a of ins.args) {
          const exp = word('volume', a.value, a.range);
          if (!exp.error && exp.result === '') empty = true;
        }
        if (empty) info.errors.push(EMPTY_VOLUME);
        break;
      }
      case 'EXPOSE':
        for (const a of ins.args) {
          const exp = word('expose', a.value, a.range, { report: false });
          if (!exp.error) exp.words = this.splitWords(a.value, lookup);
          for (const spec of exp.words ?? []) {
            const why = exposeRefusal(spec);
            if (why) info.errors.push(why);
          }
        }
        break;
      case 'SHELL':
        if (ins.json && ins.args.length > 0) {
          state.shell = ins.args.map((a) => a.value);
          state.shellExplicit = true;
        }
        break;
      case 'COPY':
      case 'ADD':
        this.dispatchCopy(ins, stage, info, word, onbuild !== undefined);
        break;
      case 'RUN':
        this.dispatchRun(ins, stage, info, state, onbuild !== undefined);
        break;
      default:
        break;
    }
  }

  private dispatchArg(ins: Instruction, arg: Arg, state: StageState, word: WordFn): ScopedArg {
    const { name, value: def } = splitArg(arg.value);
    const hasBuildArg = Object.prototype.hasOwnProperty.call(this.buildArgs, name);
    let value: string | undefined;
    let source: ScopedArg['source'] = 'none';
    if (hasBuildArg) {
      // A build arg replaces the default, which BuildKit then never expands.
      value = this.buildArgs[name];
      source = 'build-arg';
    } else if (def !== undefined) {
      value = word('arg-default', def, this.subRange(arg, name.length + 1, arg.value.length)).result;
      source = 'default';
    } else if (this.globalEnv.has(name)) {
      // `ARG NAME` inside a stage takes the global value (meta ARG or automatic platform arg).
      value = this.globalEnv.get(name);
      source = 'global';
    }
    if (value !== undefined && !NON_ENV_ARGS.has(name)) state.setEnv(name, value);
    const scoped: ScopedArg = { name, value, source, instruction: ins };
    state.declareArg(scoped);
    return scoped;
  }

  private dispatchCopy(ins: Instruction, stage: StageInfo, info: InstructionInfo, word: WordFn, viaOnbuild: boolean): void {
    const flag = (name: string) => lastFlag(ins.flags, name);
    const from = flag('from');
    // An empty --from (`COPY --from= a b`) copies from the build context, as BuildKit reads it.
    if (from && copyFromRef(ins) !== undefined) {
      const dep = this.copyFromDependency(ins, stage, from, viaOnbuild);
      info.copyFrom = dep;
      if (dep.error) info.errors.push(dep.error);
      this.dependencies.push(dep);
    }
    // BuildKit's order: --chown, --chmod (ADD: --checksum), sources and destination, then heredoc bodies.
    const flagValues: { chmod?: string; checksum?: string } = {};
    for (const name of ['chown', 'chmod', 'checksum'] as const) {
      if (name === 'checksum' && ins.keyword !== 'ADD') continue;
      const f = flag(name);
      if (f && f.value !== null) {
        const v = word(name, f.value, f.valueRange ?? f.range).result;
        if (name !== 'chown') flagValues[name] = v;
      }
    }
    const args = ins.args;
    const bodies: Heredoc[] = [];
    const sources: string[] = [];
    args.forEach((a, i) => {
      const isDest = i === args.length - 1 && args.length >= 2;
      if (!isDest && !ins.json && HEREDOC_WORD.test(a.value) && bodies.length < ins.heredocs.length) {
        // A heredoc source is inline content, not a path: only its body may be expanded.
        bodies.push(ins.heredocs[bodies.length]!);
        return;
      }
      const r = word(isDest ? 'copy-dest' : 'copy-source', a.value, a.range).result;
      if (!isDest) sources.push(r);
    });
    for (const doc of bodies) if (doc.expand) expandHeredoc(doc, word);
    for (const r of copyRefusals(ins.keyword, flagValues.chmod, flagValues.checksum, sources)) info.errors.push(r.message);
  }

  private copyFromDependency(ins: Instruction, stage: StageInfo, from: Flag, viaOnbuild: boolean): Dependency {
    const raw = from.value ?? '';
    const range = from.valueRange ?? from.range;
    const dep: Dependency = { kind: 'copy', stageIndex: stage.index, instruction: ins, target: { kind: 'image', ref: raw }, raw, range, viaOnbuild };
    // BuildKit expands --from with an empty environment and rejects any change.
    let unchanged = false;
    try {
      unchanged = processWordWithMatches(raw, new Map(), { escapeToken: this.escapeToken }).result === raw;
    } catch (err) {
      if (!(err instanceof ExpansionError)) throw err;
      dep.error = err.message;
      return dep;
    }
    if (!unchanged) {
      dep.error = 'variable expansion is not supported for --from, define a new stage with FROM using ARG from global scope as a workaround';
      return dep;
    }
    let index: number | undefined;
    if (/^[+-]?\d+$/.test(raw)) {
      index = Number(raw);
      if (index < 0 || index >= this.file.stages.length) {
        dep.error = `invalid stage index ${index}`;
        return dep;
      }
    } else {
      index = this.allNames.get(raw.toLowerCase());
    }
    if (index === undefined) {
      dep.target = raw === 'scratch' ? { kind: 'scratch' } : { kind: 'image', ref: raw };
      return dep;
    }
    dep.target = { kind: 'stage', index };
    if (index === stage.index) dep.error = `circular dependency detected on stage: ${stage.displayName}`;
    else if (index > stage.index) {
      dep.error = `cannot copy from stage "${raw}", it needs to be defined before current stage "${stage.displayName}"`;
    }
    return dep;
  }

  private dispatchRun(ins: Instruction, stage: StageInfo, info: InstructionInfo, state: StageState, viaOnbuild: boolean): void {
    const mounts: MountInfo[] = [];
    for (const f of ins.flags) {
      if (f.name !== 'mount') continue;
      const spec = f.value ?? '';
      const flagRange = f.valueRange ?? f.range;
      const exact = f.valueRange !== null && this.file.text.slice(f.valueRange.start, f.valueRange.end) === spec;
      const fieldRange = (start: number, end: number) =>
        exact ? this.file.lineIndex.range(flagRange.start + start, flagRange.start + end) : flagRange;
      const parsed = parseMount(
        spec,
        (value, start, end) => {
          // Mount values are expanded one by one; ranges point at the value when the flag is written plainly.
          const range = fieldRange(start, end);
          const exp = this.expand('mount', value, range, state.lookup, { report: true, declared: (n) => state.isDeclared(n) });
          info.expansions.push(exp);
          return exp.error ? { error: exp.error } : { value: exp.result };
        },
        state.workdir,
      );
      const mountInfo: MountInfo = { spec, range: flagRange };
      if ('error' in parsed) {
        mountInfo.error = parsed.error;
        info.errors.push(parsed.error);
      } else {
        mountInfo.mount = parsed.mount;
        const m = parsed.mount;
        if (m.from !== undefined && m.from !== '' && m.type !== 'tmpfs' && m.type !== 'secret' && m.type !== 'ssh') {
          const fromField = m.fields.find((x) => x.key === 'from');
          const range = fromField ? fieldRange(fromField.start, fromField.end) : flagRange;
          const index = this.allNames.get(m.from.toLowerCase());
          const target: ResolvedRef =
            index !== undefined ? { kind: 'stage', index } : m.from === 'scratch' ? { kind: 'scratch' } : { kind: 'image', ref: m.from };
          mountInfo.from = target;
          const dep: Dependency = { kind: 'mount', stageIndex: stage.index, instruction: ins, target, raw: m.from, range, viaOnbuild };
          if (index !== undefined && index >= stage.index) {
            dep.error = index === stage.index
              ? `circular dependency detected on stage: ${stage.displayName}`
              : `mount from stage "${m.from}" needs it to be defined before current stage "${stage.displayName}"`;
            info.errors.push(dep.error);
          }
          this.dependencies.push(dep);
        }
      }
      mounts.push(mountInfo);
    }
    info.mounts = mounts;
  }

  // ---- helpers ------------------------------------------------------------------------------

  private wordState: StageState | undefined;
  private wordInfo: InstructionInfo | undefined;
  private wordFn: WordFn | undefined;

  /**
   * The function expanding one word of `info` in `state` (recording it in the info). Built once
   * per stage state, not per instruction: the instruction it records into is swapped in here.
   */
  private wordFor(state: StageState, info: InstructionInfo): WordFn {
    this.wordInfo = info;
    if (this.wordState === state && this.wordFn) return this.wordFn;
    this.wordState = state;
    const lookup = state.lookup;
    const declared = (n: string) => state.isDeclared(n);
    const plain: WordOptions = { report: true, declared };
    const fn: WordFn = (role, text, range, opts) => {
      const target = this.wordInfo!;
      const exp = this.expand(role, text, range, lookup, opts ? { report: true, declared, ...opts } : plain);
      target.expansions.push(exp);
      if (exp.error) target.errors.push(exp.error);
      return exp;
    };
    this.wordFn = fn;
    return fn;
  }

  private newInfo(ins: Instruction, stageIndex: number, scope: Scope, onbuild?: Instruction): InstructionInfo {
    const info: InstructionInfo = { instruction: ins, stageIndex, scope, expansions: [], errors: [] };
    if (onbuild) info.onbuild = onbuild;
    // The first registration wins (a trigger is dispatched again in every stage inheriting it).
    const list = this.file.instructions;
    let at = list[this.topCursor] === ins ? this.topCursor : -1;
    if (at < 0) at = topIndex(list, ins);
    if (at >= 0) {
      if (at >= this.topCursor) this.topCursor = at + 1;
      if (this.topInfos[at] === undefined) this.topInfos[at] = info;
    } else if (!this.triggerInfos.has(ins)) this.triggerInfos.set(ins, info);
    return info;
  }

  /** The single argument of WORKDIR / USER / STOPSIGNAL (BuildKit's whole rest of line). */
  private singleArg(ins: Instruction): [string, SourceRange] {
    const a = ins.args[0];
    return a ? [a.value, a.range] : [ins.argsText, ins.argsRange];
  }

  /** Range of `[from, to)` within an argument when its source text is the value verbatim. */
  private subRange(arg: Arg, from: number, to: number): SourceRange {
    const { start, end } = arg.range;
    if (this.file.text.slice(start, end) !== arg.value) return arg.range;
    return this.file.lineIndex.range(start + from, start + to);
  }

  private splitWords(text: string, lookup: Lookup): string[] {
    try {
      return processWords(text, lookup, { escapeToken: this.escapeToken, caseInsensitiveEnv: this.windows });
    } catch {
      return [];
    }
  }

  private expand(role: ExpansionRole, word: string, range: SourceRange, lookup: Lookup, opts: WordOptions): Expansion {
    // Most words have nothing to expand: no `$`, quote or escape (nor a leading BOM, which the
    // lexer drops), so the lexer would return them unchanged and look nothing up.
    if (!needsLexer(word, opts.lexer?.escapeToken ?? this.escapeToken)) {
      return { role, word, range, result: word, matched: NONE, unmatched: NONE, undefinedNames: NONE };
    }
    const lexer: ExpandOptions = { escapeToken: this.escapeToken, caseInsensitiveEnv: this.windows, ...opts.lexer };
    let result = word;
    let matched: ReadonlySet<string>;
    let unmatched: ReadonlySet<string>;
    let error: string | undefined;
    try {
      const r = processWordWithMatches(word, lookup, lexer);
      result = r.result;
      matched = r.matched;
      unmatched = r.unmatched;
    } catch (err) {
      if (!(err instanceof ExpansionError)) throw err;
      error = err.message;
      matched = err.matched;
      unmatched = err.unmatched;
    }
    const isDeclared = opts.declared ?? (() => false);
    const undefinedNames = opts.report === false
      ? []
      : [...unmatched].filter((n) => !isDeclared(n) && !NON_ENV_ARGS.has(n));
    const exp: Expansion = { role, word, range, result, matched: [...matched], unmatched: [...unmatched], undefinedNames };
    if (error !== undefined) exp.error = error;
    return exp;
  }
}

interface WordOptions {
  /** Whether unmatched names count as undefined (false for EXPOSE and global ARG defaults). */
  report?: boolean;
  /** Names that are defined even though unset (declared ARGs). */
  declared?: (name: string) => boolean;
  lexer?: ExpandOptions;
}

type WordFn = (role: ExpansionRole, text: string, range: SourceRange, opts?: WordOptions) => Expansion;

/**
 * Position of a top-level instruction in `list` (sorted by offset), or -1 when `ins` is not one of
 * them (an ONBUILD trigger, or an instruction of another file).
 */
function topIndex(list: readonly Instruction[], ins: Instruction): number {
  const start = ins.range.start;
  let lo = 0;
  let hi = list.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const s = list[mid]!.range.start;
    if (s < start) lo = mid + 1;
    else if (s > start) hi = mid - 1;
    // Top-level instructions never share a start offset; a different object there is not in the list
    // (an ONBUILD trigger, an instruction of another file).
    else return list[mid] === ins ? mid : -1;
  }
  return -1;
}

/** `NAME=value` → name and value (split at the first `=`); `NAME` → no value. */
function splitArg(word: string): { name: string; value: string | undefined } {
  const eq = word.indexOf('=');
  return eq < 0 ? { name: word, value: undefined } : { name: word.slice(0, eq), value: word.slice(eq + 1) };
}

/** COPY/ADD heredoc bodies (chomped first): always `\` as escape, quotes are ordinary characters. */
function expandHeredoc(doc: Heredoc, word: WordFn): void {
  word('heredoc', chompedBody(doc), doc.bodyRange, { lexer: { escapeToken: '\\', skipProcessQuotes: true } });
}

function lastFlag(flags: Flag[], name: string): Flag | undefined {
  for (let i = flags.length - 1; i >= 0; i--) if (flags[i]!.name === name) return flags[i];
  return undefined;
}

function stripRaw(base: BaseRef): ResolvedRef {
  switch (base.kind) {
    case 'stage': return { kind: 'stage', index: base.index };
    case 'image': return { kind: 'image', ref: base.ref };
    default: return { kind: 'scratch' };
  }
}
