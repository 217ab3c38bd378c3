// DH014: package signature checks turned off — apk --allow-untrusted, apt-get
// --allow-unauthenticated/--force-yes, yum/dnf --nogpgcheck, rpm --nosignature… (Checkov
// CKV2_DOCKER_7–11).
import type { ShellCommand } from '../shell/types.js';
import { defineRule, type RuleContext } from './types.js';
import { mayTurnOffChecks } from './utils/insecure-settings.js';
import { UNSIGNED_OPTIONS } from './utils/package-commands.js';
import { commandName, forEachCommand, type RunSite } from './utils/runs.js';

const NAMES = [...UNSIGNED_OPTIONS.keys()];
/** `sh -c '…'` scripts are read too, as the shell runs them. */
const SCRIPTS = { view: 'launchers+scripts' } as const;

function unsignedFlag(cmd: ShellCommand): string | null {
  const flags = UNSIGNED_OPTIONS.get(commandName(cmd));
  if (!flags) return null;
  return cmd.flags.find((f) => flags.includes(f.name))?.name ?? null;
}

export default defineRule({
  code: 'DH014',
  name: 'signature-check-disabled',
  aliases: ['CKV2_DOCKER_7', 'CKV2_DOCKER_8', 'CKV2_DOCKER_9', 'CKV2_DOCKER_10', 'CKV2_DOCKER_11'],
  severity: 'warning',
  origin: 'dockhand',
  fixable: 'none',
  docs: {
    summary: 'Do not turn off package signature checks (apk --allow-untrusted, apt-get --allow-unauthenticated, --nogpgcheck...).',
    why:
      'Package managers check each package\'s signature against the distribution\'s keys, which is what stops a ' +
      'tampered mirror or a man in the middle from installing their own code. These flags install whatever arrives.',
    bad: 'FROM fedora:40\nRUN dnf install -y --nogpgcheck ./tool.rpm\n',
    good: 'FROM fedora:40\nCOPY vendor.gpg /etc/pki/rpm-gpg/\nRUN rpm --import /etc/pki/rpm-gpg/vendor.gpg && dnf install -y ./tool.rpm\n',
    fix: 'Import the repository\'s or vendor\'s signing key instead, and remove the flag.',
    notes:
      'Covers `apk --allow-untrusted`; `apt-get`/`apt` `--allow-unauthenticated`, `--force-yes` and ' +
      '`--allow-insecure-repositories`; `yum`/`dnf`/`microdnf`/`tdnf` `--nogpgcheck`; `rpm` `--nosignature`, ' +
      '`--nodigest`, `--noverify` and `--nofiledigest`; through `sudo` and other launchers too, and in a script handed to ' +
      'a shell (`sh -c "apk add --allow-untrusted …"`, shell or exec form).',
  },
  check(ctx) {
    // A finding needs one of these flags (almost no file has one) and one of these commands.
    if (mayTurnOffChecks(ctx.file)) forEachCommand(ctx, NAMES, reportUnsigned, SCRIPTS);
  },
});

function reportUnsigned(cmd: ShellCommand, _site: RunSite, ctx: RuleContext): void {
  const flag = unsignedFlag(cmd);
  if (flag) ctx.report({ range: cmd.range, message: `\`${commandName(cmd)} --${flag}\` installs packages without checking their signatures` });
}
