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
// bytes were (a digest of them), and their results-cache entries are found by that.
//
// One file per record in the cache directory, `run-<key>.bin`: magic `DHLR0004`, then (u32 LE) the
// number of inputs, the length of the header's JSON, the CRC-32 of the header and the CRC-32 of the
// output; the header: for each input its stat (five float64 LE: dev, ino, size, mtimeMs, ctimeMs),
// the digest of its bytes (16 bytes) and its element of a json run's output (u32 LE length and
// number of findings, a u8 for the most severe finding: 0 for none, else its rank + 1, a u8 that is
// 1 when it has scripts for ShellCheck, two 0 bytes), then the JSON (context reads, exit code,
// findings, and `elements: true` when the output is a json report made of those elements); then
// the output (UTF-8) to the end of the file.
// The output is read in bounded chunks through one buffer, checked whole before its first byte is
// written, then read again to be written: a record of thousands of files holds megabytes, and
// memory touched costs more than reading from the page cache twice.
//
// A json run whose record no longer holds as a whole still prints, for each input whose stat is the
// same and whose build context gives the recorded answers, its element of the recorded output
// (RunLookup.served): its findings cannot have changed, and neither the file nor its results-cache
// entry need be read.
// At most RUNS_KEPT records (and RUNS_MAX_BYTES) are kept, the newest.
import { closeSync, fstatSync, mkdirSync, openSync, readdirSync, readSync, statSync, unlinkSync, type Stats } from 'node:fs';
import { join } from 'node:path';
import { crc32, crc32Chunks } from '../core/crc32.js';
import { racy } from '../context/listings.js';
import { writeAtomically } from '../core/atomic-file.js';
import type { ContextAnswers, ContextRead, RootStamp } from './context-reads.js';
import { LintCache } from './lint-cache.js';
import { severityRank, type Severity } from '../core/diagnostic.js';

const MAGIC = Buffer.from('DHLR0004');
const PREFIX = 24;
const STAT_BYTES = 40;
const DIGEST_BYTES = 16;
/** An input's element of a json output: its length, its findings, the most severe, scripts, 2 × 0. */
const ELEMENT_BYTES = 12;
/** One input's part of the header: its stat, the digest of its bytes, its element. */
const INPUT_BYTES = STAT_BYTES + DIGEST_BYTES + ELEMENT_BYTES;
/** How `--format json` puts its elements together (commands/lint.ts JsonStream). */
const JSON_OPEN = Buffer.from('[\n');
const JSON_COMMA = 2;
const JSON_CLOSE = Buffer.from('\n]\n');
/** A severity by its rank (severityRank; 0: no findings). */
const BY_RANK: readonly (Severity | null)[] = [null, 'style', 'info', 'warning', 'error'];
/** The buffer the header and output are read through (a larger header gets a buffer of its own). */
const CHUNK = 512 * 1024;
const RUNS_KEPT = 8;
const RUNS_MAX_BYTES = 128 * 1024 * 1024;

/** What a run leaves for the next one with the same command line. */
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
  /** What the run printed on stdout (UTF-8; whole, or the chunks it was written in). */
  out: string | Uint8Array | readonly Uint8Array[];
  /**
   * When `out` is a json report: each input's element of it, in input order (the output is then
   * `[\n`, the elements joined by `,\n`, and `\n]\n`).
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
 * An input's element of the recorded output, served as it is: its bytes (checked with the whole
 * output), its findings' count and worst, and whether it has ShellCheck scripts. `reads`: the
 * recorded questions of its build context, on one input per context (the others get none), so
 * that the run's new record asks them again.
 */
