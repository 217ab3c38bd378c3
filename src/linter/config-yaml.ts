// Reads `.dockhand.yaml` / `.hadolint.yaml` text into a partial LintConfig. Pure (text in);
// every mistake is a ConfigError naming the file, line and column.
import { isAlias, isMap, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node, type Pair } from 'yaml';
import type { Severity } from '../core/diagnostic.js';
import { ruleKeyProblem, ruleKeyWarning } from './codes.js';
import { addOverride, formatName, FORMATS, parseThreshold, type LintConfig, type SeverityOverride } from './config.js';
import { isPresetName, presetNameList } from './presets.js';

/** A config file problem, with its position. */
export class ConfigError extends Error {
  constructor(readonly file: string, readonly line: number, readonly column: number, readonly detail: string) {
    super(`${file}:${line}:${column}: ${detail}`);
  }
}

/** What a config file sets: lint config plus CLI-only preferences. */
export interface ConfigFileResult {
  config: Partial<LintConfig>;
  noColor?: boolean;
  verbose?: boolean;
  /**
   * `file:line:col: message` for each part of a `.hadolint.yaml` that hadolint accepts or skips
   * but dockhand cannot use (an `override:` key that is no severity, a second format), which is
   * left out instead of failing the run: the file is shared with hadolint.
   */
  warnings?: string[];
}

/** Deeper than any config needs (they nest four levels at most). */
const MAX_DEPTH = 100;

/**
 * The offset where the text nests more than MAX_DEPTH levels, or -1. The yaml library reads nested
 * collections by recursion: past about a thousand levels it runs out of stack, and on Node 20 that
 * can happen while V8 compiles a regular expression, which ends the process (a fatal "out of
 * memory", no exception to catch). So a text that may nest that deep is refused before it is
 * parsed. The count is an upper bound, never short of the real depth: every `[` and `{` not closed
 * yet (in quotes and comments too), plus the column where a line's content starts after its
 * indentation and block indicators (`- `, `? `, `: `), as each block level takes a column at least.
 */
function tooDeepAt(text: string): number {
  let flow = 0;
  let lineStart = true;
  let indent = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (ch === 10) {
      lineStart = true;
      indent = 0;
      continue;
    }
    if (lineStart) {
      const next = text.charCodeAt(i + 1);
      const indicator = (ch === 45 || ch === 63 || ch === 58) && (next === 32 || next === 9 || next === 10 || next === 13 || Number.isNaN(next));
      if (ch === 32 || ch === 9 || indicator) {
        indent++;
        if (indent > MAX_DEPTH) return i;
        continue;
      }
      lineStart = false;
    }
    if (ch === 91 || ch === 123) {
      flow++;
      if (flow + indent > MAX_DEPTH) return i;
    } else if ((ch === 93 || ch === 125) && flow > 0) flow--;
  }
  return -1;
}

const LABEL_TYPES = new Set(['', 'text', 'url', 'semver', 'hash', 'rfc3339', 'spdx', 'email']);
const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info', 'style'];

/**
 * Parse config text. `flavor` selects strictness: `.dockhand.yaml` rejects unknown keys,
 * `.hadolint.yaml` ignores keys hadolint would not know either (hadolint does the same).
 */
