// The "non-interactive switch missing" check shared by DL3030 (yum), DL3034 (zypper) and DL3038 (dnf).
import type { ShellCommand, ShellWord } from '../../shell/types.js';
import type { RuleContext } from '../types.js';
import { hasFlag } from '../../shell/query.js';
import { commandsOf, hasAny, mayRunAny, runSites, siteCommandNames } from './runs.js';
import { insertAfter } from './run-edits.js';
import { commandHead, subcommand, RPM_VALUE_FLAGS } from './hadolint-b-packages.js';

/** What one of these rules looks for. */
export interface AssumeYesSpec {
  tools: string[];
  subcommands: string[];
  /** Flags (hadolint model names) that make the call non-interactive. */
  yesFlags: string[];
  message: string;
  /** The option the fix inserts right after the command name (a global option of the tool). */
  insert: string;
}

/** Reports every call of `spec.tools` with one of `spec.subcommands` and none of `spec.yesFlags`. */
export function checkAssumeYes(ctx: RuleContext, spec: AssumeYesSpec): void {
  // Only calls of the tools are judged: skip files and RUNs that run none of them.
  if (!mayRunAny(ctx, spec.tools)) return;
  for (const site of runSites(ctx.file, { onbuild: true })) {
    if (!hasAny(siteCommandNames(ctx, site), spec.tools)) continue;
    for (const cmd of commandsOf(ctx, site)) {
      const sub = interactiveCall(cmd, spec);
      if (!sub) continue;
      ctx.report({
        range: commandHead(cmd, sub),
        message: spec.message,
        // An exec-form (JSON) RUN gets no fix: an inserted bare word would break the array.
        ...(!site.run.json && { fix: { title: `Add ${spec.insert}`, safety: 'safe' as const, edits: [insertAfter(ctx.file, cmd.nameRange, ` ${spec.insert}`)] } }),
      });
    }
  }
}

function interactiveCall(cmd: ShellCommand, spec: AssumeYesSpec): ShellWord | undefined {
  if (!spec.tools.includes(cmd.name) || hasFlag(cmd, ...spec.yesFlags)) return undefined;
  return subcommand(cmd, spec.subcommands, RPM_VALUE_FLAGS);
}
