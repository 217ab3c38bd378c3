// Builds a Plan: the stage graph, a cache key for every step BuildKit caches, and advice.
// Pure: the build context arrives as a ContextReader, so tests use an in-memory one.
import type { Dockerfile, Instruction } from '../parser/ast.js';
import { chompedBody } from '../parser/heredoc.js';
import { adviseStage } from './advice.js';
import { type ContextEntry, type ContextReader, parentsOf, selectSource, selectionDigest, sizeOf } from './context.js';
import { outlineOf, outlines, targets } from './outline.js';
import { referenceError } from '../semantic/reference.js';
import { buildModel, NON_ENV_ARGS, type InstructionInfo, type ModelOptions, type MountSpec, type ResolvedRef, type Scope, type SemanticModel, type StageInfo } from '../semantic/index.js';
import { digestOf } from './hash.js';
import { cleanPath, joinPath } from '../semantic/paths.js';
import { clampedSource, hasWildcard } from './source-glob.js';
import { isGitSource, isRemoteSource } from '../semantic/remote-source.js';
import type { FileInput, Outline, Plan, PlanBase, PlanStage, PlanStep, StepComponents, TargetInfo } from './types.js';

/** Inputs of a plan besides the Dockerfile. */
export interface PlanOptions {
  /** Dockerfile path as shown to the user. */
  dockerfile?: string;
  context?: ContextReader | null;
  target?: string | null;
  buildArgs?: Record<string, string>;
  /** Target platform, `os/arch[/variant]` (default linux/amd64). */
  platform?: string;
  /** Build platform (default: same as target). */
  buildPlatform?: string;
  /** Image ref → digest, for resolving floating tags the way a pull would. */
  baseDigests?: Record<string, string>;
  /**
   * Whether each stage gets its outline (what it needs when built as the target); default true.
   * The editor's lenses leave it out: a third of the plan's time on a large multi-stage file.
   */
  outlines?: boolean;
}

/** A problem that makes planning impossible, with the line it is on when there is one. */
export interface PlanProblem {
  line: number | null;
  message: string;
}

/** An error that makes planning impossible: an unknown target, or a build BuildKit would refuse. */
export class PlanError extends Error {
  constructor(message: string, readonly problems: PlanProblem[] = []) {
    super(message);
  }
}

const CACHED_OPS = new Set(['RUN', 'COPY', 'ADD', 'WORKDIR']);

/**
 * Plans a parsed Dockerfile. Never does I/O. `prebuilt` is a semantic model the caller already has
 * (a language service keeps one per text): it is used when it is the model of this `file` under
 * these options' build args, platforms and target, and built afresh otherwise, so the plan is the
 * same either way.
 */
