// `dockhand explain` — which steps a change will rebuild, and the first cause of each rebuild.
// Every mode is a comparison of two plans: a saved baseline, the same Dockerfile with some files
// marked changed (--changed), or the Dockerfile and files as they were at a git revision (--since).
import { existsSync } from 'node:fs';
import { readInputFile } from '../read-file.js';
import { visible, visibleLines } from '../../core/visible.js';
import { dirname, join, resolve } from 'node:path';
import type { Command } from '../command.js';
import { CliError, type Io } from '../io.js';
import { locate, PLAN_INPUT_OPTIONS, planFromArgs, type PlanArgs } from '../plan-input.js';
import { watchExplain } from '../explain-watch.js';
import type { ContextSession } from '../planner-context.js';
import { lastValue } from '../options.js';
import { gitTop, markChanged, readRevision, revisionKnowledge, toContextPaths } from '../git-baseline.js';
import { pickPlan } from '../saved-plan.js';
import { parse } from '../../parser/index.js';
import { tooLargeReason } from '../../core/limits.js';
import { explain, stepsReading } from '../../planner/explain.js';
import { renderMarkdown } from '../../planner/report.js';
import type { Explanation, Plan } from '../../planner/types.js';

const command: Command = {
  command: 'explain [file]',
  describe: 'Explain which steps will rebuild after a change, and why',
  builder: (y) =>
    y
      .positional('file', { type: 'string', describe: 'Dockerfile (default ./Dockerfile)' })
      .option('baseline', { type: 'string', coerce: lastValue, describe: 'A plan saved earlier with `dockhand plan --save`' })
      .option('changed', { type: 'string', array: true, describe: 'Files that changed, relative to the current directory (takes every following word: put FILE before it)' })
      .option('since', { type: 'string', coerce: lastValue, describe: 'A git revision: explain the changes made since it' })
      .options(PLAN_INPUT_OPTIONS)
      .option('pull', { type: 'boolean', default: false, describe: 'Assume floating base tags are re-resolved (docker build --pull)' })
      .option('watch', { alias: 'w', type: 'boolean', default: false, describe: 'Keep watching: explain again whenever the context or the Dockerfile changes (baseline: the build as it is now, or --baseline)' })
      .option('format', { alias: 'f', choices: ['text', 'json', 'markdown'] as const, default: 'text' as const, coerce: lastValue, describe: 'Output format (markdown: a short report for a pull-request comment)' })
      .example('$0 plan --save base.json && $0 explain --baseline base.json', 'What rebuilds since the saved plan')
      .example('$0 explain --changed src/app.js', 'What an edit to src/app.js rebuilds')
      .example('$0 explain --since HEAD~1', 'What the last commit rebuilds')
      .example('$0 explain --watch', 'Edit files and see, as you go, what the next build rebuilds')
      .example('$0 explain --since origin/main --format markdown', 'A pull-request comment: what the branch rebuilds and why'),
  run: async (args, io) => {
    const pargs = args as PlanArgs & Record<string, unknown>;
    if (args.watch === true) {
      if (args.changed !== undefined || args.since !== undefined) {
        throw new CliError('--watch compares with the build as it is now, or with --baseline PLAN.json; not with --changed or --since');
      }
      if (args.format === 'markdown') throw new CliError('--format markdown makes one report; use text or json with --watch');
      const saved = args.baseline as string | undefined;
      return watchExplain(pargs, io, {
        loadBaseline: saved === undefined ? undefined : (session) => fromBaseline(pargs, saved, io, session),
        format: args.format === 'json' ? 'json' : 'text',
        pull: args.pull === true,
        render: renderExplanation,
      });
    }
    const modes = [args.baseline, args.changed, args.since].filter((m) => m !== undefined).length;
    if (modes !== 1) throw new CliError('explain needs exactly one of --baseline PLAN.json, --changed PATH.. or --since GIT-REV');
    let result: { baseline: Plan; current: Plan };
    if (args.baseline !== undefined) result = await fromBaseline(pargs, args.baseline as string, io);
    else if (args.changed !== undefined) result = await fromChanged(pargs, args.changed as string[], io);
    else result = await fromGit(pargs, args.since as string, io);
    const ex = explain(result.baseline, result.current, { pull: args.pull === true });
    if (args.format === 'json') io.stdout(`${JSON.stringify(ex, null, 2)}\n`);
    else if (args.format === 'markdown') io.stdout(renderMarkdown(ex, result.current));
    else io.stdout(renderExplanation(ex, result.current));
    return 0;
  },
};
export default command;

async function fromBaseline(args: PlanArgs, path: string, io: Io, session?: ContextSession) {
  if (path === '') throw new CliError('empty path given for --baseline');
  let saved: unknown;
  const bytes = readInputFile(resolve(io.cwd, path), path);
  try {
    saved = JSON.parse(bytes.toString('utf8'));
  } catch (err) {
    throw new CliError(`${path}: not a saved plan (${(err as Error).message})`);
  }
  const { plan: current } = await planFromArgs(args, io, { session });
  const baseline = pickPlan(saved, (name) => name === current.dockerfile);
  if (!baseline) throw new CliError(`${path}: not a plan saved by \`dockhand plan --save\``);
  if (baseline.dockerfile !== current.dockerfile) {
    io.stderr(`dockhand: note: ${visible(`${path} holds a plan of ${baseline.dockerfile}, not ${current.dockerfile}`)}\n`);
  }
  return { baseline, current };
}

