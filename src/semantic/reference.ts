// Docker image reference validation with the grammar of distribution/reference's ParseNormalizedNamed:
// BuildKit's InvalidDefaultArgInFrom check and the planner (which refuses an unusable FROM) share it.

const DOMAIN_COMPONENT = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
const DOMAIN = `(?:${DOMAIN_COMPONENT}(?:\\.${DOMAIN_COMPONENT})*|\\[[a-fA-F0-9:]+\\])(?::[0-9]+)?`;
const PATH_COMPONENT = '[a-z0-9]+(?:(?:[._]|__|[-]+)[a-z0-9]+)*';
const TAG = '[\\w][\\w.-]{0,127}';
const DIGEST = '[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}';
const REFERENCE = new RegExp(`^((?:${DOMAIN}/)?${PATH_COMPONENT}(?:/${PATH_COMPONENT})*)(?::(${TAG}))?(?:@(${DIGEST}))?$`);
const DIGEST_LENGTHS: Record<string, number> = { sha256: 64, sha384: 96, sha512: 128 };

/** True when `ref` is an image reference Docker would accept (`alpine`, `ghcr.io/o/r:tag@sha256:...`). */
export function isValidImageReference(ref: string): boolean {
  if (ref === '' || /^[a-f0-9]{64}$/.test(ref)) return false;
  const slash = ref.indexOf('/');
  let domain = '';
  let remainder = ref;
  if (slash >= 0) {
    const first = ref.slice(0, slash);
    if (/[.:]/.test(first) || first === 'localhost' || first.toLowerCase() !== first) {
      domain = first;
      remainder = ref.slice(slash + 1);
    }
  }
  const pathPart = remainder.split(/[:@]/, 1)[0]!;
  if (pathPart.toLowerCase() !== pathPart) return false;
  const full = domain ? `${domain}/${remainder}` : remainder;
  const m = REFERENCE.exec(full);
  if (!m) return false;
  if (m[1]!.length > 255) return false;
  if (m[3]) {
    const [algo, hex] = m[3].split(':') as [string, string];
    if (DIGEST_LENGTHS[algo] !== hex.length) return false;
  }
  return true;
}

/** BuildKit's complaint about an image reference (`invalid reference format...`), or null when valid. */
export function referenceError(ref: string): string | null {
  if (isValidImageReference(ref)) return null;
  const lowered = ref.replace(/^((?:[^/]*[.:][^/]*|localhost)\/)?([^:@]*)/, (_m, d: string | undefined, path: string) => `${d ?? ''}${path.toLowerCase()}`);
  return lowered !== ref && isValidImageReference(lowered) ? 'invalid reference format: repository name must be lowercase' : 'invalid reference format';
}
