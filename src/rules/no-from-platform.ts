// hadolint DL3029: FROM --platform with a fixed platform.
import { defineRule } from './types.js';

export default defineRule({
  code: 'DL3029',
  name: 'no-from-platform',
  aliases: [],
  severity: 'warning',
  origin: 'hadolint',
  fixable: 'none',
  docs: {
    summary: 'FROM should not force a platform with `--platform`, except `$BUILDPLATFORM` / `$TARGETPLATFORM`.',
    why:
      'A hard-coded `--platform=linux/amd64` makes the build ignore the platform it is asked for: multi-platform ' +
      'builds produce the same architecture under every label, and ARM hosts build slowly under emulation.',
    bad: 'FROM --platform=linux/amd64 debian:12\n',
    good: 'FROM --platform=$BUILDPLATFORM golang:1.23 AS build\n',
    fix: 'Drop `--platform` and pass `--platform` to `docker build` instead, or use `$BUILDPLATFORM` for build stages.',
    notes:
      'As in hadolint, values mentioning BUILDPLATFORM or TARGETPLATFORM are accepted. An empty `--platform=` forces ' +
      'nothing (BuildKit builds for the requested platform) and is not reported; hadolint\'s parser refuses that line (DL1000).',
  },
  check(ctx) {
    for (const stage of ctx.file.stages) {
      const flag = stage.from.flags.find((f) => f.name === 'platform');
      if (!flag || flag.value === null || flag.value === '') continue;
      if (flag.value.includes('BUILDPLATFORM') || flag.value.includes('TARGETPLATFORM')) continue;
      ctx.report({ range: flag.range, message: 'Do not use --platform flag with FROM' });
    }
  },
});
