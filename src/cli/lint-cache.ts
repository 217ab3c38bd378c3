// The results cache of `dockhand lint` (on by default, like Ruff's and ESLint's --cache): a file's
// findings keyed by everything they are computed from, and ShellCheck's findings per script.
//
// Keys are 16-byte digests (hash128.ts) the caller makes (lint.ts: the file's bytes, the effective
// config, dockhand's build, whether a build context is given, ShellCheck's binary); an entry also
// lists the questions the lint asked the build context with their answers (context-reads.ts), and
// is served only when they all still hold. Entries live in 16 shard files (by the key's first
// byte), so a run over one file reads one small file. A shard is
//
//   magic `DHLC0003`, u32 entry count, u32 0, the digest of the index;
//   the index: count × (16-byte key, 16-byte checksum of the payload, u32 payload offset,
//     u32 payload length, u32 last use in seconds, u8 kind, 3 × 0);
//   the payloads (UTF-8 JSON).
// A payload's checksum is CRC-32s (zlib's, native for a large save): a file entry's of its two
// halves (see partSum), a ShellCheck entry's of the whole; each u32 LE in an 8-byte half, the rest 0.
//
// A shard that is not one (foreign, truncated, an index that does not match its digest) is
// ignored with a note and replaced on the next save; so is a payload that does not match its
// checksum (checked when it is used). Saves are atomic (temp file + rename) under a lock file, and
// merge what another process saved meanwhile; each shard keeps at most its share of `maxBytes`,
// dropping the entries used longest ago.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Hash128, hash128 } from '../core/hash128.js';
import { crc32, useNativeCrc32, useNativeCrc32For } from '../core/crc32.js';
import { readRegular } from '../core/read-regular.js';
import { lock, stamp, writeAtomically } from '../core/atomic-file.js';
import { severityRank, type Diagnostic, type Severity } from '../core/diagnostic.js';
import { errnoReason } from '../core/errno.js';
import type { ScComment, ScriptStore } from '../shell/shellcheck.js';
import type { ContextRead, RootStamp } from './context-reads.js';

const MAGIC = Buffer.from('DHLC0003');
const EMPTY = Buffer.alloc(0);
const HEAD = 32;
const ROW = 48;
const SHARDS = 16;
/** Default bound of the whole cache (every shard keeps a sixteenth). */
export const DEFAULT_MAX_BYTES = 64 * 1024 * 1024;
/** From this many entries read in a run on, their checksums are zlib's CRC-32 (loaded once, ~1 ms). */
const NATIVE_SUMS_AFTER = 32;
/** A hit on an entry last used longer ago than this rewrites its shard, to keep its age honest. */
const REFRESH_SECONDS = 24 * 3600;

/** What kind of payload an entry holds. */
const FILE = 1;
const SCRIPT = 2;

/** A file's lint, to cache: findings, and the build-context reads they depend on. */
export interface FileEntry {
  /** Every question the lint asked the build context, with its answer. */
  reads: ContextRead[];
  /**
   * The context root's stat, taken before any question was asked, when it vouches for the root's
   * entries (ContextAnswers.rootStamp): while the root's stat is this, the questions that read only
   * its entries keep their answers without being asked again (as a run record's do).
   */
  root?: RootStamp;
  diagnostics: Diagnostic[];
  /** The file had scripts for ShellCheck (a run where ShellCheck is missing says so). */
  scripts: boolean;
  /**
   * The report as `--format json` writes it (formatters/json.ts reportJson), when made: its text, or
   * its UTF-8 bytes as the run printed them (kept as they are: not encoded, nor copied, again).
   */
  json?: string | Uint8Array;
}

/** A cached lint as read back: the findings are decoded only when asked for. */
export interface CachedFile {
  reads: ContextRead[];
  /** The root stamp the reads were recorded under (unchecked: ContextAnswers.holds checks it). */
  root?: unknown;
  scripts: boolean;
  /** How many findings there are, and the most severe (enough for the exit code). */
  count: number;
  worst: Severity | null;
  readonly diagnostics: Diagnostic[];
  /** The json text's UTF-8 bytes, as stored (printed as they are). */
  json?: Uint8Array;
}

