// DH011: the image never sets USER, so it runs as its base image's user, root for most (Trivy
// DS002's first half, Checkov CKV_DOCKER_3). Off by default, like hadolint's DL3057.
import { defineRule } from './types.js';
import { stageChain } from '../semantic/stage-graph.js';

export default defineRule({
  code: 'DH011',
  name: 'no-user',
  aliases: ['DS002', 'CKV_DOCKER_3'],
  severity: 'info',
  origin: 'dockhand',
  fixable: 'none',
  disabledByDefault: true,
  docs: {
    summary: 'The image should set a USER, so that it does not run as root by default.',
    why:
      'Without USER, a container runs as the base image\'s user, which for most images is root. A process ' +
      'that is compromised, or a volume mounted by mistake, then has root\'s rights inside the container.',
    bad: 'FROM node:22-slim\nCOPY . /app\nCMD ["node", "/app/server.js"]\n',
    good: 'FROM node:22-slim\nCOPY . /app\nUSER node\nCMD ["node", "/app/server.js"]\n',
    fix: 'Add `USER <name>` (create the user first if the base image has none) before the final CMD/ENTRYPOINT.',
    notes:
      'Off by default (many base images already switch to an unprivileged user, which a Dockerfile cannot see); ' +
      'enable it in the config (`severity: { DH011: info }`, or `override` in a .hadolint.yaml). It looks at the ' +
      'stage that becomes the image and the stages it builds FROM, where Trivy and Checkov accept a USER anywhere ' +
      'in the file, even in a build stage the image does not inherit. `USER root` at the end is DL3002.',
  },
  check(ctx) {
    const stages = ctx.file.stages;
    const last = stages[stages.length - 1];
    if (!last) return;
    // The final stage and the stages it is built FROM (a USER there is inherited).
    if (stageChain(ctx.file, last).some((s) => s.instructions.some((i) => i.keyword === 'USER'))) return;
    ctx.report({
      range: last.from.keywordRange,
      message: 'The image never sets USER, so it runs as the base image\'s user (root for most images); add `USER <name>`',
    });
  },
});