async function fromChanged(args: PlanArgs, changed: string[], io: Io) {
  const { dockerfile, contextDir } = locate(args, io);
  const paths = toContextPaths(changed, io.cwd, contextDir);
  if (changed.some((c) => resolve(io.cwd, c) === dockerfile)) {
    io.stderr('dockhand: note: --changed cannot tell which lines of the Dockerfile changed; use --baseline or --since for edits to it\n');
  }
  const { plan: baseline } = await planFromArgs(args, io, { wrap: markChanged(paths, (p) => !existsSync(join(contextDir, p))) });
  const { plan: current, context } = await planFromArgs(args, io);
  return { baseline, current };
}

async function fromGit(args: PlanArgs, rev: string, io: Io) {
  const { dockerfile, contextDir } = locate(args, io);
  const top = await gitTop(dirname(dockerfile));
  const old = await readRevision(dockerfile, contextDir, rev, top);
  const { plan: current, context } = await planFromArgs(args, io);
  if (old.text === null) {
    // The Dockerfile did not exist at that revision: nothing of it can be in the cache.
    io.stderr(`dockhand: note: ${visible(`${old.dockerfile} does not exist at ${rev}`)}; every step counts as new\n`);
    return { baseline: { ...current, stages: [] }, current };
  }
  const tooLarge = tooLargeReason(old.text);
  if (tooLarge) {
    io.stderr(`dockhand: note: ${visible(`${rev}:${old.dockerfile}`)} is ${tooLarge}; every step counts as new\n`);
    return { baseline: { ...current, stages: [] }, current };
  }
  const oldFile = parse(old.text);
  if (oldFile.diagnostics.some((d) => d.severity === 'error')) {
    io.stderr(`dockhand: note: ${visible(`${rev}:${old.dockerfile}`)} has syntax errors, so no build of it was cached; every step counts as new\n`);
    return { baseline: { ...current, stages: [] }, current };
  }
  // The repository's own .git, when the build sends it, changes with every git command.
  const gitDir = old.gitDir === undefined ? [] : stepsReading(current, [old.gitDir]);
  if (gitDir.length) {
    const lines = gitDir.length > 1 ? `lines ${gitDir.map((u) => u.line).join(', ')} copy` : `line ${gitDir[0]!.line} copies`;
    io.stderr(`dockhand: note: ${lines} the repository's ${visible(old.gitDir!)} directory, which git changes as it works: it counts as unchanged since ${visible(rev)} (add it to .dockerignore)\n`);
  }
  const unknown = stepsReading(current, old.ignored);
  if (unknown.length) {
    // Said once: the steps reading such files are cached or not by their other files only.
    const roots = [...new Set(unknown.flatMap((u) => u.paths))];
    const named = roots.length > 3 ? `${roots.slice(0, 3).join(', ')} and ${roots.length - 3} more` : roots.join(', ');
    const lines = unknown.length > 1 ? `lines ${unknown.map((u) => u.line).join(', ')} read` : `line ${unknown[0]!.line} reads`;
    io.stderr(`dockhand: note: git ignores ${visible(named)}, which ${lines}: git cannot say how ${roots.length > 1 ? 'they were' : 'it was'} at ${visible(rev)}, so ${roots.length > 1 ? 'they count' : 'it counts'} as unchanged\n`);
  }
  // With the revision's .dockerignore when it differs: the context is walked again under it.
  const walk = old.ignore ? { ignore: old.ignore } : { reader: context };
  const { plan: baseline } = await planFromArgs(args, io, { wrap: markChanged(old.changed, (p) => !existsSync(join(contextDir, p)), revisionKnowledge(old)), file: oldFile, ...walk });
  return { baseline, current };
}

/** Per-stage list a person reads at a glance, then the summary and advice. */
export function renderExplanation(ex: Explanation, plan: Plan): string {
  const lines: string[] = [];
  let stage = -1;
  for (const s of ex.steps) {
    if (s.stage !== stage) {
      stage = s.stage;
      const st = plan.stages[stage]!;
      const base = 'image' in st.base ? st.base.image : 'stage' in st.base ? `stage ${plan.stages[st.base.stage]!.name ?? st.base.stage}` : 'scratch';
      lines.push(`${lines.length ? '\n' : ''}stage ${stage}${st.name ? ` "${st.name}"` : ''} (FROM ${base})`);
    }
    const mark = s.status === 'cached' ? 'cached ' : 'REBUILD';
    const text = s.text.length > 60 ? `${s.text.slice(0, 59)}…` : s.text;
    lines.push(`  ${mark} ${String(s.line).padStart(4)}  ${text}${s.status === 'rebuild' ? `\n                 ↳ ${s.reason}` : ''}`);
  }
  if (ex.steps.length === 0) lines.push('no cached steps in the reachable stages');
  lines.push('', `${ex.summary.rebuild} step${ex.summary.rebuild === 1 ? '' : 's'} rebuild, ${ex.summary.cached} cached`);
  for (const a of ex.advice) lines.push(`advice (line ${a.line}): ${a.message}`);
  for (const w of plan.warnings) lines.push(`warning: ${w}`);
  // Step texts, file names and warnings come from the Dockerfile and the tree: no control character reaches the terminal.
  return `${visibleLines(lines.join('\n'))}\n`;
}