interface Row {
  /** Where the row is in the file (its payload digest is there). */
  at: number;
  offset: number;
  length: number;
  stamp: number;
  kind: number;
}

interface Shard {
  file: string;
  /** size:mtime:inode of the file as loaded ('' when there was none). */
  stamp: string;
  buf: Buffer;
  rows: Map<string, Row>;
  /** Entries made (or refreshed) in this run, to write: key → entry. */
  fresh: Map<string, Fresh>;
  dirty: boolean;
}

/**
 * An entry to write. Its payload is kept in the parts it was made of (a file entry's: its header
 * line, findings, a newline and json text, which is the bytes the run printed), and written from
 * there. `sum`: the checksum a refreshed entry was stored with (kept, never recomputed: a part of it
 * may be unchecked); a new entry's is computed when written.
 */
interface Fresh {
  kind: number;
  parts: readonly Uint8Array[];
  length: number;
  stamp: number;
  sum?: Uint8Array;
  /** The parts as one buffer, once asked for (an entry read back in the run that made it). */
  joined?: Buffer;
}

const NEWLINE = Buffer.from('\n');

/** The results cache in one directory. */
export class LintCache {
  /** One line per damaged or foreign cache file met, for stderr. */
  readonly notes: string[] = [];
  /**
   * Problems of the place rather than the files (unreadable, unwritable: a read-only home in CI),
   * for --verbose only: the run is just slower, and saying so on every run would be noise.
   */
  readonly quietNotes: string[] = [];
  hits = 0;
  misses = 0;
  private readonly shards: (Shard | undefined)[] = new Array(SHARDS);
  private readonly now = Math.floor(Date.now() / 1000);
  /** Entries checked so far (see NATIVE_SUMS_AFTER). */
  private checked = 0;

  constructor(readonly dir: string, private readonly maxBytes = DEFAULT_MAX_BYTES) {}

  /** The key of `parts` (strings and bytes, each length-prefixed so no two lists run together). */
  /**
   * A file entry's key: the digest of what a run's files share (`prefix`, from {@link key}), the
   * digest of the file's bytes, and its name, hashed in one pass (the two digests' fixed length
   * keeps the parts apart).
   */
  static fileKey(prefix: Uint8Array, digest: Uint8Array, filename: string): Buffer {
    return new Hash128().update(prefix).update(digest).update(filename).digest();
  }

  static key(...parts: (string | Uint8Array)[]): Buffer {
    const h = new Hash128();
    for (const p of parts) {
      const b = typeof p === 'string' ? Buffer.from(p) : p;
      h.update(String(b.length)).update(':').update(b);
    }
    return h.digest();
  }

  /**
   * The cached lint of a file under `key`, when there is a sound one. `json`: the caller prints
   * `--format json`, so when the entry has that text its findings need not be decoded (nor their
   * part of the payload checked) unless asked for.
   */
  getFile(key: Buffer, json = false): CachedFile | undefined {
    let usable = true;
    const payload = this.get(key, FILE, (p, sum) => {
      const parts = fileParts(p);
      if (!parts || partSum(p, parts, 'rest') !== sum.readUInt32LE(0)) return false;
      // The findings' own digest, checked now unless the json text will do.
      if (json && parts.json < p.length) return true;
      // An entry made by a json run may have no findings: not damaged, just of no use here.
      if (parts.findings === parts.head + 1) return !(usable = false);
      return partSum(p, parts, 'findings') === sum.readUInt32LE(8);
    });
    if (payload && !usable) {
      this.misses++;
      return undefined;
    }
    const entry = payload && parseFileEntry(payload, this.lazyCheck(key));
    if (entry) this.hits++;
    else this.misses++;
    return entry;
  }

  /** The check of a file entry's findings when they are decoded later (see getFile's `json`). */
  private lazyCheck(key: Buffer): (payload: Buffer) => boolean {
    return (payload) => {
      const shard = this.shard(key);
      const row = shard.rows.get(key.toString('latin1'));
      if (!row) return true; // made in this run
      const parts = fileParts(payload)!;
      return partSum(payload, parts, 'findings') === shard.buf.readUInt32LE(row.at + 24);
    };
  }