export function plan(file: Dockerfile, options: PlanOptions = {}, prebuilt?: SemanticModel): Plan {
  const platform = options.platform ?? 'linux/amd64';
  const buildArgs = options.buildArgs ?? {};
  const warnings: string[] = [];
  /** COPY/ADD wildcards that match nothing, each with its place among the warnings. */
  const emptyWildcards: EmptyWildcard[] = [];
  /** What each context source selects, and whether one is the whole context: what the builder receives. */
  const selections: (readonly FileInput[])[] = [];
  let wholeContext = false;
  /** Where the wildcard matches that are links lead (FollowPaths sends it), and the links inside what wildcard and --exclude sources copy. */
  const linkTargets: string[] = [];
  const nestedLinks: { at: number; line: number; selector: string; link: string; to: string }[] = [];
  const wanted = modelOptions(options);
  const model = prebuilt && modelFits(prebuilt, file, wanted) ? prebuilt : buildModel(file, wanted);

  const epoch = sourceDateEpoch(buildArgs, model);
  if (epoch.warning) warnings.push(epoch.warning);
  const stages: PlanStage[] = [];
  const finalKeys: string[] = [];
  /** Each stage's working directory at its end, as BuildKit's state holds it (see normalizeWorkdir). */
  const finalCwds: string[] = [];
  const stagePlatforms: string[] = [];
  let entries: Map<string, ContextEntry> | undefined;
  const entryMap = () => (entries ??= entriesByPath(options.context?.entries() ?? []));
  const selectProblems: (PlanProblem & { stage: number })[] = [];
  /** Each planned stage's environment order at its end (see EnvOrder). */
  const finalEnvOrders: EnvOrder[] = [];
  for (const info of model.stages) {
    const ps = planStage(info);
    stages.push(ps.stage);
    finalKeys.push(ps.finalKey);
    finalCwds.push(ps.finalCwd);
    stagePlatforms.push(ps.platform);
  }

  function planStage(info: StageInfo): { stage: PlanStage; finalKey: string; finalCwd: string; platform: string } {
    const idx = info.index;
    // A stage built on another runs on that one's platform, its own --platform aside (BuildKit's dispatchState.init).
    const stagePlatform = info.base.kind === 'stage' ? stagePlatforms[info.base.index]! : info.platform?.value || platform;
    const dependsOn = new Set<number>();
    let base: PlanBase;
    let baseKey: string;
    if (info.base.kind === 'stage') {
      base = { stage: info.base.index };
      baseKey = finalKeys[info.base.index]!;
      dependsOn.add(info.base.index);
    } else if (info.base.kind === 'scratch') {
      base = { scratch: true };
      baseKey = digestOf({ scratch: true, platform: stagePlatform });
    } else {
      const ref = info.base.ref;
      const pinned = /@sha256:[0-9a-f]{64}$/i.test(ref);
      const digest = pinned ? ref.slice(ref.indexOf('@') + 1) : options.baseDigests?.[ref] ?? null;
      base = { image: ref, digest, floating: !pinned };
      baseKey = digestOf({ image: ref, digest, platform: stagePlatform });
    }

    const steps: PlanStep[] = [];
    let parent = baseKey;
    const envOrder = startEnvOrder(info);
    // The base image's own WORKDIR is not known here: '/' stands for it.
    let cwd = info.base.kind === 'stage' ? finalCwds[info.base.index]! : '/';
    // ONBUILD triggers of a base stage run first, then the stage's own instructions.
    for (const ii of [...info.inheritedTriggers, ...info.instructions]) {
      const ins = ii.instruction;
      trackEnvOrder(envOrder, ii);
      if (!CACHED_OPS.has(ins.keyword)) continue;
      // A WORKDIR step is keyed by the directory it makes, the others by the one they start in.
      if (ins.keyword === 'WORKDIR') cwd = normalizeWorkdir(cwd, ii.expansions.find((e) => e.role === 'workdir')?.result ?? ins.argsText);
      const comp = components(ii, dependsOn, envOrder.state, stagePlatform.split('/')[0]!, cwd);
      if (!comp) continue;
      // A file op has no platform (llb's FileOp marshals none): a linked copy, with no parent, has none either.
      const key = digestOf({ parent: comp.link ? null : parent, platform: comp.link ? null : stagePlatform, ...keyed(comp) });
      const inputs = (comp.files ?? []).map((f) => f.path);
      steps.push({
        line: ins.range.startLine,
        endLine: ins.range.endLine,
        instruction: ins.keyword,
        text: oneLine(ins),
        cacheKey: key,
        parentKey: parent,
        inputs,
        components: comp,
        ...(comp.selectors && options.context ? { contextSize: sizeOf(inputs, entryMap()) } : {}),
      });
      parent = key;
    }
    finalEnvOrders[idx] = envOrder;
    return {
      stage: { index: idx, name: info.name, base, reachable: true, dependsOn: [...dependsOn].sort((a, b) => a - b), line: info.stage.from.range.startLine, baseKey, steps },
      finalKey: parent,
      finalCwd: cwd,
      platform: stagePlatform,
    };
  }

  /** Key of what a reference reads: an earlier stage's final state, or an image. */
  function refKey(ref: ResolvedRef | undefined, raw: string, dependsOn: Set<number>): { stage?: number; image?: string; key: string } {
    if (ref?.kind === 'stage') {
      dependsOn.add(ref.index);
      return { stage: ref.index, key: finalKeys[ref.index]! };
    }
    const image = ref?.kind === 'image' ? ref.ref : raw;
    return { image, key: digestOf({ image }) };
  }

  /**
   * A stage's environment order at its start: an image's own (what we know of it: the PATH BuildKit
   * adds); for a stage built on another, that stage's order with the image configuration's variables
   * (ENV, not ARG) set again in the configuration's order, as BuildKit does when a stage starts.
   */
  function startEnvOrder(info: StageInfo): EnvOrder {
    const parentOrder = info.base.kind === 'stage' ? finalEnvOrders[info.base.index] : undefined;
    if (!parentOrder) {
      const keys = [...info.initialScope.env.keys()];
      return { state: new Set(keys), config: new Set(keys) };
    }
    const config = parentOrder.config;
    const state = new Set<string>();
    for (const k of parentOrder.state) if (!config.has(k)) state.add(k);
    for (const k of config) state.add(k);
    return { state, config: new Set(config) };
  }

  function components(ii: InstructionInfo, dependsOn: Set<number>, envOrder: ReadonlySet<string>, os: string, workdir: string): StepComponents | null {
    const ins = ii.instruction;
    const scope = ii.scope;
    const user = scope.user ?? '';
    const expanded = (role: string) => ii.expansions.filter((e) => e.role === role).map((e) => e.result);
    if (ins.keyword === 'WORKDIR') {
      // BuildKit skips the mkdir for `/` only as written; the path it makes is cleaned (llb.Mkdir).
      if (workdir === '/') return null;
      return { instruction: `WORKDIR ${cleanPath(workdir)}`, user, ...(epoch.seconds !== undefined ? { createdTime: epoch.seconds } : {}) };
    }
    if (ins.keyword === 'RUN') {
      const script = ins.json ? { command: JSON.stringify(ins.args.map((a) => a.value)) } : runScript(ins, os);
      const files: FileInput[] = [];
      const selectors: string[] = [];
      const from: NonNullable<StepComponents['from']> = [];
      const mounts: Record<string, string>[] = [];
      for (const mi of ii.mounts ?? []) {
        const m = mi.mount;
        if (!m) {
          mounts.push({ invalid: mi.spec });
          continue;
        }
        mounts.push(mountKey(m));
        if (m.type !== 'bind' && m.type !== 'cache') continue;
        if (m.from !== undefined) {
          if (mi.from?.kind === 'stage' || m.type === 'bind') from.push(refKey(mi.from, m.from, dependsOn));
        } else if (m.type === 'bind') {
          for (const f of select(m.source ?? '.', `--mount=${mi.spec}`, ins)) files.push(f);
          selectors.push(`--mount=${mi.spec}`);
        }
      }
      const sorted = sortFiles(files);
      const env = runEnv(scope);
      const order = orderedNames(envOrder, env);
      return {
        instruction: ['RUN', ...runFlags(ins), script.command].join(' '),
        ...(script.file ? { heredocs: [script.file] } : {}),
        env,
        ...(order ? { envOrder: order } : {}),
        argNames: [...scope.args.values()].filter((a) => a.value !== undefined).map((a) => a.name).sort(),
        workdir,
        user,
        ...(ins.json ? {} : { shell: [...scope.shell] }),
        ...(mounts.length ? { mounts: inMountOrder(mounts) } : {}),
        ...(selectors.length ? { files: sorted, filesDigest: selectionDigest(sorted), selectors } : {}),
        ...(from.length ? { from } : {}),
      };
    }
    // COPY / ADD
    const flag = (name: string) => ins.flags.find((f) => f.name === name);
    const sources = expanded('copy-source');
    const dest = copyDest(workdir, expanded('copy-dest')[0] ?? ins.args.at(-1)?.value ?? '');
    const on = (name: string) => {
      const f = flag(name);
      return f !== undefined && (f.value === null || f.value.toLowerCase() === 'true');
    };
    const flagExp: Record<string, string> = {};
    for (const role of ['chown', 'chmod', 'checksum']) {
      const v = expanded(role)[0];
      if (v !== undefined) flagExp[role] = v;
    }
    // BuildKit links (a merge of the copy onto the stage) unless a mode is set: `--chmod=` empty
    // (or expanding to nothing) sets none.
    const link = on('link') && !(flagExp.chmod ?? flag('chmod')?.value);
    // The file op copies the sources first, then the heredocs, each keyed by its base name.
    const names = [...sources.map(basename), ...ins.heredocs.map((h) => `<<${h.name}`)];
    const comp: StepComponents = {
      instruction: [asCopy(ins, sources) ? 'COPY' : ins.keyword, ...copyFlags(ins, flagExp, sources, link), ...names, dest].join(' '),
      ...(link ? { link: true } : {}),
    };
    if (ins.heredocs.length) {
      // Each becomes a file named after its delimiter holding its body, chomped and then expanded
      // (unless the delimiter is quoted) with the variables in scope.
      const bodies = expanded('heredoc');
      let next = 0;
      comp.heredocs = ins.heredocs.map((h) => ({ name: h.name, data: h.expand ? bodies[next++] ?? h.content : chompedBody(h) }));
    }
    // A source path is read from the root of what it copies from, cleaned (NormalizePath, then
    // FileOp's sourcePath): `./a` and `a/` are `/a`. With --parents the pivot `/./` is part of it.
    const parents = on('parents');
    const paths = sources.filter((src) => !isRemoteSource(src)).map((src) => (parents ? src : joinPath('/', src)));
    if (paths.length) comp.paths = paths;
    if (ii.copyFrom) {
      comp.from = [refKey(ii.copyFrom.target, ii.copyFrom.raw, dependsOn)];
      comp.sources = sources;
      return comp;
    }
    const network = sources.filter((src) => isRemoteSource(src) && !pinnedRemote(src, flagExp.checksum));
    if (network.length) comp.network = network;
    const files: FileInput[] = [];
    const selectors: string[] = [];
    // --exclude patterns are used as written: BuildKit's Expand of COPY and ADD leaves them alone.
    const exclude = ins.flags.filter((f) => f.name === 'exclude' && f.value !== null).map((f) => f.value!);
    for (const src of sources) {
      if (isRemoteSource(src)) continue;
      for (const f of select(src, src, ins, exclude)) files.push(f);
      selectors.push(src);
    }
    if (selectors.length) {
      const sorted = sortFiles(files);
      comp.files = sorted;
      comp.filesDigest = selectionDigest(sorted);
      comp.selectors = selectors;
    }
    return comp;
  }

  function select(source: string, selector: string, ins: Instruction, exclude: readonly string[] = []): FileInput[] {
    const ctx = options.context;
    if (!ctx) return [];
    let sel;
    try {
      sel = selectSource(ctx, source, exclude);
    } catch (err) {
      // An invalid pattern (`COPY [abc /x/`) fails the build in BuildKit too.
      selectProblems.push({ stage: ins.stageIndex, line: ins.range.startLine, message: `${ins.keyword} source "${source}": ${(err as Error).message}` });
      return [];
    }
    if (sel.outside) {
      const clamped = clampedSource(source) || '.';
      warnings.push(`line ${ins.range.startLine}: ${selector} is outside the build context: BuildKit reads ${clamped} from the context's root${sel.found ? '' : ', where nothing matches'}`);
    } else if (!sel.found && !sel.broken) {
      const norm = clampedSource(source);
      if (!sel.link && ins.keyword !== 'RUN' && hasWildcard(norm)) {
        // Whether the build goes on depends on every other source (see emptyWildcardWarning): worded
        // once they are all known, in this place.
        const segs = norm.split('/');
        emptyWildcards.push({ at: warnings.length, line: ins.range.startLine, selector, base: segs.slice(0, segs.findIndex(hasWildcard)).join('/') });
        warnings.push('');
      } else {
        const why = sel.link ? ` (${sel.link.link} is a symbolic link to ${sel.link.target}, outside the context; the builder resolves it inside the context)` : '';
        warnings.push(`line ${ins.range.startLine}: ${selector} matches nothing in the build context${why}`);
      }
    }
    for (const b of sel.broken ?? []) {
      warnings.push(
        `line ${ins.range.startLine}: ${selector}: ${b.link} is a symbolic link to ${b.target}, which leads to nothing in the build context; ` +
          'a source with a wildcard or --exclude has every link it copies followed, so the build fails ("not found")',
      );
    }
    if (clampedSource(source) === '') wholeContext = true;
    else if (sel.files.length) selections.push(sel.files);
    if (sel.linkTargets) linkTargets.push(...sel.linkTargets);
    // Worded once every source is known (see selectedIndex), in this place.
    for (const n of sel.nested ?? []) nestedLinks.push({ at: warnings.length, line: ins.range.startLine, selector, ...n });
    return sel.files;
  }

  // What the builder receives unless a source copies the whole context: asked only when needed.
  const sent = emptyWildcards.length || nestedLinks.length ? selectedIndex(selections) : undefined;
  for (const w of emptyWildcards) warnings[w.at] = emptyWildcardWarning(w, wholeContext || sent!.receivesDirectory(w.base));
  // Nested links lead to something the builder has only when a source selects it, or where a
  // wildcard match that is a link leads (FollowPaths sends that with it).
  const underTarget = (to: string) => linkTargets.some((t) => t === '' || to === t || to.startsWith(`${t}/`));
  const unsent = wholeContext ? [] : nestedLinks.filter((n) => !sent!.paths.has(n.to) && !underTarget(n.to));
  for (const n of unsent.reverse()) {
    warnings.splice(
      n.at,
      0,
      `line ${n.line}: ${n.selector}: ${n.link} is a symbolic link to ${n.to}, which the builder does not receive (no source selects it); ` +
        'a source with a wildcard or --exclude has every link it copies followed, so the build fails ("not found")',
    );
  }

  // Target and reachability.
  const targetIndex = targetIndexOf(file, options.target);
  const reachable = new Set<number>();
  const visit = (i: number) => {
    if (i < 0 || reachable.has(i)) return;
    reachable.add(i);
    for (const d of stages[i]!.dependsOn) visit(d);
  };
  visit(targetIndex);
  for (const s of stages) s.reachable = reachable.has(s.index);

  // A build BuildKit would refuse (bad expansion in FROM, blank base, --from a later stage, invalid
  // mounts, ...) has no plan: report every problem in the stages the target needs.
  const problems: PlanProblem[] = [];
  for (const info of model.stages) {
    if (!reachable.has(info.index)) continue;
    const fromInfo = model.infoOf(info.stage.from);
    const infos = [fromInfo, ...info.inheritedTriggers, ...info.instructions];
    for (const ii of infos) {
      for (const message of ii?.errors ?? []) problems.push({ line: ii!.instruction.range.startLine, message });
    }
    if (info.base.kind === 'image' && !fromInfo?.errors.length) {
      const bad = referenceError(info.base.ref);
      if (bad) problems.push({ line: info.stage.from.range.startLine, message: `failed to parse stage name "${info.base.ref}": ${bad}` });
    }
    for (const p of selectProblems) if (p.stage === info.index) problems.push({ line: p.line, message: p.message });
  }
  if (epoch.error) problems.push({ line: null, message: epoch.error });
  problems.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
  if (problems.length) throw new PlanError(`the build would fail: ${problems[0]!.message}`, problems);

  for (const w of options.context?.warnings ?? []) warnings.push(`context: ${w}`);
  // BuildKit warns about build args no ARG consumes (predefined proxy args excepted).
  const declared = new Set<string>();
  for (const ins of file.instructions) if (ins.keyword === 'ARG') for (const a of ins.args) declared.add(a.value.split('=')[0]!);
  for (const st of file.stages) for (const ins of st.instructions) if (ins.keyword === 'ARG') for (const a of ins.args) declared.add(a.value.split('=')[0]!);
  const unused = Object.keys(buildArgs).filter((k) => !declared.has(k) && !PROXY_ARGS.has(k) && k !== 'SOURCE_DATE_EPOCH').sort();
  if (unused.length) warnings.push(`One or more build-args [${unused.join(' ')}] were not consumed`);

  if (options.outlines !== false) outlines(model).forEach((o, i) => (stages[i]!.outline = o));
  const { order, criticalPath } = schedule(stages);
  const advice = stages.filter((s) => s.reachable).flatMap((s) => adviseStage(file.stages[s.index]!, s));
  const target = stages.length ? (options.target ? file.stages[targetIndex]!.name : stages[targetIndex]!.name) : null;
  return {
    version: 1,
    dockerfile: options.dockerfile ?? 'Dockerfile',
    context: options.context?.root ?? '.',
    target,
    buildArgs: { ...buildArgs },
    platform,
    stages,
    order,
    criticalPath,
    advice,
    warnings,
    ...(options.context ? { contextSize: contextSize(stages, entryMap()) } : {}),
  };
}

