// The semantic model's public types: what rules and the planner share about a parsed Dockerfile.
import type { SourceRange } from '../core/range.js';
import type { Dockerfile, Instruction, Stage } from '../parser/ast.js';
import type { MountSpec } from './mount.js';

/** A platform (`os/arch[/variant]`). */
export interface Platform {
  os: string;
  arch: string;
  variant?: string;
}

/** Inputs of a build that change what the Dockerfile means. */
export interface ModelOptions {
  /** `--build-arg` values (used verbatim, never expanded); keys are case-sensitive. */
  buildArgs?: Record<string, string>;
  /** Target platform (`--platform`); default: the build platform. */
  platform?: Platform;
  /** Platform of the builder; default `linux/amd64` (the model never looks at the host). */
  buildPlatform?: Platform;
  /** `--target` stage name, for `TARGETSTAGE`; default: the last stage's name. */
  target?: string;
}

/** What a reference (FROM, COPY --from, mount from=) resolves to. */
export type ResolvedRef =
  | { kind: 'stage'; index: number }
  | { kind: 'image'; ref: string }
  | { kind: 'scratch' };

/** A stage's base: {@link ResolvedRef} plus the reference as written in FROM. */
export type BaseRef = ResolvedRef & { raw: string };

/** One word BuildKit expands, with its result and the variables it looked up. */
export interface Expansion {
  /** What the word is: `env-key`, `env-value`, `label-key`, `label-value`, `arg-default`, `copy-source`,
   * `copy-dest`, `heredoc`, `chown`, `chmod`, `checksum`, `workdir`, `user`, `volume`, `stopsignal`,
   * `mount`, `expose`, `from-image`, `from-platform`, `global-arg-default`. */
  role: ExpansionRole;
  /** The word as written (raw, quotes and escapes included). */
  word: string;
  /** Where the word is (the argument, pair part or flag value). */
  range: SourceRange;
  /** Expanded text (the word unchanged when expansion failed). */
  result: string;
  /** Words after splitting (EXPOSE only). */
  words?: string[];
  /** Names looked up and found. */
  matched: string[];
  /** Names looked up and not found (including `v` in `${v:-x}`). */
  unmatched: string[];
  /**
   * Unmatched names BuildKit reports as undefined: for stage instructions UndefinedVar's set (minus
   * declared ARGs and the SBOM args); for FROM, UndefinedArgInFrom's (minus declared meta ARGs); empty
   * for words BuildKit expands without reporting (EXPOSE, global ARG defaults).
   */
  undefinedNames: string[];
  /** BuildKit's error when the word cannot be expanded (the build would fail). */
  error?: string;
}

/** See {@link Expansion.role}. */
export type ExpansionRole =
  | 'env-key' | 'env-value' | 'label-key' | 'label-value' | 'arg-default' | 'global-arg-default'
  | 'copy-source' | 'copy-dest' | 'heredoc' | 'chown' | 'chmod' | 'checksum'
  | 'workdir' | 'user' | 'volume' | 'stopsignal' | 'mount' | 'expose' | 'from-image' | 'from-platform';

/** An ARG as seen inside a stage. */
export interface ScopedArg {
  name: string;
  /** The value in effect; undefined when declared without a value and none was supplied. */
  value: string | undefined;
  /** Where the value came from. */
  source: 'build-arg' | 'default' | 'global' | 'none';
  /** The ARG instruction that declared it. */
  instruction: Instruction;
}

/** The state in effect before an instruction. Immutable; maps are materialised lazily. */
export interface Scope {
  /** Variables visible to expansion: ENV values, declared ARG values and BuildKit's default PATH. */
  readonly env: ReadonlyMap<string, string>;
  /** ARGs declared in the stage (and in stages it is based on). */
  readonly args: ReadonlyMap<string, ScopedArg>;
  /** SHELL in effect (default `["/bin/sh","-c"]`, or `["cmd","/S","/C"]` for Windows targets). */
  readonly shell: readonly string[];
  /** True when a SHELL instruction in this stage chain set `shell` (BuildKit's JSONArgsRecommended test). */
  readonly shellExplicit: boolean;
  /** WORKDIR in effect; null when none was set in this Dockerfile (the base image's applies). */
  readonly workdir: string | null;
  /** USER in effect; null when none was set in this Dockerfile (the base image's applies). */
  readonly user: string | null;
}

/** A global (meta) ARG: declared before the first FROM. */
export interface GlobalArg {
  name: string;
  /** The default as written (unexpanded); undefined for `ARG NAME`. */
  default: string | undefined;
  /** The default expanded with earlier meta ARGs, ignoring `--build-arg` (InvalidDefaultArgInFrom's view). */
  defaultValue: string | undefined;
  /** The value in effect: the build arg if given, else `defaultValue`. */
  value: string | undefined;
  source: 'build-arg' | 'default' | 'none';
  instruction: Instruction;
  /** The `NAME[=value]` word. */
  range: SourceRange;
  nameRange: SourceRange;
}

