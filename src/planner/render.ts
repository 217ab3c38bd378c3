// Renders a Plan for people (text tree) and for graph tools (Graphviz dot, Mermaid).
import { formatBytes } from '../core/bytes.js';
import { visible } from '../core/visible.js';
import type { ContextSize, Plan, PlanStage } from './types.js';

/** Short label of a stage: its name, else its index. */
export function stageLabel(s: Pick<PlanStage, 'index' | 'name'>): string {
  return s.name ?? `stage ${s.index}`;
}

function baseLabel(plan: Plan, s: PlanStage): string {
  const b = s.base;
  if ('scratch' in b) return 'scratch';
  if ('stage' in b) return `stage ${stageLabel(plan.stages[b.stage]!)}`;
  return b.digest ? `${b.image} (pinned)` : b.floating ? `${b.image} (floating tag)` : b.image;
}

const short = (key: string) => key.replace(/^sha256:/, '').slice(0, 12);

/** A readable tree: stages in build order with their steps and short cache keys. */
export function renderText(plan: Plan): string {
  const lines: string[] = [];
  lines.push(`${plan.dockerfile}  (context ${plan.context}${plan.target ? `, target ${plan.target}` : ''}, platform ${plan.platform})`);
  const levels = plan.order.map((lvl, i) => `${i + 1}: ${lvl.map((n) => stageLabel(plan.stages[n]!)).join(', ')}`);
  lines.push(`build order (stages on one level build in parallel): ${levels.join('  |  ') || '(nothing)'}`);
  if (plan.criticalPath.length > 1) {
    lines.push(`critical path: ${plan.criticalPath.map((n) => stageLabel(plan.stages[n]!)).join(' → ')}`);
  }
  const cs = plan.contextSize;
  if (cs) {
    lines.push(`context: ${sizeLabel(cs)} sent after .dockerignore; the steps the target needs select ${sizeLabel({ files: cs.selectedFiles, bytes: cs.selectedBytes })}`);
  }
  for (const s of plan.stages) {
    lines.push('');
    const deps = s.dependsOn.length ? `; needs ${s.dependsOn.map((d) => stageLabel(plan.stages[d]!)).join(', ')}` : '';
    lines.push(`stage ${s.index}${s.name ? ` "${s.name}"` : ''} FROM ${baseLabel(plan, s)}${deps}${s.reachable ? '' : '  [skipped: not needed by the target]'}`);
    s.steps.forEach((st, i) => {
      const branch = i === s.steps.length - 1 ? '└─' : '├─';
      const size = st.contextSize ? ` (${sizeLabel(st.contextSize)})` : '';
      const inputs = st.inputs.length ? `  ← ${visible(summariseInputs(st.inputs))}${size}` : size ? `  ←${size}` : '';
      lines.push(`  ${branch} ${String(st.line).padStart(3)}  ${visible(truncate(st.text, 70))}  [${short(st.cacheKey)}]${inputs}`);
    });
    if (s.steps.length === 0) lines.push('  └─ (no cached steps: metadata only)');
  }
  if (plan.advice.length) {
    lines.push('', 'advice:');
    for (const a of plan.advice) lines.push(`  line ${a.line}: ${a.message} [${a.code}]`);
  }
  for (const w of plan.warnings) lines.push(`warning: ${visible(w)}`);
  return `${lines.join('\n')}\n`;
}

/** `3 files, 1.2 kB`. */
export function sizeLabel(s: ContextSize): string {
  return `${s.files} file${s.files === 1 ? '' : 's'}, ${formatBytes(s.bytes)}`;
}

function summariseInputs(inputs: string[]): string {
  if (inputs.length <= 3) return inputs.join(', ');
  return `${inputs.slice(0, 2).join(', ')} and ${inputs.length - 2} more`;
}

function truncate(s: string, n: number): string {
  return s.length > n ? `${s.slice(0, n - 1)}…` : s;
}

function dotEscape(s: string): string {
  return s.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}

/** Escapes text for a `shape=record` label, where `|{}<>` are field syntax. */
function recordEscape(s: string): string {
  return dotEscape(s).replace(/[|{}<>]/g, (c) => `\\${c}`);
}

