// DL3036: `zypper install` without a later `zypper clean` in the same RUN.
import { defineRule } from './types.js';
import { checkCacheCleaned } from './utils/package-commands.js';
import { PACKAGE_MANAGERS } from './utils/package-managers.js';

export default defineRule({
  code: 'DL3036',
  name: 'zypper-cache-not-cleaned',
  aliases: ['DS020'],
  severity: 'warning',
  origin: 'hadolint',
  fixable: 'unsafe',
  docs: {
    summary: '`zypper install` without a later `zypper clean` in the same RUN.',
    why: 'zypper keeps repository metadata and packages in /var/cache/zypp. Unless they are removed in the same RUN, they are committed to the layer and bloat the image.',
    bad: 'FROM opensuse/leap:15.6\nRUN zypper install -y httpd=2.4.58',
    good: 'FROM opensuse/leap:15.6\nRUN zypper install -y httpd=2.4.58 && zypper clean',
    fix: 'End the RUN with `zypper clean` (or `zypper cc`), or mount the cache: `RUN --mount=type=cache,target=/var/cache/zypp zypper install ...`.',
    fixSafety: 'Unsafe: it changes what the image contains (the cache is gone from the layer, which is the point), and a later step of the same RUN that expected the cache would have to download again. The cleanup is appended to the end of the RUN; RUNs in exec form or with heredocs get no fix.',
    notes: 'Like hadolint: the clean must come after the install, a cache/tmpfs mount on /var/cache/zypp counts, ONBUILD RUN is checked. Unlike hadolint, the clean must follow the last install.',
  },
  check(ctx) {
    checkCacheCleaned(ctx, PACKAGE_MANAGERS.zypper, { message: () => '`zypper clean` missing after zypper use.' });
  },
});
