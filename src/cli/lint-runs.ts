// The results cache's shortcut for a run in which nothing changed (CI and pre-commit run the same
// command line again and again): the whole output of an earlier run with the same command line,
// served when every input file has the same stat as then, every config and build context resolves
// the same way, and every question the rules asked a build context gets the same answer.
//
// A file's stat stands for its content only when it could not have changed unseen: the run that
// made the record read the file after its last modification time by more than the timestamp
// granularity (Git's racy-clean rule, context/listings.ts); a record with any other file is not
// kept. Anything else (a changed file, an unreadable one, stdin, --fix, --verbose) goes the
// per-file way (lint-cache.ts), which makes a new record at the end. In a json run that goes that
// way, the files whose stat is the same as in the record are not read: the record says what their
// bytes were (a digest of them); those whose build context gives the recorded answers are printed
// from their element of the recorded output (RunLookup.served: their findings cannot have changed),
// and the others' results-cache entries are found by that digest.
//
// One file per record in the cache directory, `run-<key>.bin`: magic `DHLR0005`, then (u32 LE) the
// number of inputs, the length of the JSON part, the CRC-32 of the table and the JSON part, and
// the CRC-32 of the output; then the table: for each input its stat (five float64 LE: dev, ino,
// size, mtimeMs, ctimeMs), the digest of its bytes (16 bytes) and its element of a json output (u32
// LE length and number of findings, a u8 for the most severe finding: 0 for none, else its
// severityRank, a u8 that is 1 when it has scripts for ShellCheck, two 0 bytes); then the output
// (UTF-8); then the JSON part (context reads, exit code, findings, and `elements: true` when the
// output is a json report made of those elements) to the end of the file. The output comes before
// the JSON part because a json run writes it as it prints it (RunWriter): nothing of it is held in
// memory for the record.
// The output is read in bounded chunks through one buffer, checked whole before its first byte is
// written, then read again to be written: a record of thousands of files holds megabytes, and
// memory touched costs more than reading from the page cache twice. Served elements are copied
// from the record through the same kind of window.
// At most RUNS_KEPT records (and RUNS_MAX_BYTES) are kept, the newest.
import { closeSync, fstatSync, mkdirSync, openSync, readdirSync, readSync, renameSync, statSync, unlinkSync, writevSync, type Stats } from 'node:fs';
import { join } from 'node:path';
import { crc32, useNativeCrc32For } from '../core/crc32.js';
import { racy } from '../context/listings.js';
import { writeAllv } from '../core/write-all.js';
import { openRegular } from '../core/read-regular.js';
import type { ContextAnswers, ContextRead, RootStamp } from './context-reads.js';
import { LintCache } from './lint-cache.js';
import { severityRank, type Severity } from '../core/diagnostic.js';

const MAGIC = Buffer.from('DHLR0005');
const PREFIX = 24;
const STAT_BYTES = 40;
const DIGEST_BYTES = 16;
/** An input's element of a json output: its length, its findings, the most severe, scripts, 2 × 0. */
const ELEMENT_BYTES = 12;
/** One input's row of the table: its stat, the digest of its bytes, its element. */
const INPUT_BYTES = STAT_BYTES + DIGEST_BYTES + ELEMENT_BYTES;
/** How `--format json` puts its elements together (commands/lint.ts JsonStream). */
const JSON_OPEN = Buffer.from('[\n');
const JSON_COMMA = 2;
const JSON_CLOSE = Buffer.from('\n]\n');
/** A severity by its rank (severityRank; 0: no findings). */
const BY_RANK: readonly (Severity | null)[] = [null, 'style', 'info', 'warning', 'error'];
/** The buffer the header and output are read through (a larger table gets a buffer of its own). */
const CHUNK = 512 * 1024;
const RUNS_KEPT = 8;
const RUNS_MAX_BYTES = 128 * 1024 * 1024;
/** A record still being written this long after it was started was left by a run that died. */
const STALE_TEMP_MS = 3600 * 1000;

