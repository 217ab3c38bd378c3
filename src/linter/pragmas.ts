// In-file suppression syntax: hadolint's and dockhand's `ignore=` pragmas and BuildKit's
// `check=` directive / per-instruction comments. Parsing only; the engine decides what they cover.

/** Where an ignore pragma applies. */
export type PragmaScope = 'next' | 'global' | 'stage';

/** A parsed `# hadolint ignore=...` / `# dockhand global ignore=...` comment. */
export interface IgnorePragma {
  tool: 'hadolint' | 'dockhand';
  scope: PragmaScope;
  /** Codes, names or aliases as written. */
  codes: string[];
}

// hadolint's grammar (Hadolint/Pragma.hs): case-sensitive words, spaces and tabs only, `=` with
// optional blanks around it, codes separated by `,` with optional blanks, and after each code an
// optional `# reason` running to the end of the line. Anything else is not a pragma at all.
const PRAGMA = /^[ \t]*(hadolint|dockhand)[ \t]+(?:(global|stage)[ \t]+)?ignore[ \t]*=(.*)$/;
/** A code as hadolint reads it: a run of the characters D, L, S, C and digits (DL3008, SC2086). */
const HADOLINT_CODE = /^[DLSC0-9]+$/;
/** A code, rule name or alias as dockhand reads it in `# dockhand ignore=` (any case). */
const CODE = /^[A-Za-z][A-Za-z0-9_-]*$/;

/**
 * Parse a comment's text (after `#`) as an ignore pragma, with hadolint's grammar: a trailing
 * `# reason` is allowed after the codes, and a malformed list (empty code, trailing comma, two
 * codes without a comma) makes the comment no pragma at all.
 *
 * Codes: hadolint drops a whole `# hadolint` pragma when one code is not a run of `DLSC0-9`
 * (`ignore=crazy,DL3002` ignores nothing). dockhand does the same, except that a code, rule name
 * or alias it knows is also accepted there: pass `known` (the rule index's lookup) to decide that;
 * without it, any code-shaped word is accepted. `# dockhand` pragmas accept any code-shaped word;
 * words that name no rule simply match nothing.
 */
export function parseIgnorePragma(text: string, known?: (code: string) => boolean): IgnorePragma | null {
  const m = PRAGMA.exec(text.trimEnd());
  if (!m) return null;
  const tool = m[1] as IgnorePragma['tool'];
  let list = m[3]!;
  const hash = list.indexOf('#');
  if (hash !== -1) list = list.slice(0, hash);
  const codes = list.split(',').map((c) => c.trim());
  const valid =
    tool === 'dockhand' ? (c: string) => CODE.test(c) : (c: string) => HADOLINT_CODE.test(c) || (CODE.test(c) && (known === undefined || known(c)));
  if (!codes.every(valid)) return null;
  return { tool, scope: (m[2] as PragmaScope | undefined) ?? 'next', codes };
}

/** BuildKit's lint options from a `check=` directive, comment or `BUILDKIT_DOCKERFILE_CHECK`. */
export interface CheckOptions {
  /** `skip=all`. */
  skipAll: boolean;
  /** Names listed in `skip=` (as written). */
  skip: string[];
  /** `experimental=all`. */
  experimentalAll: boolean;
  experimental: string[];
  /** `error=true`: any BuildKit check finding fails the build. */
  error: boolean;
}

/** No options: nothing skipped, no experimental checks, warnings only. */
export function emptyCheckOptions(): CheckOptions {
  return { skipAll: false, skip: [], experimentalAll: false, experimental: [], error: false };
}

const TRUE = new Set(['1', 't', 'true']);

/**
 * Parse the value of a `check=` setting (`skip=A,B;error=true;experimental=C`). As in BuildKit,
 * only the text before the first whitespace counts, so `skip=all // why` works.
 */
export function parseCheckOptions(value: string): CheckOptions {
  const out = emptyCheckOptions();
  const first = value.trim().split(/\s/, 1)[0] ?? '';
  for (const part of first.split(';')) {
    const eq = part.indexOf('=');
    if (eq === -1) continue;
    const key = part.slice(0, eq).trim().toLowerCase();
    const items = part.slice(eq + 1).split(',').map((s) => s.trim()).filter(Boolean);
    if (key === 'skip') {
      if (items.some((i) => i.toLowerCase() === 'all')) out.skipAll = true;
      out.skip.push(...items.filter((i) => i.toLowerCase() !== 'all'));
    } else if (key === 'experimental') {
      if (items.some((i) => i.toLowerCase() === 'all')) out.experimentalAll = true;
      out.experimental.push(...items.filter((i) => i.toLowerCase() !== 'all'));
    } else if (key === 'error') {
      out.error = TRUE.has((items[0] ?? '').toLowerCase());
    }
  }
  return out;
}

/**
 * BuildKit's own validation of a `# check=` value (linter.ParseLintOptions): every part must be
 * `skip=`, `experimental=` or `error=<bool>`; anything else fails the build. Null when valid.
 */
export function checkOptionsError(value: string): string | null {
  const first = value.trim().split(/\s/, 1)[0] ?? '';
  if (first === '') return null;
  for (const part of first.split(';')) {
    const eq = part.indexOf('=');
    if (eq === -1) return `invalid check option "${part}"`;
    const key = part.slice(0, eq).trim().toLowerCase();
    if (key === 'error') {
      if (!/^(1|t|T|TRUE|true|True|0|f|F|FALSE|false|False)$/.test(part.slice(eq + 1).trim())) return `failed to parse check option "${part}"`;
    } else if (key !== 'skip' && key !== 'experimental') {
      return `invalid check option "${part.slice(0, eq)}"`;
    }
  }
  return null;
}

const CHECK_COMMENT = /^check[ \t]*=(.*)$/i;

/** The first `check=...` line among an instruction's preceding comments, parsed (BuildKit's rule). */
export function checkOptionsFromComments(comments: readonly string[]): CheckOptions | null {
  for (const c of comments) {
    const m = CHECK_COMMENT.exec(c.trim());
    if (m) return parseCheckOptions(m[1]!);
  }
  return null;
}

/** BuildKit's build-check names (ruleset.go); `skip=all` and `error=true` apply to these. */
export const BUILDKIT_CHECKS: ReadonlySet<string> = new Set([
  'StageNameCasing', 'FromAsCasing', 'NoEmptyContinuation', 'ConsistentInstructionCasing',
  'DuplicateStageName', 'ReservedStageName', 'JSONArgsRecommended', 'MaintainerDeprecated',
  'UndefinedArgInFrom', 'WorkdirRelativePath', 'UndefinedVar', 'MultipleInstructionsDisallowed',
  'LegacyKeyValueFormat', 'InvalidBaseImagePlatform', 'RedundantTargetPlatform',
  'SecretsUsedInArgOrEnv', 'InvalidDefaultArgInFrom', 'FromPlatformFlagConstDisallowed',
  'CopyIgnoredFile', 'InvalidDefinitionDescription', 'ExposeProtoCasing', 'ExposeInvalidFormat',
]);

/**
 * Checks that BuildKit runs over the whole file, without an instruction's comment config:
 * a per-instruction `# check=skip=` does not silence them.
 */
export const FILE_LEVEL_CHECKS: ReadonlySet<string> = new Set([
  'ConsistentInstructionCasing', 'DuplicateStageName', 'ReservedStageName', 'InvalidDefaultArgInFrom',
  'NoEmptyContinuation',
]);
