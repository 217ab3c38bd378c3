// `RUN --mount=<csv>` specs parsed and validated as BuildKit does (instructions/commands_runmount.go and
// the dispatch-time defaults of dockerfile2llb), with every value variable-expanded first.
import type { CsvField } from './csv.js';
import { parseCsvRecord } from './csv.js';
import { basePath, cleanPath, joinPath } from './paths.js';

/** The mount types BuildKit knows. */
export type MountType = 'bind' | 'cache' | 'tmpfs' | 'secret' | 'ssh';
/** Cache mount sharing modes. */
export type MountSharing = 'shared' | 'private' | 'locked';

/** One `key=value` (or bare `key`) field of a mount spec. */
export interface MountField {
  /** Key lower-cased, as BuildKit compares it. */
  key: string;
  /** Value after expansion; null for a bare flag (`ro`, `required`). */
  value: string | null;
  /** The value as written; null for a bare flag. */
  rawValue: string | null;
  /** [start, end) of the whole field within the flag value. */
  start: number;
  end: number;
}

/** A parsed `--mount`: explicit options plus BuildKit's defaults. */
export interface MountSpec {
  type: MountType;
  /** `from=`: stage name, index-like name or image; for cache mounts defaults to `scratch` (not set here). */
  from?: string;
  /** `source=`/`src=`: path in `from` (bind, cache) or secret source id. */
  source?: string;
  /** `target=`/`dst=`/`destination=` as written (after expansion). */
  target?: string;
  /**
   * Absolute mount point: a relative target joined with the WORKDIR (bind, cache, tmpfs); for secrets
   * `/run/secrets/<basename(id)>` when no target and no `env=`; undefined for ssh without target.
   */
  effectiveTarget?: string;
  /** `id=` as written. */
  id?: string;
  /** Cache id (default: cleaned target), secret id (source, id or basename of target), ssh id (default `default`). */
  effectiveId?: string;
  readonly: boolean;
  /** Cache sharing (default `shared` for cache mounts). */
  sharing?: MountSharing;
  required: boolean;
  /** `mode=` (octal); secret mounts default to 0o400 and ssh to 0o600. */
  mode?: number;
  uid?: number;
  gid?: number;
  /** tmpfs `size=` in bytes. */
  size?: number;
  /** secret `env=`: expose the secret as this environment variable. */
  env?: string;
  fields: MountField[];
}

/**
 * Expands one mount value; `start`/`end` locate the value in the spec (the whole field when it was
 * quoted). Returns the expanded value or the error text.
 */
export type MountExpander = (value: string, start: number, end: number) => { value: string } | { error: string };

const MOUNT_TYPES = new Set<string>(['bind', 'cache', 'tmpfs', 'secret', 'ssh']);
const SHARING = new Set<string>(['shared', 'private', 'locked']);

/** Go's strconv.ParseBool. */
function parseBool(v: string): boolean | undefined {
  if (['1', 't', 'T', 'TRUE', 'true', 'True'].includes(v)) return true;
  if (['0', 'f', 'F', 'FALSE', 'false', 'False'].includes(v)) return false;
  return undefined;
}

/** Go's strconv.ParseUint(v, base, 32) for bases 8 and 10 (no sign, no prefix, no underscores). */
function parseUint32(v: string, base: 8 | 10): number | undefined {
  const re = base === 8 ? /^[0-7]+$/ : /^[0-9]+$/;
  if (!re.test(v)) return undefined;
  const n = parseInt(v, base);
  return n <= 0xffffffff ? n : undefined;
}

/** docker/go-units RAMInBytes: `64m`, `1g`, `512k`, `1.5GiB` (binary multiples). */
function ramInBytes(v: string): number | undefined {
  const m = /^(\d+(?:\.\d+)*) ?([kKmMgGtTpP])?[iI]?[bB]?$/.exec(v);
  if (!m) return undefined;
  const size = parseFloat(m[1]!);
  if (Number.isNaN(size)) return undefined;
  const unit = (m[2] ?? '').toLowerCase();
  const mult = { '': 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3, t: 1024 ** 4, p: 1024 ** 5 }[unit] ?? 1;
  return Math.trunc(size * mult);
}

/**
 * Parses a mount spec the way BuildKit's dispatcher does: CSV fields, keys lower-cased, values expanded,
 * validated in field order (so `required` before `type=secret` is an error, as in BuildKit), then the
 * defaults applied. `workdir` resolves relative targets. Returns the spec or BuildKit's error message.
 */