/** What a run leaves for the next one with the same command line (its output: RunWriter.write). */
export interface RunRecord {
  /** Each input's stat, in input order. */
  stats: readonly Stats[];
  /** The digest of each input's bytes (16 bytes, the results cache's; LintResults.digest), in input order. */
  digests: readonly Uint8Array[];
  /** The build-context questions the rules asked, with their answers, by context (its key). */
  reads: Record<string, ContextRead[]>;
  /** Each context's root stat, where it can vouch for the root's entries (ContextAnswers.rootStamp). */
  roots: Record<string, RootStamp>;
  /** The exit code without I/O problems (0 or 1), and how many findings were printed. */
  exit: number;
  findings: number;
  /**
   * When the output is a json report: each input's element of it, in input order (the output is
   * then `[\n`, the elements joined by `,\n`, and `\n]\n`).
   */
  elements?: readonly RecordedElement[];
}

/** An input's part of a json run's output, and what the exit code needs of its findings. */
export interface RecordedElement {
  /** Its length in bytes. */
  length: number;
  count: number;
  worst: Severity | null;
  scripts: boolean;
}

/**
 * An input's element of the recorded output, to print as it is (RunLookup.source copies it): where
 * it is in the record file, its findings' count and worst, and whether it has ShellCheck scripts.
 * `reads`: the recorded questions of its build context, on one input per context (the others get
 * none), so that the run's new record keeps them.
 */
export interface ServedElement {
  offset: number;
  length: number;
  count: number;
  worst: Severity | null;
  scripts: boolean;
  reads: ContextRead[];
  root?: RootStamp;
}

/** A record whose output was checked whole: copies parts of it; close() when done. */
export interface RecordSource {
  /** Copies `length` bytes of the record from `offset` into `target` at `at`. */
  copy(offset: number, length: number, target: Uint8Array, at: number): void;
  close(): void;
}

/** A record found to hold: its exit code and findings, and its output, still to be written. */
export interface RunHit {
  exit: number;
  findings: number;
  /**
   * Writes the recorded output (checked already) through `write`, chunk by chunk: each chunk is
   * only valid until the promise `write` returns settles. Closes the record either way.
   */
  serve(write: (chunk: Uint8Array) => Promise<void>): Promise<void>;
}

/**
 * What a record of the same command line says: the run itself, when everything still holds; else,
 * when the record is sound, the digest of each input whose stat is the same as then (by input index;
 * undefined for the others).
 */
export interface RunLookup {
  hit?: RunHit;
  known?: (Buffer | undefined)[];
  /**
   * Besides `known`, in a json record whose output is whole: the elements that still hold (by input
   * index), and the record to copy them from (the caller closes it).
   */
  served?: (ServedElement | undefined)[];
  source?: RecordSource;
}

/** Everything a run's output depends on besides its files' contents and its build contexts. */
export interface RunShape {
  build: string;
  cwd: string;
  format: string;
  color: boolean;
  shellcheck: string;
  /**
   * Per input: where it is, its config (a digest of its text) and its context (key, or none). The
   * name it is shown under is displayPath(path, cwd), and the cwd is in the shape.
   */
  inputs: { path: string; config: string; context: string | null }[];
}

/** The records of one cache directory. */
export class RunCache {
  /** Damaged or foreign records met (for stderr, as lint-cache.ts's notes). */
  readonly notes: string[] = [];

  constructor(readonly dir: string, readonly build: string) {}

  /**
   * The record's key, a digest of the shape. Its inputs go in as one line each (a path has no NUL):
   * the path and the places of its config and context in tables of each (thousands of inputs share
   * a few); the name an input is shown under is displayPath(path, cwd), and the cwd is in the shape.
   */
  key(shape: RunShape): string {
    const { inputs, ...rest } = shape;
    const configs = new Map<string, number>();
    const contexts = new Map<string | null, number>();
    const rows = inputs.map((i) => {
      let c = configs.get(i.config);
      if (c === undefined) configs.set(i.config, (c = configs.size));
      let x = contexts.get(i.context);
      if (x === undefined) contexts.set(i.context, (x = contexts.size));
      return `${i.path}\u0000${c}\u0000${x}`;
    });
    const head = JSON.stringify({ ...rest, inputs: inputs.length, configs: [...configs.keys()], contexts: [...contexts.keys()] });
    return LintCache.key('dockhand-run/2', head, rows.join('\u0000')).toString('hex');
  }

