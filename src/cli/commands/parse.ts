// `dockhand parse FILE [--format json|buildkit]`: prints the AST as JSON, or BuildKit's own parser
// dump; syntax errors go to stderr as `file:line:col: error: message` and make the exit code 1.
import path from 'node:path';
import type { Diagnostic } from '../../core/diagnostic.js';
import { tooLargeReason } from '../../core/limits.js';
import type { Dockerfile } from '../../parser/ast.js';
import { dump, parseBytes } from '../../parser/index.js';
import type { Command } from '../command.js';
import { visible } from '../formatters/visible.js';
import { CliError, type Io } from '../io.js';
import { lastValue } from '../options.js';
import type { QuickOption } from '../quick-args.js';
import { notTextReason, readInputFile } from '../read-file.js';

const FORMATS = ['json', 'buildkit'] as const;

/** parse's options, as data: yargs reads them, and so does quick-args.ts for plain command lines. */
const PARSE_OPTIONS = {
  format: { alias: 'f', type: 'string', default: 'json', coerce: lastValue, describe: 'json (the AST with ranges) or buildkit (the parser dump)' },
} satisfies Record<string, QuickOption>;

const command: Command = {
  command: 'parse <file>',
  describe: "Parse a Dockerfile as BuildKit does; print the AST as JSON or BuildKit's dump ('-' reads stdin)",
  builder: (y) =>
    y
      .positional('file', { type: 'string', describe: "Dockerfile to parse, or '-' for stdin" }),
  options: PARSE_OPTIONS,
  run: async (args, io) => {
    const raw = args.file;
    if (raw === undefined || raw === null) throw new CliError('parse needs a FILE (or - for stdin)');
    // yargs hands `-` to a positional as the empty string (so an empty argument reads stdin too).
    const file = String(raw) === '' ? '-' : String(raw);
    const format = String(args.format ?? 'json');
    if (!(FORMATS as readonly string[]).includes(format)) throw new CliError(`unknown --format ${format} (expected ${FORMATS.join(' or ')})`);
    const bytes = await readInput(file, io);
    const name = file === '-' ? '<stdin>' : file;
    // UTF-16 would parse as garbage with an "invalid UTF-8" warning; say what it is instead.
    if (bytes[0] === 0xff || bytes[0] === 0xfe) {
      const why = notTextReason(bytes);
      if (why?.startsWith('UTF-16')) throw new CliError(`${name}: ${why}`);
    }
    const tooLarge = tooLargeReason(bytes);
    if (tooLarge) throw new CliError(`${name}: ${tooLarge}`);
    const ast = parseBytes(bytes);
    if (format === 'buildkit') {
      const text = dump(ast);
      io.stdout(text === '' ? '' : text + '\n');
    } else {
      try {
        writeJson(ast, io.stdout);
      } catch (e) {
        if (!(e instanceof JsonTooLarge)) throw e;
        throw new CliError(`${name}: the AST is too large for JSON output (over ${MAX_JSON_CHARS / 1e6} M characters); use --format buildkit`);
      }
    }
    let errors = 0;
    let report = '';
    for (const d of ast.diagnostics) {
      if (d.severity === 'error') errors++;
      report += formatDiagnostic(name, d);
    }
    if (report) io.stderr(report);
    return errors > 0 ? 1 : 0;
  },
};
export default command;

async function readInput(file: string, io: Io): Promise<Uint8Array> {
  if (file === '-') return io.readStdin();
  try {
    // Refuses directories, FIFOs, sockets and devices (a FIFO would block forever).
    return readInputFile(path.resolve(io.cwd, file), file);
  } catch (e) {
    throw new CliError(`cannot read ${e instanceof CliError ? e.message : `${file}: ${String(e)}`}`);
  }
}

/** `file:line:col: severity: message` (columns 1-based). */
function formatDiagnostic(file: string, d: Diagnostic): string {
  return `${visible(file)}:${d.range.startLine}:${d.range.startColumn}: ${d.severity}: ${visible(d.message)}\n`;
}

/** Containers this deep or shallower are written piece by piece; deeper values in one go. */
const SPLIT_DEPTH = 4;
const CHUNK = 1 << 20;
/** Above this many characters of JSON, `parse` refuses (a 10 MB Dockerfile's AST is ~800 MB). */
export const MAX_JSON_CHARS = 128_000_000;

/** The JSON of an AST would be too large to print sensibly. */
export class JsonTooLarge extends Error {}

/**
 * The AST without its LineIndex, as `JSON.stringify(ast, null, 2)` would print it, built in pieces
 * (V8's longest string is ~512 M characters) and written only once complete, so that an oversized
 * AST fails with a message instead of truncated output. Throws JsonTooLarge past `limit`.
 */
export function writeJson(ast: Dockerfile, write: (s: string) => void, limit = MAX_JSON_CHARS): void {
  const { lineIndex: _omit, ...rest } = ast;
  void _omit;
  const chunks: string[] = [];
  let total = 0;
  // Pieces are joined per chunk: flat strings, not ropes of thousands of small ones.
  let pieces: string[] = [];
  let size = 0;
  const emit = (s: string) => {
    pieces.push(s);
    size += s.length;
    if (size >= CHUNK) {
      total += size;
      if (total > limit) throw new JsonTooLarge();
      chunks.push(pieces.join(''));
      pieces = [];
      size = 0;
    }
  };
  emitValue(rest, '', 0, emit);
  if (total + size > limit) throw new JsonTooLarge();
  pieces.push('\n');
  chunks.push(pieces.join(''));
  for (const c of chunks) write(c);
}

function emitValue(value: unknown, indent: string, depth: number, emit: (s: string) => void): void {
  if (depth >= SPLIT_DEPTH || value === null || typeof value !== 'object' || typeof (value as { toJSON?: unknown }).toJSON === 'function') {
    const s = JSON.stringify(value, null, 2);
    emit(s === undefined ? 'null' : s.replace(/\n/g, `\n${indent}`));
    return;
  }
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    if (value.length === 0) return emit('[]');
    emit('[');
    value.forEach((v, i) => {
      emit(`${i ? ',' : ''}\n${inner}`);
      emitValue(v, inner, depth + 1, emit);
    });
    return emit(`\n${indent}]`);
  }
  const entries = Object.entries(value).filter(([, v]) => v !== undefined && typeof v !== 'function' && typeof v !== 'symbol');
  if (entries.length === 0) return emit('{}');
  emit('{');
  entries.forEach(([k, v], i) => {
    emit(`${i ? ',' : ''}\n${inner}${JSON.stringify(k)}: `);
    emitValue(v, inner, depth + 1, emit);
  });
  emit(`\n${indent}}`);
}
