// Image references as the rules read them: the parts of a reference (registry, repository, tag,
// digest), the image a stage chain starts from, and the environment of a few well-known base images
// (what BuildKit reads from the image config), so UndefinedVar can tell a typo from a variable the
// base image defines: registry-free by design. Docker's full reference grammar, for validity, is
// src/semantic/reference.ts.
import type { Dockerfile } from '../../parser/ast.js';
import { modelOf } from './model.js';

/** The parts of an image reference `[registry/]repository[:tag][@digest]` (offsets into the text). */
export interface ImageRef {
  /** Registry host (first path component with `.` or `:`, or `localhost`); null for Docker Hub. */
  registry: string | null;
  /** Repository path without registry, tag and digest. */
  repository: string;
  tag: string | null;
  /** Offset of the tag (after `:`) in the reference text; -1 when there is no tag. */
  tagOffset: number;
  digest: string | null;
}

/** Splits an image reference; quotes around the whole reference are ignored by the caller. */
export function parseImageRef(ref: string): ImageRef {
  const at = ref.indexOf('@');
  const name = at < 0 ? ref : ref.slice(0, at);
  const digest = at < 0 ? null : ref.slice(at + 1);
  const slash = name.lastIndexOf('/');
  const colon = name.lastIndexOf(':');
  const hasTag = colon > slash;
  const path = hasTag ? name.slice(0, colon) : name;
  const firstSlash = path.indexOf('/');
  let registry: string | null = null;
  let repository = path;
  if (firstSlash > 0) {
    const first = path.slice(0, firstSlash);
    if (first.includes('.') || first.includes(':') || first === 'localhost') {
      registry = first;
      repository = path.slice(firstSlash + 1);
    }
  }
  return {
    registry,
    repository,
    tag: hasTag ? name.slice(colon + 1) : null,
    tagOffset: hasTag ? colon + 1 : -1,
    digest,
  };
}

// Only variable names matter here (values are placeholders); images not listed are "unknown".
const MINIMAL: string[] = [];
const TABLE: Record<string, string[]> = {
  scratch: MINIMAL,
  alpine: MINIMAL,
  busybox: MINIMAL,
  debian: MINIMAL,
  ubuntu: MINIMAL,
  fedora: ['DISTTAG', 'FGC', 'container'],
  centos: MINIMAL,
  rockylinux: MINIMAL,
  almalinux: MINIMAL,
  archlinux: ['LANG'],
  'amazonlinux': MINIMAL,
  golang: ['GOLANG_VERSION', 'GOTOOLCHAIN', 'GOPATH'],
  node: ['NODE_VERSION', 'YARN_VERSION'],
  python: ['LANG', 'GPG_KEY', 'PYTHON_VERSION', 'PYTHON_SHA256', 'PYTHON_PIP_VERSION', 'PYTHON_GET_PIP_URL', 'PYTHON_GET_PIP_SHA256', 'PYTHON_SETUPTOOLS_VERSION'],
  ruby: ['LANG', 'RUBY_VERSION', 'RUBY_DOWNLOAD_URL', 'RUBY_DOWNLOAD_SHA256', 'GEM_HOME', 'BUNDLE_SILENCE_ROOT_WARNING', 'BUNDLE_APP_CONFIG'],
  rust: ['RUSTUP_HOME', 'CARGO_HOME', 'RUST_VERSION'],
  nginx: ['NGINX_VERSION', 'NJS_VERSION', 'NJS_RELEASE', 'PKG_RELEASE', 'DYNPKG_RELEASE'],
  openjdk: ['JAVA_HOME', 'LANG', 'JAVA_VERSION'],
  'eclipse-temurin': ['JAVA_HOME', 'LANG', 'LANGUAGE', 'LC_ALL', 'JAVA_VERSION'],
  php: ['PHPIZE_DEPS', 'PHP_INI_DIR', 'APACHE_CONFDIR', 'APACHE_ENVVARS', 'PHP_CFLAGS', 'PHP_CPPFLAGS', 'PHP_LDFLAGS', 'GPG_KEYS', 'PHP_VERSION', 'PHP_URL', 'PHP_ASC_URL', 'PHP_SHA256'],
  postgres: ['GOSU_VERSION', 'LANG', 'PG_MAJOR', 'PG_VERSION', 'PGDATA'],
  redis: ['REDIS_DOWNLOAD_URL', 'REDIS_DOWNLOAD_SHA', 'REDIS_VERSION'],
  httpd: ['HTTPD_PREFIX', 'HTTPD_VERSION', 'HTTPD_SHA256', 'HTTPD_PATCHES'],
};