  /**
   * The record of `key` when it still holds (`hit`): same stats (each file as it is now, from
   * `stats`), every recorded context answer the same now (`answers` by context key), and the whole
   * record undamaged; the caller writes its output with `serve`. Else the digests of the inputs
   * whose stat is unchanged (`known`), when the record's header is sound; and of those, in a json
   * record, the elements whose context (`contextOf` an input: its key, or null) answers as then
   * (`served`).
   */
  lookup(key: string, stats: readonly Stats[], answers: ReadonlyMap<string, ContextAnswers>, contextOf?: (input: number) => string | null): RunLookup {
    const file = join(this.dir, `run-${key}.bin`);
    let fd: number;
    try {
      fd = openRegular(file);
    } catch (err) {
      // Something else in its place (a named pipe would have blocked the run): replaced by the next record.
      if ((err as NodeJS.ErrnoException).code === 'ENOTREG') this.notes.push(`the results cache file ${file} is not a regular file; ignored (it will be replaced)`);
      return {};
    }
    let found: RunLookup & { reading?: boolean } = {};
    try {
      found = this.check(fd, file, stats, answers, contextOf);
    } catch {
      found = {};
    }
    // A hit whose output is still to be read keeps the file open (serve closes it), as does a source.
    if (!found.reading) closeSync(fd);
    if (found.hit) return { hit: found.hit };
    if (!found.known) return {};
    return found.served ? { known: found.known, served: found.served, source: found.source } : { known: found.known };
  }

  private check(fd: number, file: string, stats: readonly Stats[], answers: ReadonlyMap<string, ContextAnswers>, contextOf?: (input: number) => string | null): RunLookup & { reading?: boolean } {
    const damaged = (why: string) => {
      this.notes.push(`the results cache file ${file} ${why}; ignored (it will be replaced)`);
      return {};
    };
    let buf = Buffer.allocUnsafeSlow(CHUNK);
    let got = readFull(fd, buf, 0, CHUNK, 0);
    if (got < PREFIX || !buf.subarray(0, 8).equals(MAGIC)) return damaged('is not a dockhand lint cache');
    const count = buf.readUInt32LE(8);
    const jsonLength = buf.readUInt32LE(12);
    const tableEnd = PREFIX + count * INPUT_BYTES;
    // (The prefix is outside the checksums: a header no record could have is not read.)
    if (tableEnd + jsonLength > RUNS_MAX_BYTES) return damaged('is damaged (its header length is impossible)');
    const size = fstatSync(fd).size;
    const outEnd = size - jsonLength;
    if (outEnd < tableEnd) return damaged('is truncated');
    if (tableEnd > got) {
      // A table larger than the buffer (tens of thousands of inputs) gets one of its own.
      const big = Buffer.allocUnsafeSlow(tableEnd);
      buf.copy(big, 0, 0, got);
      got += readFull(fd, big, got, tableEnd - got, got);
      if (got < tableEnd) return damaged('is truncated');
      buf = big;
    }
    // What was read past the output belongs to the JSON part.
    got = Math.min(got, outEnd);
    const json = Buffer.allocUnsafe(jsonLength);
    if (readFull(fd, json, 0, jsonLength, outEnd) < jsonLength) return damaged('is truncated');
    if (crc32(json, crc32(buf.subarray(PREFIX, tableEnd))) !== buf.readUInt32LE(16)) return damaged('is damaged (checksum mismatch)');
    if (count !== stats.length) return {};
    const same = (i: number, at: number) => {
      const st = stats[i]!;
      return buf.readDoubleLE(at) === st.dev && buf.readDoubleLE(at + 8) === st.ino && buf.readDoubleLE(at + 16) === st.size &&
        buf.readDoubleLE(at + 24) === st.mtimeMs && buf.readDoubleLE(at + 32) === st.ctimeMs;
    };
    /** The digests of the inputs whose stat is the same as then (the others' are undefined). */
    const knownDigests = () => {
      const known: (Buffer | undefined)[] = new Array(count);
      for (let i = 0, at = PREFIX; i < count; i++, at += INPUT_BYTES) {
        if (same(i, at)) known[i] = Buffer.from(buf.subarray(at + STAT_BYTES, at + STAT_BYTES + DIGEST_BYTES));
      }
      return known;
    };
    let changed = false;
    for (let i = 0, at = PREFIX; i < count && !changed; i++, at += INPUT_BYTES) changed = !same(i, at);
    let head: Omit<RunRecord, 'stats' | 'digests' | 'elements'> & { elements?: boolean };
    try {
      head = JSON.parse(json.toString('utf8')) as typeof head;
    } catch {
      return damaged('is damaged (its header is not JSON)');
    }
    /** The contexts some recorded question of which gets another answer now. */
    const failing = new Set<string>();
    for (const [ctx, reads] of Object.entries(head.reads ?? {})) {
      const a = answers.get(ctx);
      if (!a || !a.holds(reads, head.roots?.[ctx])) failing.add(ctx);
    }
    const outSum = buf.readUInt32LE(20);
    if (changed || failing.size > 0) {
      const known = knownDigests();
      if (head.elements !== true || !contextOf) return { known };
      const served = this.elements(buf, tableEnd, outEnd, count, known, head, failing, contextOf);
      if (typeof served === 'string') return { ...damaged(served), known };
      // The output, checked whole before any of it is copied (through the buffer the table was in).
      const chunk = buf.length === CHUNK ? buf : Buffer.allocUnsafeSlow(CHUNK);
      if (outputSum(fd, chunk, tableEnd, outEnd) !== outSum) return { ...damaged('is damaged (checksum mismatch)'), known };
      return { known, served, source: windowOn(fd, chunk), reading: true };
    }
    if ((head.exit !== 0 && head.exit !== 1) || typeof head.findings !== 'number') return {};

    // The output, checked to the end before anything is written. When it fits in the buffer beside
    // the table (most runs), it is written from there; else it is read again to be written.
    const { exit, findings } = head;
    if (outEnd <= buf.length && got === outEnd) {
      if (crc32(buf.subarray(tableEnd, outEnd)) !== outSum) return damaged('is damaged (checksum mismatch)');
      const out = buf.subarray(tableEnd, outEnd);
      return { hit: { exit, findings, serve: async (write) => { if (out.length > 0) await write(out); } } };
    }
    const chunk = buf.length === CHUNK ? buf : Buffer.allocUnsafeSlow(CHUNK);
    if (outputSum(fd, chunk, tableEnd, outEnd) !== outSum) return damaged('is damaged (checksum mismatch)');
    const hit: RunHit = {
      exit,
      findings,
      serve: async (write) => {
        try {
          for (let at = tableEnd, n; at < outEnd && (n = readFull(fd, chunk, 0, Math.min(CHUNK, outEnd - at), at)) > 0; at += n) await write(chunk.subarray(0, n));
        } finally {
          closeSync(fd);
        }
      },
    };
    return { hit, reading: true };
  }

