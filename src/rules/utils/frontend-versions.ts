// The Dockerfile frontend's versions, as data: which `docker/dockerfile` release first accepts each
// feature dockhand's parser reads (DH020), and what a `# syntax=` directive pins (DH020, DH021).
//
// Sources: BuildKit's `dockerfile/<version>` release notes (github.com/moby/buildkit/releases), the
// "Dockerfile release notes" page of docs.docker.com, and BuildKit's frontend release script
// (frontend/dockerfile/cmd/dockerfile-frontend/hack/release: which tags a release publishes). Where
// the two notes disagree, BuildKit's own release wins (ADD of a Git URL: docs.docker.com lists it
// under 1.5.0, BuildKit's 1.6.0 release says it left the labs channel then). Facts left out because
// no source settles them are named in DH020's docs notes (rules/frontend-too-old.ts).
import { parseImageRef } from './images.js';

/** A frontend version as major and minor (every feature below arrived in an `x.y.0` release). */
export type FrontendVersion = readonly [major: number, minor: number];

/** One feature a frontend version gained. */
export interface FrontendFeature {
  /** Key the rule looks features up by. */
  id: string;
  /** How a message names it (`COPY --link`). */
  label: string;
  /** The first stable (mainline) release that accepts it. */
  stable: FrontendVersion;
  /**
   * The first release of the labs channel (called "experimental" before 1.2) that accepted it, when
   * it was there before it became stable.
   */
  labs?: FrontendVersion;
  /**
   * What an older frontend does with it: `fails` (an unknown flag, a parse or expansion error: the
   * build stops) or `ignored` (the build goes on without it).
   */
  older: 'fails' | 'ignored';
  /** Where the version comes from. */
  source: string;
}

const V = (major: number, minor: number): FrontendVersion => [major, minor];

