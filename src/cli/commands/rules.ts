// `dockhand rules [RULE..] [--format text|json|markdown] [--preset NAME]`: the rule catalogue from the
// rule metadata; with --preset, only the rules the preset turns on, at the severity it gives them.
// Named rules (a code, name or alias) print their documentation page instead of the table.
import type { Severity } from '../../core/diagnostic.js';
import type { Rule } from '../../rules/types.js';
import type { Command } from '../command.js';
import { CliError, type Io } from '../io.js';
import { lastValue, presetsOf, repeated } from '../options.js';

const command: Command = {
  command: 'rules [rules..]',
  describe: 'List every lint rule (code, aliases, severity, fix, summary), or those a preset turns on; show named rules\' documentation',
  builder: (y) =>
    y
      .positional('rules', { type: 'string', array: true, describe: 'Codes, names or aliases: print these rules\' documentation' })
      .option('format', { alias: 'f', type: 'string', default: 'text', coerce: lastValue, describe: 'text | json | markdown' })
      .option('preset', { type: 'string', coerce: repeated, describe: 'Only the rules this preset turns on: recommended|hadolint|security|strict (repeat, or A,B, to combine)' })
      .example('$0 rules --preset hadolint', "hadolint's default rules and severities")
      .example('$0 rules DL3008 FromAsCasing', 'what these rules check, why, an example and the fix'),
  run: (args, io) => runRules(String(args.format ?? 'text'), io, (args.preset as string[] | undefined) ?? [], ((args.rules as unknown[] | undefined) ?? []).map(String)),
};
export default command;

/** A rule as listed: its severity under the preset (or its default), `off` when it does not run by default (experimental checks included). */
interface Listed {
  rule: Rule;
  severity: Severity | 'off';
}

/** Prints the catalogue in one of the formats; exported for in-process tests. */
export async function runRules(format: string, io: Io, presetArgs: readonly string[] = [], names: readonly string[] = []): Promise<number> {
  if (format !== 'json' && format !== 'markdown' && format !== 'text') throw new CliError(`unknown format '${format}' (use text, json or markdown)`);
  const { allRules } = await import('../../rules/index.js');
  const { presetState } = await import('../../linter/presets.js');
  const presets = presetArgs.length ? await presetsOf(presetArgs) : [];
  const rules = [...allRules].sort((a, b) => a.code.localeCompare(b.code) || a.name.localeCompare(b.name));
  const listed: Listed[] = [];
  for (const rule of rules) {
    if (presets.length === 0) listed.push({ rule, severity: rule.disabledByDefault || rule.experimental ? 'off' : rule.severity });
    else {
      const s = presetState(presets, rule);
      if (s.on) listed.push({ rule, severity: s.severity });
    }
  }
  const { docsUrl, ruleMarkdown, rulesIndexMarkdown } = await import('../../linter/docs.js');
  if (names.length > 0) {
    const named = await namedRules(names, rules, listed, presets);
    if (format === 'json') io.stdout(`${JSON.stringify(named.map((l) => ruleJson(l, docsUrl(l.rule))), null, 2)}\n`);
    else io.stdout(named.map((l) => ruleMarkdown(l.rule)).join('\n'));
    return 0;
  }
  if (format === 'json') io.stdout(`${JSON.stringify(listed.map((l) => ruleJson(l, docsUrl(l.rule))), null, 2)}\n`);
  else if (format === 'markdown') io.stdout(rulesIndexMarkdown(listed.map((l) => l.rule)));
  else io.stdout(text(listed, presets.length ? ` (preset ${presets.join(', ')})` : ''));
  return 0;
}

/**
 * The listed rules `names` refer to, in the order named (an alias shared by several rules names each),
 * once each. A name that refers to no rule, or to one the preset does not turn on, is a usage error.
 */
async function namedRules(names: readonly string[], rules: readonly Rule[], listed: readonly Listed[], presets: readonly string[]): Promise<Listed[]> {
  const { RuleIndex, ruleKeyProblem } = await import('../../linter/codes.js');
  const index = new RuleIndex(rules);
  const out: Listed[] = [];
  for (const name of names) {
    const found = index.all(name);
    if (found.length === 0) throw new CliError(`rules: ${await noRule(name, ruleKeyProblem(name), rules)}`);
    for (const rule of found) {
      const l = listed.find((x) => x.rule === rule);
      if (!l) throw new CliError(`rules: ${rule.code} (${rule.name}) is not turned on by preset ${presets.join(', ')}`);
      if (!out.includes(l)) out.push(l);
    }
  }
  return out;
}

/** Why `name` shows no rule, with the closest code, name or alias for a typo. */
async function noRule(name: string, problem: 'empty' | 'syntax' | 'retired' | 'unknown' | undefined, rules: readonly Rule[]): Promise<string> {
  if (problem === 'empty') return 'an empty rule name';
  if (problem === 'syntax') return `'${name}' is not a rule: the parser reports syntax errors, and they always fail the build`;
  if (problem === 'retired') return `'${name}': hadolint no longer has this rule`;
  const { SHELLCHECK_CODE } = await import('../../linter/codes.js');
  if (SHELLCHECK_CODE.test(name.trim())) return `'${name}' is ShellCheck's: see https://www.shellcheck.net/wiki/${name.trim().toUpperCase()}`;
  const { suggest } = await import('../../parser/suggest.js');
  const hint = suggest(name, rules.flatMap((r) => [r.code, r.name, ...r.aliases]), false);
  return `'${name}' names no rule${hint ? ` (did you mean ${hint}?)` : ''}; \`dockhand rules\` lists them`;
}

/** design.md's shape; `docs` carries the documentation, the rule's name and its pages. */
function ruleJson({ rule: r, severity }: Listed, page: string) {
  return {
    code: r.code,
    aliases: r.aliases,
    severity,
    summary: r.docs.summary,
    fixable: r.fixable !== 'none',
    origin: r.origin,
    docs: { name: r.name, url: r.url ?? null, page, fixability: r.fixable, defaultSeverity: r.severity, ...r.docs },
  };
}

function text(listed: Listed[], suffix: string): string {
  if (listed.length === 0) return 'no rules registered\n';
  const rows = listed.map(({ rule: r, severity }) => [r.code, r.name, severity, r.fixable === 'none' ? '' : 'fix', r.docs.summary]);
  const w = [0, 1, 2, 3].map((i) => Math.max(...rows.map((row) => row[i]!.length)));
  const lines = rows.map((row) => row.map((c, i) => (i < 4 ? c.padEnd(w[i]!) : c)).join('  ').trimEnd());
  return `${lines.join('\n')}\n${listed.length} rules${suffix}\n`;
}
