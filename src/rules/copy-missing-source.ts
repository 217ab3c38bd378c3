// DH003: COPY/ADD of a local source that does not exist in the build context, or that the build does
// not send because .dockerignore excludes it (where BuildKit's CopyIgnoredFile does not say so).
import { defineRule, type BuildContextView, type RuleContext } from './types.js';
import { cleanPath } from '../semantic/paths.js';
import type { Dockerfile } from '../parser/ast.js';
import { contextSources, type ContextSource } from './utils/copy-operands.js';
import { copyIgnoredFileReports, ignoredFileCheck } from './utils/context-files.js';
import { envBefore } from './utils/model.js';
import { expandWord } from './utils/expansion.js';
import { type Mount, mountsOf } from './utils/mounts.js';
import { compileDockerignore } from '../context/dockerignore.js';

export default defineRule({
  code: 'DH003',
  name: 'copy-missing-source',
  aliases: [],
  severity: 'error',
  origin: 'dockhand',
  fixable: 'none',
  needsContext: true,
  docs: {
    summary: 'COPY/ADD sources, and RUN bind mounts of the build context, must exist in it and be sent to the builder.',
    why:
      'A missing source fails the build with "not found" after everything before it has been built; so does a ' +
      'source that .dockerignore keeps out of the context the builder receives.',
    bad: 'FROM node:22-alpine\nCOPY package-lock.json ./\n',
    good: 'FROM node:22-alpine\nCOPY package.json ./\n',
    setup: { bad: { context: ['package.json'] }, good: { context: ['package.json'] } },
    fix: 'Fix the path (it is relative to the build context, not to the Dockerfile), or add the file.',
    notes:
      'A `RUN --mount=type=bind,source=...` without `from=` reads the build context too, and is checked the same way ' +
      '(sources with variables are not). Sources with variables that cannot be resolved, sources outside the context (DH004) and remote ADD ' +
      'sources are not checked. A wildcard that matches nothing the build sends is an error only where BuildKit fails on it: ' +
      'below a directory (`conf/*.yml`), that directory is missing from what the builder receives (it gets only what some ' +
      'source selects, or everything when one copies the whole context), and its lookup fails; at the top (`*.jar`), or when ' +
      'the directory is received, BuildKit copies nothing for that source and goes on, which DH003 reports as a warning. A source .dockerignore ' +
      'excludes is BuildKit\'s CopyIgnoredFile finding; but that check stays silent when .dockerignore has `!` ' +
      'exceptions and for sources starting with `/`, and the build fails all the same, so DH003 reports those ' +
      '(a directory counts as sent when an exception re-includes something in it). No source is reported by ' +
      'both. Symbolic links are followed as the builder follows them: inside the context, so a link to a path ' +
      'outside it (`/etc`, `../shared`) leads to that path within the context, where it usually does not exist. ' +
      'A wildcard match that is such a link (one that leads nowhere in the context) fails the build too and is reported. ' +
      'Links inside a directory a source copies are another matter. A plain source (`COPY app /srv/`) copies them as links ' +
      'and never follows them, so a dangling one, or one pointing outside the context, is no error and not reported. ' +
      'A source with a wildcard or `--exclude` has BuildKit checksum what it copies entry by entry and follow every link ' +
      'among it, nested ones too: a link that leads to nothing the builder receives fails the build ("not found") and is ' +
      'reported, once per source. The builder receives only what the sources select (the links on a source\'s own path are ' +
      'followed for that, those inside the directories it sends are not), so a nested link to a file no source selects ' +
      'counts as leading nowhere. ' +
      'Needs the build context.',
  },
  check(ctx) {
    const bc = ctx.buildContext;
    if (!bc) return;
    const ignored = bc.dockerignore ? ignoredFileCheck(bc.dockerignore.text) : undefined;
    const sources = contextSources(ctx.file);
    let received: ((dir: string) => boolean) | undefined;
    /** Whether the builder receives directory `dir` (see receivedDirectory); worked out once, when first asked. */
    const receives = (dir: string) => (received ??= receivedDirectory(ctx.file, bc, sources))(dir);
    for (const src of sources) {
      if (src.raw.includes('$')) {
        const r = expandWord(ctx.file, src.raw, envBefore(ctx.file, src.ins));
        if (!r || r.unmatched.size > 0) continue;
      }
      const cleaned = cleanPath(src.path);
      const path = checkedPath(cleaned);
      const excludes = src.ins.flags.filter((f) => f.name === 'exclude' && f.value !== null).map((f) => f.value!);
      if (path === null) {
        // The whole context with --exclude: every link in it is followed.
        if (excludes.length > 0 && (cleaned === '.' || cleaned === '/')) reportNestedLink(ctx, bc, src, ['.'], excludes, receives);
        continue;
      }
      const glob = hasGlobMeta(path);
      const matches = glob ? bc.glob(path) : bc.exists(path) ? [path] : [];
      // A wildcard's matches are entries as they are; one that is a symbolic link is then followed
      // (and must lead somewhere in the context), or the builder's checksum of the source fails.
      const dangling = glob ? matches.find((p) => !bc.exists(p)) : undefined;
      if (dangling !== undefined) {
        const link = bc.linkOutside?.(dangling) ?? null;
        const to = link?.link === dangling ? ` to ${JSON.stringify(link.target)}` : '';
        ctx.report({
          range: src.range,
          message: `${src.ins.keyword} source ${JSON.stringify(src.path)} matches ${JSON.stringify(dangling)}, a symbolic link${to} that leads to nothing in the build context; the builder follows it and fails ("not found")`,
        });
        continue;
      }
      if (glob && !matches.some((p) => bc.isSent(p))) {
        // BuildKit copies nothing for such a wildcard unless the directory it starts below is missing
        // from what the builder receives (then its lookup fails the build).
        const base = wildcardBase(path);
        if (base === '' || receives(base)) {
          if (matches.length > 0 && ignored && copyIgnoredFileReports(ignored, bc, cleaned)) continue;
          const what = matches.length === 0 ? 'matches nothing in the build context' : `matches only paths ${bc.dockerignore?.path ?? '.dockerignore'} excludes`;
          ctx.report({ range: src.range, severity: 'warning', message: `${src.ins.keyword} source ${JSON.stringify(src.path)} ${what}: BuildKit copies nothing for it and goes on` });
          continue;
        }
        if (matches.length === 0) {
          ctx.report({
            range: src.range,
            message: `${src.ins.keyword} source ${JSON.stringify(src.path)} matches nothing in the build context, and the builder does not receive ${JSON.stringify(base)} (no source selects anything in it), so looking it up fails the build`,
          });
          continue;
        }
      }
      if (matches.length === 0) {
        const why = glob ? '' : linkNote(bc, path);
        ctx.report({ range: src.range, message: `${src.ins.keyword} source ${JSON.stringify(src.path)} does not exist in the build context${why}` });
        continue;
      }
      // A wildcard or --exclude source has BuildKit follow every link in the directories it copies.
      if ((glob || excludes.length > 0) && reportNestedLink(ctx, bc, src, matches, excludes, receives)) continue;
      // Excluded sources: CopyIgnoredFile's when it reports them, else here.
      if (!ignored || copyIgnoredFileReports(ignored, bc, cleaned) || matches.some((p) => bc.isSent(p))) continue;
      const what = glob ? `every path matching ${JSON.stringify(src.path)} is` : `source ${JSON.stringify(src.path)} is`;
      ctx.report({
        range: src.range,
        message: `${src.ins.keyword} ${what} excluded by ${bc.dockerignore!.path}, so the builder never receives it and the ${src.ins.keyword} fails ("not found")`,
      });
    }
    // RUN --mount=type=bind,source=... from the build context (no from=): the build fails the same way.
    for (const { m, source } of contextBindMounts(ctx.file)) {
      const path = checkedPath(cleanPath(source));
      if (path === null) continue;
      if (!bc.exists(path)) {
        ctx.report({ range: m.flag.range, message: `RUN --mount source ${JSON.stringify(source)} does not exist in the build context${linkNote(bc, path)}` });
      } else if (bc.dockerignore && !bc.isSent(path)) {
        ctx.report({ range: m.flag.range, message: `RUN --mount source ${JSON.stringify(source)} is excluded by ${bc.dockerignore.path}, so the builder never receives it and the RUN fails ("not found")` });
      }
    }
  },
});

