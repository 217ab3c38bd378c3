// `dockhand rules [--format text|json|markdown]`: the rule catalogue from the rule metadata.
import type { Rule } from '../../rules/types.js';
import type { Command } from '../command.js';
import { CliError, type Io } from '../io.js';
import { lastValue } from '../options.js';

const command: Command = {
  command: 'rules',
  describe: 'List every lint rule (code, aliases, severity, fix, summary)',
  builder: (y) => y.option('format', { alias: 'f', type: 'string', default: 'text', coerce: lastValue, describe: 'text | json | markdown' }),
  run: (args, io) => runRules(String(args.format ?? 'text'), io),
};
export default command;

/** Prints the catalogue in one of the formats; exported for in-process tests. */
export async function runRules(format: string, io: Io): Promise<number> {
  const { allRules } = await import('../../rules/index.js');
  const rules = [...allRules].sort((a, b) => a.code.localeCompare(b.code) || a.name.localeCompare(b.name));
  if (format === 'json') io.stdout(`${JSON.stringify(rules.map(ruleJson), null, 2)}\n`);
  else if (format === 'markdown') io.stdout((await import('../../linter/docs.js')).rulesIndexMarkdown(rules));
  else if (format === 'text') io.stdout(text(rules));
  else throw new CliError(`unknown format '${format}' (use text, json or markdown)`);
  return 0;
}

/** design.md's shape; `docs` carries the documentation, the rule's name and its page. */
function ruleJson(r: Rule) {
  return {
    code: r.code,
    aliases: r.aliases,
    severity: r.disabledByDefault ? 'off' : r.severity,
    summary: r.docs.summary,
    fixable: r.fixable !== 'none',
    origin: r.origin,
    docs: { name: r.name, url: r.url ?? null, fixability: r.fixable, defaultSeverity: r.severity, ...r.docs },
  };
}

function text(rules: Rule[]): string {
  if (rules.length === 0) return 'no rules registered\n';
  const rows = rules.map((r) => [r.code, r.name, r.disabledByDefault ? 'off' : r.severity, r.fixable === 'none' ? '' : 'fix', r.docs.summary]);
  const w = [0, 1, 2, 3].map((i) => Math.max(...rows.map((row) => row[i]!.length)));
  const lines = rows.map((row) => row.map((c, i) => (i < 4 ? c.padEnd(w[i]!) : c)).join('  ').trimEnd());
  return `${lines.join('\n')}\n${rules.length} rules\n`;
}