  /**
   * The elements of a json record's output (from `start` to `end` in the file) for the inputs whose
   * digest is known (same stat) and whose context, if any, still answers as recorded (not
   * `failing`). A string says what is wrong with the record.
   */
  private elements(
    table: Buffer, start: number, end: number, count: number, known: readonly (Buffer | undefined)[],
    head: { reads?: Record<string, ContextRead[]>; roots?: Record<string, RootStamp> }, failing: ReadonlySet<string>,
    contextOf: (input: number) => string | null,
  ): (ServedElement | undefined)[] | string {
    const served: (ServedElement | undefined)[] = new Array(count);
    const withReads = new Set<string>();
    let offset = start + JSON_OPEN.length;
    for (let i = 0, at = PREFIX + STAT_BYTES + DIGEST_BYTES; i < count; i++, at += INPUT_BYTES) {
      const length = table.readUInt32LE(at);
      const worst = BY_RANK[table[at + 8]!];
      if (worst === undefined || offset + length > end) return 'is damaged (its elements do not fit its output)';
      const ctx = known[i] ? contextOf(i) : undefined;
      if (ctx !== undefined && (ctx === null || !failing.has(ctx))) {
        // The first input of a context carries the context's questions into the next record.
        const first = ctx !== null && !withReads.has(ctx);
        if (first) withReads.add(ctx);
        const root = ctx !== null ? head.roots?.[ctx] : undefined;
        served[i] = {
          offset, length, count: table.readUInt32LE(at + 4), worst, scripts: table[at + 9] === 1,
          reads: first ? head.reads?.[ctx] ?? [] : [], ...(root && { root }),
        };
      }
      offset += length + (i < count - 1 ? JSON_COMMA : 0);
    }
    // (The punctuation itself is under the output's checksum.)
    if (count === 0 || offset + JSON_CLOSE.length !== end) return 'is damaged (its elements do not fit its output)';
    return served;
  }

