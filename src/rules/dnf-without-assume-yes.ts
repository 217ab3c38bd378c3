// DL3038: `dnf install` / `microdnf install` without `-y`.
import { defineRule } from './types.js';
import { checkAssumeYes } from './utils/package-commands.js';
import { PACKAGE_MANAGERS } from './utils/package-managers.js';

export default defineRule({
  code: 'DL3038',
  name: 'dnf-without-assume-yes',
  aliases: [],
  severity: 'warning',
  origin: 'hadolint',
  fixable: 'safe',
  docs: {
    summary: '`dnf install` (or `microdnf install`) without `-y` / `--assumeyes`.',
    why: 'A build has no one to answer dnf\'s confirmation prompt: dnf aborts the transaction and the build fails.',
    bad: 'FROM fedora:40\nRUN dnf install httpd-2.4.58 && dnf clean all',
    good: 'FROM fedora:40\nRUN dnf install -y httpd-2.4.58 && dnf clean all',
    fix: 'Add `-y`.',
    fixSafety: 'Safe: `-y` only answers the confirmation prompt, which a build cannot answer otherwise; when nothing needs confirming, it changes nothing.',
    notes: 'Like hadolint: `install`, `groupinstall` and `localinstall` of dnf and microdnf are checked, ONBUILD RUN too. Command names are compared exactly. The finding points at `dnf install`; unlike hadolint, launchers (`sudo dnf`) are seen through.',
  },
  check(ctx) {
    checkAssumeYes(ctx, PACKAGE_MANAGERS.dnf, 'Use the -y switch to avoid manual input `dnf install -y <package>`');
  },
});
