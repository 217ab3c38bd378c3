// BuildKit's ExposeProtoCasing: an EXPOSE port whose protocol (`80/TCP`) is not lower-case.
import { defineRule } from './types.js';
import { buildkitUrl } from './utils/docs-url.js';
import { onInstructionLine } from './utils/buildkit-location.js';
import { exposePorts, portSpecParts } from './utils/expose.js';

export default defineRule({
  code: 'ExposeProtoCasing',
  name: 'expose-proto-casing',
  aliases: [],
  severity: 'warning',
  origin: 'buildkit',
  fixable: 'safe',
  url: buildkitUrl('ExposeProtoCasing'),
  docs: {
    summary: 'The protocol in EXPOSE should be lower-case (`80/tcp`, not `80/TCP`).',
    why: 'The image config stores protocols lower-cased; writing them otherwise is inconsistent with every other tool.',
    bad: 'FROM alpine\nEXPOSE 80/TCP 53/Udp\n',
    good: 'FROM alpine\nEXPOSE 80/tcp 53/udp\n',
    fix: 'Lower-case the protocol.',
    fixSafety: 'Safe: BuildKit lower-cases the protocol itself, so the image is identical.',
  },
  check(ctx) {
    for (const port of exposePorts(ctx.file)) {
      const { proto, valid } = portSpecParts(port.spec);
      // An unknown protocol or a missing port fails the build before BuildKit checks the casing.
      if (!valid || proto === proto.toLowerCase()) continue;
      const protoStart = port.range.start + port.spec.length - proto.length;
      const fix = port.literal
        ? {
            title: 'Lower-case the protocol',
            safety: 'safe' as const,
            edits: [{ range: ctx.file.lineIndex.range(protoStart, port.range.end), text: proto.toLowerCase() }],
          }
        : undefined;
      ctx.report({
        range: onInstructionLine(ctx.file, port.ins, port.range),
        message: `Defined protocol '${port.spec}' in EXPOSE instruction should be lowercase`,
        fix,
      });
    }
  },
});
