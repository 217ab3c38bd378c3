// `dockhand parse FILE [--format json|buildkit]`: prints the AST as JSON, or BuildKit's own parser
// dump; syntax errors go to stderr as `file:line:col: error: message` and make the exit code 1.
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Diagnostic } from '../../core/diagnostic.js';
import type { Dockerfile } from '../../parser/ast.js';
import { dump, parseBytes } from '../../parser/index.js';
import type { Command } from '../command.js';
import { CliError, type Io } from '../io.js';

const FORMATS = ['json', 'buildkit'] as const;

const command: Command = {
  command: 'parse <file>',
  describe: "Parse a Dockerfile as BuildKit does; print the AST as JSON or BuildKit's dump ('-' reads stdin)",
  builder: (y) =>
    y
      .positional('file', { type: 'string', describe: "Dockerfile to parse, or '-' for stdin" })
      .option('format', { type: 'string', default: 'json', describe: 'json (the AST with ranges) or buildkit (the parser dump)' }),
  run: async (args, io) => {
    // yargs hands `-` to a positional as the empty string.
    const raw = args.file;
    if (raw === undefined || raw === null) throw new CliError('parse needs a FILE (or - for stdin)');
    const file = String(raw) === '' ? '-' : String(raw);
    const format = String(args.format ?? 'json');
    if (!(FORMATS as readonly string[]).includes(format)) throw new CliError(`unknown --format ${format} (expected ${FORMATS.join(' or ')})`);
    const bytes = await readInput(file, io);
    const ast = parseBytes(bytes);
    const name = file === '-' ? '<stdin>' : file;
    if (format === 'buildkit') {
      const text = dump(ast);
      io.stdout(text === '' ? '' : text + '\n');
    } else {
      io.stdout(toJson(ast) + '\n');
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
  const full = path.resolve(io.cwd, file);
  let isDir = false;
  try {
    isDir = statSync(full).isDirectory();
  } catch (e) {
    throw new CliError(`cannot read ${file}: ${reason(e)}`);
  }
  if (isDir) throw new CliError(`cannot read ${file}: is a directory`);
  try {
    return readFileSync(full);
  } catch (e) {
    throw new CliError(`cannot read ${file}: ${reason(e)}`);
  }
}

function reason(e: unknown): string {
  const code = (e as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'EISDIR') return 'is a directory';
  return e instanceof Error ? e.message : String(e);
}

/** `file:line:col: severity: message` (columns 1-based). */
function formatDiagnostic(file: string, d: Diagnostic): string {
  return `${file}:${d.range.startLine}:${d.range.startColumn}: ${d.severity}: ${d.message}\n`;
}

/** The AST without its LineIndex (ranges already carry lines and columns). */
function toJson(ast: Dockerfile): string {
  const { lineIndex: _omit, ...rest } = ast;
  void _omit;
  return JSON.stringify(rest, null, 2);
}
