// hadolint DL3026: images pulled from a registry outside the configured `trustedRegistries`.
import type { SourceRange } from '../core/range.js';
import { defineRule } from './types.js';
import { mountsOf } from './utils/mounts.js';
import { parseImageRef } from './utils/images.js';
import { stageNamed } from '../semantic/stage-graph.js';

const MESSAGE = 'Use only an allowed registry in the FROM image';

export default defineRule({
  code: 'DL3026',
  name: 'no-untrusted-registry',
  aliases: [],
  severity: 'error',
  origin: 'hadolint',
  fixable: 'none',
  docs: {
    summary: 'Images must come from a registry listed in `trustedRegistries` (only checked when that list is set).',
    why:
      'Organisations that mirror or vet base images want every image to come from their own registries; an image ' +
      'pulled from anywhere else bypasses that review.',
    bad: 'FROM quay.io/prometheus/busybox:latest\n',
    good: 'FROM registry.example.com/base/busybox:1.36\n',
    fix: 'Pull the image through a trusted registry, or add the registry to `trustedRegistries`.',
    setup: {
      bad: { options: { trustedRegistries: ['registry.example.com'] } },
      good: { options: { trustedRegistries: ['registry.example.com'] } },
    },
    notes:
      'As in hadolint, FROM images, `COPY --from` images and `RUN --mount=type=cache|bind,from=` images are checked; ' +
      'earlier stage names and `scratch` are fine; an image without a registry is a Docker Hub image, trusted when ' +
      '`docker.io` or `hub.docker.com` is. Patterns: `*` (any), `*.example.com` (subdomains), `prefix*`. Deviations: ' +
      'references containing a variable are not judged, registry names compare case-insensitively, and stage ' +
      'indexes (`--from=0`) and names of later stages (which BuildKit resolves too) are not images, while ' +
      '`FROM <stage>:<tag>` is one (a stage reference takes no tag; hadolint takes it for the stage).',
  },
  check(ctx) {
    const trusted = ctx.options.trustedRegistries.map((t) => t.toLowerCase());
    if (trusted.length === 0) return;
    const checkRef = (ref: string, range: SourceRange, beforeStage: number) => {
      if (ref === '' || ref.includes('$') || ref.toLowerCase() === 'scratch') return;
      if (stageNamed(ctx.file, ref, beforeStage) !== null) return;
      if (!isTrusted(parseImageRef(ref).registry, trusted)) ctx.report({ range, message: MESSAGE });
    };
    // BuildKit resolves `--from` names against every stage of the file, later ones included.
    const allStages = ctx.file.stages.length;
    for (const ins of ctx.file.instructions) {
      if (ins.keyword === 'FROM') {
        const stage = ctx.file.stages[ins.stageIndex];
        if (stage) checkRef(stage.base, stage.baseRange, stage.index);
      } else if (ins.keyword === 'COPY') {
        const flag = ins.flags.find((f) => f.name === 'from');
        if (flag?.value && !/^\d+$/.test(flag.value)) checkRef(flag.value, flag.valueRange ?? flag.range, allStages);
      } else if (ins.keyword === 'RUN') {
        for (const m of mountsOf(ins)) {
          if ((m.type === 'cache' || m.type === 'bind') && m.from && !/^\d+$/.test(m.from)) checkRef(m.from, m.flag.range, allStages);
        }
      }
    }
  },
});

function isTrusted(registry: string | null, trusted: string[]): boolean {
  const names = registry === null ? ['docker.io', 'hub.docker.com'] : [registry.toLowerCase()];
  return trusted.some((pattern) => names.some((name) => matches(pattern, name)));
}

function matches(pattern: string, name: string): boolean {
  if (pattern === '*') return true;
  if (pattern.startsWith('*')) return name.endsWith(pattern.slice(1));
  if (pattern.endsWith('*')) return name.startsWith(pattern.slice(0, -1));
  return pattern === name;
}