export function parseConfigText(text: string, file: string, flavor: 'dockhand' | 'hadolint' = 'dockhand'): ConfigFileResult {
  const lc = new LineCounter();
  const deep = tooDeepAt(text);
  if (deep !== -1) {
    const before = text.slice(0, deep);
    const line = before.split('\n').length;
    throw new ConfigError(file, line, deep - (before.lastIndexOf('\n') + 1) + 1, `nested more than ${MAX_DEPTH} levels deep`);
  }
  const doc = parseDocument(text, { lineCounter: lc, prettyErrors: false, uniqueKeys: true });
  const at = (offset: number) => lc.linePos(offset);
  const fail = (node: Node | null | undefined, msg: string, offset?: number): never => {
    const o = offset ?? (node && node.range ? node.range[0] : 0);
    const p = at(o);
    throw new ConfigError(file, p.line, p.col, msg);
  };
  if (doc.errors.length > 0) {
    const e = doc.errors[0]!;
    const p = e.linePos?.[0] ?? at(e.pos[0]);
    // The library's own words for a second `---` document name one of its functions.
    const msg = e.code === 'MULTIPLE_DOCS' ? 'a config file holds one YAML document; this one has another after `---`' : e.message.split('\n')[0]!;
    throw new ConfigError(file, p.line, p.col, msg);
  }
  /**
   * A node with an alias (`*name`) replaced by the node its anchor (`&name`) marks, and a null
   * value (`key:`, `key: ~`) as no node at all: hadolint's YAML reader (HsYAML's `.:?`) resolves
   * aliases and takes a key whose value is null for a key that is not there.
   */
  const node = (n: unknown): Node | null => {
    if (n === null || n === undefined) return null;
    let r = n as Node;
    if (isAlias(r)) {
      const target = r.resolve(doc);
      if (!target) fail(r, `the alias '*${r.source}' names no anchor`);
      r = target as Node;
    }
    return isScalar(r) && r.value === null ? null : r;
  };
  const out: ConfigFileResult = { config: {} };
  const c = out.config;
  const warnings: string[] = [];
  const warn = (node: Node | null | undefined, msg: string) => {
    const p = at(node && node.range ? node.range[0] : 0);
    warnings.push(`${file}:${p.line}:${p.col}: ${msg}`);
  };
  /** `formats:` entries (hadolint): the first one is the format unless `format:` names one. */
  let formats: { name: string; node: Node }[] = [];
  const root = doc.contents;
  if (root === null || (isScalar(root) && (root.value === null || root.value === ''))) return out;
  if (!isMap(root)) return fail(root as Node, 'the config must be a mapping of keys to values');

  for (const pair of root.items as Pair<Node, Node | null>[]) {
    const keyNode = node(pair.key);
    const key = isScalar(keyNode) ? String(keyNode.value) : '';
    const v = node(pair.value);
    // `key:` with no value leaves the key unset, as in hadolint.
    if (v === null) continue;
    switch (key) {
      case 'ignored':
        c.ignored = strings(v, key, fail, node);
        checkCodes(v, key, warn, node);
        break;
      case 'override': {
        if (!isMap(v)) fail(v ?? keyNode, "'override' must map error/warning/info/style to lists of codes");
        const sev: Record<string, SeverityOverride> = { ...c.severity };
        for (const p of (v as unknown as { items: Pair<Node, Node | null>[] }).items) {
          const levelNode = node(p.key);
          const level = isScalar(levelNode) ? String(levelNode.value) : '';
          if (!SEVERITIES.includes(level as Severity)) {
            const msg = `unknown severity '${level}' in 'override' (use error, warning, info or style)`;
            // hadolint reads only the four severities and skips other keys.
            if (flavor === 'hadolint') {
              warn(levelNode, `${msg}; ignored`);
              continue;
            }
            fail(levelNode, msg);
          }
          // A code in several lists gets the most severe one, as in hadolint.
          for (const code of strings(node(p.value), `override.${level}`, fail, node)) addOverride(sev, code, level as Severity);
          checkCodes(node(p.value), `override.${level}`, warn, node);
        }
        c.severity = sev;
        break;
      }
      case 'trustedRegistries':
      case 'trusted-registries':
        c.trustedRegistries = isScalar(v) && typeof v.value === 'string' ? [v.value] : strings(v, key, fail, node);
        for (const it of isSeq(v) ? v.items : [v]) {
          const n = node(it);
          if (isScalar(n) && String(n.value).trim() === '') warn(n, `an empty registry name in '${key}' matches no registry (alone, it makes DL3026 report every image a FROM pulls)`);
        }
        break;
      case 'label-schema':
      case 'labelSchema': {
        if (!isMap(v)) fail(v ?? keyNode, `'${key}' must map label names to types`);
        const schema: Record<string, string> = {};
        for (const p of (v as unknown as { items: Pair<Node, Node | null>[] }).items) {
          const nameNode = node(p.key);
          const name = isScalar(nameNode) ? String(nameNode.value) : '';
          const typeNode = node(p.value);
          const type = typeNode === null ? '' : isScalar(typeNode) ? String(typeNode.value ?? '') : fail(typeNode, `the type of label '${name}' must be a string`);
          if (!LABEL_TYPES.has(type)) fail(typeNode, `unknown label type '${type}' for '${name}' (use text, url, semver, hash, rfc3339, spdx or email)`);
          schema[name] = type;
        }
        c.labelSchema = schema;
        break;
      }
      case 'strict-labels':
      case 'strictLabels':
        c.strictLabels = bool(v, key, fail);
        break;
      case 'disable-ignore-pragma':
      case 'disableIgnorePragma':
        c.disableIgnorePragma = bool(v, key, fail);
        break;
      case 'no-fail':
      case 'noFail':
        c.noFail = bool(v, key, fail);
        break;
      case 'failure-threshold':
      case 'failureThreshold': {
        const t = isScalar(v) ? parseThreshold(String(v.value)) : undefined;
        if (!t) fail(v ?? keyNode, `'${key}' must be one of error, warning, info, style, none`);
        c.failureThreshold = t;
        break;
      }
      case 'format': {
        const f = isScalar(v) ? String(v.value) : '';
        if (flavor === 'hadolint' && formatName(f) === undefined) warn(v ?? keyNode, `unknown format '${f}' (use ${FORMATS.join(', ')}); ignored`);
        else c.format = checkFormat(f, v ?? keyNode, fail);
        break;
      }
      case 'formats': {
        if (flavor !== 'hadolint') fail(keyNode, "unknown key 'formats' (dockhand writes one format: use 'format')");
        const items = isSeq(v) ? v.items : [];
        formats = strings(v, key, fail, node).map((name, i) => ({ name, node: (items[i] ?? v) as Node }));
        break;
      }
      case 'no-color':
        out.noColor = bool(v, key, fail);
        break;
      case 'verbose':
        out.verbose = bool(v, key, fail);
        break;
      case 'check':
        if (!isScalar(v) || typeof v.value !== 'string') fail(v ?? keyNode, "'check' must be a string like 'skip=A,B;error=true'");
        c.check = String((v as { value: unknown }).value);
        break;
      case 'extends': {
        if (flavor === 'hadolint') {
          // A key hadolint does not know: it skips it, so the shared file stays valid for both.
          warn(keyNode, "'extends' is a .dockhand.yaml key; ignored in a hadolint config file");
          break;
        }
        if (!(isScalar(v) && typeof v.value === 'string') && !isSeq(v)) fail(v ?? keyNode, "'extends' must be a preset name or a list of them");
        const names = isScalar(v) && typeof v.value === 'string' ? [v.value] : strings(v, key, fail, node);
        const items = isSeq(v) ? v.items : [v];
        names.forEach((n, i) => {
          if (!isPresetName(n)) fail((items[i] ?? v) as Node, `unknown preset '${n}' in 'extends' (use ${presetNameList()})`);
        });
        c.presets = names.map((n) => n.trim().toLowerCase());
        break;
      }
      case 'rules':
        if (flavor === 'hadolint') {
          warn(keyNode, "'rules' is a .dockhand.yaml key; ignored in a hadolint config file");
          break;
        }
        readRules(v, c, fail, node, doc);
        if (isMap(v)) checkCodes(v, key, warn, node);
        break;
      default:
        if (flavor === 'hadolint') break; // hadolint ignores keys it does not know; so do we for its file
        fail(keyNode, `unknown key '${key}'`);
    }
  }
  for (const f of formats) {
    const name = formatName(f.name);
    if (name === undefined) warn(f.node, `unknown format '${f.name}' in 'formats'; ignored`);
    else if (c.format === undefined) c.format = name;
    else if (name !== c.format) warn(f.node, `dockhand writes one format: '${f.name}' in 'formats' is ignored (using '${c.format}')`);
  }
  if (warnings.length > 0) out.warnings = warnings;
  return out;
}