/**
 * For a source with a wildcard or `--exclude`, BuildKit's checksum takes what it copies entry by
 * entry (contenthash's includedPaths) and follows every symbolic link among them, those deep inside
 * a matched directory too; one that leads to nothing the builder received fails it ("not found"),
 * and the build with it. A plain source is checksummed as a whole and copied with its links as
 * links, which BuildKit never follows, wherever they point: nothing to report there. Reports the
 * first such link of the source's `matches` (directories only: a matched link is followed and
 * checked as a match); true when it did.
 */
function reportNestedLink(
  ctx: RuleContext,
  bc: BuildContextView,
  src: ContextSource,
  matches: readonly string[],
  excludes: readonly string[],
  receives: (path: string) => boolean,
): boolean {
  if (!bc.linksOutOf) return false;
  let skip: ((rel: string) => boolean) | undefined;
  if (excludes.length > 0) {
    try {
      const m = compileDockerignore(excludes);
      skip = (rel) => m.excludedInWalk(rel);
    } catch {
      return false; // an invalid pattern fails the build on its own (the planner says so)
    }
  }
  const broken: { link: string; target: string; to: string | null }[] = [];
  for (const match of matches) {
    if (match !== '.' && (!bc.isDirectory(match) || !bc.isSent(match))) continue;
    for (const l of bc.linksOutOf(match)) {
      const rel = match === '.' ? l.link : l.link.slice(match.length + 1);
      if (skip?.(rel)) continue;
      if (l.to === null || !receives(l.to)) broken.push(l);
    }
  }
  const [first] = broken;
  if (!first) return false;
  // The link's target as the builder resolves it: nowhere in the context, or a path no source selects
  // (the builder receives only what the sources select, fsutil's FollowPaths: it resolves the links
  // on a source's own path, never those inside the directories it sends).
  const where = first.to === null ? 'that leads to nothing in the build context' : `that leads to ${JSON.stringify(first.to)}, which the builder does not receive (no source selects it)`;
  const more = broken.length > 1 ? ` (and ${broken.length - 1} more such link${broken.length > 2 ? 's' : ''})` : '';
  ctx.report({
    range: src.range,
    message:
      `${src.ins.keyword} source ${JSON.stringify(src.path)} copies ${JSON.stringify(first.link)}, a symbolic link to ${JSON.stringify(first.target)} ${where}${more}; ` +
      `with ${excludes.length > 0 ? '--exclude' : 'a wildcard'} BuildKit follows every link the source copies to checksum it, and fails ("not found")`,
  });
  return true;
}