  /**
   * The payload: a header line (reads, scripts, count, worst severity), a line of findings, then
   * the json report (JSON text holds no raw newline, except that last part, which runs to the end).
   * `findings: false` (a json run, which reads the json text only) leaves the findings line empty,
   * half the size; an entry made under the same key with the same header (the same inputs, the
   * same context answers, hence the same findings) lends the part this one lacks.
   */
  setFile(key: Buffer, entry: FileEntry, findings = true): void {
    let worst: Severity | null = null;
    for (const d of entry.diagnostics) if (worst === null || severityRank(d.severity) > severityRank(worst)) worst = d.severity;
    const head = JSON.stringify({ r: entry.reads, ...(entry.root && { t: entry.root }), s: entry.scripts ? 1 : 0, n: entry.diagnostics.length, w: worst });
    let body: Uint8Array = findings ? Buffer.from(JSON.stringify(entry.diagnostics)) : EMPTY;
    let json: Uint8Array = typeof entry.json === 'string' ? Buffer.from(entry.json) : entry.json ?? EMPTY;
    if (!body.length || !json.length) {
      const old = this.soundParts(key, head);
      if (old && !body.length) body = old.findings;
      if (old && !json.length) json = old.json;
    }
    this.set(key, FILE, [Buffer.from(`${head}\n`), body, NEWLINE, json]);
  }

  /** The findings and json text of the loaded entry under `key` when its header is `head` (each part only if sound, else empty). */
  private soundParts(key: Buffer, head: string): { findings: Uint8Array; json: Uint8Array } | undefined {
    const shard = this.shard(key);
    const row = shard.rows.get(key.toString('latin1'));
    if (!row || row.kind !== FILE) return undefined;
    const p = shard.buf.subarray(row.offset, row.offset + row.length);
    const parts = fileParts(p);
    if (!parts || p.toString('utf8', 0, parts.head) !== head) return undefined;
    const sum = shard.buf.subarray(row.at + 16, row.at + 32);
    const restSound = partSum(p, parts, 'rest') === sum.readUInt32LE(0);
    const findingsSound = partSum(p, parts, 'findings') === sum.readUInt32LE(8);
    return {
      findings: findingsSound ? p.subarray(parts.head + 1, parts.findings) : EMPTY,
      json: restSound ? p.subarray(parts.json) : EMPTY,
    };
  }

  /** ShellCheck's findings per script, kept here (keys are hashed: they hold whole scripts). */
  scriptStore(): ScriptStore {
    const keyOf = (k: string) => hash128(k);
    return {
      get: (k) => {
        const payload = this.get(keyOf(k), SCRIPT, (p, sum) => crc32(p) === sum.readUInt32LE(0));
        if (!payload) return undefined;
        try {
          const v = JSON.parse(payload.toString('utf8')) as unknown;
          return Array.isArray(v) && v.every(isScComment) ? v : undefined;
        } catch {
          return undefined;
        }
      },
      set: (k, comments) => {
        this.set(keyOf(k), SCRIPT, [Buffer.from(JSON.stringify(comments))]);
      },
    };
  }

  /** Writes every shard that changed; problems become notes, never errors. */
  save(): void {
    // Thousands of new entries (a first run over many files): zlib's CRC-32 is worth its loading.
    let fresh = 0;
    for (const shard of this.shards) for (const f of shard?.fresh.values() ?? []) if (!f.sum) fresh += f.length;
    useNativeCrc32For(fresh);
    for (const shard of this.shards) {
      if (!shard?.dirty) continue;
      try {
        mkdirSync(this.dir, { recursive: true, mode: 0o700 });
        const unlock = lock(`${shard.file}.lock`);
        try {
          this.write(shard);
        } finally {
          unlock();
        }
      } catch (err) {
        this.note(`cannot write the results cache in ${this.dir}: ${errnoReason(err)}`, true);
        return;
      }
    }
  }

