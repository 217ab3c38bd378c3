// hadolint DL3006: FROM an image without a tag or digest.
import { defineRule } from './types.js';
import { parseImageRef } from './utils/images.js';
import { stageNamed } from '../semantic/stage-graph.js';

export default defineRule({
  code: 'DL3006',
  name: 'require-image-tag',
  aliases: ['DS001', 'CKV_DOCKER_7'],
  severity: 'warning',
  origin: 'hadolint',
  fixable: 'none',
  docs: {
    summary: 'FROM should name an image tag (or digest) explicitly.',
    why:
      'Without a tag Docker uses `latest`, which moves whenever the publisher pushes: the same Dockerfile builds on a ' +
      'different base from one day to the next, and nobody can tell which one an image was built from.',
    bad: 'FROM debian\n',
    good: 'FROM debian:12.7\n',
    fix: 'Add `:<tag>` for the release you test against, or `@sha256:<digest>` to pin the exact image.',
    notes:
      'As in hadolint, `scratch`, references to earlier stages and images with a digest are exempt. Deviation: any ' +
      'reference containing a variable is exempt (hadolint only exempts those starting with `$`), since the tag may ' +
      'come from the variable; stage names and `scratch` match case-insensitively, as BuildKit does; a registry port ' +
      'is no tag (`localhost:5000/img` is reported; hadolint reads `5000/img` as its tag).',
  },
  check(ctx) {
    for (const stage of ctx.file.stages) {
      const base = stage.base;
      if (base === '' || base.toLowerCase() === 'scratch' || base.includes('$')) continue;
      if (stageNamed(ctx.file, base, stage.index) !== null) continue;
      const ref = parseImageRef(base);
      if (ref.tag !== null || ref.digest !== null) continue;
      ctx.report({ range: stage.baseRange, message: 'Always tag the version of an image explicitly' });
    }
  },
});
