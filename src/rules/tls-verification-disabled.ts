// DH013: TLS certificate checks turned off — curl -k, wget --no-check-certificate, pip
// --trusted-host, npm/yarn strict-ssl false, git sslVerify false, yum/dnf sslverify=0, and the
// environment variables that do the same (Checkov CKV2_DOCKER_2–6 and 12–16, 18).
import type { ShellCommand } from '../shell/types.js';
import { defineRule } from './types.js';
import { commandName, commandsOf, mayRunAny, runSites, siteCommandNames } from './utils/runs.js';
import { stripQuotes } from './utils/quotes.js';
import { insecureAssignment, insecureVariable, mayTurnOffChecks } from './utils/insecure-settings.js';
import { instructionsWithTriggers } from './utils/instructions.js';
import { parseOptions } from './utils/command-args.js';
import { isPipOrPython, pipArguments } from './utils/package-commands.js';
import { PACKAGE_MANAGERS } from './utils/package-managers.js';

const FALSE = /^["']?(0|false|no|off)["']?$/i;
/** The commands read: `sh -c '…'` scripts too, as the shell runs them. */
const SCRIPTS = 'launchers+scripts';
/** What a command turns off, or null. */
function insecureCommand(cmd: ShellCommand): string | null {
  const name = commandName(cmd);
  const flag = (...names: string[]) => cmd.flags.some((f) => names.includes(f.name));
  if (isPipOrPython(name)) {
    // `pip3.12 install`, `python3 -m pip install`: pip's own options, wherever they come.
    const args = pipArguments(cmd);
    if (!args || !parseOptions(args, PACKAGE_MANAGERS.pip.valueOptions).options.some((o) => o.name === 'trusted-host')) return null;
    return '`pip --trusted-host` downloads from that host without certificate checks';
  }
  switch (name) {
    case 'curl':
      return flag('k', 'insecure') ? '`curl -k`/`--insecure` skips the server\'s certificate check' : null;
    case 'wget':
      return flag('no-check-certificate') ? '`wget --no-check-certificate` skips the server\'s certificate check' : null;
    case 'npm':
    case 'yarn':
    case 'pnpm': {
      if (cmd.flags.some((f) => f.name === 'strict-ssl' && f.value !== null && FALSE.test(f.value))) return `\`${name} --strict-ssl=false\` skips certificate checks`;
      // `npm config set strict-ssl false`, `npm set strict-ssl=false`, `yarn config set strict-ssl false`.
      const words = cmd.argsNoFlags.map((w) => w.value);
      const at = words.indexOf('set');
      if (at < 0 || (at > 0 && !['config', 'c'].includes(words[at - 1]!))) return null;
      const [key, value] = (words[at + 1] ?? '').split('=');
      if (stripQuotes(key ?? '') !== 'strict-ssl') return null;
      return FALSE.test(value ?? words[at + 2] ?? '') ? `\`${name} config set strict-ssl false\` turns off certificate checks` : null;
    }
    case 'git': {
      // `git -c http.sslVerify=false clone …`, `git config [--global] http.sslVerify false`.
      for (let i = 0; i < cmd.args.length; i++) {
        const w = cmd.args[i]!.value;
        const pair = cmd.args[i - 1]?.value === '-c' ? w : '';
        if (/^http\.(?:[^=]*\.)?sslverify=/i.test(pair) && FALSE.test(pair.slice(pair.indexOf('=') + 1))) return '`git -c http.sslVerify=false` turns off certificate checks';
        if (/^http\.(?:.*\.)?sslverify$/i.test(w) && cmd.args.some((a) => a.value === 'config') && FALSE.test(cmd.args[i + 1]?.value ?? '')) {
          return '`git config http.sslVerify false` turns off certificate checks';
        }
      }
      return null;
    }
    case 'yum-config-manager':
    case 'dnf-config-manager':
    case 'yum':
    case 'dnf': {
      // `yum config-manager` is dnf's plugin where yum is dnf (RHEL 8 and later).
      if ((name === 'dnf' || name === 'yum') && !cmd.argsNoFlags.some((w) => w.value === 'config-manager')) return null;
      const off = cmd.flags.some((f) => f.name === 'setopt' && f.value !== null && /(?:^|\.)sslverify=["']?(0|false|no)["']?$/i.test(stripQuotes(f.value)));
      return off ? '`config-manager --setopt=…sslverify=0` turns off certificate checks for a repository' : null;
    }
    case 'export':
      for (const w of cmd.args) {
        const found = insecureAssignment(w.value);
        if (found) return `\`export ${w.value}\` turns off ${found.what}`;
      }
      return null;
    default:
      return null;
  }
}

export default defineRule({
  code: 'DH013',
  name: 'tls-verification-disabled',
  aliases: ['CKV2_DOCKER_2', 'CKV2_DOCKER_3', 'CKV2_DOCKER_4', 'CKV2_DOCKER_5', 'CKV2_DOCKER_6', 'CKV2_DOCKER_12', 'CKV2_DOCKER_13', 'CKV2_DOCKER_14', 'CKV2_DOCKER_15', 'CKV2_DOCKER_16', 'CKV2_DOCKER_18'],
  severity: 'warning',
  origin: 'dockhand',
  fixable: 'none',
  docs: {
    summary: 'Do not turn off TLS certificate checks (curl -k, wget --no-check-certificate, strict-ssl false, NODE_TLS_REJECT_UNAUTHORIZED=0...).',
    why:
      'Without certificate checks anyone on the network path (a proxy, a rogue Wi-Fi, a compromised mirror) can ' +
      'answer in the server\'s place and hand the build their own packages or scripts, which then run in the image. ' +
      'Set in ENV, the setting also stays in every container started from the image.',
    bad: 'FROM node:22-slim\nENV NODE_TLS_REJECT_UNAUTHORIZED=0\nRUN curl -k https://example.com/install.sh | sh\n',
    good: 'FROM node:22-slim\nCOPY corp-ca.crt /usr/local/share/ca-certificates/\nRUN update-ca-certificates && curl -fsSL https://example.com/install.sh | sh\n',
    fix: 'Install the CA certificate the server needs (a corporate proxy\'s, say) instead, and remove the flag or variable.',
    notes:
      'Covers `curl -k`/`--insecure`, `wget --no-check-certificate`, `pip --trusted-host` (`pip3.12`, `python -m pip` ' +
      'too), `npm`/`yarn`/`pnpm` ' +
      '`config set strict-ssl false` and `--strict-ssl=false`, `git -c http.sslVerify=false` and `git config ' +
      'http.sslVerify false`, `yum-config-manager`/`yum config-manager`/`dnf config-manager`/`dnf-config-manager ' +
      '--setopt=…sslverify=0`, ' +
      'and PYTHONHTTPSVERIFY=0, ' +
      'NODE_TLS_REJECT_UNAUTHORIZED=0, NPM_CONFIG_STRICT_SSL=false, GIT_SSL_NO_VERIFY, PIP_TRUSTED_HOST and GOINSECURE ' +
      'in ENV, ' +
      'ARG defaults, `export` and command prefixes. Checkov\'s checks read the RUN text with regular expressions; ' +
      'dockhand reads the commands, so a flag in a quoted string or a comment is not a finding, while a script handed ' +
      'to a shell (`sh -c "curl -k …"`, shell or exec form) is read as the shell runs it. git only asks ' +
      'whether GIT_SSL_NO_VERIFY is set, so any value counts, `0` and `false` included.',
  },
  check(ctx) {
    // Every finding but `curl -k` needs a word written out in the file (see insecure-settings.ts).
    const words = mayTurnOffChecks(ctx.file);
    if (!words && !mayRunAny(ctx, ['curl'])) return;
    if (words) {
      for (const ins of instructionsWithTriggers(ctx.file, 'ENV')) {
        for (const p of ins.pairs) {
          const what = insecureVariable(p.key, p.value);
          if (what) ctx.report({ range: p.range, message: `ENV ${p.key} turns off ${what}, in the build and in every container of the image` });
        }
      }
      for (const ins of instructionsWithTriggers(ctx.file, 'ARG')) {
        for (const a of ins.args) {
          const found = insecureAssignment(a.value);
          if (found) ctx.report({ range: a.range, message: `ARG ${found.name}'s default turns off ${found.what} in the build` });
        }
      }
    }
    for (const site of runSites(ctx.file, { onbuild: true })) {
      // Without the words, only RUNs that call curl can hold a finding.
      if (!words && !siteCommandNames(ctx, site, SCRIPTS).has('curl')) continue;
      for (const cmd of commandsOf(ctx, site, SCRIPTS)) {
        if (words) {
          for (const a of cmd.assignments) {
            const found = insecureAssignment(a.value);
            if (found) ctx.report({ range: a.range, message: `${a.value} turns off ${found.what} for \`${commandName(cmd)}\`` });
          }
        } else if (commandName(cmd) !== 'curl') continue;
        const what = insecureCommand(cmd);
        if (what) ctx.report({ range: cmd.range, message: `${what}: a man in the middle can change what is downloaded` });
      }
    }
  },
});
