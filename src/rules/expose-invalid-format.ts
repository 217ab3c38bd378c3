// BuildKit's ExposeInvalidFormat: EXPOSE with an IP address or a host-port mapping (`8080:80`).
import { defineRule } from './types.js';
import { buildkitUrl } from './utils/docs-url.js';
import { onInstructionLine } from './utils/buildkit-location.js';
import { exposePorts, portSpecParts } from './utils/expose.js';

export default defineRule({
  code: 'ExposeInvalidFormat',
  name: 'expose-invalid-format',
  aliases: [],
  severity: 'warning',
  origin: 'buildkit',
  fixable: 'none',
  url: buildkitUrl('ExposeInvalidFormat'),
  docs: {
    summary: 'EXPOSE should list container ports only, without an IP address or host-port mapping.',
    why:
      'EXPOSE documents which ports the container listens on; host ports and addresses are chosen at run time ' +
      '(`docker run -p`). BuildKit ignores them today and will reject them in a future release.',
    bad: 'FROM alpine\nEXPOSE 8080:80\n',
    good: 'FROM alpine\nEXPOSE 80\n',
    fix: 'Keep only the container port (the part after the last `:`) and publish host ports with `docker run -p`.',
  },
  check(ctx) {
    for (const port of exposePorts(ctx.file)) {
      if (!port.spec.includes(':')) continue;
      const { ip, hostPort, valid } = portSpecParts(port.spec);
      // An empty host part (`:80`) maps nothing; an invalid container part fails the build first.
      if (!valid || (ip === '' && hostPort === '')) continue;
      ctx.report({
        range: onInstructionLine(ctx.file, port.ins, port.range),
        message: `EXPOSE instruction should not define an IP address or host-port mapping, found '${port.spec}'`,
      });
    }
  },
});