/** Every feature DH020 knows, by id. */
export const FRONTEND_FEATURES: Readonly<Record<string, FrontendFeature>> = Object.fromEntries(
  ([
    { id: 'run-mount', label: 'RUN --mount', stable: V(1, 2), labs: V(1, 0), older: 'fails',
      source: 'dockerfile/1.2.0: RUN --mount (bind, cache, secret, ssh) moved from the experimental channel (1.0-experimental) to mainline' },
    { id: 'run-network', label: 'RUN --network', stable: V(1, 3), labs: V(1, 2), older: 'fails',
      source: 'dockerfile/1.3.0: RUN --network left the labs channel (there since 1.2.1-labs)' },
    { id: 'run-security', label: 'RUN --security', stable: V(1, 20), labs: V(1, 1), older: 'fails',
      source: 'dockerfile/1.20.0: RUN --security generally available (labs since 1.1.2-experimental)' },
    { id: 'run-device', label: 'RUN --device', stable: V(1, 27), labs: V(1, 14), older: 'fails',
      source: 'dockerfile/1.27.0: RUN --device promoted from labs (added in 1.14.0-labs)' },
    { id: 'mount-secret-env', label: 'a secret mount\'s `env=`', stable: V(1, 10), older: 'fails',
      source: 'dockerfile/1.10.0: secrets mounted as environment variables with env=' },
    { id: 'heredoc', label: 'a heredoc', stable: V(1, 4), labs: V(1, 3), older: 'fails',
      source: 'dockerfile/1.4.0: heredocs promoted from labs (added in 1.3.0-labs)' },
    { id: 'link', label: '--link', stable: V(1, 4), older: 'fails',
      source: 'dockerfile/1.4.0: COPY --link and ADD --link' },
    { id: 'add-git', label: 'ADD of a Git repository', stable: V(1, 6), labs: V(1, 5), older: 'fails',
      source: 'dockerfile/1.6.0: ADD <Git URL> graduated from labs (1.5.0-labs)' },
    { id: 'add-keep-git-dir', label: 'ADD --keep-git-dir', stable: V(1, 6), labs: V(1, 5), older: 'fails',
      source: 'dockerfile/1.6.0: the --keep-git-dir flag of ADD <Git URL>, graduated with it from labs' },
    { id: 'add-checksum', label: 'ADD --checksum', stable: V(1, 6), labs: V(1, 5), older: 'fails',
      source: 'dockerfile/1.6.0: ADD --checksum graduated from labs (1.5.0-labs)' },
    { id: 'add-checksum-git', label: 'ADD --checksum of a Git repository', stable: V(1, 16), older: 'fails',
      source: 'dockerfile/1.16.0: ADD --checksum for Git URLs' },
    { id: 'add-git-query', label: 'a Git URL with `?key=value` options', stable: V(1, 18), older: 'fails',
      source: 'dockerfile/1.18.0: query parameters (ref, tag, branch, checksum, subdir, keep-git-dir, submodules) in Git URLs' },
    { id: 'add-unpack', label: 'ADD --unpack', stable: V(1, 17), older: 'fails',
      source: 'dockerfile/1.17.0: ADD --unpack=bool' },
    { id: 'exclude', label: '--exclude', stable: V(1, 19), labs: V(1, 7), older: 'fails',
      source: 'dockerfile/1.19.0: COPY/ADD --exclude generally available (labs since 1.7.0-labs)' },
    { id: 'copy-parents', label: 'COPY --parents', stable: V(1, 20), labs: V(1, 7), older: 'fails',
      source: 'dockerfile/1.20.0: COPY --parents generally available (labs since 1.7.0-labs)' },
    { id: 'chmod-symbolic', label: 'a non-octal --chmod', stable: V(1, 14), labs: V(1, 11), older: 'fails',
      source: 'dockerfile/1.14.0: non-octal COPY --chmod values left the labs channel (1.11.0-labs)' },
    { id: 'chmod-variable', label: 'a variable in --chmod', stable: V(1, 10), older: 'fails',
      source: 'dockerfile/1.10.0: build arguments expanded in the --chmod of COPY and ADD' },
    { id: 'healthcheck-start-interval', label: 'HEALTHCHECK --start-interval', stable: V(1, 6), older: 'fails',
      source: 'dockerfile/1.6.0: HEALTHCHECK --start-interval' },
    { id: 'arg-several', label: 'ARG with several names', stable: V(1, 2), older: 'fails',
      source: 'dockerfile/1.2.0: several build args in one ARG' },
    { id: 'expand-no-colon', label: '`${var-word}` / `${var+word}` (no colon)', stable: V(1, 6), older: 'fails',
      source: 'dockerfile/1.6.0: POSIX variable substitution without the colon (moby/buildkit#3611)' },
    { id: 'expand-trim', label: 'the `#`/`%` trimming of `${var#pattern}`', stable: V(1, 7), older: 'fails',
      source: 'dockerfile/1.7.0: trimming in variable expansion (moby/buildkit#4287)' },
    { id: 'expand-replace', label: 'the substitution of `${var/pattern/replacement}`', stable: V(1, 7), older: 'fails',
      source: 'dockerfile/1.7.0: string substitution in variable expansion (moby/buildkit#4427)' },
    { id: 'check-directive', label: 'the `# check=` directive', stable: V(1, 8), older: 'ignored',
      source: 'dockerfile/1.8.0: the check directive and build checks' },
  ] satisfies FrontendFeature[]).map((f) => [f.id, f]),
);

/** What a `# syntax=` value says about the frontend. */
export type SyntaxPin =
  /** The Dockerfile frontend at a known version (`channel` labs: the labs channel, "experimental" before 1.2). */
  | { kind: 'dockerfile'; version: FrontendVersion; channel: 'stable' | 'labs'; tag: string }
  /** The Dockerfile frontend, newest (`:1`, `:latest`, no tag, `:master`) or unknown version (a bare digest). */
  | { kind: 'dockerfile'; version: null; channel: 'stable' | 'labs'; tag: string }
  /** An image that is not the Dockerfile frontend. */
  | { kind: 'other'; image: string }
  /** Not an image reference (upper case in the name, empty): the build fails on it, DH020/DH021 say nothing. */
  | { kind: 'invalid' };

