// DH003: COPY/ADD of a local source that does not exist in the build context, or that the build does
// not send because .dockerignore excludes it (where BuildKit's CopyIgnoredFile does not say so).
import { defineRule, type BuildContextView } from './types.js';
import { cleanPath } from '../semantic/paths.js';
import type { Dockerfile } from '../parser/ast.js';
import { contextSources, type ContextSource } from './utils/copy-operands.js';
import { copyIgnoredFileReports, ignoredFileCheck } from './utils/context-files.js';
import { envBefore } from './utils/model.js';
import { expandWord } from './utils/expansion.js';
import { type Mount, mountsOf } from './utils/mounts.js';

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
      'A wildcard match that is such a link (one that leads nowhere in the context) fails the build too and is reported; ' +
      'links inside the directories a wildcard or `--exclude` source copies are followed by the builder as well, ' +
      'which `dockhand plan` checks and DH003 does not. ' +
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
      if (path === null) continue;
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
