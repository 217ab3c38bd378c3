// Docker image reference validation with the grammar of distribution/reference's ParseNormalizedNamed:
// BuildKit's InvalidDefaultArgInFrom check and the planner (which refuses an unusable FROM) share it.

const DOMAIN_COMPONENT = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
const DOMAIN = `(?:${DOMAIN_COMPONENT}(?:\\.${DOMAIN_COMPONENT})*|\\[[a-fA-F0-9:]+\\])(?::[0-9]+)?`;
const PATH_COMPONENT = '[a-z0-9]+(?:(?:[._]|__|[-]+)[a-z0-9]+)*';
const TAG = '[\\w][\\w.-]{0,127}';
const DIGEST = '[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}';
const REFERENCE = new RegExp(`^((?:${DOMAIN}/)?${PATH_COMPONENT}(?:/${PATH_COMPONENT})*)(?::(${TAG}))?(?:@(${DIGEST}))?$`);
const DIGEST_LENGTHS: Record<string, number> = { sha256: 64, sha384: 96, sha512: 128 };
/** An image ID: 64 hex digits. */
const HEX_ID = /^[a-f0-9]{64}$/;
/** A first component with one of these is a registry host. */
const HOST_MARK = /[.:]/;

/** True when `ref` is an image reference Docker would accept (`alpine`, `ghcr.io/o/r:tag@sha256:...`). */
export function isValidImageReference(ref: string): boolean {
  if (ref === '' || HEX_ID.test(ref)) return false;
  const slash = ref.indexOf('/');
  let domain = '';
  let remainder = ref;
  if (slash >= 0) {
    const first = ref.slice(0, slash);
    if (HOST_MARK.test(first) || first === 'localhost' || first.toLowerCase() !== first) {
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

/**
 * BuildKit's complaint about an image reference, or null when valid: the checks of
 * distribution/reference's ParseNormalizedNamed, in its order (a 64-hex identifier; an upper-case
 * repository path, named as it reads it; then the grammar).
 */
export function referenceError(ref: string): string | null {
  if (HEX_ID.test(ref)) return `invalid repository name (${ref}), cannot specify 64-byte hexadecimal strings`;
  const remainder = repositoryRemainder(ref);
  const tagSep = remainder.indexOf(':');
  const remote = tagSep > -1 ? remainder.slice(0, tagSep) : remainder;
  if (remote.toLowerCase() !== remote) return `invalid reference format: repository name (${remote}) must be lowercase`;
  return isValidImageReference(ref) ? null : 'invalid reference format';
}

/**
 * What follows the registry host, as distribution/reference splits a name: a first component with
 * `.` or `:`, `localhost`, or any upper-case letter is a host; Docker Hub names of one component get
 * `library/`.
 */
function repositoryRemainder(ref: string): string {
  const slash = ref.indexOf('/');
  if (slash < 0) return `library/${ref}`;
  const first = ref.slice(0, slash);
  const isHost = HOST_MARK.test(first) || first === 'localhost' || first.toLowerCase() !== first;
  if (!isHost) return ref;
  const rest = ref.slice(slash + 1);
  return (first === 'index.docker.io' || first === 'docker.io') && !rest.includes('/') ? `library/${rest}` : rest;
}
