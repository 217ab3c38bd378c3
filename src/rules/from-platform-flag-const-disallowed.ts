// BuildKit's FromPlatformFlagConstDisallowed: FROM --platform with a constant value (e.g. linux/amd64).
import { defineRule } from './types.js';
import { onInstructionLine } from './utils/buildkit-location.js';
import { buildkitUrl } from './utils/docs-url.js';
import { expandedPlatform, parsePlatform, platformFlag } from './utils/from-line.js';

export default defineRule({
  code: 'FromPlatformFlagConstDisallowed',
  name: 'from-platform-flag-const-disallowed',
  aliases: [],
  severity: 'warning',
  origin: 'buildkit',
  fixable: 'none',
  url: buildkitUrl('FromPlatformFlagConstDisallowed'),
  docs: {
    summary: 'FROM --platform should not be a constant value.',
    why:
      'A hard-coded platform forces that platform for every build, so `--platform` on the command line and ' +
      'multi-platform builds silently get the wrong architecture (often emulated).',
    bad: 'FROM --platform=linux/amd64 alpine\nRUN uname -m\n',
    good: 'FROM --platform=$BUILDPLATFORM alpine\nRUN uname -m\n',
    fix:
      'Use `$BUILDPLATFORM` (tools that run on the build host) or drop the flag. If the stage really is ' +
      'platform-specific, name it after the platform (`AS build-amd64`), which this check accepts.',
  },
  check(ctx) {
    for (const stage of ctx.file.stages) {
      // Most FROMs have no --platform: the expansion (from the semantic model) only for those that do.
      const flag = platformFlag(stage);
      if (!flag) continue;
      const r = expandedPlatform(ctx.file, stage);
      if (!r || r.matched.length > 0 || r.unmatched.length > 0) continue;
      const p = parsePlatform(r.result);
      if (!p) continue;
      const name = stage.name ?? '';
      if (name.includes(p.os) || name.includes(p.arch)) continue;
      ctx.report({
        range: onInstructionLine(ctx.file, stage.from, flag.range),
        message: `FROM --platform flag should not use constant value ${JSON.stringify(r.result)}`,
      });
    }
  },
});
