// Test helper: run the CLI in-process with an Io that records what it writes (no TTY unless asked).
import type { Io } from '../src/cli/io.js';
import { run } from '../src/cli/main.js';

/** Where the CLI runs and what it sees. */
export interface CaptureOptions {
  cwd: string;
  env?: NodeJS.ProcessEnv;
  /** What `-` reads. */
  stdin?: string | Buffer;
  /** stdout (and, with `stderrTty`, stderr) is a terminal. */
  tty?: boolean;
  stderrTty?: boolean;
}

/** An Io whose output collects in `out` and `err`. */
export function capturedIo(opts: CaptureOptions): Io & { out: string; err: string } {
  const io = {
    out: '',
    err: '',
    stdout(t: string) {
      io.out += t;
    },
    stderr(t: string) {
      io.err += t;
    },
    readStdin: async () => (typeof opts.stdin === 'string' ? Buffer.from(opts.stdin) : (opts.stdin ?? Buffer.alloc(0))),
    stdoutIsTTY: opts.tty ?? false,
    stderrIsTTY: opts.stderrTty ?? false,
    cwd: opts.cwd,
    env: opts.env ?? {},
  };
  return io;
}

/** What one in-process run gave. */
export interface Ran {
  code: number;
  stdout: string;
  stderr: string;
}

/** `dockhand ARGV` in-process with a {@link capturedIo}. */
export async function runCaptured(argv: string[], opts: CaptureOptions): Promise<Ran> {
  const io = capturedIo(opts);
  const code = await run(argv, io);
  return { code, stdout: io.out, stderr: io.err };
}
