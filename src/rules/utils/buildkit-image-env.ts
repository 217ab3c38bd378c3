// The environment of a few well-known base images (what BuildKit reads from the image config),
// so UndefinedVar can tell a typo from a variable the base image defines. Registry-free by design.

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
export function knownImageEnv(ref: string): Map<string, string> | undefined {
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
