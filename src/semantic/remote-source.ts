// Which COPY/ADD sources BuildKit fetches rather than reads from the build context: one definition
// for the planner (what a step's key waits on) and the rules (which sources must exist in the context).

/**
 * `ADD <url>` and git sources are fetched at build time. Anything else is a path in the context,
 * `github.com/org/repo.git` too (BuildKit's ParseGitRef calls it indistinguishable from one).
 */
export function isRemoteSource(src: string): boolean {
  return isHttpSource(src) || isGitSource(src);
}

/** An http(s) URL, a download unless it is a git source (isGitSource). */
export function isHttpSource(src: string): boolean {
  return /^https?:\/\//i.test(src);
}

/** A git source as ParseGitRef reads one: git:// and ssh:// URLs, `user@host:path`, an http(s) URL whose path ends in `.git`. */
export function isGitSource(src: string): boolean {
  return /^(git|ssh):\/\//i.test(src) || /^[\w-]+@[\w.-]+:/.test(src) || /^https?:\/\/[^#?]*\.git([#?]|$)/i.test(src);
}
