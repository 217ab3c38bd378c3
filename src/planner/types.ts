// Data shapes of a build plan: stages, steps with cache keys, and explain results (design.md's JSON).

/** What a stage starts from. */
export type PlanBase =
  | { image: string; digest: string | null; floating: boolean }
  | { stage: number }
  | { scratch: true };

/** One context file (or directory entry) a step reads, with its content digest. */
export interface FileInput {
  path: string;
  digest: string;
}

/**
 * Everything that went into a step's cache key, kept so `explain` can say which input changed.
 * Only the fields relevant to the instruction are set.
 */
export interface StepComponents {
  /** The instruction as BuildKit keys it: the joined command / arguments, flags included. */
  instruction: string;
  /** Environment the step runs with (RUN only): ENV values and declared ARG values. */
  env?: Record<string, string>;
  /**
   * The names of `env` in the order BuildKit hands the environment to the RUN (each where it was last
   * set), when that is not their sorted order; absent when it is.
   */
  envOrder?: string[];
  /** Names in `env` that come from ARG declarations (not part of the key; tells arg from env). */
  argNames?: string[];
  workdir?: string;
  user?: string;
  /** SOURCE_DATE_EPOCH, in seconds: the time BuildKit stamps on the directory a WORKDIR makes. */
  createdTime?: number;
  shell?: string[];
  /** Context files selected by COPY/ADD sources or bind mounts, sorted by path. */
  files?: FileInput[];
  /** Digest over `files` (what BuildKit's content checksum would compare). */
  filesDigest?: string;
  /** Which COPY/ADD source or `--mount` selected the files, as written (not part of the key). */
  selectors?: string[];
  /** Earlier stages (or images) the step reads from, with their keys at plan time. */
  from?: { stage?: number; image?: string; key: string }[];
  /** `ADD <url>` / git sources: content cannot be known before the build. */
  network?: string[];
  /** `COPY --link`: the step does not depend on its parent. */
  link?: boolean;
  /** RUN --mount options that take part in the key. */
  mounts?: Record<string, string>[];
  /** COPY --from sources as written (after expansion); not part of the key (`paths` is). */
  sources?: string[];
  /** COPY/ADD sources other than URLs as BuildKit reads them: from the root, cleaned (as written with --parents). */
  paths?: string[];
  /** Heredoc files: COPY/ADD sources, or the script of a RUN that is one heredoc starting with `#!` (name, content). */
  heredocs?: { name: string; data: string }[];
}

/** A step BuildKit caches (RUN, COPY, ADD, WORKDIR), or the FROM that starts a stage. */
export interface PlanStep {
  line: number;
  endLine: number;
  instruction: string;
  /** The instruction as written, on one line (continuations joined). */
  text: string;
  cacheKey: string;
  parentKey: string;
  /** Context paths this step reads (files and directories), sorted. */
  inputs: string[];
  components: StepComponents;
  /** What the step selects from the build context (COPY/ADD sources, bind mounts); absent when it reads none. */
  contextSize?: ContextSize;
}

/** How much of the build context something selects: files (and symlinks) and their bytes. */
export interface ContextSize {
  files: number;
  bytes: number;
}

/** One build argument of a target's outline (what BuildKit's `--call=outline` lists). */
export interface OutlineArg {
  name: string;
  /** The default as written after `=` in the ARG that defines it; null for `ARG NAME`. */
  default: string | null;
  /** The value the build uses: a `--build-arg`, else the expanded default, else the global value; '' when none. */
  value: string;
  /** The rest of the first line of the comment block above the ARG that starts with `NAME `; '' when none. */
  description: string;
  /** Line of the ARG that defines it (BuildKit's location). */
  line: number;
  /** True for an ARG before the first FROM. */
  global: boolean;
  /** Lines of the instructions in the target's stages that read it (expansions, and `$NAME` in RUN). */
  readBy: number[];
}

/** A secret a target's RUN steps mount. */
export interface OutlineSecret {
  /** The secret's id (`source=`, else `id=`, else the base name of `target=`). */
  id: string;
  required: boolean;
  /** Where the file appears (`/run/secrets/<id>` by default); null for an `env=` secret without a target. */
  target: string | null;
  /** The environment variable it is exposed as (`env=`); null when none. */
  env: string | null;
  /** Line of the first RUN that mounts it. */
  line: number;
}

