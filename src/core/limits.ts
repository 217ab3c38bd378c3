// The largest Dockerfile dockhand analyses. Real Dockerfiles are kilobytes (the corpus's largest is
// 25 KB and 650 lines). Past these limits V8 would stop the process with an out-of-memory crash
// rather than a message: a 64 MiB file of 4 million one-line RUNs needed over 4 GB before it did.
// Within them a lint peaks near 1.1 GB for 200,000 one-line RUNs and near 2 GB for 16 MiB of long
// RUN lines with several findings each (about 12 KB per such line); parse and format need less. The
// benchmark's 100,000-instruction file and 20,000-stage shapes, and 10 MB files of comments or of
// 180,000 RUNs, fit. The command line refuses a larger file with a one-line error (exit 2); the
// editor shows one error instead of analysing it.

/** At most this many bytes (UTF-8). */
export const MAX_DOCKERFILE_BYTES = 16 * 1024 * 1024;
/** At most this many lines. */
export const MAX_DOCKERFILE_LINES = 200_000;

const NEWLINE = 0x0a;

/**
 * Why a Dockerfile is too large to analyse, or null. A string is measured in UTF-8 bytes too,
 * so the command line (bytes) and the editor (text) agree.
 */
export function tooLargeReason(input: Uint8Array | string): string | null {
  const bytes = typeof input === 'string' ? utf8LengthNearLimit(input) : input.length;
  if (bytes > MAX_DOCKERFILE_BYTES) {
    return `too large to analyse: ${bytes.toLocaleString('en-US')} bytes (dockhand reads Dockerfiles of up to ${MAX_DOCKERFILE_BYTES / (1024 * 1024)} MiB)`;
  }
  // A text has at most one line more than it has bytes: a real Dockerfile is never counted.
  if (bytes < MAX_DOCKERFILE_LINES) return null;
  const lines = lineCount(input);
  if (lines > MAX_DOCKERFILE_LINES) {
    return `too large to analyse: ${lines.toLocaleString('en-US')} lines (dockhand reads Dockerfiles of up to ${MAX_DOCKERFILE_LINES.toLocaleString('en-US')} lines)`;
  }
  return null;
}

/** Lines as an editor numbers them: one more than the line feeds, unless the last one ends the text. */
function lineCount(input: Uint8Array | string): number {
  let feeds = 0;
  let at = -1;
  if (typeof input === 'string') while ((at = input.indexOf('\n', at + 1)) !== -1) feeds++;
  else while ((at = input.indexOf(NEWLINE, at + 1)) !== -1) feeds++;
  return input.length > 0 && isNewline(input, input.length - 1) ? feeds : feeds + 1;
}

function isNewline(input: Uint8Array | string, i: number): boolean {
  return typeof input === 'string' ? input.charCodeAt(i) === NEWLINE : input[i] === NEWLINE;
}

/**
 * The UTF-8 length of `text` when it may pass the limit; otherwise its UTF-16 length, which is
 * within the limit too (a UTF-16 unit is at most 3 UTF-8 bytes), without measuring.
 */
function utf8LengthNearLimit(text: string): number {
  if (text.length * 3 <= MAX_DOCKERFILE_BYTES) return text.length;
  return Buffer.byteLength(text, 'utf8');
}
