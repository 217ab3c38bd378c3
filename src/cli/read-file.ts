// Reads an input file for any command, refusing what would hang or mislead: directories, FIFOs,
// sockets and devices (process substitution's /dev/fd/N pipes are allowed: they are meant to be read).
import { readFileSync, statSync } from 'node:fs';
import { CliError } from './io.js';

/** Reads `path` fully; every failure is a one-line CliError naming `name` (exit 2). */
export function readInputFile(path: string, name = path): Buffer {
  let st;
  try {
    st = statSync(path);
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

/** Short human text for a file-system error. */
export function describeError(err: unknown): string {
  const code = (err as NodeJS.ErrnoException).code;
  switch (code) {
    case 'ENOENT': return 'no such file';
    case 'EACCES': case 'EPERM': return 'permission denied';
    case 'EISDIR': return 'is a directory';
    case 'ENOTDIR': return 'a parent of this path is not a directory';
    case 'ELOOP': return 'too many levels of symbolic links';
    case 'ENAMETOOLONG': return 'file name too long';
    default: return (err as Error).message ?? String(err);
  }
}

/**
 * Why bytes read as a Dockerfile are not one, or null: a UTF-16 byte-order mark (Windows
 * PowerShell 5's `>` writes UTF-16LE) or NUL bytes in the first 8 KiB. BuildKit reads UTF-8 only.
 */
export function notTextReason(bytes: Uint8Array): string | null {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    return 'UTF-16 text; BuildKit reads UTF-8 only (re-save it as UTF-8)';
  }
  const n = Math.min(bytes.length, 8192);
  for (let i = 0; i < n; i++) if (bytes[i] === 0) return 'binary file, not a Dockerfile';
  return null;
}