export function parseMount(
  spec: string,
  expand: MountExpander,
  workdir: string | null,
): { mount: MountSpec } | { error: string; fields: MountField[] } {
  const csv = parseCsvRecord(spec);
  if ('error' in csv) return { error: `failed to parse csv mounts: ${csv.error}`, fields: [] };
  const fields: MountField[] = [];
  const m: MountSpec = { type: 'bind', readonly: false, required: false, fields };
  let roAuto = true;
  const fail = (error: string) => ({ error, fields });

  // Parse time: `from` must not use variables (a trailing `$` is allowed).
  for (const f of csv.fields) {
    const eq = f.text.indexOf('=');
    if (eq < 0 || f.text.slice(0, eq).toLowerCase() !== 'from') continue;
    const value = f.text.slice(eq + 1);
    const dollar = value.indexOf('$');
    if (dollar >= 0 && dollar !== value.length - 1) {
      return fail("'from' doesn't support variable expansion, define alias stage instead");
    }
  }

  for (const f of csv.fields) {
    const field = toField(f, expand);
    if ('error' in field) return fail(field.error);
    fields.push(field);
    const { key, value } = field;
    if (value === null) {
      switch (key) {
        case 'readonly': case 'ro':
          m.readonly = true; roAuto = false; continue;
        case 'readwrite': case 'rw':
          m.readonly = false; roAuto = false; continue;
        case 'required':
          if (m.type === 'secret' || m.type === 'ssh') { m.required = true; continue; }
          return fail(`unexpected key '${key}' for mount type '${m.type}'`);
        default:
          return fail(`invalid field '${f.text}' must be a key=value pair`);
      }
    }
    switch (key) {
      case 'type': {
        const t = value.toLowerCase();
        if (!MOUNT_TYPES.has(t)) return fail(`unsupported mount type "${value}"`);
        m.type = t as MountType;
        break;
      }
      // BuildKit tests `From != ""`: an empty from= mounts what no from= does (the context; a cache
      // mount's own directory), so it is left unset.
      case 'from': m.from = value === '' ? undefined : value; break;
      case 'source': case 'src': m.source = value; break;
      case 'target': case 'dst': case 'destination': m.target = value; break;
      case 'readonly': case 'ro': {
        const b = parseBool(value);
        if (b === undefined) return fail(`invalid value for ${key}: ${value}`);
        m.readonly = b; roAuto = false; break;
      }
      case 'readwrite': case 'rw': {
        const b = parseBool(value);
        if (b === undefined) return fail(`invalid value for ${key}: ${value}`);
        m.readonly = !b; roAuto = false; break;
      }
      case 'required': {
        if (m.type !== 'secret' && m.type !== 'ssh') return fail(`unexpected key '${key}' for mount type '${m.type}'`);
        const b = parseBool(value);
        if (b === undefined) return fail(`invalid value for ${key}: ${value}`);
        m.required = b; break;
      }
      case 'size': {
        if (m.type !== 'tmpfs') return fail(`unexpected key '${key}' for mount type '${m.type}'`);
        const n = ramInBytes(value);
        if (n === undefined) return fail(`invalid value for ${key}: ${value}`);
        m.size = n; break;
      }
      case 'id': m.id = value; break;
      case 'sharing': {
        const s = value.toLowerCase();
        if (!SHARING.has(s)) return fail(`unsupported sharing value "${value}"`);
        m.sharing = s as MountSharing; break;
      }
      case 'mode': {
        const n = parseUint32(value, 8);
        if (n === undefined) return fail(`invalid value ${value} for mode`);
        m.mode = n; break;
      }
      case 'uid': case 'gid': {
        const n = parseUint32(value, 10);
        if (n === undefined) return fail(`invalid value ${value} for ${key}`);
        m[key] = n; break;
      }
      case 'env': m.env = value; break;
      default:
        return fail(`unexpected key '${key}' in '${f.text}'`);
    }
  }

  const error = validate(m, roAuto);
  if (error) return fail(error);
  const targetError = applyDefaults(m, workdir);
  if (targetError) return fail(targetError);
  return { mount: m };
}

function toField(f: CsvField, expand: MountExpander): MountField | { error: string } {
  const eq = f.text.indexOf('=');
  if (eq < 0) return { key: f.text.toLowerCase(), value: null, rawValue: null, start: f.start, end: f.end };
  const rawValue = f.text.slice(eq + 1);
  const quoted = f.end - f.start !== f.text.length;
  const expanded = quoted ? expand(rawValue, f.start, f.end) : expand(rawValue, f.start + eq + 1, f.end);
  if ('error' in expanded) return expanded;
  return { key: f.text.slice(0, eq).toLowerCase(), value: expanded.value, rawValue, start: f.start, end: f.end };
}

function validate(m: MountSpec, roAuto: boolean): string | undefined {
  const fileInfoAllowed = m.type === 'secret' || m.type === 'ssh' || m.type === 'cache';
  if (!fileInfoAllowed) {
    if (m.mode !== undefined) return `mode not allowed for "${m.type}" type mounts`;
    if (m.uid !== undefined) return `uid not allowed for "${m.type}" type mounts`;
    if (m.gid !== undefined) return `gid not allowed for "${m.type}" type mounts`;
  }
  if (roAuto) m.readonly = !(m.type === 'cache' || m.type === 'tmpfs');
  if (m.type === 'secret') {
    if (m.from) return 'secret mount should not have a from';
    if (m.sharing) return 'secret mount should not define sharing';
    if (!m.source && !m.target && !m.id) return 'invalid secret mount. one of source, target required';
    if (m.source && m.id) return "both source and id can't be set";
  }
  if (m.sharing && m.type !== 'cache') return `invalid cache sharing set for ${m.type} mount`;
  return undefined;
}

/** Dispatch-time defaults; returns BuildKit's error for a mount over `/`. */
function applyDefaults(m: MountSpec, workdir: string | null): string | undefined {
  switch (m.type) {
    case 'secret': {
      const id = m.source || m.id || basePath(m.target ?? '');
      m.effectiveId = id;
      m.effectiveTarget = m.target || (m.env === undefined ? `/run/secrets/${basePath(id)}` : undefined);
      m.mode ??= 0o400;
      return undefined;
    }
    case 'ssh':
      if (m.source) return 'ssh does not support source';
      m.effectiveId = m.id || 'default';
      m.effectiveTarget = m.target || undefined;
      m.mode ??= 0o600;
      return undefined;
    default: {
      const target = m.target ?? '';
      const abs = cleanPath(target).startsWith('/') ? target : joinPath('/', workdir ?? '/', target);
      m.effectiveTarget = cleanPath(abs);
      if (m.effectiveTarget === '/') return `invalid mount target "/"`;
      if (m.type === 'cache') {
        m.effectiveId = m.id || cleanPath(target);
        m.sharing ??= 'shared';
      }
      return undefined;
    }
  }
}