/**
 * A warning for each rule key of a list (`ignored:`, `override.<severity>:`) or map (`rules:`) that
 * can do nothing (ruleKeyProblem), as the command line's --ignore and --error warn. The key is kept:
 * it matches no finding.
 */
function checkCodes(v: Node | null, key: string, warn: (node: Node | null | undefined, msg: string) => void, node: Deref): void {
  const keys: Node[] = [];
  if (isSeq(v)) for (const it of v.items) keys.push(node(it) ?? (it as Node));
  else if (isMap(v)) for (const p of v.items as Pair<Node, unknown>[]) keys.push(node(p.key) ?? p.key);
  for (const n of keys) {
    if (!isScalar(n)) continue;
    const code = String(n.value ?? '').trim();
    const problem = ruleKeyProblem(code);
    if (problem === 'empty') warn(n, `an empty rule code in '${key}'; skipped`);
    else if (problem) warn(n, ruleKeyWarning(problem, `'${code}' in '${key}'`));
  }
}

type Fail = (node: Node | null | undefined, msg: string, offset?: number) => never;

/** Resolves an alias and reads a null value as no node (see `node` in parseConfigText). */
type Deref = (n: unknown) => Node | null;

function strings(v: Node | null, key: string, fail: Fail, node: Deref): string[] {
  if (v === null) return [];
  if (!isSeq(v)) return fail(v, `'${key}' must be a list`);
  return v.items.map((raw) => {
    const it = node(raw);
    if (!isScalar(it) || (typeof it.value !== 'string' && typeof it.value !== 'number')) return fail((it ?? raw) as Node, `'${key}' entries must be strings`);
    return String(it.value);
  });
}