  /**
   * Keeps `record` and its output `out` (all of it at once: RunWriter writes it as it is printed)
   * under `key`, when every file was read well after its last change (`readAt`).
   */
  save(key: string, record: RunRecord & { out: string | Uint8Array | readonly Uint8Array[] }, readAt: number): void {
    const { out, ...rest } = record;
    if (rest.stats.some((st) => racy(st, readAt))) return;
    const w = this.writer(rest.stats.length);
    w.write(typeof out === 'string' ? [Buffer.from(out)] : out instanceof Uint8Array ? [out] : out);
    w.finish(key, rest, readAt);
  }

  /**
   * A record to write, as the run prints its output (`write`), kept under a key at the end
   * (`finish`) or dropped (`abort`). Nothing fails a run: a record that cannot be written is not kept.
   */
  writer(inputs: number): RunWriter {
    return new RunWriter(this, inputs);
  }

  /** Drops all but the newest records. */
  prune(): void {
    const names = readdirSync(this.dir);
    // Records a run that died left half written.
    for (const f of names) {
      if (!f.startsWith('run-') || !f.endsWith('.tmp')) continue;
      try {
        if (Date.now() - statSync(join(this.dir, f)).mtimeMs > STALE_TEMP_MS) unlinkSync(join(this.dir, f));
      } catch {
        /* gone already */
      }
    }
    const runs = names
      .filter((f) => f.startsWith('run-') && f.endsWith('.bin'))
      .map((f) => {
        try {
          const st = statSync(join(this.dir, f));
          return { f, at: st.mtimeMs, size: st.size };
        } catch {
          return undefined;
        }
      })
      .filter((r): r is { f: string; at: number; size: number } => r !== undefined)
      .sort((a, b) => b.at - a.at);
    let bytes = 0;
    runs.forEach((r, i) => {
      bytes += r.size;
      if (i < RUNS_KEPT && bytes <= RUNS_MAX_BYTES) return;
      try {
        unlinkSync(join(this.dir, r.f));
      } catch {
        /* gone already */
      }
    });
  }
}

/**
 * A run record in the making: a temporary file in the cache directory that the output goes to as it
 * is printed; its table and JSON part are written last, and it is renamed into place.
 */
export class RunWriter {
  private fd: number | undefined;
  private tmp: string | undefined;
  /** Where the next output byte goes (-1: given up). */
  private at = 0;
  private sum = 0;

  constructor(private readonly runs: RunCache, private readonly inputs: number) {}

  /** Appends `chunks` to the record's output. */
  write(chunks: readonly Uint8Array[]): void {
    if (this.at < 0) return;
    try {
      if (this.fd === undefined) {
        mkdirSync(this.runs.dir, { recursive: true, mode: 0o700 });
        this.tmp = join(this.runs.dir, `run-${process.pid}-${Math.random().toString(36).slice(2)}.tmp`);
        this.fd = openSync(this.tmp, 'w', 0o600);
        this.at = PREFIX + this.inputs * INPUT_BYTES;
      }
      let total = 0;
      for (const c of chunks) total += c.length;
      useNativeCrc32For(total);
      for (const c of chunks) this.sum = crc32(c, this.sum);
      this.at = writeAllAt(this.fd, chunks, this.at);
    } catch {
      this.abort();
    }
  }