/**
 * A cleaned source as a context-relative path to check, or null when there is nothing to check: the
 * whole context (`.`, `/`) or a path that climbs out of it (DH004's).
 */
function checkedPath(cleaned: string): string | null {
  const path = cleaned.startsWith('/') ? (cleaned === '/' ? '.' : cleaned.slice(1)) : cleaned;
  return path === '.' || path === '..' || path.startsWith('../') ? null : path;
}

/** Why a missing source is missing when a symbolic link on it leaves the context (the builder resolves it inside); else ''. */
function linkNote(bc: BuildContextView, path: string): string {
  const link = bc.linkOutside?.(path) ?? null;
  return link ? ` (${JSON.stringify(link.link)} is a symbolic link to ${JSON.stringify(link.target)}, outside the context; the builder resolves it inside the context)` : '';
}

/** The RUN `--mount=type=bind` flags that read the build context (no `from=`), with a source written without variables. */
function* contextBindMounts(file: Dockerfile): Generator<{ m: Mount; source: string }> {
  for (const stage of file.stages) {
    for (const ins of stage.instructions) {
      if (ins.keyword !== 'RUN' || ins.flags.length === 0) continue;
      for (const m of mountsOf(ins)) {
        if (m.type === 'bind' && m.from === null && m.source !== null && !m.source.includes('$')) yield { m, source: m.source };
      }
    }
  }
}

/** The directory a pattern's wildcard starts below: the components before the first with a wildcard ('' for the root). */
function wildcardBase(path: string): string {
  const parts = path.split('/');
  return parts.slice(0, parts.findIndex(hasGlobMeta)).join('/');
}

/**
 * Whether the builder receives a directory, as dockerfile2llb asks for the context: everything sent
 * when a source (or a bind mount) is the whole context, else only what the sources select and the
 * directories above it (fsutil's FollowPaths), so a directory where no source selects anything is
 * not there.
 */
function receivedDirectory(file: Dockerfile, bc: BuildContextView, sources: readonly ContextSource[]): (dir: string) => boolean {
  const selected: string[] = [];
  let whole = false;
  const add = (raw: string) => {
    const path = checkedPath(cleanPath(raw));
    if (path === null) {
      whole ||= cleanPath(raw) === '.' || cleanPath(raw) === '/';
      return;
    }
    for (const p of hasGlobMeta(path) ? bc.glob(path) : [path]) if (bc.isSent(p)) selected.push(p);
  };
  for (const src of sources) add(src.path);
  for (const { source } of contextBindMounts(file)) add(source);
  return (dir) => {
    if (whole) return bc.isSent(dir);
    return selected.some((p) => p === dir || p.startsWith(`${dir}/`) || (dir.startsWith(`${p}/`) && bc.isSent(dir)));
  };
}

/** True when the path holds a character of a COPY source pattern (`*`, `?`, `[`) or an escape (`\\`). */
function hasGlobMeta(path: string): boolean {
  for (let i = 0; i < path.length; i++) {
    const c = path.charCodeAt(i);
    if (c === 42 /* * */ || c === 63 /* ? */ || c === 91 /* [ */ || c === 92 /* \\ */) return true;
  }
  return false;
}