  /** The payload under `key` when it is of `kind` and `sound` says it matches its digest. */
  private get(key: Buffer, kind: number, sound: (payload: Buffer, sum: Buffer) => boolean): Buffer | undefined {
    const shard = this.shard(key);
    const k = key.toString('latin1');
    const fresh = shard.fresh.get(k);
    if (fresh) return fresh.kind === kind ? (fresh.joined ??= Buffer.concat(fresh.parts, fresh.length)) : undefined;
    const row = shard.rows.get(k);
    if (!row || row.kind !== kind) return undefined;
    const payload = shard.buf.subarray(row.offset, row.offset + row.length);
    // A run reading many entries (thousands of files, one changed) sums them with zlib's CRC-32.
    if (++this.checked === NATIVE_SUMS_AFTER) useNativeCrc32();
    if (!sound(payload, shard.buf.subarray(row.at + 16, row.at + 32))) {
      this.damaged(shard, k);
      return undefined;
    }
    if (this.now - row.stamp > REFRESH_SECONDS) {
      shard.fresh.set(k, { kind, parts: [payload], length: payload.length, stamp: this.now, sum: Buffer.from(shard.buf.subarray(row.at + 16, row.at + 32)) });
      shard.dirty = true;
    }
    return payload;
  }

  /** An entry that does not match its digest: dropped (the next save leaves it out), with a note. */
  private damaged(shard: Shard, k: string): void {
    this.note(`the results cache file ${shard.file} is damaged (an entry does not match its checksum); ignored (it will be replaced)`);
    shard.rows.delete(k);
    shard.fresh.delete(k);
    shard.dirty = true;
  }

  private set(key: Buffer, kind: number, parts: readonly Uint8Array[]): void {
    const shard = this.shard(key);
    let length = 0;
    for (const p of parts) length += p.length;
    shard.fresh.set(key.toString('latin1'), { kind, parts, length, stamp: this.now });
    shard.dirty = true;
  }

  /**
   * The checksum written for a new entry. A new file entry's parts are setFile's four: header line,
   * findings, newline, json text (an entry read back and refreshed keeps the checksum it had).
   */
  private static sumOf(kind: number, parts: readonly Uint8Array[]): Buffer {
    const sum = Buffer.alloc(16);
    if (kind === FILE) {
      // The rest (header line, newline, json text), then the findings: partSum's halves.
      const [headLine, body, newline, json] = parts as [Uint8Array, Uint8Array, Uint8Array, Uint8Array];
      sum.writeUInt32LE(crc32(json, crc32(newline, crc32(headLine))), 0);
      sum.writeUInt32LE(crc32(body), 8);
    } else {
      let value = 0;
      for (const p of parts) value = crc32(p, value);
      sum.writeUInt32LE(value, 0);
    }
    return sum;
  }

  private shard(key: Buffer): Shard {
    const i = key[0]! & (SHARDS - 1);
    let shard = this.shards[i];
    if (!shard) {
      const file = join(this.dir, `lint-${i.toString(16)}.bin`);
      const loaded = this.load(file);
      shard = { file, stamp: loaded.stamp, buf: loaded.buf, rows: loaded.rows, fresh: new Map(), dirty: false };
      this.shards[i] = shard;
    }
    return shard;
  }

