// Several Dockerfiles at once: links where one Dockerfile's image is another's base or --from source,
// and a `docker buildx bake` file in which those links are named contexts (`target:<name>`).
import type { Plan } from './types.js';

/** A plan with the image name it builds (from --tag) and where it lives. */
export interface TaggedPlan {
  plan: Plan;
  tag: string | null;
  dockerfile: string;
  contextDir: string;
}

/** `consumer` uses the image built by `producer` (at `stage`, via FROM or COPY --from / mount). */
export interface PlanLink {
  producer: number;
  consumer: number;
  ref: string;
  stage: number;
  via: 'FROM' | 'COPY --from' | 'RUN --mount';
}

/** Normalises an image reference for matching: default tag `latest`, default registry dropped. */
export function normaliseRef(ref: string): string {
  let r = ref.replace(/^docker\.io\/(library\/)?/, '');
  const lastSlash = r.lastIndexOf('/');
  if (!r.includes('@') && !r.slice(lastSlash + 1).includes(':')) r += ':latest';
  return r;
}

/** Finds every use of a tagged plan's image by another plan. */
export function linkPlans(plans: readonly TaggedPlan[]): PlanLink[] {
  const byTag = new Map<string, number>();
  plans.forEach((p, i) => {
    if (p.tag) byTag.set(normaliseRef(p.tag), i);
  });
  const links: PlanLink[] = [];
  plans.forEach((p, consumer) => {
    for (const s of p.plan.stages) {
      if (!s.reachable) continue;
      if ('image' in s.base) {
        const producer = byTag.get(normaliseRef(s.base.image));
        if (producer !== undefined && producer !== consumer) links.push({ producer, consumer, ref: s.base.image, stage: s.index, via: 'FROM' });
      }
      for (const st of s.steps) {
        for (const f of st.components.from ?? []) {
          if (!f.image) continue;
          const producer = byTag.get(normaliseRef(f.image));
          if (producer !== undefined && producer !== consumer) {
            links.push({ producer, consumer, ref: f.image, stage: s.index, via: st.instruction === 'RUN' ? 'RUN --mount' : 'COPY --from' });
          }
        }
      }
    }
  });
  return links;
}

/** Build order of the Dockerfiles (levels that can build in parallel); throws on a cycle. */
export function fileOrder(count: number, links: readonly PlanLink[]): number[][] {
  const level = new Array<number>(count).fill(-1);
  const visiting = new Set<number>();
  const depth = (i: number): number => {
    if (level[i]! >= 0) return level[i]!;
    if (visiting.has(i)) throw new Error('the Dockerfiles depend on each other in a cycle');
    visiting.add(i);
    const deps = links.filter((l) => l.consumer === i).map((l) => depth(l.producer));
    visiting.delete(i);
    level[i] = deps.length ? Math.max(...deps) + 1 : 0;
    return level[i]!;
  };
  const out: number[][] = [];
  for (let i = 0; i < count; i++) (out[depth(i)] ??= []).push(i);
  return out.filter(Boolean);
}

function targetNames(plans: readonly TaggedPlan[]): string[] {
  const used = new Set<string>();
  return plans.map((p) => {
    const stem = (p.tag ?? p.dockerfile)
      .replace(/[:@].*$/, '')
      .replace(/\/?(Dockerfile|Containerfile)$/i, '')
      .replace(/[^A-Za-z0-9_-]+/g, '-')
      .replace(/^-+|-+$/g, '') || 'image';
    let name = stem;
    for (let n = 2; used.has(name); n++) name = `${stem}-${n}`;
    used.add(name);
    return name;
  });
}

/** A bake definition (JSON) that builds every Dockerfile, linked through named contexts. */
export function bakeFile(plans: readonly TaggedPlan[], links: readonly PlanLink[]): Record<string, unknown> {
  fileOrder(plans.length, links); // rejects cycles before BuildKit would
  const names = targetNames(plans);
  const target: Record<string, Record<string, unknown>> = {};
  plans.forEach((p, i) => {
    const contexts: Record<string, string> = {};
    for (const l of links.filter((x) => x.consumer === i)) contexts[l.ref] = `target:${names[l.producer]}`;
    const t: Record<string, unknown> = {
      context: p.contextDir,
      dockerfile: relativeTo(p.contextDir, p.dockerfile),
    };
    if (p.tag) t.tags = [p.tag];
    // Only a target other than the last stage needs naming (BuildKit builds the last by default).
    const last = p.plan.stages[p.plan.stages.length - 1];
    if (p.plan.target && (!last || p.plan.target !== last.name)) t.target = p.plan.target;
    if (Object.keys(p.plan.buildArgs).length) t.args = p.plan.buildArgs;
    t.platforms = [p.plan.platform];
    if (Object.keys(contexts).length) t.contexts = contexts;
    target[names[i]!] = t;
  });
  return { group: { default: { targets: names } }, target };
}

function relativeTo(dir: string, file: string): string {
  const d = dir === '.' ? '' : `${dir.replace(/\/$/, '')}/`;
  return d && file.startsWith(d) ? file.slice(d.length) : file;
}

/** Text summary of the links and the file-level build order. */
export function renderLinks(plans: readonly TaggedPlan[], links: readonly PlanLink[]): string {
  const lines = ['links between Dockerfiles:'];
  if (links.length === 0) lines.push('  (none: give --tag NAME=Dockerfile for images one Dockerfile builds and another uses)');
  for (const l of links) lines.push(`  ${plans[l.consumer]!.dockerfile} stage ${l.stage} ${l.via} ${l.ref}  ← built by ${plans[l.producer]!.dockerfile}`);
  const order = fileOrder(plans.length, links);
  lines.push(`build order: ${order.map((lvl) => lvl.map((i) => plans[i]!.dockerfile).join(', ')).join('  →  ')}`);
  return `${lines.join('\n')}\n`;
}
