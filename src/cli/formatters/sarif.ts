// `--format sarif`: SARIF 2.1.0 for GitHub code scanning and other SARIF viewers, with one rule
// descriptor (help text, help URI, default level) per code that appears in the results.
import type * as Sarif from 'sarif';
import type { Diagnostic, Severity } from '../../core/diagnostic.js';
import { docsUrl, externalCodeUrl, projectUrl } from '../../linter/docs.js';
import { RuleIndex } from '../../linter/codes.js';
import type { Rule } from '../../rules/types.js';
import { fingerprints } from './fingerprint.js';
import type { Formatter } from './types.js';

const LEVEL: Record<Severity, Sarif.Result.level> = { error: 'error', warning: 'warning', info: 'note', style: 'note' };

export const formatSarif: Formatter = (reports, opts) => {
  const index = new RuleIndex(opts.rules);
  const descriptors: Sarif.ReportingDescriptor[] = [];
  const slot = new Map<string, number>();
  const ruleSlot = (d: Diagnostic): number => {
    const known = slot.get(d.code);
    if (known !== undefined) return known;
    const rule = index.get(d.code);
    descriptors.push(rule && rule.code === d.code ? descriptorOf(rule) : externalDescriptor(d));
    slot.set(d.code, descriptors.length - 1);
    return descriptors.length - 1;
  };

  const results: Sarif.Result[] = [];
  for (const r of reports) {
    const fps = fingerprints(r);
    r.diagnostics.forEach((d, i) => {
      const result: Sarif.Result = {
        ruleId: d.code,
        ruleIndex: ruleSlot(d),
        level: LEVEL[d.severity],
        message: { text: d.message },
        locations: [
          {
            physicalLocation: {
              artifactLocation: { uri: encodeUri(r.file) },
              region: {
                startLine: d.range.startLine,
                startColumn: d.range.startColumn,
                endLine: d.range.endLine,
                endColumn: d.range.endColumn,
                snippet: { text: r.text.slice(d.range.start, d.range.end) },
              },
            },
          },
        ],
        // Stable across edits elsewhere in the file, so code scanning keeps alerts matched.
        partialFingerprints: { 'dockhand/v1': fps[i]! },
      };
      if (d.fix) {
        result.fixes = [
          {
            description: { text: d.fix.title },
            artifactChanges: [
              {
                artifactLocation: { uri: encodeUri(r.file) },
                replacements: d.fix.edits.map((e) => ({
                  deletedRegion: { startLine: e.range.startLine, startColumn: e.range.startColumn, endLine: e.range.endLine, endColumn: e.range.endColumn },
                  insertedContent: { text: e.text },
                })),
              },
            ],
          },
        ];
      }
      results.push(result);
    });
  }

  const log: Sarif.Log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'dockhand',
            version: opts.version,
            semanticVersion: opts.version,
            informationUri: projectUrl(),
            rules: descriptors,
          },
        },
        results,
        columnKind: 'utf16CodeUnits',
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
};

function descriptorOf(rule: Rule): Sarif.ReportingDescriptor {
  const helpUri = rule.url ?? docsUrl(rule);
  const d = rule.docs;
  return {
    id: rule.code,
    name: pascal(rule.name),
    shortDescription: { text: d.summary },
    fullDescription: { text: d.why },
    help: {
      text: `${d.summary}\n\n${d.why}\n\nHow to fix: ${d.fix}`,
      markdown: `${d.summary}\n\n${d.why}\n\n**How to fix:** ${d.fix}\n\nBad:\n\n\`\`\`dockerfile\n${d.bad.trimEnd()}\n\`\`\`\n\nGood:\n\n\`\`\`dockerfile\n${d.good.trimEnd()}\n\`\`\`\n\n[Documentation](${helpUri})`,
    },
    helpUri,
    defaultConfiguration: { level: LEVEL[rule.severity], enabled: !rule.disabledByDefault },
    properties: { tags: [rule.origin, ...rule.aliases], ...(rule.aliases.length ? { aliases: rule.aliases } : {}) },
  };
}

function externalDescriptor(d: Diagnostic): Sarif.ReportingDescriptor {
  const uri = d.url ?? externalCodeUrl(d.code);
  const what = /^SC\d+$/.test(d.code) ? `ShellCheck ${d.code}` : d.code === 'syntax' ? 'Dockerfile syntax error' : d.code;
  const desc: Sarif.ReportingDescriptor = {
    id: d.code,
    shortDescription: { text: what },
    help: { text: uri ? `${what}. See ${uri}` : what },
    defaultConfiguration: { level: LEVEL[d.severity] },
  };
  if (uri) desc.helpUri = uri;
  return desc;
}

function pascal(name: string): string {
  return name.replace(/(^|-)([a-z0-9])/g, (_m, _d, c: string) => c.toUpperCase());
}

/** A relative path as a URI reference (spaces and `%` escaped, `/` kept). */
function encodeUri(path: string): string {
  const enc = path.split('/').map(encodeURIComponent).join('/');
  return path.startsWith('/') ? `file://${enc}` : enc;
}
