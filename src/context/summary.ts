// What `dockhand context` reports: one streaming walk of the context that keeps totals, the
// largest files and directories, samples of what .dockerignore excluded and likely mistakes.
import { openBuildContext } from './view.js';
import { compareNames, walkContext, type ContextEntry, type WalkWarning } from './walk.js';
import { linkLeavesContext } from '../core/symlinks.js';
import { formatBytes } from '../core/bytes.js';

export { formatBytes };

/** A file the build sends (files and symlinks; directories are implied by paths). */
export interface SentFile {
  path: string;
  size: number;
}

/** Summary of one context. */
export interface ContextSummary {
  root: string;
  /** The .dockerignore in effect (relative to the root when inside it), or null. */
  dockerignore: string | null;
  /** Number of patterns in that file. */
  patternCount: number;
  /** Every sent file sorted by path (only when requested: it holds the whole list). */
  files?: SentFile[];
  fileCount: number;
  dirCount: number;
  totalBytes: number;
  /** Paths .dockerignore cut off: excluded files plus excluded directories not entered. */
  excluded: number;
  excludedSamples: { path: string; dir: boolean }[];
  largestFiles: SentFile[];
  /** Top-level directories by total bytes sent. */
  largestDirs: SentFile[];
  /** Skipped special files and likely mistakes, one line each. */
  warnings: string[];
}

/** Options of summarizeContext. */
export interface SummaryOptions {
  dockerfile?: string;
  /** Keep the full sorted file list (for JSON output). */
  keepFiles?: boolean;
  /** Called every few hundred entries with running totals. */
  onProgress?(files: number, bytes: number): void;
}

const TOP = 10;
const HUGE_BYTES = 500e6;
const HUGE_FILES = 50_000;
const SECRET_NAME = /^(\.env(\..+)?|id_(rsa|dsa|ecdsa|ed25519)|.+\.(pem|key|p12|pfx|jks|keystore)|\.npmrc|\.pypirc|\.netrc|\.git-credentials|credentials(\.json)?|secrets?\.(ya?ml|json|env))$/i;
const NOT_SECRET = /^\.env\.(example|sample|template|dist|defaults?)$/i;

/** Walks the context once and summarizes it. Throws ContextError / DockerignoreError. */
export function summarizeContext(root: string, options: SummaryOptions = {}): ContextSummary {
  const ctx = openBuildContext(root, { dockerfile: options.dockerfile });
  const matcher = ctx.matcher();
  const warnings: string[] = [];
  const excludedSamples: { path: string; dir: boolean }[] = [];
  let excluded = 0;
  const files: SentFile[] | undefined = options.keepFiles ? [] : undefined;
  const largest: SentFile[] = [];
  const topDirs = new Map<string, number>();
  const gitDirs: string[] = [];
  const nodeModules: string[] = [];
  const secrets: string[] = [];
  const outside: string[] = [];
  let fileCount = 0;
  let dirCount = 0;
  let totalBytes = 0;
  let n = 0;

  const onWarning = (w: WalkWarning) => warnings.push(w.message);
  const onExcluded = (path: string, dir: boolean) => {
    excluded++;
    if (excludedSamples.length < TOP) excludedSamples.push({ path, dir });
  };
  for (const e of walkContext(ctx.root, { matcher, onWarning, onExcluded })) {
    if (++n % 512 === 0) options.onProgress?.(fileCount, totalBytes);
    if (e.type === 'dir') {
      dirCount++;
      if (!e.backfilled) noteDir(e, gitDirs, nodeModules);
      continue;
    }
    fileCount++;
    totalBytes += e.size;
    if (e.type === 'symlink' && linkLeavesContext(e.path, e.linkTarget!) && outside.length < 3) outside.push(`${e.path} -> ${e.linkTarget}`);
    files?.push({ path: e.path, size: e.size });
    const slash = e.path.indexOf('/');
    if (slash > 0) {
      const top = e.path.slice(0, slash);
      topDirs.set(top, (topDirs.get(top) ?? 0) + e.size);
    }
    const base = e.path.slice(e.path.lastIndexOf('/') + 1);
    if (SECRET_NAME.test(base) && !NOT_SECRET.test(base) && secrets.length < 5) secrets.push(e.path);
    pushLargest(largest, { path: e.path, size: e.size });
  }
  // Byte order of whole paths (Go's sort.Strings), so output is stable across platforms.
  files?.sort((a, b) => compareNames(a.path, b.path));

  if (gitDirs.length) warnings.push(`${list(gitDirs)} ${gitDirs.length > 1 ? 'are' : 'is'} sent to the builder: add \`.git\` to .dockerignore (history rarely belongs in an image and busts the cache)`);
  if (nodeModules.length) warnings.push(`${list(nodeModules)} ${nodeModules.length > 1 ? 'are' : 'is'} sent: add \`**/node_modules\` to .dockerignore and install dependencies in the image`);
  if (secrets.length) warnings.push(`possible secrets are sent: ${list(secrets)}; exclude them in .dockerignore and use build secrets instead`);
  if (outside.length) warnings.push(`symlinks point outside the context (${list(outside)}): the build sends the link, never its target`);
  if (totalBytes > HUGE_BYTES || fileCount > HUGE_FILES) {
    warnings.push(`the context is large (${formatBytes(totalBytes)} in ${fileCount.toLocaleString('en-US')} files): every build transfers and checks it`);
  }
  if (!ctx.dockerignore) warnings.push('no .dockerignore: everything in the context is sent');

  return {
    root: ctx.root,
    dockerignore: ctx.dockerignore?.path ?? null,
    patternCount: matcher?.patterns.length ?? 0,
    files,
    fileCount,
    dirCount,
    totalBytes,
    excluded,
    excludedSamples,
    largestFiles: largest,
    largestDirs: [...topDirs].map(([path, size]) => ({ path, size })).sort((a, b) => b.size - a.size).slice(0, TOP),
    warnings,
  };
}

function noteDir(e: ContextEntry, gitDirs: string[], nodeModules: string[]): void {
  const base = e.path.slice(e.path.lastIndexOf('/') + 1);
  if (base === '.git' && gitDirs.length < 3) gitDirs.push(e.path);
  // Only the outermost node_modules of a tree is worth naming.
  if (base === 'node_modules' && nodeModules.length < 3 && !e.path.slice(0, -base.length).includes('node_modules/')) {
    nodeModules.push(e.path);
  }
}

function pushLargest(top: SentFile[], f: SentFile): void {
  if (top.length === TOP && top[TOP - 1]!.size >= f.size) return;
  let i = top.length;
  while (i > 0 && top[i - 1]!.size < f.size) i--;
  top.splice(i, 0, f);
  if (top.length > TOP) top.pop();
}

function list(paths: string[]): string {
  return paths.map((p) => `\`${p}\``).join(', ');
}
