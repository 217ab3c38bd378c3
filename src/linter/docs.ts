// Rule documentation rendered from rule metadata: docs/rules/<name>.md (Ruff-style headings),
// the rules index, and the link every diagnostic and SARIF descriptor points to.
import pkg from '../../package.json' with { type: 'json' };
import type { ExampleSetup, Rule } from '../rules/types.js';

let base: string | undefined;

/**
 * Where the rule pages are, ending in `/`: under package.json's `homepage` when it names one,
 * else the `docs/rules/` folder shipped inside the package, as a file URL (so a link in an editor,
 * a SARIF viewer or `dockhand rules --format json` opens a page that exists).
 */
export function ruleDocsBase(): string {
  return (base ??= docsBaseFor((pkg as { homepage?: string }).homepage, import.meta.url));
}

/**
 * {@link ruleDocsBase} for a given homepage and module URL. A GitHub repository's homepage gets
 * its `blob/HEAD/docs/rules/`; any other site is expected to serve the docs folder. Without one,
 * the package root is found from this module: `dist/cli.cjs` (the bundle) sits one level below
 * it, `src/linter/docs.ts` (the sources) two.
 */
export function docsBaseFor(homepage: string | undefined, moduleUrl: string): string {
  const site = homepage?.trim().replace(/#.*$/, '').replace(/\/+$/, '');
  if (site) {
    const gh = /^https:\/\/github\.com\/[^/]+\/[^/]+$/.test(site);
    return `${site}/${gh ? 'blob/HEAD/' : ''}docs/rules/`;
  }
  const fromSources = /\/src\/linter\/[^/]+$/.test(new URL(moduleUrl).pathname);
  return new URL(fromSources ? '../../docs/rules/' : '../docs/rules/', moduleUrl).href;
}

/** Link for a rule: its page under {@link ruleDocsBase} (docs/rules/<name>.md). */
export function docsUrl(rule: Rule): string {
  return `${ruleDocsBase()}${rule.name}.md`;
}

/**
 * The project's own page: package.json's `homepage`, else the README shipped in the package
 * (npm always packs it), as a file URL.
 */
export function projectUrl(): string {
  const site = (pkg as { homepage?: string }).homepage?.trim();
  return site || new URL('../../README.md', ruleDocsBase()).href;
}

/** Link for a code with no rule of ours (ShellCheck findings, parser codes). */
export function externalCodeUrl(code: string): string | undefined {
  if (/^SC\d+$/.test(code)) return `https://www.shellcheck.net/wiki/${code}`;
  if (/^DL\d+$/.test(code)) return `https://github.com/hadolint/hadolint/wiki/${code}`;
  return undefined;
}

const FIXABLE_TEXT: Record<Rule['fixable'], string> = {
  none: 'No automatic fix.',
  safe: 'Fixable with `dockhand lint --fix` (safe).',
  unsafe: 'Fixable with `dockhand lint --fix-unsafe` (the fix may change behaviour).',
  'sometimes-safe': 'Fixable: safe fixes apply with `--fix`, the others need `--fix-unsafe`.',
};

const ORIGIN_TEXT: Record<Rule['origin'], string> = {
  hadolint: "hadolint's rule of the same code",
  buildkit: "BuildKit's build check of the same name",
  dockhand: 'dockhand',
};

function fence(text: string): string {
  return ['```dockerfile', text.replace(/\n+$/, ''), '```'].join('\n');
}

/** The markdown page of one rule. */
export function ruleMarkdown(rule: Rule): string {
  const d = rule.docs;
  const out: string[] = [];
  out.push(`# ${rule.name} (${rule.code})`, '');
  const meta = [
    `- Code: \`${rule.code}\``,
    rule.aliases.length ? `- Aliases: ${rule.aliases.map((a) => `\`${a}\``).join(', ')}` : '',
    `- Default severity: ${rule.disabledByDefault ? `off (enable with \`rules: { ${rule.code}: ${rule.severity} }\`)` : rule.severity}`,
    `- Origin: ${ORIGIN_TEXT[rule.origin]}`,
    `- Fix: ${FIXABLE_TEXT[rule.fixable]}`,
    rule.needsContext ? '- Needs the build context (`--context`); skipped without it.' : '',
    rule.experimental ? '- Experimental: runs only with `# check=experimental=' + rule.code + '` (or `all`).' : '',
    rule.url ? `- Upstream: <${rule.url}>` : '',
  ].filter(Boolean);
  out.push(...meta, '');
  out.push('## What it does', '', d.summary, '');
  out.push('## Why is this bad?', '', d.why, '');
  out.push('## Example', '', ...setupLines(d.setup?.bad), fence(d.bad), '');
  out.push('## Use instead', '', ...setupLines(d.setup?.good), fence(d.good), '');
  out.push('## How to fix', '', d.fix, '');
  if (rule.fixable !== 'none') out.push('## Fix safety', '', d.fixSafety ?? '', '');
  if (d.notes) out.push('## Notes', '', d.notes, '');
  out.push('## Suppressing', '', `\`# dockhand ignore=${rule.code}\` (or \`# hadolint ignore=${rule.code}\`) on the line above the instruction, \`--ignore ${rule.code}\`, or \`ignored: [${rule.code}]\` in \`.dockhand.yaml\`. ${rule.aliases.length ? `The name \`${rule.name}\` and the aliases work too.` : `The name \`${rule.name}\` works too.`}`, '');
  return `${out.join('\n').replace(/\n+$/, '')}\n`;
}

/** A sentence describing an example's config and build context, when it has any. */
function setupLines(s: ExampleSetup | undefined): string[] {
  if (!s) return [];
  const parts: string[] = [];
  const o = s.options ?? {};
  if (o.trustedRegistries?.length) parts.push(`\`trustedRegistries: [${o.trustedRegistries.join(', ')}]\``);
  if (o.labelSchema && Object.keys(o.labelSchema).length) {
    parts.push(`\`label-schema: { ${Object.entries(o.labelSchema).map(([k, v]) => `${k}: ${v}`).join(', ')} }\``);
  }
  if (o.strictLabels) parts.push('`strict-labels: true`');
  if (o.settings && Object.keys(o.settings).length) parts.push(`settings \`${JSON.stringify(o.settings)}\``);
  if (s.context) parts.push(s.context.length ? `a build context holding ${s.context.map((f) => `\`${f}\``).join(', ')}` : 'an empty build context');
  if (s.dockerignore !== undefined) parts.push(`a \`.dockerignore\` of \`${s.dockerignore.trim().replace(/\n/g, '\\n')}\``);
  else if (s.context) parts.push('no `.dockerignore`');
  if (s.gitignore !== undefined) parts.push(`a \`.gitignore\` of \`${s.gitignore.trim().replace(/\n/g, '\\n')}\``);
  return parts.length ? [`With ${parts.join(', ')}:`, ''] : [];
}