/** A stage-to-something edge: FROM base, COPY --from, RUN --mount from=. */
export interface Dependency {
  kind: 'base' | 'copy' | 'mount';
  /** The stage that depends. */
  stageIndex: number;
  instruction: Instruction;
  /** What it depends on. */
  target: ResolvedRef;
  /** The reference as written. */
  raw: string;
  /** Where the reference is written. */
  range: SourceRange;
  /** True when the instruction comes from a base stage's ONBUILD. */
  viaOnbuild: boolean;
  /** BuildKit's error for this reference (later stage, bad index, variables in --from). */
  error?: string;
}

/** A parsed `--mount` of a RUN. */
export interface MountInfo {
  /** The raw flag value. */
  spec: string;
  range: SourceRange;
  /** The parsed mount; undefined when BuildKit would reject it (see `error`). */
  mount?: MountSpec;
  error?: string;
  /** Where `from=` resolves (bind and cache mounts with an explicit `from`). */
  from?: ResolvedRef;
}

/** What the model knows about one instruction. */
export interface InstructionInfo {
  instruction: Instruction;
  /** Stage index; -1 for global ARGs. */
  stageIndex: number;
  /** State in effect before the instruction (for FROM: the global scope). */
  scope: Scope;
  /** Every word BuildKit expands in this instruction, in order. */
  expansions: Expansion[];
  /** For a trigger inherited from a base stage: the ONBUILD instruction it comes from. */
  onbuild?: Instruction;
  /** ARG: each declared name with its resolved value. */
  args?: ScopedArg[];
  /** ENV: the pairs as applied (expanded keys and values). */
  env?: { key: string; value: string }[];
  /** COPY --from. */
  copyFrom?: Dependency;
  /** RUN --mount flags. */
  mounts?: MountInfo[];
  /** Reasons BuildKit would fail on this instruction (expansion, mount or --from errors). */
  errors: string[];
}

/** A stage with its resolved base and scopes. */
export interface StageInfo {
  index: number;
  /** Lower-cased name, or null. */
  name: string | null;
  /** `name`, or BuildKit's `stage-N` for unnamed stages. */
  displayName: string;
  stage: Stage;
  base: BaseRef;
  /** FROM's image expansion with the global args. */
  baseExpansion: Expansion;
  /**
   * The FROM image expanded with meta ARG defaults only (no `--build-arg`), as BuildKit's
   * InvalidDefaultArgInFrom check does; null when that expansion fails.
   */
  baseWithDefaults: string | null;
  /** FROM --platform: raw text, expansion and result; null without the flag. */
  platform: { raw: string; value: string; expansion: Expansion } | null;
  /**
   * True when the base's configuration (ENV, WORKDIR, USER, SHELL) is fully known: scratch, or a
   * stage whose own base is known. Image bases contribute unknown ENV (only BuildKit's PATH is assumed).
   */
  baseConfigKnown: boolean;
  /** Scope at the start of the stage (after inheriting from a base stage). */
  initialScope: Scope;
  /** Scope after the last instruction. */
  finalScope: Scope;
  /** ONBUILD triggers of a base stage, run first in this stage. */
  inheritedTriggers: InstructionInfo[];
  /** The stage's own instructions (FROM excluded), in order. */
  instructions: InstructionInfo[];
  /** LABELs set in this stage chain (expanded). */
  labels: ReadonlyMap<string, string>;
}

/** The semantic model of a Dockerfile. Pure data plus lookup helpers. */
export interface SemanticModel {
  file: Dockerfile;
  /** Options with defaults filled in. */
  options: Required<Pick<ModelOptions, 'buildArgs' | 'platform' | 'buildPlatform'>> & { target: string };
  /** BuildKit's automatic args (BUILDPLATFORM, TARGETARCH, ...). */
  automaticArgs: ReadonlyMap<string, string>;
  /** Meta ARGs in declaration order. */
  globalArgs: GlobalArg[];
  /** What FROM lines see: automatic args plus meta ARG values. */
  globalEnv: ReadonlyMap<string, string>;
  stages: StageInfo[];
  /** Every instruction in file order (global ARGs, FROMs, stage instructions; not inherited triggers). */
  instructions: InstructionInfo[];
  /** All dependencies, in file order. */
  dependencies: Dependency[];
  /** The model's view of an instruction (also for ONBUILD triggers inherited by a stage: pass the trigger). */
  infoOf(instruction: Instruction): InstructionInfo | undefined;
  /** Scope in effect before an instruction. */
  scopeBefore(instruction: Instruction): Scope | undefined;
  /**
   * A stage by reference as `COPY --from` reads it: a decimal index, or a name compared
   * case-insensitively (the last stage with that name wins, as in BuildKit).
   */
  resolveStageRef(ref: string | number): StageInfo | undefined;
  /** The words of an instruction BuildKit expands, with the variables each looks up. */
  variableReferences(instruction: Instruction): Expansion[];
  /** Variables BuildKit would report as undefined in an instruction (UndefinedVar / UndefinedArgInFrom). */
  undefinedVariables(instruction: Instruction): { name: string; expansion: Expansion }[];
}
