// DH016: a FROM whose tag comes from ARGs, and whose ARG defaults give `latest` or no tag at all
// (Trivy DS001 and Checkov CKV_DOCKER_7 read FROM this way; hadolint's DL3006/DL3007 do not judge
// references with variables). The default build is what `docker build` does without --build-arg,
// the same view as BuildKit's InvalidDefaultArgInFrom.
import { defineRule } from './types.js';
import { isValidImageReference } from '../semantic/reference.js';
import { stageNamed } from '../semantic/stage-graph.js';
import { literalTagOf, parseImageRef } from './utils/images.js';
import { fromLineOf } from './utils/model.js';

export default defineRule({
  code: 'DH016',
  name: 'latest-base-in-default-build',
  aliases: ['DS001', 'CKV_DOCKER_7'],
  severity: 'warning',
  origin: 'dockhand',
  fixable: 'none',
  docs: {
    summary: 'A FROM built from ARGs should not resolve to `latest` (or to no tag) with the ARG defaults.',
    why:
      'A plain `docker build` uses the defaults of the ARGs before the first FROM. When they make the base ' +
      '`node:latest` or plain `node`, every build without `--build-arg` pulls whatever was pushed last: the image ' +
      'changes under an unchanged Dockerfile and a major release can break it. hadolint does not look through ' +
      'the variables; Trivy and Checkov do.',
    bad: 'ARG NODE_TAG=latest\nFROM node:${NODE_TAG}\n',
    good: 'ARG NODE_TAG=22.11-bookworm\nFROM node:${NODE_TAG}\n',
    fix:
      'Give the ARG a pinned default (a release tag, or a digest) and override it with `--build-arg` when you ' +
      'want another; for `${REGISTRY}/image`, write the tag after the variable part (`${REGISTRY}/image:1.2`).',
    notes:
      'Only FROM lines with variables are judged: a literal reference is DL3006\'s (no tag) or DL3007\'s ' +
      '(`latest`), and so is a tag or digest written after a variable (`$REPO/app:latest`), so no line is ' +
      'reported twice. The reference is expanded as BuildKit does without build arguments: the defaults of the ' +
      'ARGs declared before the first FROM, and the automatic platform ARGs (`alpine:${TARGETARCH}` is ' +
      '`alpine:amd64`). `scratch`, an earlier stage\'s name and a digest are fine. A default that gives an empty ' +
      'or invalid name is InvalidDefaultArgInFrom\'s. When the last path component has no variable and no tag ' +
      '(`${REGISTRY}/ubuntu`), every build uses `latest` whatever the arguments, so that is reported too. ' +
      'Differences from Trivy DS001: Trivy also reads ARGs declared after the first FROM (and a stage\'s own ARG) ' +
      'into a FROM, which BuildKit never does. Checkov CKV_DOCKER_7 reports every `FROM $IMAGE`; dockhand judges ' +
      'it by the default of IMAGE.',
  },
  check(ctx) {
    const file = ctx.file;
    for (const stage of file.stages) {
      const raw = stage.base;
      if (!raw.includes('$')) continue; // the literal reference is DL3006's and DL3007's
      const literal = literalTagOf(raw);
      if (literal === 'pinned') continue;
      if (literal === 'untagged') {
        ctx.report({
          range: stage.baseRange,
          message: `\`${raw}\` names no tag, so every build uses \`latest\` whatever the build arguments; add \`:<version>\` after the last variable`,
        });
        continue;
      }
      const info = fromLineOf(file, stage);
      const resolved = info.baseWithDefaults;
      if (resolved === null || !isValidImageReference(resolved)) continue; // InvalidDefaultArgInFrom's
      if (resolved.toLowerCase() === 'scratch' || stageNamed(file, resolved, stage.index) !== null) continue;
      const ref = parseImageRef(resolved);
      if (ref.digest !== null || (ref.tag !== null && ref.tag !== 'latest')) continue;
      const names = [...new Set([...info.baseExpansion.matched, ...info.baseExpansion.unmatched])].join(', ') || 'the ARGs';
      const what = ref.tag === null ? ': no tag, so a build without --build-arg uses `latest`' : ', so a build without --build-arg uses the `latest` tag';
      ctx.report({
        range: stage.baseRange,
        message: `\`${raw}\` is \`${resolved}\` with the ARG defaults${what}; give ${names} a pinned default`,
      });
    }
  },
});