/** What the context sends, and what the reachable steps select of it. */
function contextSize(stages: readonly PlanStage[], entries: ReadonlyMap<string, ContextEntry>): NonNullable<Plan['contextSize']> {
  const selected = new Set<string>();
  for (const s of stages) if (s.reachable) for (const st of s.steps) for (const p of st.inputs) selected.add(p);
  const all = sizeOf(entries.keys(), entries);
  const sel = sizeOf(selected, entries);
  return { ...all, selectedFiles: sel.files, selectedBytes: sel.bytes };
}

/**
 * What the target (`options.target`, default the last stage) needs from whoever builds it, as
 * `docker buildx build --call=outline` answers: no build context is read.
 */
export function planOutline(file: Dockerfile, options: PlanOptions = {}): Outline {
  const index = targetIndexOf(file, options.target);
  if (index < 0) throw new PlanError('the Dockerfile has no stages');
  return outlineOf(buildModel(file, modelOptions(options)), index);
}

/** The stages a build can target, as `docker buildx build --call=targets` lists them. */
export function planTargets(file: Dockerfile, options: PlanOptions = {}): TargetInfo[] {
  return targets(buildModel(file, modelOptions(options)));
}

/**
 * Index of the target stage (the last one when none is named); throws PlanError for an unknown name.
 * Of two stages with one name, the later one: BuildKit keeps stages by name in a map that each new
 * stage overwrites, and looks the target up there (as the semantic model's resolveStageRef does).
 */