function bool(v: Node | null, key: string, fail: Fail): boolean {
  if (!isScalar(v) || typeof v.value !== 'boolean') return fail(v, `'${key}' must be true or false`);
  return v.value;
}

function checkFormat(f: string, node: Node | null, fail: Fail): string {
  return formatName(f) ?? fail(node, `unknown format '${f}' (use ${FORMATS.join(', ')})`);
}

/** `rules: { CODE: off | <severity> | { severity?: ..., <setting>: ... } }`. */
function readRules(v: Node | null, c: Partial<LintConfig>, fail: Fail, node: Deref, doc: Document): void {
  if (v === null) return;
  if (!isMap(v)) fail(v, "'rules' must map rule codes or names to off, a severity, or settings");
  const severity: Record<string, SeverityOverride> = { ...c.severity };
  const ignored: string[] = [...(c.ignored ?? [])];
  const settings: Record<string, unknown> = { ...c.settings };
  for (const p of (v as unknown as { items: Pair<Node, Node | null>[] }).items) {
    const keyNode = node(p.key);
    const code = isScalar(keyNode) ? String(keyNode.value) : '';
    const val = node(p.value);
    if (isScalar(val)) {
      const s = val.value === false ? 'off' : String(val.value);
      if (s === 'off') addOverride(severity, code, 'off');
      else if (SEVERITIES.includes(s as Severity)) addOverride(severity, code, s as Severity);
      else fail(val, `rule '${code}': use off, error, warning, info, style or a mapping of settings`);
    } else if (isMap(val)) {
      const obj = val.toJS(doc) as Record<string, unknown>;
      const { severity: s, ...rest } = obj;
      if (s !== undefined) {
        if (s !== 'off' && !SEVERITIES.includes(s as Severity)) fail(val, `rule '${code}': severity must be off, error, warning, info or style`);
        addOverride(severity, code, s as SeverityOverride);
      }
      if (Object.keys(rest).length) settings[code] = rest;
    } else fail(val ?? p.key, `rule '${code}': use off, a severity, or a mapping of settings`);
  }
  c.severity = severity;
  c.ignored = ignored;
  c.settings = settings;
}