/**
 * The env keys of a base image dockhand knows (Docker Hub official images by repository name), or
 * undefined when unknown. PATH is always assumed (BuildKit sets a default when the image has none).
 */
function knownImageEnv(ref: string): Map<string, string> | undefined {
  const keys = TABLE[repositoryName(ref)];
  if (!keys) return undefined;
  return new Map(keys.map((k) => [k, '']));
}

/** Official images whose config sets no ENTRYPOINT (so a CMD runs as written). */
const NO_ENTRYPOINT = new Set([
  'scratch', 'alpine', 'busybox', 'debian', 'ubuntu', 'fedora', 'centos', 'rockylinux', 'almalinux', 'amazonlinux',
  'archlinux', 'golang', 'python', 'rust', 'ruby', 'openjdk', 'eclipse-temurin',
]);

/** True when dockhand knows that the image defines no ENTRYPOINT. */
export function knownWithoutEntrypoint(ref: string): boolean {
  return NO_ENTRYPOINT.has(repositoryName(ref));
}

function repositoryName(ref: string): string {
  return ref.replace(/@.*$/, '').replace(/:[^/]*$/, '').toLowerCase().replace(/^(docker\.io\/)?(library\/)?/, '');
}

/** The image a stage chain starts from (`FROM x` through `FROM <stage>` links), or 'scratch'. */
export function rootImage(file: Dockerfile, stageIndex: number): { kind: 'image'; ref: string } | { kind: 'scratch' } | undefined {
  const model = modelOf(file);
  const seen = new Set<number>();
  let info = model.stages[stageIndex];
  while (info && !seen.has(info.index)) {
    seen.add(info.index);
    const base = info.base;
    if (base.kind === 'stage') info = model.stages[base.index];
    else return base.kind === 'image' ? { kind: 'image', ref: base.ref } : { kind: 'scratch' };
  }
  return undefined;
}

/**
 * The environment a stage's chain inherits from its base image, when dockhand knows it (scratch, or an
 * official image in the table); undefined for other images, whose ENV only a registry could tell.
 */
export function baseImageEnv(file: Dockerfile, stageIndex: number): ReadonlyMap<string, string> | undefined {
  const root = rootImage(file, stageIndex);
  if (!root) return undefined;
  return root.kind === 'scratch' ? new Map() : knownImageEnv(root.ref);
}

/**
 * What the literal text of a FROM reference with variables decides about its tag, reading the last
 * path component outside `${...}`:
 * - `pinned`: a tag or digest written without variables (`$REPO/app:1.2`, `$REPO/app:latest`,
 *   `${IMG}@sha256:...`): the text decides, as for a reference without variables;
 * - `untagged`: the last component has no variable, no tag and no digest (`${REGISTRY}/ubuntu`): no
 *   value of the variables adds a tag, so every build uses `latest`;
 * - `variable`: a variable in the last component decides (`alpine:${TAG}`, `alpine$TAG`, `$IMAGE`).
 */
export function literalTagOf(ref: string): 'pinned' | 'untagged' | 'variable' {
  let depth = 0;
  let slash = -1;
  let colon = -1;
  let at = -1;
  for (let i = 0; i < ref.length; i++) {
    const c = ref[i];
    if (c === '$' && ref[i + 1] === '{') {
      depth++;
      i++;
    } else if (c === '}' && depth > 0) depth--;
    else if (depth > 0) continue;
    else if (c === '/' && at < 0) {
      slash = i;
      colon = -1;
    } else if (c === ':' && at < 0) colon = i;
    else if (c === '@' && at < 0) at = i;
  }
  if (at >= 0) return ref.slice(at + 1).includes('$') ? 'variable' : 'pinned';
  if (colon >= 0) return ref.slice(colon + 1).includes('$') ? 'variable' : 'pinned';
  return ref.slice(slash + 1).includes('$') ? 'variable' : 'untagged';
}
