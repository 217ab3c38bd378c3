// `dockhand plan` — the stage graph and a cache key for every step, as text, JSON or a picture;
// with several Dockerfiles, links between them and a `docker buildx bake` file.
import { existsSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import type { Command } from '../command.js';
import { CliError, type Io } from '../io.js';
import { describeError } from '../read-file.js';
import { PLAN_INPUT_OPTIONS, planFromArgs, planOptionsOf, readPlanDockerfile, type PlanArgs } from '../plan-input.js';
import { lastValue, repeated } from '../options.js';
import type { QuickOption } from '../quick-args.js';
import { bakeFile, linkPlans, renderLinks, type TaggedPlan } from '../../planner/monorepo.js';
import { PlanError, planOutline, planTargets } from '../../planner/plan.js';
import { renderDot, renderMermaid, renderText } from '../../planner/render.js';
import { renderOutline, renderTargets } from '../../planner/render-outline.js';
import type { Plan } from '../../planner/types.js';
import { visible } from '../../core/visible.js';

const FORMATS = ['text', 'json', 'dot', 'mermaid', 'svg', 'html', 'bake'] as const;

/** plan's options, as data: yargs reads them, and so does quick-args.ts for plain command lines. */
const PLAN_OPTIONS = {
  ...PLAN_INPUT_OPTIONS,
  format: { alias: 'f', type: 'string', choices: FORMATS, default: 'text' as const, coerce: lastValue, describe: 'Output format' },
  save: { type: 'string', coerce: lastValue, describe: 'Also write the plan as JSON to this file (a baseline for explain)' },
  tag: { type: 'string', coerce: repeated, describe: 'NAME=Dockerfile: the image a Dockerfile builds (repeat for more)' },
  outline: { type: 'boolean', describe: "What the target needs: build args with their descriptions, secrets, SSH sockets (BuildKit's --call=outline)" },
  targets: { type: 'boolean', describe: 'List the stages a build can target, with their descriptions (--call=targets)' },
} satisfies Record<string, QuickOption>;

const command: Command = {
  command: 'plan [files..]',
  describe: 'Show the stage graph, build order and a cache key for every step',
  builder: (y) =>
    y
      .positional('files', { type: 'string', array: true, describe: 'Dockerfile(s) (default ./Dockerfile)' })
      .example('$0 plan', 'Plan ./Dockerfile with its folder as context')
      .example('$0 plan --target test --format mermaid', 'Graph of the stages the test target needs')
      .example('$0 plan --outline --target release', 'The build args, secrets and SSH sockets the release target needs')
      .example('$0 plan --targets', 'The stages, with the descriptions written above their FROM lines')
      .example('$0 plan base/Dockerfile app/Dockerfile --tag org/base=base/Dockerfile --format bake', 'A bake file for a monorepo'),
  options: PLAN_OPTIONS,
  run: async (args, io) => {
    const files = (args.files as string[] | undefined) ?? [];
    const format = args.format as (typeof FORMATS)[number];
    if (args.outline === true || args.targets === true) return describe(files, args, io, format);
    if (files.length <= 1 && format !== 'bake') return single({ ...(args as PlanArgs), file: files[0] }, args, io, format);
    return multi(files.length ? files : ['Dockerfile'], args, io, format);
  },
};
export default command;

async function single(pargs: PlanArgs, args: Record<string, unknown>, io: Io, format: string): Promise<number> {
  const { plan, dockerfile } = await planFromArgs(pargs, io);
  save(plan, args.save as string | undefined, io.cwd, [dockerfile]);
  io.stdout(await render(plan, format));
  return 0;
}

/**
 * `--outline` / `--targets`: what a target needs and which targets there are, read from the Dockerfile
 * alone (no build context). Warnings go to stderr with text, into the JSON with json.
 */
async function describe(files: string[], args: Record<string, unknown>, io: Io, format: string): Promise<number> {
  const which = args.outline === true ? '--outline' : '--targets';
  if (args.outline === true && args.targets === true) throw new CliError('--outline and --targets show different things: give one of them');
  if (files.length > 1) throw new CliError(`${which} reads one Dockerfile`);
  if (format !== 'text' && format !== 'json') throw new CliError(`${which} prints text or json, not ${format}`);
  if (args.save !== undefined) throw new CliError(`--save records a plan; it does not combine with ${which}`);
  const pargs = { ...(args as PlanArgs), file: files[0] };
  const { file, name } = await readPlanDockerfile(pargs, io);
  const options = planOptionsOf(pargs, io, name);
  try {
    if (args.targets === true) {
      const list = planTargets(file, options);
      io.stdout(format === 'json' ? `${JSON.stringify({ dockerfile: name, targets: list }, null, 2)}\n` : renderTargets(list));
      return 0;
    }
    const outline = planOutline(file, options);
    if (format === 'json') {
      io.stdout(`${JSON.stringify({ dockerfile: name, ...outline }, null, 2)}\n`);
    } else {
      io.stdout(renderOutline(outline));
      for (const w of outline.warnings) io.stderr(`${visible(name)}:${w.line}: warning: ${visible(w.message)}\n`);
    }
    return 0;
  } catch (err) {
    if (err instanceof PlanError) throw new CliError(err.message);
    throw err;
  }
}

async function render(plan: Plan, format: string): Promise<string> {
  switch (format) {
    case 'json':
      return `${JSON.stringify(plan, null, 2)}\n`;
    case 'dot':
      return renderDot(plan);
    case 'mermaid':
      return renderMermaid(plan);
    case 'svg':
      return (await import('../../planner/render-svg.js')).renderSvg(plan);
    case 'html':
      return (await import('../../planner/render-svg.js')).renderHtml(plan);
    default:
      return renderText(plan);
  }
}

function save(plan: Plan | Plan[], path: string | undefined, cwd: string, planned: string[] = []): void {
  if (!path) return;
  const target = resolve(cwd, path);
  // Never clobber a Dockerfile (a typo or a tab completion away) or any file that is not a saved plan.
  const real = (p: string) => {
    try {
      return realpathSync(p);
    } catch {
      return p;
    }
  };
  if (planned.some((d) => real(d) === real(target))) throw new CliError(`--save ${path} would overwrite the Dockerfile being planned`);
  if (existsSync(target)) {
    let isSavedPlan = false;
    try {
      const old: unknown = JSON.parse(readFileSync(target, 'utf8'));
      const first = Array.isArray(old) ? old[0] : old;
      isSavedPlan = !!first && typeof first === 'object' && (first as Plan).version === 1;
    } catch {
      isSavedPlan = false;
    }
    if (!isSavedPlan) throw new CliError(`--save ${path}: the file exists and is not a saved plan; refusing to overwrite it`);
  }
  try {
    writeFileSync(resolve(cwd, path), `${JSON.stringify(plan, null, 2)}\n`);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new CliError(`${path}: cannot write the plan (${code === 'ENOENT' ? 'no such directory' : describeError(err)})`);
  }
}

async function multi(files: string[], args: Record<string, unknown>, io: Io, format: string): Promise<number> {
  const tags = new Map<string, string>();
  for (const t of (args.tag as string[] | undefined) ?? []) {
    const eq = t.indexOf('=');
    if (eq <= 0) throw new CliError(`--tag ${t}: expected NAME=Dockerfile`);
    tags.set(resolve(io.cwd, t.slice(eq + 1)), t.slice(0, eq));
  }
  const plans: TaggedPlan[] = [];
  for (const f of files) {
    const { plan, contextDir, dockerfile } = await planFromArgs({ ...(args as PlanArgs), file: f, context: args.context as string | undefined }, io);
    plans.push({ plan, tag: tags.get(dockerfile) ?? null, dockerfile: relative(io.cwd, dockerfile) || dockerfile, contextDir: relative(io.cwd, contextDir) || '.' });
  }
  for (const p of tags.keys()) {
    if (!plans.some((x) => resolve(io.cwd, x.dockerfile) === p)) throw new CliError(`--tag names ${relative(io.cwd, p)}, which is not among the Dockerfiles given`);
  }
  const links = linkPlans(plans);
  save(plans.map((p) => p.plan), args.save as string | undefined, io.cwd, plans.map((p) => resolve(io.cwd, p.dockerfile)));
  if (format === 'bake') {
    io.stdout(`${JSON.stringify(bakeFile(plans, links), null, 2)}\n`);
  } else if (format === 'json') {
    io.stdout(`${JSON.stringify({ plans: plans.map((p) => ({ ...p.plan, tag: p.tag })), links }, null, 2)}\n`);
  } else {
    const parts: string[] = [];
    for (const p of plans) parts.push(await render(p.plan, format));
    if (format === 'text') parts.push(renderLinks(plans, links));
    io.stdout(parts.join('\n'));
  }
  return 0;
}