  /** Reads a shard file; anything but a sound one reads as empty (with a note unless it is missing). */
  private load(file: string): { stamp: string; buf: Buffer; rows: Map<string, Row> } {
    const empty = { stamp: '', buf: Buffer.alloc(0), rows: new Map<string, Row>() };
    let buf: Buffer;
    let loadedStamp: string;
    try {
      buf = readRegular(file);
      loadedStamp = stamp(file);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code !== 'ENOENT' && code !== 'ENOTDIR') this.note(`cannot read the results cache file ${file}: ${(err as Error).message}; ignored`, true);
      return empty;
    }
    const rows = decodeShard(buf);
    if (typeof rows === 'string') {
      // Another version's format is expected after an upgrade: said with --verbose only.
      const older = buf.subarray(0, 4).equals(MAGIC.subarray(0, 4)) && !buf.subarray(0, 8).equals(MAGIC);
      this.note(older ? `the results cache file ${file} is another version's; replaced` : `the results cache file ${file} ${rows}; ignored (it will be replaced)`, older);
      return { ...empty, stamp: loadedStamp };
    }
    return { stamp: loadedStamp, buf, rows };
  }

  private write(shard: Shard): void {
    // Another process saved this shard since it was loaded: keep what it added.
    const theirs = stamp(shard.file) !== shard.stamp ? this.load(shard.file) : undefined;
    const entries: { key: string; kind: number; parts: readonly Uint8Array[]; length: number; stamp: number; sum?: Uint8Array }[] = [];
    const seen = new Set<string>();
    for (const [key, f] of shard.fresh) {
      entries.push({ key, kind: f.kind, parts: f.parts, length: f.length, stamp: f.stamp, sum: f.sum });
      seen.add(key);
    }
    // An entry carried over keeps its digest: a damaged one stays detectable, never re-blessed.
    const keep = (from: { buf: Buffer; rows: Map<string, Row> }) => {
      for (const [key, row] of from.rows) {
        if (seen.has(key)) continue;
        seen.add(key);
        entries.push({ key, kind: row.kind, parts: [from.buf.subarray(row.offset, row.offset + row.length)], length: row.length, stamp: row.stamp, sum: from.buf.subarray(row.at + 16, row.at + 32) });
      }
    };
    if (theirs) keep(theirs);
    keep(shard);
    // Most recently used first; drop what does not fit.
    entries.sort((a, b) => b.stamp - a.stamp);
    const budget = Math.floor(this.maxBytes / SHARDS);
    let size = HEAD;
    let n = 0;
    while (n < entries.length && size + ROW + entries[n]!.length <= budget) size += ROW + entries[n++]!.length;
    // The index is made here; the payloads are written from where they are (no copy of megabytes
    // into one new buffer: its pages alone cost more than the writing).
    const index = Buffer.alloc(HEAD + n * ROW);
    const chunks: Uint8Array[] = [index];
    MAGIC.copy(index, 0);
    index.writeUInt32LE(n, 8);
    let at = HEAD + n * ROW;
    for (let i = 0; i < n; i++) {
      const e = entries[i]!;
      const r = HEAD + i * ROW;
      index.write(e.key, r, 16, 'latin1');
      index.set(e.sum ?? LintCache.sumOf(e.kind, e.parts), r + 16);
      index.writeUInt32LE(at, r + 32);
      index.writeUInt32LE(e.length, r + 36);
      index.writeUInt32LE(e.stamp, r + 40);
      index[r + 44] = e.kind;
      for (const p of e.parts) if (p.length > 0) chunks.push(p);
      at += e.length;
    }
    hash128(index.subarray(HEAD)).copy(index, 16);
    writeAtomically(shard.file, chunks, 0o600);
    shard.dirty = false;
  }

  private note(msg: string, quiet = false): void {
    const list = quiet ? this.quietNotes : this.notes;
    if (!list.includes(msg)) list.push(msg);
  }
}

/** The rows of a shard file, or why it is not one. */
function decodeShard(buf: Buffer): Map<string, Row> | string {
  if (buf.length < HEAD || !buf.subarray(0, 8).equals(MAGIC)) return 'is not a dockhand lint cache';
  const count = buf.readUInt32LE(8);
  const dataStart = HEAD + count * ROW;
  if (dataStart > buf.length) return 'is truncated';
  if (!hash128(buf.subarray(HEAD, dataStart)).equals(buf.subarray(16, 32))) return 'is damaged (checksum mismatch)';
  const rows = new Map<string, Row>();
  for (let i = 0; i < count; i++) {
    const r = HEAD + i * ROW;
    const offset = buf.readUInt32LE(r + 32);
    const length = buf.readUInt32LE(r + 36);
    if (offset < dataStart || offset + length > buf.length) return 'is truncated';
    rows.set(buf.toString('latin1', r, r + 16), { at: r, offset, length, stamp: buf.readUInt32LE(r + 40), kind: buf[r + 44]! });
  }
  return rows;
}

/** Where a file entry's parts are: the header ends at `head`, the findings at `findings`, the json text starts at `json`. */
interface FileParts {
  head: number;
  findings: number;
  json: number;
}