/** Graphviz source: one box per stage (with its steps), image bases as ellipses, edges for every dependency. */
export function renderDot(plan: Plan): string {
  // Courier: Graphviz sizes boxes from its own font metrics, and monospace ones hold in any viewer.
  const out = ['digraph plan {', '  rankdir=LR;', '  node [fontname="Courier", fontsize=11];', '  edge [fontname="Courier", fontsize=10];'];
  const images = new Map<string, string>();
  const imageNode = (ref: string) => {
    if (!images.has(ref)) {
      const id = `img${images.size}`;
      images.set(ref, id);
      out.push(`  ${id} [shape=ellipse, style=filled, fillcolor="#eef3fb", label="${dotEscape(ref)}"];`);
    }
    return images.get(ref)!;
  };
  for (const s of plan.stages) {
    const steps = s.steps.map((st) => `${recordEscape(`${st.line}: ${truncate(st.text, 48)}`)}\\l`).join('');
    const label = `${recordEscape(stageLabel(s))}${steps ? `|${steps}` : ''}`;
    const style = s.reachable ? 'filled' : 'filled,dashed';
    const fill = s.reachable ? (plan.target && s.name === plan.target ? '#d7f0d7' : '#ffffff') : '#f2f2f2';
    out.push(`  s${s.index} [shape=record, style="${style}", fillcolor="${fill}", label="${label}"];`);
  }
  for (const s of plan.stages) {
    const b = s.base;
    if ('image' in b) out.push(`  ${imageNode(b.image)} -> s${s.index} [label="FROM"];`);
    else if ('stage' in b) out.push(`  s${b.stage} -> s${s.index} [label="FROM", penwidth=2];`);
    for (const st of s.steps) {
      for (const f of st.components.from ?? []) {
        const how = st.instruction === 'RUN' ? '--mount' : 'COPY --from';
        if (f.stage !== undefined && !('stage' in b && b.stage === f.stage)) out.push(`  s${f.stage} -> s${s.index} [label="${how}", style=dashed];`);
        else if (f.image) out.push(`  ${imageNode(f.image)} -> s${s.index} [label="${how}", style=dashed];`);
      }
    }
  }
  out.push('}');
  return `${[...new Set(out)].join('\n')}\n`;
}

function mermaidText(s: string): string {
  return s.replace(/"/g, '#quot;').replace(/[<>]/g, (c) => (c === '<' ? '#lt;' : '#gt;'));
}

/** Mermaid flowchart source (renders on GitHub and GitLab). */
export function renderMermaid(plan: Plan): string {
  const out = ['flowchart LR'];
  const images = new Map<string, string>();
  const imageNode = (ref: string) => {
    if (!images.has(ref)) {
      const id = `img${images.size}`;
      images.set(ref, id);
      out.push(`  ${id}(["${mermaidText(ref)}"])`);
    }
    return images.get(ref)!;
  };
  for (const s of plan.stages) {
    const steps = s.steps.length ? `<br/>${s.steps.length} cached step${s.steps.length === 1 ? '' : 's'}` : '';
    out.push(`  s${s.index}["${mermaidText(stageLabel(s))}${steps}"]`);
    if (!s.reachable) out.push(`  style s${s.index} stroke-dasharray: 5 5`);
  }
  const edges = new Set<string>();
  for (const s of plan.stages) {
    const b = s.base;
    if ('image' in b) edges.add(`  ${imageNode(b.image)} -->|FROM| s${s.index}`);
    else if ('stage' in b) edges.add(`  s${b.stage} ==>|FROM| s${s.index}`);
    for (const st of s.steps) {
      for (const f of st.components.from ?? []) {
        const how = st.instruction === 'RUN' ? 'mount' : 'COPY --from';
        if (f.stage !== undefined) edges.add(`  s${f.stage} -.->|${how}| s${s.index}`);
        else if (f.image) edges.add(`  ${imageNode(f.image)} -.->|${how}| s${s.index}`);
      }
    }
  }
  return `${[...out, ...edges].join('\n')}\n`;
}