  /**
   * Keeps the record under `key`, when every file was read well after its last change (`readAt`:
   * when the run started reading them); else drops it. Failures only cost the next run its shortcut.
   */
  finish(key: string, record: RunRecord, readAt: number): void {
    const { stats, digests, elements, ...rest } = record;
    const invalid = (why: string) => {
      this.abort();
      return new Error(why);
    };
    if (digests.length !== stats.length || digests.some((d) => d.length !== DIGEST_BYTES)) throw invalid('a run record needs a 16-byte digest per input');
    if (elements && elements.length !== stats.length) throw invalid('a run record has one element per input or none');
    if (stats.length !== this.inputs) throw invalid('a run record has the inputs it was started with');
    if (stats.some((st) => racy(st, readAt))) return this.abort();
    if (this.fd === undefined) this.write([]);
    if (this.at < 0) return;
    const json = Buffer.from(JSON.stringify(elements ? { ...rest, elements: true } : rest));
    const head = Buffer.alloc(PREFIX + stats.length * INPUT_BYTES);
    MAGIC.copy(head, 0);
    head.writeUInt32LE(stats.length, 8);
    head.writeUInt32LE(json.length, 12);
    stats.forEach((st, i) => {
      const at = PREFIX + i * INPUT_BYTES;
      head.writeDoubleLE(st.dev, at);
      head.writeDoubleLE(st.ino, at + 8);
      head.writeDoubleLE(st.size, at + 16);
      head.writeDoubleLE(st.mtimeMs, at + 24);
      head.writeDoubleLE(st.ctimeMs, at + 32);
      head.set(digests[i]!, at + STAT_BYTES);
      const e = elements?.[i];
      if (!e) return;
      const el = at + STAT_BYTES + DIGEST_BYTES;
      head.writeUInt32LE(e.length, el);
      head.writeUInt32LE(e.count, el + 4);
      head[el + 8] = e.worst === null ? 0 : severityRank(e.worst);
      head[el + 9] = e.scripts ? 1 : 0;
    });
    head.writeUInt32LE(crc32(json, crc32(head.subarray(PREFIX))), 16);
    head.writeUInt32LE(this.sum, 20);
    try {
      writeAllAt(this.fd!, [json], this.at);
      writeAllAt(this.fd!, [head], 0);
      closeSync(this.fd!);
      this.fd = undefined;
      renameSync(this.tmp!, join(this.runs.dir, `run-${key}.bin`));
      this.at = -1;
      this.runs.prune();
    } catch {
      this.abort();
    }
  }

  /** Drops the record (its file, if one was started). */
  abort(): void {
    this.at = -1;
    if (this.fd !== undefined) {
      try {
        closeSync(this.fd);
      } catch {
        /* closed */
      }
      this.fd = undefined;
    }
    if (this.tmp !== undefined) {
      try {
        unlinkSync(this.tmp);
      } catch {
        /* not there, or renamed */
      }
      this.tmp = undefined;
    }
  }
}

/**
 * Writes `chunks` one after the other into `fd` from `position` on (writev at a position, as many
 * calls as it takes: a flush can hold more chunks than one call takes); where they end.
 */
function writeAllAt(fd: number, chunks: readonly Uint8Array[], position: number): number {
  let at = position;
  writeAllv(fd, chunks, (f, buffers) => {
    const n = writevSync(f, buffers as Uint8Array[], at);
    at += n;
    return n;
  });
  return at;
}

/** The CRC-32 of the file from `start` to `end`, read through `chunk`. */
function outputSum(fd: number, chunk: Buffer, start: number, end: number): number {
  useNativeCrc32For(end - start);
  let sum = 0;
  for (let at = start, n; at < end && (n = readFull(fd, chunk, 0, Math.min(chunk.length, end - at), at)) > 0; at += n) sum = crc32(chunk.subarray(0, n), sum);
  return sum;
}

/** Copies from the record through `window`, which holds the bytes from `base` on (refilled as needed). */
function windowOn(fd: number, window: Buffer): RecordSource {
  let base = 0;
  let filled = 0;
  return {
    copy(offset, length, target, at) {
      if (length > window.length) {
        if (readFull(fd, target as Buffer, at, length, offset) < length) throw new Error('the run record was cut short');
        return;
      }
      if (offset < base || offset + length > base + filled) {
        base = offset;
        filled = readFull(fd, window, 0, window.length, offset);
        if (filled < length) throw new Error('the run record was cut short');
      }
      window.copy(target, at, offset - base, offset - base + length);
    },
    close() {
      closeSync(fd);
    },
  };
}

/** Reads up to `length` bytes at `position` (fewer only at the end of the file). */
function readFull(fd: number, buf: Buffer, offset: number, length: number, position: number): number {
  let done = 0;
  for (let n; done < length && (n = readSync(fd, buf, offset + done, length - done, position + done)) > 0; ) done += n;
  return done;
}
