// The CLI's window on the world: streams, stdin, cwd. Commands take an Io so tests can capture output.
import { readFileSync } from 'node:fs';

/** Streams and environment a command may use. */
export interface Io {
  stdout(text: string): void;
  /** Writes bytes that are UTF-8 text as they are (a cached output: no decoding and encoding again). */
  stdoutBytes?(bytes: Uint8Array): void;
  stderr(text: string): void;
  /** Reads all of standard input. */
  readStdin(): Promise<Buffer>;
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
  // `dockhand rules | head`: the reader went away; stop quietly instead of a stack trace.
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
      throw err;
    });
  }
  return {
    stdout: (t) => { process.stdout.write(t); },
    stdoutBytes: (b) => { process.stdout.write(b); },
    stderr: (t) => { process.stderr.write(t); },
    readStdin: async () => {
      // `-` on a terminal reads what is typed or pasted, as cat would.
      if (process.stdin.isTTY) process.stderr.write('dockhand: reading a Dockerfile from the terminal; end it with Ctrl-D\n');
      try {
        return readFileSync(0);
      } catch {
        const chunks: Buffer[] = [];
        for await (const c of process.stdin) chunks.push(c as Buffer);
        return Buffer.concat(chunks);
      }
    },
    stdoutIsTTY: Boolean(process.stdout.isTTY),
    stderrIsTTY: Boolean(process.stderr.isTTY),
    cwd: process.cwd(),
    env: process.env,
  };
}