function targetIndexOf(file: Dockerfile, target: string | null | undefined): number {
  if (!target) return file.stages.length - 1;
  const t = target.toLowerCase();
  let index = -1;
  for (let i = file.stages.length - 1; i >= 0 && index === -1; i--) if (file.stages[i]!.name === t) index = i;
  if (index === -1) {
    const names = file.stages.map((s) => s.name).filter(Boolean).join(', ');
    throw new PlanError(`target stage "${target}" not found${names ? ` (stages: ${names})` : ''}`);
  }
  return index;
}

function modelOptions(options: PlanOptions): ModelOptions {
  const platform = options.platform ?? 'linux/amd64';
  return {
    buildArgs: options.buildArgs ?? {},
    platform: toPlatform(platform),
    buildPlatform: toPlatform(options.buildPlatform ?? platform),
    ...(options.target ? { target: options.target } : {}),
  };
}

/** True when `model` is what buildModel(file, wanted) builds: same file, args, platforms and target. */
export function modelFits(model: SemanticModel, file: Dockerfile, wanted: ModelOptions): boolean {
  if (model.file !== file) return false;
  const o = model.options;
  const same = (a: { os: string; arch: string; variant?: string }, b: { os: string; arch: string; variant?: string } | undefined) =>
    !!b && a.os === b.os && a.arch === b.arch && (a.variant ?? '') === (b.variant ?? '');
  const args = wanted.buildArgs ?? {};
  const keys = Object.keys(args);
  const target = wanted.target ?? file.stages[file.stages.length - 1]?.name ?? '';
  return (
    same(o.platform, wanted.platform) &&
    same(o.buildPlatform, wanted.buildPlatform) &&
    o.target === target &&
    keys.length === Object.keys(o.buildArgs).length &&
    keys.every((k) => Object.hasOwn(o.buildArgs, k) && o.buildArgs[k] === args[k])
  );
}

