// DL3032: `yum install` without a later `yum clean all` in the same RUN.
import { defineRule } from './types.js';
import { checkCacheCleaned } from './utils/package-commands.js';
import { PACKAGE_MANAGERS } from './utils/package-managers.js';

export default defineRule({
  code: 'DL3032',
  name: 'yum-cache-not-cleaned',
  aliases: ['DS015'],
  severity: 'warning',
  origin: 'hadolint',
  fixable: 'unsafe',
  docs: {
    summary: '`yum install` without a later `yum clean all` in the same RUN.',
    why: 'yum keeps repository metadata and packages in /var/cache/yum. Unless they are removed in the same RUN, they are committed to the layer and bloat the image.',
    bad: 'FROM centos:7\nRUN yum install -y httpd-2.4.6',
    good: 'FROM centos:7\nRUN yum install -y httpd-2.4.6 && yum clean all',
    fix: 'End the RUN with `yum clean all` (or `rm -rf /var/cache/yum/*`), or mount the cache: `RUN --mount=type=cache,target=/var/cache/yum yum install ...`.',
    fixSafety: 'Unsafe: it changes what the image contains (the cache is gone from the layer, which is the point), and a later step of the same RUN that expected the cache would have to download again. The cleanup is appended to the end of the RUN; RUNs in exec form or with heredocs get no fix.',
    notes: 'Like hadolint: the clean must come after the install; `rm -rf /var/cache/yum/*` counts; ONBUILD RUN is checked. Unlike hadolint: `clean` must be followed by `all` (hadolint accepts a yum command containing either word), a cache/tmpfs mount on /var/cache/yum counts, and the clean must follow the last install.',
  },
  check(ctx) {
    checkCacheCleaned(ctx, PACKAGE_MANAGERS.yum, { message: () => '`yum clean all` missing after yum command.' });
  },
});
