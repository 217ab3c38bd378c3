// What a rule is and what it sees: the contract between the rule engine and every rule file.
import type { Fix, Severity } from '../core/diagnostic.js';
import type { SourceRange, Span } from '../core/range.js';
import type { Dockerfile, Instruction } from '../parser/ast.js';
import type { ShellScript } from '../shell/types.js';

/** Where a rule's meaning comes from. */
export type RuleOrigin = 'hadolint' | 'buildkit' | 'dockhand';

/** Whether a rule can fix what it finds, and how safely. */
export type Fixable = 'none' | 'safe' | 'unsafe' | 'sometimes-safe';

/** Documentation kept as data: the `rules` command, docs/rules/*.md and LSP hovers read it. */
export interface RuleDocs {
  /** One line: what the rule checks. */
  summary: string;
  /** Why it matters. */
  why: string;
  /** A Dockerfile that triggers the rule. */
  bad: string;
  /** A Dockerfile that does not. */
  good: string;
  /** How to fix a finding. */
  fix: string;
  /** Required when fixable !== 'none': when the automatic fix is safe and when not. */
  fixSafety?: string;
  /** Deviations from the origin tool's behaviour, limits (e.g. needs a registry). */
  notes?: string;
  /**
   * What the `bad` / `good` examples need to be linted as intended (config options, a build
   * context); the docs test builds an in-memory context from it. Omit when examples stand alone.
   */
  setup?: { bad?: ExampleSetup; good?: ExampleSetup };
}

/** Config and build context for one documentation example. */
export interface ExampleSetup {
  /** Rule options as in .dockhand.yaml (`trustedRegistries`, `labelSchema`, `strictLabels`, `settings`). */
  options?: Partial<RuleOptions>;
  /** Files in the build context, `/`-separated; a trailing `/` marks an (empty) directory. */
  context?: string[];
  /** The context's `.dockerignore` text; omit when there is none. */
  dockerignore?: string;
  /** The context's `.gitignore` text; omit when there is none. */
  gitignore?: string;
}

/** Options a rule may read (from .dockhand.yaml / .hadolint.yaml). */
export interface RuleOptions {
  trustedRegistries: string[];
  /** label-schema: label name → type (`text`, `url`, `semver`, `hash`, `rfc3339`, `spdx`, `email`). */
  labelSchema: Record<string, string>;
  strictLabels: boolean;
  /** Per-rule settings keyed by rule code or name. */
  settings: Record<string, unknown>;
}

/**
 * Facts about the build context, supplied by the caller (CLI / LSP). Rules never touch the file
 * system; context-aware rules skip themselves when `ctx.buildContext` is undefined.
 * Paths are `/`-separated and relative to the context root.
 */
export interface BuildContextView {
  /** The `.dockerignore` in effect (or `<Dockerfile>.dockerignore`), null when there is none. */
  dockerignore: { path: string; text: string } | null;
  /** The context root's `.gitignore` text, null when there is none. */
  gitignore: string | null;
  /** True when the path (file or directory) exists in the context, ignoring .dockerignore. */
  exists(path: string): boolean;
  /** True when the path is a directory in the context (a symbolic link to one is a link, as `COPY . .` sends it). */
  isDirectory(path: string): boolean;
  /**
   * The first symbolic link on the path whose target leaves the context (the link's path and its
   * target as written), or null. The builder resolves such a target inside the context, not where it points on this
   * machine; exists, isDirectory, isSent and glob already follow links that way. Optional: a view
   * without links need not have it.
   */
  linkOutside?(path: string): { link: string; target: string } | null;
  /**
   * The symbolic links below directory `path` (links on `path` itself followed; below it, a link to a
   * directory is not walked into, as the context's walk does not) that the build sends and that lead
   * out of that directory: each link's path (under `path` as given), its target as written, and
   * where it leads in the context (`to`: a path with no link on it, '' for the root), null when
   * that is nowhere the build sends. Sorted by path; it reads a bounded number of entries.
   * Optional: a view without links need not have it.
   */
  linksOutOf?(path: string): { link: string; target: string; to: string | null }[];
  /** True when .dockerignore excludes the path (Moby's semantics). */
  isExcluded(path: string): boolean;
  /**
   * True when the build sends the path to the builder: it exists and .dockerignore keeps it, or it
   * is a directory that a `!` exception re-includes something in (as BuildKit's context transfer).
   */
  isSent(path: string): boolean;
  /** Paths (files and directories) matching a COPY source pattern, before .dockerignore. */
  glob(pattern: string): string[];
  /** Top-level entry names of the context root, in no particular order. */
  topLevel(): string[];
  /**
   * The top-level names that `pattern` matches (its flags g and y aside), in no particular order:
   * what a rule that cares about a few names asks of a large context, so that the answer kept with
   * its findings (and checked in later runs) is those names, not the whole listing.
   */
  topLevelMatching(pattern: RegExp): string[];
}

/** What a rule reports; the engine fills in code, severity and url. */
export interface Report {
  /** Where: a full range, or offsets only (a shell word's range), to which the engine adds lines and columns. */
  range: SourceRange | Span;
  message: string;
  fix?: Fix;
  /** Override the rule's severity for this finding (rare; e.g. BuildKit's error=true). */
  severity?: Severity;
  /**
   * Another place whose instruction's ignore pragmas silence the finding too: where hadolint reports
   * what BuildKit reports elsewhere (DL4003 at the later CMD, BuildKit at the overridden one), so a
   * `# hadolint ignore=` written for hadolint keeps working. Not part of the diagnostic.
   */
  alsoAt?: SourceRange | Span;
}

/** Everything a rule's check() can see. */
export interface RuleContext {
  file: Dockerfile;
  /** File name as given to the linter (for messages only). */
  filename: string;
  options: RuleOptions;
  buildContext?: BuildContextView;
  /** The parsed shell of a RUN instruction (shell form or heredoc script); undefined when not POSIX shell. */
  shell(instruction: Instruction): ShellScript | undefined;
  /**
   * True when a word names one of the lint's rules (code, name or alias, any case): the words the
   * engine accepts in a `# hadolint ignore=` list besides hadolint's codes. Absent: every code-shaped word.
   */
  knowsRule?: (code: string) => boolean;
  report(report: Report): void;
}

/** A lint rule: metadata, documentation and a pure check. */
export interface Rule {
  /** Primary code: `DL3008`, a BuildKit check name, or `DH001`. */
  code: string;
  /** Kebab-case name, equal to the rule's file name. */
  name: string;
  /** Other codes meaning the same check (e.g. the BuildKit name of a DL rule). */
  aliases: string[];
  severity: Severity;
  origin: RuleOrigin;
  fixable: Fixable;
  /** Experimental BuildKit checks run only when enabled with `# check=experimental=`. */
  experimental?: boolean;
  /** Needs `ctx.buildContext`; skipped without it. */
  needsContext?: boolean;
  /** Default off (hadolint's `ignore` severity, e.g. DL1001, DL3057): runs only when enabled in config. */
  disabledByDefault?: boolean;
  url?: string;
  docs: RuleDocs;
  check(ctx: RuleContext): void;
}

/** Identity helper so rule files are type-checked against `Rule`. */
export function defineRule(rule: Rule): Rule {
  return rule;
}