/** An SSH agent socket a target's RUN steps mount. */
export interface OutlineSsh {
  /** The socket's id (`default` unless `id=` says otherwise). */
  id: string;
  required: boolean;
  line: number;
}

/** Something the outline of a target finds worth fixing. */
export interface OutlineWarning {
  line: number;
  code: 'undocumented-arg' | 'undeclared-secret';
  message: string;
}

/** What a target needs from whoever builds it: its arguments, secrets and SSH sockets (BuildKit's outline). */
export interface Outline {
  /** The stage's name, or BuildKit's `stage-N` for an unnamed stage. */
  target: string;
  /** The rest of the first line of the comment block above its FROM that starts with `<name> `; '' when none. */
  description: string;
  args: OutlineArg[];
  secrets: OutlineSecret[];
  ssh: OutlineSsh[];
  warnings: OutlineWarning[];
}

/** One stage as `--call=targets` lists it. */
export interface TargetInfo {
  index: number;
  name: string | null;
  description: string;
  /** True for the last stage (what a build without `--target` builds). */
  default: boolean;
  /** The base as written in FROM. */
  base: string;
  /** FROM --platform as written; null without it. */
  platform: string | null;
  line: number;
}

/** One stage of the plan. */
export interface PlanStage {
  index: number;
  name: string | null;
  base: PlanBase;
  /** True when the target needs this stage. */
  reachable: boolean;
  /** Earlier stages this one needs (FROM, COPY --from, RUN --mount from=). */
  dependsOn: number[];
  line: number;
  /** Key of the stage's starting state (its base). */
  baseKey: string;
  steps: PlanStep[];
  /** What this stage needs when built as the target: arguments, secrets, SSH sockets (BuildKit's outline). */
  outline?: Outline;
}

/** Advice where a Dockerfile defeats its own cache. */
export interface PlanAdvice {
  stage: number;
  line: number;
  code: string;
  message: string;
}

/** A complete plan (what `plan --format json` prints and `--save` records). */
export interface Plan {
  version: 1;
  dockerfile: string;
  context: string;
  target: string | null;
  buildArgs: Record<string, string>;
  platform: string;
  stages: PlanStage[];
  /** Reachable stages in levels that can build in parallel. */
  order: number[][];
  /** The longest chain of dependent reachable stages (by step count), first to last. */
  criticalPath: number[];
  advice: PlanAdvice[];
  /** Non-fatal problems met while planning (missing COPY sources, unknown stages, ...). */
  warnings: string[];
  /**
   * The build context: what it sends after .dockerignore (`files`, `bytes`, as `dockhand context` counts
   * them) and what the reachable COPY/ADD sources and bind mounts select of it (`selectedFiles`,
   * `selectedBytes`: the paths BuildKit asks the client for). Absent when planned without a context.
   */
  contextSize?: ContextSize & { selectedFiles: number; selectedBytes: number };
}

/** Why a step rebuilds. */
export type CauseKind = 'file' | 'arg' | 'env' | 'base' | 'instruction' | 'parent' | 'network';

/** The first cause of a rebuild. */
export interface Cause {
  kind: CauseKind;
  /** Changed file, arg or env name; the edited text; the base image; ... */
  detail: string;
  /** For `file`: the COPY/ADD source or mount that selected it. */
  selector?: string;
  /** For `file`: how many other files the step selects changed too (absent when none). */
  others?: number;
  /** For `parent`: the line of the step (in this or an earlier stage) whose rebuild propagates. */
  line?: number;
  stage?: number;
  before?: string;
  after?: string;
}

/** Explain's verdict for one step. */
export interface ExplainStep {
  stage: number;
  stageName: string | null;
  line: number;
  instruction: string;
  text: string;
  status: 'cached' | 'rebuild';
  reason: string;
  cause?: Cause;
  /** For a step that reads the build context: how much it selects (what a rebuild checksums and sends). */
  contextSize?: ContextSize;
}

/** Explain's whole answer. */
export interface Explanation {
  steps: ExplainStep[];
  summary: { cached: number; rebuild: number };
  advice: PlanAdvice[];
}
