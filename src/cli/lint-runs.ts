// The results cache's shortcut for a run in which nothing changed (CI and pre-commit run the same
// command line again and again): the whole output of an earlier run with the same command line,
// served when every input file has the same stat as then, every config and build context resolves
// the same way, and every question the rules asked a build context gets the same answer.
//
// A file's stat stands for its content only when it could not have changed unseen: the run that
// made the record read the file after its last modification time by more than the timestamp
// granularity (Git's racy-clean rule, context/listings.ts); a record with any other file is not
// kept. Anything else (a changed file, an unreadable one, stdin, --fix, --verbose) goes the
// per-file way (lint-cache.ts), which makes a new record at the end.
//
// One file per record in the cache directory, `run-<key>.bin`: magic `DHLR0001`, u32 length of the
// header, the digest (hash128) of everything after it, the header (JSON), then the output (UTF-8).
// At most RUNS_KEPT records (and RUNS_MAX_BYTES) are kept, the newest.
import { mkdirSync, readdirSync, readFileSync, statSync, unlinkSync, type Stats } from 'node:fs';
import { join } from 'node:path';
import { hash128 } from '../core/hash128.js';
import { racy } from '../context/listings.js';
import { writeAtomically } from '../core/atomic-file.js';
import type { ContextAnswers, ContextRead } from './context-reads.js';
import { LintCache } from './lint-cache.js';

const MAGIC = Buffer.from('DHLR0001');
const RUNS_KEPT = 8;
const RUNS_MAX_BYTES = 128 * 1024 * 1024;

/** A file's stat as a record keeps it. */
export type StatOf = [dev: number, ino: number, size: number, mtimeMs: number, ctimeMs: number];

function statOf(st: Stats): StatOf {
  return [st.dev, st.ino, st.size, st.mtimeMs, st.ctimeMs];
}

/** What a run leaves for the next one with the same command line. */
export interface RunRecord {
  /** Each input's stat, in input order. */
  stats: StatOf[];
  /** The build-context questions the rules asked, with their answers, by context (its key). */
  reads: Record<string, ContextRead[]>;
  /** The exit code without I/O problems (0 or 1), and how many findings were printed. */
  exit: number;
  findings: number;
  /** What the run printed on stdout (UTF-8; a string when saving). */
  out: string | Buffer;
}

/** Everything a run's output depends on besides its files' contents and its build contexts. */
export interface RunShape {
  build: string;
  cwd: string;
  format: string;
  color: boolean;
  shellcheck: string;
  /** Per input: where it is, the name it is shown under, its config (a digest of its text) and its context (key, or none). */
  inputs: { path: string; display: string; config: string; context: string | null }[];
}

/** The records of one cache directory. */
export class RunCache {
  /** Damaged or foreign records met (for stderr, as lint-cache.ts's notes). */
  readonly notes: string[] = [];

  constructor(readonly dir: string, readonly build: string) {}

  key(shape: RunShape): string {
    return LintCache.key('dockhand-run/1', JSON.stringify(shape)).toString('hex');
  }

  /**
   * The record of `key` when it still holds: same stats (each file as it is now, from `stats`),
   * and every recorded context answer the same now (`answers` by context key).
   */
  lookup(key: string, stats: readonly Stats[], answers: ReadonlyMap<string, ContextAnswers>): RunRecord | undefined {
    let buf: Buffer;
    const file = join(this.dir, `run-${key}.bin`);
    try {
      buf = readFileSync(file);
    } catch {
      return undefined;
    }
    const damaged = (why: string) => {
      this.notes.push(`the results cache file ${file} ${why}; ignored (it will be replaced)`);
      return undefined;
    };
    if (buf.length < 28 || !buf.subarray(0, 8).equals(MAGIC)) return damaged('is not a dockhand lint cache');
    const headLength = buf.readUInt32LE(8);
    if (28 + headLength > buf.length) return damaged('is truncated');
    if (!hash128(buf.subarray(28)).equals(buf.subarray(12, 28))) return damaged('is damaged (checksum mismatch)');
    let head: Omit<RunRecord, 'out'>;
    try {
      head = JSON.parse(buf.toString('utf8', 28, 28 + headLength)) as typeof head;
    } catch {
      return damaged('is damaged (its header is not JSON)');
    }
    if (!Array.isArray(head.stats) || head.stats.length !== stats.length) return undefined;
    for (let i = 0; i < stats.length; i++) {
      const a = head.stats[i]!;
      const b = statOf(stats[i]!);
      if (!Array.isArray(a) || a.length !== 5 || a.some((x, k) => x !== b[k])) return undefined;
    }
    for (const [ctx, reads] of Object.entries(head.reads ?? {})) {
      const a = answers.get(ctx);
      if (!a || !a.holds(reads)) return undefined;
    }
    if ((head.exit !== 0 && head.exit !== 1) || typeof head.findings !== 'number') return undefined;
    return { ...head, out: buf.subarray(28 + headLength) };
  }

  /**
   * Keeps `record` under `key`, when every file was read well after its last change (`readAt`:
   * when the run started reading them). Failures only cost the next run its shortcut.
   */
  save(key: string, record: Omit<RunRecord, 'stats'> & { stats: readonly Stats[] }, readAt: number): void {
    if (record.stats.some((st) => racy(st, readAt))) return;
    const { out, ...rest } = record;
    const head = { ...rest, stats: rest.stats.map(statOf) };
    const headBytes = Buffer.from(JSON.stringify(head));
    const body = Buffer.concat([headBytes, typeof out === 'string' ? Buffer.from(out) : out]);
    const prefix = Buffer.alloc(28);
    MAGIC.copy(prefix, 0);
    prefix.writeUInt32LE(headBytes.length, 8);
    hash128(body).copy(prefix, 12);
    try {
      mkdirSync(this.dir, { recursive: true, mode: 0o700 });
      writeAtomically(join(this.dir, `run-${key}.bin`), Buffer.concat([prefix, body]), 0o600);
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
