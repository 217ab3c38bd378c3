// Document links: image references (FROM, COPY --from=, RUN --mount from=) to their registry's
// page — Docker Hub for library and user images, the registry's own page for others — and COPY/ADD
// sources and the sources of RUN bind mounts to the files they name in the build context (remote ADD
// sources to their URL).
import type { Span } from '../core/range.js';
import type { Instruction } from '../parser/ast.js';
import type { MountInfo } from '../semantic/types.js';
import { clampedSource, hasWildcard, normaliseSource } from '../planner/source-glob.js';
import { isValidImageReference } from '../semantic/reference.js';
import { isGitSource } from '../semantic/remote-source.js';
import { copyFromRef } from '../semantic/stage-graph.js';
import { modelOf } from './document.js';

/** A link: `span` in the document opens `target`. */
export interface DocumentLink extends Span {
  target: string;
  tooltip: string;
}

/** Where the build context is, for links to the files COPY and ADD read. */
export interface LinkContext {
  /** URI of the context directory (no trailing slash), e.g. `file:///src/app`. */
  uri: string;
  /** Whether a context-relative path is in the context (sent to the builder); absent: not checked. */
  has?(path: string): boolean;
}

/** Every link in the document. */
export function documentLinks(text: string, context?: LinkContext): DocumentLink[] {
  const model = modelOf(text);
  const out: DocumentLink[] = [];
  const seen = new Set<number>();
  for (const dep of model.dependencies) {
    if (dep.target.kind !== 'image' || seen.has(dep.range.start)) continue;
    let { start, end } = dep.range;
    // A mount's range is its `from=<image>` field.
    if (dep.kind === 'mount' && /^from=/i.test(text.slice(start, end))) start += 5;
    const page = imagePage(dep.target.ref);
    if (!page) continue;
    seen.add(dep.range.start);
    out.push({ start, end, target: page, tooltip: `${dep.target.ref} on ${new URL(page).host}` });
  }
  for (const info of model.instructions) {
    const ins = info.instruction;
    if (ins.keyword === 'RUN') {
      for (const m of info.mounts ?? []) {
        const link = mountSourceLink(text, m, context);
        if (link) out.push(link);
      }
      continue;
    }
    if (ins.keyword !== 'COPY' && ins.keyword !== 'ADD') continue;
    if (copyFromRef(ins) !== undefined) continue;
    for (const e of info.expansions) {
      if (e.role !== 'copy-source' || e.error) continue;
      const link = sourceLink(ins, e.result, e.range, context);
      if (link) out.push(link);
    }
  }
  return out.sort((a, b) => a.start - b.start);
}

function sourceLink(ins: Instruction, source: string, range: Span, context: LinkContext | undefined): DocumentLink | null {
  if (/^https?:\/\//i.test(source)) {
    if (ins.keyword !== 'ADD') return null;
    try {
      return { start: range.start, end: range.end, target: new URL(source).href, tooltip: `fetched by ADD from ${new URL(source).host}` };
    } catch {
      return null;
    }
  }
  if (!context || hasWildcard(source) || isGitSource(source)) return null;
  return contextLink(source, range, context);
}

/**
 * `RUN --mount=type=bind,source=<path>` without `from=` mounts `<path>` of the build context: the
 * source links there, like a COPY source. Only a mount written plainly (or in one pair of quotes),
 * whose field offsets are then offsets in the document; a mount the builder would reject links nowhere.
 */
function mountSourceLink(text: string, info: MountInfo, context: LinkContext | undefined): DocumentLink | null {
  const m = info.mount;
  if (!context || !m || m.type !== 'bind' || (m.from !== undefined && m.from !== '') || !m.source) return null;
  // Where the spec starts in the document: the flag's value as written, or inside one pair of quotes.
  const written = text.slice(info.range.start, info.range.end);
  const quotes = written.length === info.spec.length + 2 && /^(["']).*\1$/s.test(written);
  if (!quotes && written !== info.spec) return null;
  const base = info.range.start + (quotes ? 1 : 0);
  if (quotes && text.slice(base, base + info.spec.length) !== info.spec) return null;
  const field = m.fields.find((f) => f.key === 'source' || f.key === 'src');
  if (!field || field.rawValue === null) return null;
  // A field in quotes (`"source=a,b"`) links as a whole; otherwise just the value after `=`.
  const quoted = field.end - field.start !== field.key.length + 1 + field.rawValue.length;
  const start = base + (quoted ? field.start : field.end - field.rawValue.length);
  return contextLink(m.source, { start, end: base + field.end }, context);
}

/** A link to `source` (a path as BuildKit reads it from the build context), or null when it is not there. */
function contextLink(source: string, range: Span, context: LinkContext): DocumentLink | null {
  // A source that climbs out of the context (`../x`) is read from its root (`x`), as BuildKit does.
  const path = clampedSource(source);
  if (path !== '' && context.has && !context.has(path)) return null;
  const target = path === '' ? `${context.uri}/` : `${context.uri}/${path.split('/').map(encodeURIComponent).join('/')}`;
  const where = path === '' ? 'the build context' : `${path} in the build context`;
  const tooltip = normaliseSource(source) === null ? `${where} (${source} climbs out of the context; BuildKit reads it from the context's root)` : where;
  return { start: range.start, end: range.end, target, tooltip };
}

/**
 * The web page of an image's repository: Docker Hub for its images (`alpine` → /_/alpine,
 * `user/app` → /r/user/app), the known pages of quay.io, mcr.microsoft.com and public.ecr.aws, and
 * `https://<registry>/<repository>` for other registries. Null for references that are not valid,
 * and for local registries.
 */
export function imagePage(ref: string): string | null {
  if (!isValidImageReference(ref)) return null;
  const name = ref.replace(/@.*$/, '').replace(/:[\w][\w.-]*$/, '');
  const slash = name.indexOf('/');
  const first = slash < 0 ? '' : name.slice(0, slash);
  const isHost = /[.:]/.test(first) || first === 'localhost';
  const host = isHost ? first : 'docker.io';
  const path = isHost ? name.slice(slash + 1) : name;
  switch (host) {
    case 'docker.io':
    case 'index.docker.io':
    case 'registry-1.docker.io':
      if (!path.includes('/')) return `https://hub.docker.com/_/${path}`;
      return path.startsWith('library/') && path.split('/').length === 2 ? `https://hub.docker.com/_/${path.slice(8)}` : `https://hub.docker.com/r/${path}`;
    case 'quay.io':
      return `https://quay.io/repository/${path}`;
    case 'mcr.microsoft.com':
      return `https://mcr.microsoft.com/artifact/mar/${path}`;
    case 'public.ecr.aws':
      return `https://gallery.ecr.aws/${path}`;
    default:
      if (/^(localhost|127\.|\[::1\])/.test(host)) return null;
      return `https://${host}/${path}`;
  }
}
