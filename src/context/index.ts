// Build-context I/O boundary: .dockerignore with Moby's semantics, the context walker, content
// hashing with a persistent stat cache, and the lazy view rules and the planner use.
export {
  compileDockerignore,
  DockerignoreError,
  DockerignoreMatcher,
  dockerignorePresent,
  findDockerignore,
  normalizeQuery,
  parseDockerignore,
  readDockerignore,
  unreadableFolderOf,
  type IgnoreLine,
  type MatchInfo,
  type MatcherPattern,
} from './dockerignore.js';
export { goPathMatch } from './go-compat.js';
export { compareNames, ContextError, resolveRoot, walkContext, type ContextEntry, type WalkOptions, type WalkWarning } from './walk.js';
export {
  combineDigests,
  ContextHasher,
  hashContext,
  hashSelection,
  recordDigest,
  selectionPlan,
  selector,
  sha256File,
  type HashContextOptions,
  type HashResult,
  type HashStats,
} from './hash.js';
export { ContextMonitor, type MonitorOptions, type MonitorStats } from './monitor.js';
export { defaultCacheDir, StatCache, statCacheFile, type StatKey } from './stat-cache.js';
export { openBuildContext, type BuildContext, type OpenContextOptions } from './view.js';
export { formatBytes, summarizeContext, type ContextSummary, type SentFile, type SummaryOptions } from './summary.js';
