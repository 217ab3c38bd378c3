// `dockhand context [DIR]` — what a build would send: files kept after .dockerignore, sizes, the
// largest files and directories, what was excluded, and warnings about likely mistakes.
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { statSync } from 'node:fs';
import type { Command } from '../command.js';
import type { QuickOption } from '../quick-args.js';
import { describeError } from '../read-file.js';
import { visible, visibleLines } from '../../core/visible.js';
import { CliError, type Io } from '../io.js';
import { ContextError, DockerignoreError, formatBytes, summarizeContext, type ContextSummary } from '../../context/index.js';

/** The directory `context` shows when none is given. */
const DEFAULT_DIR = '.';

/** context's options, as data: yargs reads them, and so does quick-args.ts for plain command lines. */
const CONTEXT_OPTIONS = {
  file: { type: 'string', describe: 'Dockerfile (selects <Dockerfile>.dockerignore when present)' },
  format: { alias: 'f', type: 'string', choices: ['text', 'json'] as const, default: 'text', describe: 'output format' },
} satisfies Record<string, QuickOption>;

const command: Command = {
  command: 'context [dir]',
  describe: 'Show what a build would send: files kept after .dockerignore, sizes, the largest, total bytes',
  builder: (y) =>
    y
      .positional('dir', { type: 'string', describe: 'build context directory', default: DEFAULT_DIR }),
  options: CONTEXT_OPTIONS,
  positionalDefault: DEFAULT_DIR,
  run: async (args, io) => {
    const extra = ((args._ as unknown[] | undefined) ?? []).slice(1);
    if (extra.length) throw new CliError(`context takes one directory; unexpected ${extra.map(String).join(' ')}`);
    // An unset "$DIR" must not list the current directory.
    if (args.dir === '') throw new CliError('empty path given for DIR');
    const given = String(args.dir ?? '.');
    const dir = resolve(io.cwd, given);
    const dockerfile = typeof args.file === 'string' ? resolve(io.cwd, args.file) : undefined;
    if (dockerfile !== undefined) {
      // docker fails on a missing -f too; a typo would otherwise silently pick the wrong .dockerignore.
      try {
        if (!statSync(dockerfile).isFile()) throw new CliError(`${args.file}: not a regular file`);
      } catch (err) {
        if (err instanceof CliError) throw err;
        throw new CliError(`${args.file}: ${describeError(err)}`);
      }
    }
    const json = args.format === 'json';
    const progress = progressLine(io);
    let summary: ContextSummary;
    try {
      summary = summarizeContext(dir, { dockerfile, keepFiles: json, onProgress: progress.update });
    } catch (e) {
      progress.clear();
      // The directory as given (the walk names the absolute path), as lint and plan name --context.
      if (e instanceof ContextError) throw new CliError(e.message.startsWith(`${dir}: `) ? `${given}: ${e.message.slice(dir.length + 2)}` : e.message);
      if (e instanceof DockerignoreError) throw new CliError(e.message);
      throw e;
    }
    progress.clear();
    if (json) {
      const out = {
        root: summary.root,
        dockerignore: summary.dockerignore,
        files: summary.files,
        totalBytes: summary.totalBytes,
        excluded: summary.excluded,
      };
      io.stdout(`${JSON.stringify(out, null, 2)}\n`);
      for (const w of summary.warnings) if (w.startsWith('skipped ')) io.stderr(`dockhand: warning: ${visible(w)}\n`);
      return 0;
    }
    io.stdout(renderText(summary, shownPath(io.cwd, summary.root)));
    return 0;
  },
};
export default command;

/** A "walking… N files" line on stderr, only on a TTY and only once the walk passes one second. */
function progressLine(io: Io): { update(files: number, bytes: number): void; clear(): void } {
  const start = Date.now();
  let last = 0;
  let shown = false;
  return {
    update(files, bytes) {
      if (!io.stderrIsTTY) return;
      const now = Date.now();
      if (now - start < 1000 || now - last < 100) return;
      last = now;
      shown = true;
      io.stderr(`\r\x1b[Kwalking context… ${files.toLocaleString('en-US')} files, ${formatBytes(bytes)}`);
    },
    clear() {
      if (shown) io.stderr('\r\x1b[K');
    },
  };
}

/** The context as a person reads it: relative to the current directory when inside it (JSON keeps the absolute root). */
function shownPath(cwd: string, root: string): string {
  const rel = relative(cwd, root);
  return rel === '' ? '.' : rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel) ? root : rel;
}

function renderText(s: ContextSummary, root: string): string {
  const lines: string[] = [];
  const num = (n: number) => n.toLocaleString('en-US');
  lines.push(`context:       ${root}`);
  lines.push(`.dockerignore: ${s.dockerignore ? `${s.dockerignore} (${s.patternCount} pattern${s.patternCount === 1 ? '' : 's'})` : 'none'}`);
  lines.push(`sends:         ${num(s.fileCount)} file${s.fileCount === 1 ? '' : 's'}, ${formatBytes(s.totalBytes)} (${num(s.totalBytes)} bytes)`);
  lines.push(`excluded:      ${num(s.excluded)} path${s.excluded === 1 ? '' : 's'}`);
  const width = (xs: { size: number }[]) => Math.max(0, ...xs.map((x) => formatBytes(x.size).length));
  if (s.largestFiles.length) {
    lines.push('', 'largest files:');
    const w = width(s.largestFiles);
    for (const f of s.largestFiles) lines.push(`  ${formatBytes(f.size).padStart(w)}  ${f.path}`);
  }
  if (s.largestDirs.length) {
    lines.push('', 'largest directories:');
    const w = width(s.largestDirs);
    for (const d of s.largestDirs) lines.push(`  ${formatBytes(d.size).padStart(w)}  ${d.path}/`);
  }
  if (s.excludedSamples.length) {
    lines.push('', `excluded by ${s.dockerignore}:`);
    for (const x of s.excludedSamples) lines.push(`  ${x.path}${x.dir ? '/' : ''}`);
    if (s.excluded > s.excludedSamples.length) lines.push(`  … and ${num(s.excluded - s.excludedSamples.length)} more`);
  }
  if (s.warnings.length) {
    lines.push('', 'warnings:');
    for (const w of s.warnings) lines.push(`  ! ${w}`);
  }
  // File names come from the tree: an ESC in one must not reach the terminal.
  return `${visibleLines(lines.join('\n'))}\n`;
}