/** The repositories that publish the Dockerfile frontend (the second one builds from BuildKit's master too). */
const DOCKERFILE_REPOS = new Set(['docker/dockerfile', 'docker/dockerfile-upstream']);
/** Docker Hub's names: a reference with one of these hosts (or none) is on Docker Hub. */
const DOCKER_HUB = new Set(['docker.io', 'index.docker.io', 'registry-1.docker.io']);

/**
 * Reads a `# syntax=` value as an image reference: the Dockerfile frontend (on Docker Hub or a mirror
 * keeping its path, e.g. `mirror.gcr.io/docker/dockerfile`) and the version its tag names, or another
 * image. A digest with a tag: the tag names the version; a digest alone: unknown.
 */
export function readSyntaxPin(value: string): SyntaxPin {
  // BuildKit's image is the first word; the rest of the value goes to the frontend as its command line.
  const ref = value.trim().split(' ')[0]!;
  const { registry, repository, tag, digest } = parseImageRef(ref);
  if (repository === '' || /[A-Z\s]/.test(`${registry ?? ''}/${repository}`)) return { kind: 'invalid' };
  if (!DOCKERFILE_REPOS.has(hubPath(registry, repository))) return { kind: 'other', image: ref };
  if (tag === null) return { kind: 'dockerfile', version: null, channel: 'stable', tag: digest ?? 'latest' };
  return { kind: 'dockerfile', ...readTag(tag), tag };
}

/**
 * The repository path as a registry stores it: a one-component Docker Hub name gets `library/`
 * (`docker.io/dockerfile` is `library/dockerfile`); any other registry keeps its path, so a mirror
 * that keeps the path (`mirror.gcr.io/docker/dockerfile`) names the frontend too.
 */
function hubPath(registry: string | null, repository: string): string {
  const onHub = registry === null || DOCKER_HUB.has(registry);
  return onHub && !repository.includes('/') ? `library/${repository}` : repository;
}

/**
 * The version and channel a tag of the frontend image names. BuildKit's release script publishes
 * `X.Y.Z`, `X.Y`, `X` and `latest` for a mainline release, `X.Y.Z-labs`, `X.Y-labs`, `X-labs` and
 * `labs` for a labs one, and `master`/`master-labs` from its master branch. The channel was called
 * `experimental` until 1.2, so `experimental` is the last of those (1.1).
 */
function readTag(tag: string): { version: FrontendVersion | null; channel: 'stable' | 'labs' } {
  const t = tag.toLowerCase();
  if (t === 'latest' || t === 'master' || t === 'labs' || t === 'master-labs' || t === 'master-experimental') {
    return { version: null, channel: t.endsWith('labs') || t.endsWith('experimental') ? 'labs' : 'stable' };
  }
  if (t === 'experimental') return { version: V(1, 1), channel: 'labs' };
  const m = /^(\d+)(?:\.(\d+)(?:\.\d+)?)?(?:-rc\.?\d+)?(?:-(labs|experimental))?(?:-rc\.?\d+)?$/.exec(t);
  if (!m) return { version: null, channel: 'stable' };
  const channel = m[3] ? 'labs' : 'stable';
  // `1` and `1-labs` follow the newest 1.x release.
  if (m[2] === undefined) return { version: null, channel };
  return { version: V(Number(m[1]), Number(m[2])), channel };
}

/** a < b. */
export function olderThan(a: FrontendVersion, b: FrontendVersion): boolean {
  return a[0] < b[0] || (a[0] === b[0] && a[1] < b[1]);
}

/** `1.4` */
export function versionText(v: FrontendVersion): string {
  return `${v[0]}.${v[1]}`;
}

/** True when the frontend at `version` in `channel` accepts the feature. */
export function accepts(feature: FrontendFeature, version: FrontendVersion, channel: 'stable' | 'labs'): boolean {
  if (!olderThan(version, feature.stable)) return true;
  return channel === 'labs' && feature.labs !== undefined && !olderThan(version, feature.labs);
}
