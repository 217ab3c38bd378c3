// POSIX path helpers with Go's path.Clean / path.Join / path.Base semantics (BuildKit normalises WORKDIR
// and mount targets with them).

/** Go's `path.Clean`: shortest equivalent path; `""` becomes `"."`. */
export function cleanPath(p: string): string {
  if (p === '') return '.';
  const rooted = p.startsWith('/');
  const out: string[] = [];
  for (const part of p.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (out.length > 0 && out[out.length - 1] !== '..') out.pop();
      else if (!rooted) out.push('..');
      continue;
    }
    out.push(part);
  }
  const joined = out.join('/');
  if (rooted) return '/' + joined;
  return joined === '' ? '.' : joined;
}

/** Go's `path.Join`: joins the non-empty elements and cleans the result (`""` when all are empty). */
export function joinPath(...parts: string[]): string {
  const nonEmpty = parts.filter((p) => p !== '');
  return nonEmpty.length === 0 ? '' : cleanPath(nonEmpty.join('/'));
}

/** Go's `path.Base`: last element; `"."` for empty, `"/"` for a root-only path. */
export function basePath(p: string): string {
  if (p === '') return '.';
  const trimmed = p.replace(/\/+$/, '');
  if (trimmed === '') return '/';
  return trimmed.slice(trimmed.lastIndexOf('/') + 1);
}

/** Resolves a WORKDIR argument against the current one, as BuildKit's NormalizeWorkdir does on Linux. */
export function resolveWorkdir(current: string | null, requested: string): string {
  if (requested.startsWith('/')) return cleanPath(requested);
  return joinPath(current ?? '/', requested) || '/';
}