/** A context's entries by path, remembered per entry list (the same context is planned again and again in an editor). */
const byPathOf = new WeakMap<readonly ContextEntry[], Map<string, ContextEntry>>();
function entriesByPath(list: readonly ContextEntry[]): Map<string, ContextEntry> {
  let map = byPathOf.get(list);
  if (!map) byPathOf.set(list, (map = new Map(list.map((e) => [e.path, e]))));
  return map;
}

function sortFiles(files: FileInput[]): FileInput[] {
  // One source's selection is sorted and has each path once already: nothing to do.
  let sorted = true;
  for (let i = 1; i < files.length && sorted; i++) sorted = files[i - 1]!.path < files[i]!.path;
  if (sorted) return files;
  const seen = new Map<string, FileInput>();
  for (const f of files) seen.set(f.path, f);
  return [...seen.values()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

function basename(p: string): string {
  const t = p.replace(/\/+$/, '');
  return t.slice(t.lastIndexOf('/') + 1) || p;
}

/**
 * A fetched source whose cache key BuildKit knows without the network: a download with --checksum
 * (keyed by its file name and that digest: source/http's CacheKey) or a git ref that is a commit
 * (keyed by the commit: source/git's CacheKey). A git source with a checksum (`--checksum`, or
 * `checksum=` in its URL) is pinned too, whatever its ref: the build fails unless the ref resolves to
 * the commit (or annotated tag) the checksum names, a prefix of its hex name. The flags and the
 * source in the step's key hold all of these.
 */
function pinnedRemote(src: string, checksum: string | undefined): boolean {
  if (!isGitSource(src)) return checksum !== undefined && checksum !== '';
  const ref = /#([^:]*)/.exec(src)?.[1] ?? /[?&]ref=([^&#]*)/.exec(src)?.[1] ?? '';
  const pinnedBy = checksum || /[?&]checksum=([^&#]*)/.exec(src)?.[1] || '';
  return /^([0-9a-f]{40}|[0-9a-f]{64})$/.test(ref) || /^[0-9a-f]+$/i.test(pinnedBy);
}

function oneLine(ins: Instruction): string {
  const text = ins.original.replace(/\s+/g, ' ').trim();
  return ins.heredocs.length ? `${text} (+${ins.heredocs.length} heredoc${ins.heredocs.length > 1 ? 's' : ''})` : text;
}

/** Levels of reachable stages that can build in parallel, and the critical path. */
export function schedule(stages: readonly PlanStage[]): { order: number[][]; criticalPath: number[] } {
  const level = new Map<number, number>();
  const weight = new Map<number, { cost: number; prev: number | null }>();
  for (const s of stages) {
    if (!s.reachable) continue;
    const deps = s.dependsOn.filter((d) => level.has(d));
    level.set(s.index, deps.length ? Math.max(...deps.map((d) => level.get(d)!)) + 1 : 0);
    let best: { cost: number; prev: number | null } = { cost: 0, prev: null };
    for (const d of deps) {
      const w = weight.get(d)!;
      if (w.cost > best.cost) best = { cost: w.cost, prev: d };
    }
    weight.set(s.index, { cost: best.cost + s.steps.length + 1, prev: best.prev });
  }
  const order: number[][] = [];
  for (const [idx, l] of level) (order[l] ??= []).push(idx);
  for (const lvl of order) lvl.sort((a, b) => a - b);
  let end: number | null = null;
  for (const [idx, w] of weight) if (end === null || w.cost > weight.get(end)!.cost) end = idx;
  const criticalPath: number[] = [];
  for (let at = end; at !== null; at = weight.get(at)!.prev) criticalPath.unshift(at);
  return { order: order.filter(Boolean), criticalPath };
}

/** Predefined proxy args: no ARG needed, and not warned about when unused (Dockerfile reference). */
const PROXY_ARGS = new Set([
  'HTTP_PROXY', 'http_proxy', 'HTTPS_PROXY', 'https_proxy', 'FTP_PROXY', 'ftp_proxy', 'NO_PROXY', 'no_proxy', 'ALL_PROXY', 'all_proxy',
]);

/**
 * Where each variable of a stage's environment was last set, oldest first (`state`: what a RUN gets,
 * BuildKit's llb.EnvList order), and the image configuration's variables in the order they were first
 * set (`config`: ENV only, each kept in place when set again).
 */
interface EnvOrder {
  // Sets, in insertion order: moving a name to the end is a delete and an add, not a search of an
  // array (which was quadratic in a stage's ENV and ARG instructions).
  state: Set<string>;
  config: Set<string>;
}

/** ENV and ARG (with a value) move each variable they set to the end of the order. */
function trackEnvOrder(order: EnvOrder, ii: InstructionInfo): void {
  const set = (key: string) => {
    order.state.delete(key);
    order.state.add(key);
  };
  for (const { key } of ii.env ?? []) {
    set(key);
    order.config.add(key);
  }
  for (const a of ii.args ?? []) if (a.value !== undefined && !NON_ENV_ARGS.has(a.name)) set(a.name);
}

/** `env`'s names in `order`, or undefined when that is their sorted order (the key then implies it). */
function orderedNames(order: ReadonlySet<string>, env: Record<string, string>): string[] | undefined {
  const names: string[] = [];
  for (const k of order) if (Object.hasOwn(env, k)) names.push(k);
  for (const k of Object.keys(env)) if (!order.has(k)) names.push(k);
  const sorted = Object.keys(env);
  return names.every((k, i) => k === sorted[i]) ? undefined : names;
}

/**
 * The environment a RUN is keyed with, sorted: every ENV and every ARG with a value. A proxy variable
 * set by ENV or declared by ARG is part of it like any other; one given only by `--build-arg` never
 * enters the stage's environment.
 */
function runEnv(scope: Scope): Record<string, string> {
  const env: Record<string, string> = {};
  for (const k of [...scope.env.keys()].sort()) env[k] = scope.env.get(k)!;
  return env;
}

/**
 * The command a shell-form RUN runs, as BuildKit's dispatchRun makes it. A command line that is one
 * heredoc alone runs its body (tabs chomped for `<<-`), whatever the delimiter: as the script itself,
 * or, starting with `#!` (not on Windows), as a file named after the delimiter, mounted at
 * /dev/pipes/. Any other command line is passed on with each heredoc's body and delimiter after it.
 */
function runScript(ins: Instruction, os: string): { command: string; file?: { name: string; data: string } } {
  const doc = ins.heredocs[0];
  if (doc && /^\d*<<-?\s*\S+$/.test(ins.argsText.trim())) {
    const data = chompedBody(doc);
    if (os !== 'windows' && data.startsWith('#!')) return { command: `/dev/pipes/${doc.name}`, file: { name: doc.name, data } };
    return { command: data };
  }
  return { command: ins.argsText + ins.heredocs.map((h) => `\n${h.content}${h.name}`).join('') };
}

/**
 * Whether an ADD makes the file op a COPY would: dockerfile2llb differs between them only in
 * AttemptUnpack on a source from the context (downloads and git are ADD's own), and a
 * heredoc is written by Mkfile either way. So an ADD of such sources with `--unpack=false`, or of
 * heredocs alone, keys as the COPY. ADD's own flags (`--checksum`, `--keep-git-dir`) keep it an ADD.
 */
function asCopy(ins: Instruction, sources: string[]): boolean {
  if (ins.keyword !== 'ADD' || sources.some((s) => isRemoteSource(s))) return false;
  if (ins.flags.some((f) => f.name === 'checksum' || f.name === 'keep-git-dir')) return false;
  if (sources.length === 0) return true;
  const unpack = ins.flags.filter((f) => f.name === 'unpack').at(-1);
  return unpack !== undefined && unpack.value !== null && unpack.value.toLowerCase() === 'false';
}

/**
 * SOURCE_DATE_EPOCH as dockerfile2llb reads it: the build arg, else a global ARG's non-empty value.
 * A number of seconds is the time BuildKit stamps on the directory each WORKDIR makes, part of that
 * file op (COPY and ADD are not stamped). Any other value names the build context or a stage whose
 * source gives the time, known only when the build runs, or is refused.
 */
function sourceDateEpoch(buildArgs: Record<string, string>, model: SemanticModel): { seconds?: number; warning?: string; error?: string } {
  const value = Object.hasOwn(buildArgs, 'SOURCE_DATE_EPOCH') ? buildArgs.SOURCE_DATE_EPOCH! : (model.globalArgs.filter((a) => a.name === 'SOURCE_DATE_EPOCH').at(-1)?.value ?? '');
  if (value === '') return {};
  if (/^[+-]?\d+$/.test(value) && Number.isSafeInteger(Number(value))) return { seconds: Number(value) };
  if (value === 'context' || model.stages.some((st) => st.name !== null && st.name === value.toLowerCase())) {
    return { warning: `SOURCE_DATE_EPOCH=${value}: BuildKit reads the time from ${value === 'context' ? 'the build context' : `stage ${value}`} when the build runs, so the keys of WORKDIR steps here leave it out` };
  }
  return { error: `invalid SOURCE_DATE_EPOCH: ${value} (not a number of seconds, "context" or a stage name)` };
}

/** COPY/ADD flags whose empty value (after expansion) is the same as leaving them out. */
const EMPTY_IS_UNSET = new Set(['chown', 'chmod', 'checksum']);

/** COPY/ADD flags that are booleans (`--link`, `--link=false`). */
const BOOL_FLAGS = new Set(['link', 'parents', 'unpack', 'keep-git-dir']);

/**
 * COPY/ADD flags as they reach the file op, the same whatever order they are written in (repeated
 * ones, as --exclude, keep theirs): values expanded; --chmod's octal as the mode it is; a boolean
 * at what BuildKit does without it left out (`--link=false`, `--parents=false`,
 * `--keep-git-dir=false`, and ADD's `--unpack` when it is what its sources get anyway: archives
 * from the context unpacked, downloads not); so are an empty `--chown`, `--chmod` or `--checksum`,
 * and `--link` when a mode is set (`linked` false: BuildKit then copies without linking).
 */
function copyFlags(ins: Instruction, values: Record<string, string>, sources: string[], linked: boolean): string[] {
  const out: [string, string][] = [];
  for (const f of ins.flags) {
    if (f.name === 'from') continue;
    const value = values[f.name] ?? f.value;
    if (BOOL_FLAGS.has(f.name)) {
      const on = value === null || value.toLowerCase() === 'true';
      const fetched = sources.filter((s) => isRemoteSource(s));
      const unpacked = new Set([...(sources.length > fetched.length ? [true] : []), ...(fetched.some((s) => !isGitSource(s)) ? [false] : [])]);
      if (f.name === 'unpack' && ins.keyword === 'ADD' && !asCopy(ins, sources) && !(unpacked.size === 1 && unpacked.has(on))) out.push([f.name, `--unpack=${on}`]);
      // --link with a mode set copies as a plain COPY does (dispatchCopy: link && chmod == "").
      else if (f.name === 'link' && !linked) continue;
      else if (f.name !== 'unpack' && on) out.push([f.name, `--${f.name}`]);
      continue;
    }
    // dispatchCopy sets an owner, a mode or a checksum only for a value that is not empty.
    if (value === '' && EMPTY_IS_UNSET.has(f.name)) continue;
    if (f.name === 'chmod' && value !== null && /^[0-7]+$/.test(value)) out.push([f.name, `--chmod=${parseInt(value, 8).toString(8)}`]);
    else out.push([f.name, value === null ? `--${f.name}` : `--${f.name}=${value}`]);
  }
  return out.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)).map((e) => e[1]);
}

/**
 * A RUN's flags other than --mount as they reach its key: `--network=default` and
 * `--security=sandbox` set nothing (BuildKit's dispatchRunNetwork / dispatchRunSecurity leave the
 * exec op's default), so they key as a RUN without the flag.
 */
function runFlags(ins: Instruction): string[] {
  const out: string[] = [];
  for (const f of ins.flags) {
    if (f.name === 'mount') continue;
    if ((f.name === 'network' && f.value === 'default') || (f.name === 'security' && f.value === 'sandbox')) continue;
    out.push(f.raw);
  }
  return out;
}

/**
 * Mounts in the order of the exec op BuildKit marshals (client/llb exec.go): the file-system mounts
 * sorted by target, then secrets, then SSH sockets, each of those two as written. Writing the
 * `--mount` flags in another order changes nothing.
 */
function inMountOrder(mounts: Record<string, string>[]): Record<string, string>[] {
  const rank = (m: Record<string, string>) => (m.type === 'secret' ? 1 : m.type === 'ssh' ? 2 : m.invalid !== undefined ? 3 : 0);
  const byTarget = (a: Record<string, string>, b: Record<string, string>) => {
    const ta = a.target ?? '';
    const tb = b.target ?? '';
    return ta < tb ? -1 : ta > tb ? 1 : 0;
  };
  return mounts
    .map((m, i) => ({ m, i }))
    .sort((a, b) => rank(a.m) - rank(b.m) || (rank(a.m) === 0 ? byTarget(a.m, b.m) : 0) || a.i - b.i)
    .map((e) => e.m);
}

/** The mount options that take part in a RUN's key; a cache mount's id/sharing only when default. */
function mountKey(m: MountSpec): Record<string, string> {
  const key: Record<string, string> = { type: m.type, readonly: String(m.readonly) };
  // A bind or cache mount's source is a path in what it mounts, read as path.Join("/", source); the
  // root is what no source mounts (dispatchRunMounts sets a SourcePath only for another path).
  const joined = m.source !== undefined && (m.type === 'bind' || m.type === 'cache') ? joinPath('/', m.source) : m.source;
  const source = joined === '/' && (m.type === 'bind' || m.type === 'cache') ? undefined : joined;
  // A secret or SSH socket is owned by 0:0 unless said otherwise (llb's AddSecret, AddSSHSocket).
  const socket = m.type === 'secret' || m.type === 'ssh';
  // A cache mount's uid, gid and mode make the directory it mounts (setCacheUIDGID), and only when it
  // mounts the cache's root: with a source below it they change nothing.
  const owner =
    m.type === 'cache' && source !== undefined
      ? {}
      : { mode: m.mode, uid: socket && m.uid === 0 ? undefined : m.uid, gid: socket && m.gid === 0 ? undefined : m.gid };
  // A tmpfs mount's size is always marshalled (TmpfsSize(SizeLimit)): 0 is what no size= gives.
  const size = m.size === 0 ? undefined : m.size;
  for (const [k, v] of Object.entries({ from: m.from, source, target: m.effectiveTarget ?? m.target, ...owner, size, env: m.env, required: m.required })) {
    if (v !== undefined) key[k] = String(v);
  }
  if (m.type === 'secret' || m.type === 'ssh') key.id = m.effectiveId ?? '';
  if (m.type === 'cache') {
    const defaultId = m.id === undefined || m.effectiveId === (m.effectiveTarget ?? m.target);
    const defaultSharing = (m.sharing ?? 'shared') === 'shared';
    if (defaultId && defaultSharing) {
      key.id = m.effectiveId ?? '';
      key.sharing = 'shared';
    }
  }
  return key;
}

/**
 * What of a step's components goes into its key: not what only explains it (the files behind
 * `filesDigest`, which variables are ARGs, the sources and selectors as written).
 */
function keyed(comp: StepComponents): StepComponents {
  return { ...comp, files: undefined, argNames: undefined, selectors: undefined, sources: undefined };
}

/**
 * The working directory after `WORKDIR p`, as BuildKit's NormalizeWorkdir gives it on Linux and
 * its state keeps it (a RUN's cwd): an absolute path as written, a relative one joined to `cwd`
 * and cleaned; an empty one leaves `cwd`.
 */
function normalizeWorkdir(cwd: string, p: string): string {
  if (p === '') return cwd;
  return p.startsWith('/') ? p : joinPath('/', cwd, p);
}

/**
 * A COPY/ADD destination as the file op gets it (pathRelativeToWorkingDir, then llb's
 * normalizePath): joined to the working directory and cleaned, keeping a trailing `/` or `/.`;
 * `.` and an empty destination are the working directory itself, `./`.
 */
function copyDest(cwd: string, p: string): string {
  const dest = p === '.' || p === '' ? './' : p;
  const path = dest.startsWith('/') ? cleanPath(dest) : joinPath('/', cwd, dest);
  if (dest.endsWith('/') && !path.endsWith('/')) return `${path}/`;
  if (dest.endsWith('/.')) return `${path === '/' ? '' : path}/.`;
  return path;
}

function toPlatform(p: string): { os: string; arch: string; variant?: string } {
  const [os = 'linux', arch = 'amd64', variant] = p.split('/');
  return variant ? { os, arch, variant } : { os, arch };
}

/** A COPY/ADD source whose wildcard matches nothing; `base` is the directory the wildcard starts below ('' for the root). */
interface EmptyWildcard {
  at: number;
  line: number;
  selector: string;
  base: string;
}

/**
 * BuildKit copies nothing for a wildcard that matches nothing (AllowEmptyWildcard) and goes on,
 * unless the directory it starts below is missing from what the builder receives: dockerfile2llb
 * asks for the context with the sources as FollowPaths, so a directory where no source selects
 * anything is not sent, and looking it up fails the build (DH003 says the same).
 */
function emptyWildcardWarning(w: EmptyWildcard, received: boolean): string {
  return w.base === '' || received
    ? `line ${w.line}: ${w.selector} matches nothing in the build context: BuildKit copies nothing for it and goes on`
    : `line ${w.line}: ${w.selector} matches nothing in the build context, and the builder does not receive ${w.base} (no source selects anything in it), so looking it up fails the build`;
}

/**
 * The paths the sources select, and whether a directory is received: it is selected, or holds
 * something selected (fsutil sends the directories above what it follows).
 */
function selectedIndex(selections: readonly (readonly FileInput[])[]): { paths: ReadonlySet<string>; receivesDirectory(dir: string): boolean } {
  const paths = new Set<string>();
  for (const files of selections) for (const f of files) paths.add(f.path);
  let above: Set<string> | undefined;
  return {
    paths,
    receivesDirectory(dir) {
      if (!above) {
        above = new Set();
        for (const p of paths) {
          for (const dir of parentsOf(p)) {
            if (above.has(dir)) break; // and so are those above it
            above.add(dir);
          }
        }
      }
      return paths.has(dir) || above.has(dir);
    },
  };
}