/** The index page: every rule in a table, linking to its page. */
export function rulesIndexMarkdown(rules: readonly Rule[]): string {
  const rows = [...rules].sort((a, b) => a.code.localeCompare(b.code) || a.name.localeCompare(b.name)).map((r) => {
    const summary = r.docs.summary.replace(/\|/g, '\\|').replace(/\n/g, ' ');
    return `| [${r.code}](${r.name}.md) | \`${r.name}\` | ${r.aliases.map((a) => `\`${a}\``).join(', ')} | ${r.disabledByDefault ? 'off' : r.severity} | ${r.fixable === 'none' ? '' : r.fixable} | ${summary} |`;
  });
  return [
    '# Rules',
    '',
    'Generated from the rule metadata by `scripts/gen-docs.mjs`; do not edit by hand.',
    '',
    '| Code | Name | Aliases | Severity | Fix | Summary |',
    '|---|---|---|---|---|---|',
    ...rows,
    '',
  ].join('\n');
}

/** Every generated file under docs/rules: name → content. */
export function ruleDocFiles(rules: readonly Rule[]): Map<string, string> {
  const files = new Map<string, string>();
  files.set('README.md', rulesIndexMarkdown(rules));
  for (const r of rules) files.set(`${r.name}.md`, ruleMarkdown(r));
  return files;
}
