// The CLI's window on the world: streams, stdin, cwd. Commands take an Io so tests can capture output.
import { fstatSync, readFileSync, statSync, writeSync, writevSync, type Stats } from 'node:fs';
import { errnoReason } from '../core/errno.js';
import { writeAllv } from '../core/write-all.js';
import { devNull } from 'node:os';

/** Streams and environment a command may use. */
export interface Io {
  stdout(text: string): void;
  /**
   * Writes bytes that are UTF-8 text as they are (a cached output: no decoding and encoding again);
   * settles once they are written or handed to Node's stream for good, after which the caller may
   * reuse them.
   */
  stdoutBytes?(bytes: Uint8Array): Promise<void>;
  /**
   * Writes UTF-8 text given as byte chunks, in order, without joining them (one writev for many
   * where stdout is a file or a pipe). True when they were written at once and are no longer
   * referenced (the caller may reuse their memory); else they must not change afterwards.
   */
  stdoutChunks?(chunks: readonly Uint8Array[]): boolean | void;
  stderr(text: string): void;
  /** Reads all of standard input. */
  readStdin(): Promise<Buffer>;
  /**
   * True once standard output's reader went away (`dockhand lint | head -1`): what is written after
   * is dropped, and the command runs to its end for its exit code. Absent: never.
   */
  stdoutClosed?(): boolean;
  /** True when stdout is a terminal (colour, progress). */
  stdoutIsTTY: boolean;
  /** True when stderr is a terminal (progress lines go there only then). */
  stderrIsTTY: boolean;
  cwd: string;
  env: NodeJS.ProcessEnv;
}

/** An error the user can act on: printed as one line, exit code 2 unless given. */
export class CliError extends Error {
  constructor(message: string, readonly exitCode = 2) {
    super(message);
  }
}

/** The real process streams. */
export function processIo(): Io {
  const out = processOutput(1);
  const err = processOutput(2);
  return {
    stdout: (t) => out.write(t),
    // Written here, not in a promise's executor: a write error (a full disk, a file-size limit) is
    // thrown to the caller, as stdout's are, instead of rejecting a promise nobody may be awaiting.
    stdoutBytes: (b) => {
      let written!: () => void;
      const settled = new Promise<void>((done) => (written = done));
      out.write(b, written);
      return settled;
    },
    stdoutChunks: (chunks) => out.writev(chunks),
    stdoutClosed: () => out.closed(),
    stderr: (t) => err.write(t),
    readStdin: async () => {
      // `-` on a terminal reads what is typed or pasted, as cat would.
      if (process.stdin.isTTY) err.write('dockhand: reading a Dockerfile from the terminal; end it with Ctrl-D\n');
      try {
        return readFileSync(0);
      } catch {
        const chunks: Buffer[] = [];
        for await (const c of process.stdin) chunks.push(c as Buffer);
        return Buffer.concat(chunks);
      }
    },
    get stdoutIsTTY() {
      return out.isTTY();
    },
    get stderrIsTTY() {
      return err.isTTY();
    },
    cwd: process.cwd(),
    env: process.env,
  };
}

/** Whether Node's own stdout or stderr stream was made here (it may still hold what it could not write). */
let nodeStreams = false;

/**
 * True when this process's output went out through its descriptors alone: Node's stdout and
 * stderr streams were never made by processIo, so nothing can still wait to be written.
 */
export function wroteDirectly(): boolean {
  return !nodeStreams;
}

/**
 * Standard output or error. Into a file, a pipe, a socket (what scripts, editors and CI give) or
 * /dev/null it writes the descriptor itself, as Node's own stream would there, synchronously: the
 * first use of process.stdout builds a stream (loading net for a pipe, or fs's SyncWriteStream),
 * ~4-8 ms of a one-file `dockhand lint` (to /dev/null too, by asking whether it is a terminal).
 * A terminal or any other device gets Node's stream, and so does the rest of the output once the
 * descriptor would block (a non-blocking pipe: EAGAIN).
 */
function processOutput(fd: 1 | 2): { write(data: string | Uint8Array, written?: () => void): void; writev(chunks: readonly Uint8Array[]): boolean; isTTY(): boolean; closed(): boolean } {
  let direct: boolean | undefined;
  let stream: NodeJS.WriteStream | undefined;
  /** The reader went away (EPIPE): nothing more is written. */
  let gone = false;
  const fail = (e: unknown) => {
    if ((e as NodeJS.ErrnoException | undefined)?.code === 'EPIPE') gone = true;
    else failed(fd, e);
  };
  const theStream = () => {
    if (!stream) {
      nodeStreams = true;
      stream = fd === 1 ? process.stdout : process.stderr;
      stream.on('error', fail);
    }
    return stream;
  };
  const isDirect = () => {
    if (direct === undefined) {
      try {
        const st = fstatSync(fd);
        direct = st.isFile() || st.isFIFO() || st.isSocket() || (st.isCharacterDevice() && isDevNull(st));
      } catch {
        direct = false;
      }
    }
    return direct;
  };
  return {
    // `written`: called once `data` is written, or no longer referenced by the stream (which keeps a
    // buffer it could not write yet; a write error calls it too, the error handler above acts).
    write(data, written) {
      if (gone) return written?.();
      if (!isDirect()) {
        theStream().write(data, () => written?.());
        return;
      }
      const bytes = typeof data === 'string' ? Buffer.from(data) : data;
      for (let at = 0; at < bytes.length; ) {
        try {
          at += writeSync(fd, bytes, at, bytes.length - at);
        } catch (e) {
          if ((e as NodeJS.ErrnoException).code !== 'EAGAIN') {
            fail(e);
            return written?.();
          }
          direct = false;
          theStream().write(bytes.subarray(at), () => written?.());
          return;
        }
      }
      written?.();
    },
    // True when every chunk was written here and now (none is kept by Node's stream).
    writev(chunks) {
      if (gone) return true;
      let rest: readonly Uint8Array[] = chunks;
      if (isDirect()) {
        try {
          rest = writeAllv(fd, chunks, writevSync, (e) => (e as NodeJS.ErrnoException).code === 'EAGAIN');
        } catch (e) {
          fail(e);
          return true;
        }
        if (rest.length === 0) return true;
        direct = false;
      }
      const stream = theStream();
      stream.cork();
      for (const chunk of rest) stream.write(chunk);
      stream.uncork();
      return false;
    },
    isTTY: () => !isDirect() && Boolean(theStream().isTTY),
    closed: () => gone,
  };
}

/**
 * A write to standard output or error that failed, other than a reader that went away (EPIPE:
 * `dockhand lint | head -1` drops the rest quietly and the command ends with its own exit code, so
 * under `set -o pipefail` a lint whose report was cut still fails on its findings). Any other failure
 * of standard output (`> /dev/full`, a full disk, a file-size limit) loses output the caller relies
 * on: one line on standard error and exit 2, never a stack trace nor exit 0. A failing standard error
 * is not reported anywhere: the run goes on, its output and exit code unchanged.
 */
function failed(fd: 1 | 2, e: unknown): void {
  if (fd === 2) return;
  try {
    writeSync(2, `dockhand: cannot write the output: ${errnoReason(e)}\n`);
  } catch {
    // Standard error is gone too: the exit code alone tells.
  }
  process.exit(2);
}

/** True when a character device is the null device (never a terminal): same device number. */
function isDevNull(st: Stats): boolean {
  try {
    const nul = statSync(devNull);
    return nul.isCharacterDevice() && nul.rdev === st.rdev;
  } catch {
    return false;
  }
}
