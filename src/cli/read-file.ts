// Reads an input file for any command, refusing what would hang or mislead: directories, FIFOs,
// sockets and devices (process substitution's /dev/fd/N pipes are allowed: they are meant to be read).
import { readFileSync, statSync, type Stats } from 'node:fs';
import { errnoReason } from '../core/errno.js';
import { tooLargeReason } from '../core/limits.js';
import { CliError } from './io.js';

/**
 * Reads `path` fully; every failure is a one-line CliError naming `name` (exit 2). `onStat` sees its
 * stat, taken before reading (`known`: one taken already, used instead of another).
 */
export function readInputFile(path: string, name = path, onStat?: (st: Stats) => void, known?: Stats): Buffer {
  let st;
  try {
    st = known ?? statSync(path);
    onStat?.(st);
  } catch (err) {
    throw new CliError(`${name}: ${describeError(err)}`);
  }
  if (st.isDirectory()) throw new CliError(`${name}: is a directory`);
  if (!st.isFile() && !/^\/(dev\/fd|proc\/self\/fd|dev\/stdin)\b/.test(path)) {
    throw new CliError(`${name}: not a regular file (${st.isFIFO() ? 'a named pipe' : st.isSocket() ? 'a socket' : 'a device'})`);
  }
  try {
    return readFileSync(path);
  } catch (err) {
    throw new CliError(`${name}: ${describeError(err)}`);
  }
}

/**
 * Short human text for an error opening a file. Opening a path gives ENOTDIR only when one of its
 * parents is a file, which the plain wording would hide.
 */
export function describeError(err: unknown): string {
  if ((err as NodeJS.ErrnoException | undefined)?.code === 'ENOTDIR') return 'a parent of this path is not a directory';
  return errnoReason(err);
}

/**
 * Why bytes read as a Dockerfile are not one, or null: a UTF-16 byte-order mark (Windows
 * PowerShell 5's `>` writes UTF-16LE) or NUL bytes in the first 8 KiB. BuildKit reads UTF-8 only.
 */
export function notTextReason(bytes: Uint8Array): string | null {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff) || utf16WithoutBom(bytes)) {
    return 'UTF-16 text; BuildKit reads UTF-8 only (re-save it as UTF-8)';
  }
  // Uint8Array's indexOf: a native search rather than a loop of byte reads.
  if (bytes.subarray(0, 8192).indexOf(0) !== -1) return 'binary file, not a Dockerfile';
  return null;
}

/** Why bytes read as a Dockerfile cannot be analysed (not text, or too large), or null. */
export function dockerfileProblem(bytes: Uint8Array): string | null {
  return notTextReason(bytes) ?? tooLargeReason(bytes);
}

/**
 * UTF-16 without a byte-order mark (some editors and `Out-File -Encoding Unicode` settings write
 * it): its first 512 bytes are ASCII characters, each with a NUL byte after it (little-endian) or
 * before it (big-endian). Named as UTF-16 rather than as a binary file.
 */
function utf16WithoutBom(bytes: Uint8Array): boolean {
  const n = Math.min(bytes.length, 512) & ~1;
  if (n < 4) return false;
  let le = true;
  let be = true;
  for (let i = 0; i < n && (le || be); i += 2) {
    const a = bytes[i]!;
    const b = bytes[i + 1]!;
    le &&= b === 0 && a !== 0 && a < 0x80;
    be &&= a === 0 && b !== 0 && b < 0x80;
  }
  return le || be;
}
