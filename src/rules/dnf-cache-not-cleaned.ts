// DL3040: a dnf/microdnf install or upgrade whose package cache is not cleaned in the same RUN.
import { defineRule } from './types.js';
import { checkCacheCleaned } from './utils/package-commands.js';
import { PACKAGE_MANAGERS } from './utils/package-managers.js';

export default defineRule({
  code: 'DL3040',
  name: 'dnf-cache-not-cleaned',
  aliases: ['DS019', 'DS027'],
  severity: 'warning',
  origin: 'hadolint',
  fixable: 'unsafe',
  docs: {
    summary: '`dnf install` (or upgrade/reinstall) without a later `dnf clean all` in the same RUN.',
    why: 'dnf keeps repository metadata and downloaded packages in /var/cache. Unless they are removed in the same RUN, they are committed to the layer and bloat the image.',
    bad: 'FROM fedora:40\nRUN dnf install -y httpd-2.4.58',
    good: 'FROM fedora:40\nRUN dnf install -y httpd-2.4.58 && dnf clean all',
    fix: 'End the RUN with `dnf clean all` (or `microdnf clean all`), or mount the cache: `RUN --mount=type=cache,target=/var/cache/libdnf5 dnf install ...`.',
    fixSafety: 'Unsafe: it changes what the image contains (the cache is gone from the layer, which is the point), and a later step of the same RUN that expected the cache would have to download again. The cleanup is appended to the end of the RUN; RUNs in exec form or with heredocs get no fix.',
    notes: 'Like hadolint, also checks ONBUILD RUN, accepts `rm -rf /var/cache/yum/*` and a cache/tmpfs mount on `/var/cache/libdnf5`. Unlike hadolint: the clean must come after the last install (hadolint compares the first install with the first clean), `clean` must be followed by `all` (hadolint accepts any command containing the word `clean` or `all`), the `rm` must remove the cache directory (hadolint accepts any `rm -rf`), dnf4\'s `/var/cache/dnf` counts as a cache directory too, `dnf update` (an alias of `upgrade`) is checked, and the message names the tool that installed (`microdnf clean all`; hadolint always says dnf).',
  },
  check(ctx) {
    checkCacheCleaned(ctx, PACKAGE_MANAGERS.dnf, { message: (tool) => `\`${tool} clean all\` missing after ${tool} command.` });
  },
});
