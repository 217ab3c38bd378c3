// DL3030: `yum install` without `-y`, which waits for a confirmation that never comes.
import { defineRule } from './types.js';
import { checkAssumeYes } from './utils/package-commands.js';
import { PACKAGE_MANAGERS } from './utils/package-managers.js';

export default defineRule({
  code: 'DL3030',
  name: 'yum-without-assume-yes',
  aliases: [],
  severity: 'warning',
  origin: 'hadolint',
  fixable: 'safe',
  docs: {
    summary: '`yum install` without `-y` / `--assumeyes`.',
    why: 'A build has no one to answer yum\'s "Is this ok [y/N]" prompt: yum reads end-of-input, aborts, and the build fails.',
    bad: 'FROM centos:7\nRUN yum install httpd-2.4.6 && yum clean all',
    good: 'FROM centos:7\nRUN yum install -y httpd-2.4.6 && yum clean all',
    fix: 'Add `-y`.',
    fixSafety: 'Safe: `-y` only answers the confirmation prompt, which a build cannot answer otherwise; when nothing needs confirming, it changes nothing.',
    notes: 'Like hadolint: `install`, `groupinstall` and `localinstall` are checked, ONBUILD RUN too. Command names are compared exactly (`/usr/bin/yum` is not checked). The finding points at `yum install`; unlike hadolint, launchers (`sudo yum`) are seen through. The message is hadolint\'s word for word, its unclosed `<package` included, so that output matched against hadolint\'s keeps matching.',
  },
  check(ctx) {
    checkAssumeYes(ctx, PACKAGE_MANAGERS.yum, 'Use the -y switch to avoid manual input `yum install -y <package`');
  },
});