export interface ServedElement {
  json: Uint8Array;
  count: number;
  worst: Severity | null;
  scripts: boolean;
  reads: ContextRead[];
  root?: RootStamp;
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
  /** Besides `known`, in a json record: the elements that still hold (by input index). */
  served?: (ServedElement | undefined)[];
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
      fd = openSync(file, 'r');
    } catch {
      return {};
    }
    let found: RunLookup & { reading?: boolean } = {};
    try {
      found = this.check(fd, file, stats, answers, contextOf);
    } catch {
      found = {};
    }
    // A hit whose output is still to be read keeps the file open (serve closes it).
    if (!found.reading) closeSync(fd);
    return found.hit ? { hit: found.hit } : found.known ? { known: found.known, ...(found.served && { served: found.served }) } : {};
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
    const headEnd = PREFIX + count * INPUT_BYTES + jsonLength;
    // (The prefix is outside the checksums: a header no record could have is not read.)
    if (headEnd > RUNS_MAX_BYTES) return damaged('is damaged (its header length is impossible)');
    if (headEnd > got) {
      if (got < CHUNK || headEnd > fstatSync(fd).size) return damaged('is truncated');
      // A header larger than the buffer (tens of thousands of inputs) gets one of its own.
      const big = Buffer.allocUnsafeSlow(headEnd);
      buf.copy(big, 0, 0, got);
      got += readFull(fd, big, got, headEnd - got, got);
      if (got < headEnd) return damaged('is truncated');
      buf = big;
    }
    if (crc32(buf.subarray(PREFIX, headEnd)) !== buf.readUInt32LE(16)) return damaged('is damaged (checksum mismatch)');
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
    let head: Omit<RunRecord, 'out' | 'stats' | 'digests' | 'elements'> & { elements?: boolean };
    try {
      head = JSON.parse(buf.toString('utf8', headEnd - jsonLength, headEnd)) as typeof head;
    } catch {
      return damaged('is damaged (its header is not JSON)');
    }
    /** The contexts some recorded question of which gets another answer now. */
    const failing = new Set<string>();
    for (const [ctx, reads] of Object.entries(head.reads ?? {})) {
      const a = answers.get(ctx);
      if (!a || !a.holds(reads, head.roots?.[ctx])) failing.add(ctx);
    }
    if (changed || failing.size > 0) {
      const known = knownDigests();
      if (head.elements !== true || !contextOf) return { known };
      const served = this.elements(fd, buf, got, headEnd, count, known, head, failing, contextOf);
      if (typeof served === 'string') return { ...damaged(served), known };
      return { known, served };
    }
    if ((head.exit !== 0 && head.exit !== 1) || typeof head.findings !== 'number') return {};

    // The output, checked to the end before anything is written. When it fits in the buffer beside
    // the header (most runs), it is written from there; else it is read again to be written.
    const outSum = buf.readUInt32LE(20);
    let sum = crc32(buf.subarray(headEnd, got));
    const { exit, findings } = head;
    if (got < buf.length) {
      if (sum !== outSum) return damaged('is damaged (checksum mismatch)');
      const out = buf.subarray(headEnd, got);
      return { hit: { exit, findings, serve: async (write) => { if (out.length > 0) await write(out); } } };
    }
    const chunk = buf.length === CHUNK ? buf : Buffer.allocUnsafeSlow(CHUNK);
    for (let at = got, n; (n = readFull(fd, chunk, 0, CHUNK, at)) > 0; at += n) sum = crc32(chunk.subarray(0, n), sum);
    if (sum !== outSum) return damaged('is damaged (checksum mismatch)');
    const hit: RunHit = {
      exit,
      findings,
      serve: async (write) => {
        try {
          for (let at = headEnd, n; (n = readFull(fd, chunk, 0, CHUNK, at)) > 0; at += n) await write(chunk.subarray(0, n));
        } finally {
          closeSync(fd);
        }
      },
    };
    return { hit, reading: true };
  }

  /**
   * The elements of a json record's output for the inputs whose digest is known (same stat) and
   * whose context, if any, still answers as recorded (not `failing`); the output is read whole and
   * checked first. A string says what is wrong with the record.
   */
  private elements(
    fd: number, buf: Buffer, got: number, headEnd: number, count: number, known: readonly (Buffer | undefined)[],
    head: { reads?: Record<string, ContextRead[]>; roots?: Record<string, RootStamp> }, failing: ReadonlySet<string>,
    contextOf: (input: number) => string | null,
  ): (ServedElement | undefined)[] | string {
    let out: Buffer;
    if (got < buf.length) out = buf.subarray(headEnd, got);
    else {
      const size = fstatSync(fd).size - headEnd;
      if (size < 0 || size > RUNS_MAX_BYTES) return 'is truncated';
      out = Buffer.allocUnsafeSlow(size);
      if (readFull(fd, out, 0, size, headEnd) < size) return 'is truncated';
    }
    if (crc32(out) !== buf.readUInt32LE(20)) return 'is damaged (checksum mismatch)';
    const served: (ServedElement | undefined)[] = new Array(count);
    const withReads = new Set<string>();
    let offset = JSON_OPEN.length;
    for (let i = 0, at = PREFIX + STAT_BYTES + DIGEST_BYTES; i < count; i++, at += INPUT_BYTES) {
      const length = buf.readUInt32LE(at);
      const worst = BY_RANK[buf[at + 8]!];
      if (worst === undefined || offset + length > out.length) return 'is damaged (its elements do not fit its output)';
      const ctx = known[i] ? contextOf(i) : undefined;
      if (ctx !== undefined && (ctx === null || !failing.has(ctx))) {
        // The first input of a context carries the context's questions into the next record.
        const first = ctx !== null && !withReads.has(ctx);
        if (first) withReads.add(ctx);
        const root = ctx !== null ? head.roots?.[ctx] : undefined;
        served[i] = {
          json: out.subarray(offset, offset + length), count: buf.readUInt32LE(at + 4), worst, scripts: buf[at + 9] === 1,
          reads: first ? head.reads?.[ctx] ?? [] : [], ...(root && { root }),
        };
      }
      offset += length + (i < count - 1 ? JSON_COMMA : 0);
    }
    if (count === 0 || !out.subarray(0, JSON_OPEN.length).equals(JSON_OPEN) || offset + JSON_CLOSE.length !== out.length) {
      return 'is damaged (its elements do not fit its output)';
    }
    return served;
  }

  /**
   * Keeps `record` under `key`, when every file was read well after its last change (`readAt`:
   * when the run started reading them). Failures only cost the next run its shortcut.
   */
  save(key: string, record: RunRecord, readAt: number): void {
    if (record.stats.some((st) => racy(st, readAt))) return;
    const { out, stats, digests, elements, ...rest } = record;
    if (digests.length !== stats.length || digests.some((d) => d.length !== DIGEST_BYTES)) throw new Error('a run record needs a 16-byte digest per input');
    if (elements && elements.length !== stats.length) throw new Error('a run record has one element per input or none');
    const json = Buffer.from(JSON.stringify(elements ? { ...rest, elements: true } : rest));
    const output = typeof out === 'string' ? [Buffer.from(out)] : out instanceof Uint8Array ? [out] : out;
    const head = Buffer.allocUnsafe(PREFIX + stats.length * INPUT_BYTES + json.length);
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
      const el = at + STAT_BYTES + DIGEST_BYTES;
      head.writeUInt32LE(e?.length ?? 0, el);
      head.writeUInt32LE(e?.count ?? 0, el + 4);
      head.writeUInt32LE(0, el + 8);
      if (e) {
        head[el + 8] = e.worst === null ? 0 : severityRank(e.worst);
        head[el + 9] = e.scripts ? 1 : 0;
      }
    });
    json.copy(head, PREFIX + stats.length * INPUT_BYTES);
    head.writeUInt32LE(crc32(head.subarray(PREFIX)), 16);
    head.writeUInt32LE(crc32Chunks(output), 20);
    try {
      mkdirSync(this.dir, { recursive: true, mode: 0o700 });
      writeAtomically(join(this.dir, `run-${key}.bin`), [head, ...output], 0o600);
      this.prune();
    } catch {
      // Not kept: the next run lints (or reads the files' entries) instead.
    }
  }

  /** Drops all but the newest records. */
  private prune(): void {
    const runs = readdirSync(this.dir)
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

/** Reads up to `length` bytes at `position` (fewer only at the end of the file). */
function readFull(fd: number, buf: Buffer, offset: number, length: number, position: number): number {
  let done = 0;
  for (let n; done < length && (n = readSync(fd, buf, offset + done, length - done, position + done)) > 0; ) done += n;
  return done;
}
