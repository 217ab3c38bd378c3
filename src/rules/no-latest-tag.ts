// hadolint DL3007: FROM an image with the `latest` tag.
import { defineRule } from './types.js';
import { parseImageRef } from './utils/images.js';

export default defineRule({
  code: 'DL3007',
  name: 'no-latest-tag',
  aliases: ['DS001', 'CKV_DOCKER_7'],
  severity: 'warning',
  origin: 'hadolint',
  fixable: 'none',
  docs: {
    summary: 'FROM should not use the `latest` tag.',
    why:
      '`latest` is just the tag most recently pushed: the base image changes under an unchanged Dockerfile, builds ' +
      'stop being reproducible and an upstream major release can break the image.',
    bad: 'FROM node:latest\n',
    good: 'FROM node:22.11-bookworm\n',
    fix: 'Replace `latest` with the release tag you build against (or pin a digest).',
    notes: 'As in hadolint, `name:latest@sha256:...` is accepted: the digest pins the image.',
  },
  check(ctx) {
    for (const stage of ctx.file.stages) {
      const ref = parseImageRef(stage.base);
      if (ref.tag !== 'latest' || ref.digest !== null) continue;
      const r = stage.baseRange;
      const exact = ctx.file.text.slice(r.start, r.end) === stage.base;
      const range = exact ? ctx.file.lineIndex.range(r.start + ref.tagOffset - 1, r.start + ref.tagOffset + 6) : r;
      ctx.report({
        range,
        message: 'Using latest is prone to errors if the image will ever update. Pin the version explicitly to a release tag',
      });
    }
  },
});