function fileParts(payload: Buffer): FileParts | undefined {
  const head = payload.indexOf(0x0a);
  const findings = head < 0 ? -1 : payload.indexOf(0x0a, head + 1);
  return findings < 0 ? undefined : { head, findings, json: findings + 1 };
}

/**
 * Half a file entry's checksum (the CRC-32 at its start): of the findings line, or of the rest
 * (header and json text), so a run printing json checks only what it reads.
 */
function partSum(payload: Buffer, parts: FileParts, which: 'findings' | 'rest'): number {
  if (which === 'findings') return crc32(payload.subarray(parts.head + 1, parts.findings));
  return crc32(payload.subarray(parts.findings), crc32(payload.subarray(0, parts.head + 1)));
}

/** A file entry's payload, when its header has the shape this version writes (else undefined: a miss). */
function parseFileEntry(payload: Buffer, findingsSound: (payload: Buffer) => boolean): CachedFile | undefined {
  const parts = fileParts(payload);
  if (!parts) return undefined;
  let v: { r?: unknown; t?: unknown; s?: unknown; n?: unknown; w?: unknown };
  try {
    v = JSON.parse(payload.toString('utf8', 0, parts.head)) as typeof v;
  } catch {
    return undefined;
  }
  if (!v || !Array.isArray(v.r) || typeof v.n !== 'number' || !(v.w === null || SEVERITY.has(v.w as string))) return undefined;
  const json = parts.json < payload.length ? payload.subarray(parts.json) : undefined;
  let diagnostics: Diagnostic[] | undefined;
  return {
    reads: v.r as ContextRead[],
    ...(v.t !== undefined && { root: v.t }),
    scripts: v.s === 1,
    count: v.n,
    worst: v.w as Severity | null,
    ...(json !== undefined && { json }),
    // Decoded when a format needs the objects (json output uses the text above).
    get diagnostics(): Diagnostic[] {
      if (!diagnostics) {
        let d: unknown;
        // A json run's entry keeps no findings; getFile serves it to json runs only, which print its text.
        if (parts.findings === parts.head + 1) throw new Error('a results cache entry without findings was read for them (run with --no-cache)');
        try {
          if (!findingsSound(payload)) throw new Error('it does not match its checksum');
          d = JSON.parse(payload.toString('utf8', parts.head + 1, parts.findings));
        } catch (err) {
          throw new Error(`a results cache entry is damaged (${(err as Error).message}); run with --no-cache`);
        }
        // Sound, yet not what this build writes: only a writer of another shape gets here.
        if (!Array.isArray(d) || d.length !== v.n || !d.every(isDiagnostic)) throw new Error('a results cache entry has an unknown shape (run with --no-cache)');
        diagnostics = d as Diagnostic[];
      }
      return diagnostics;
    },
  };
}

const SEVERITY = new Set(['error', 'warning', 'info', 'style']);

function isRange(r: unknown): boolean {
  const x = r as Record<string, unknown> | null;
  return !!x && typeof x.start === 'number' && typeof x.end === 'number' && typeof x.startLine === 'number'
    && typeof x.startColumn === 'number' && typeof x.endLine === 'number' && typeof x.endColumn === 'number';
}

function isDiagnostic(d: unknown): boolean {
  const x = d as Record<string, unknown> | null;
  if (!x || typeof x.code !== 'string' || typeof x.message !== 'string' || !SEVERITY.has(x.severity as string) || !isRange(x.range)) return false;
  if (x.fix === undefined) return true;
  const f = x.fix as { edits?: unknown; safety?: unknown } | null;
  return !!f && (f.safety === 'safe' || f.safety === 'unsafe') && Array.isArray(f.edits)
    && f.edits.every((e: { range?: unknown; text?: unknown }) => !!e && isRange(e.range) && typeof e.text === 'string');
}

function isScComment(c: unknown): c is ScComment {
  const x = c as Record<string, unknown> | null;
  return !!x && typeof x.line === 'number' && typeof x.column === 'number' && typeof x.endLine === 'number'
    && typeof x.endColumn === 'number' && typeof x.code === 'number' && typeof x.message === 'string' && typeof x.level === 'string';
}
