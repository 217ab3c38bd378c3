// `dockhand format FILE.. [--write | --check]`: the conservative formatter of src/format. One file
// (or `-`) without a flag prints the result; --check lists files that would change (exit 1);
// --write rewrites them in place, as `lint --fix` does (mode, owner, links and symlinks kept).
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { formatFile } from '../../format/index.js';
import { decode, parse } from '../../parser/index.js';
import type { Command } from '../command.js';
import { visible } from '../formatters/visible.js';
import { CliError, type Io } from '../io.js';
import type { QuickOption } from '../quick-args.js';
import { describeError, dockerfileProblem, readInputFile } from '../read-file.js';

/** format's options, as data: yargs reads them, and so does quick-args.ts. */
const FORMAT_OPTIONS = {
  write: { alias: 'w', type: 'boolean', default: false, describe: 'Rewrite the files in place' },
  check: { type: 'boolean', default: false, describe: 'Change nothing; exit 1 and list the files that would change' },
} satisfies Record<string, QuickOption>;

const command: Command = {
  command: 'format [files..]',
  describe: "Format Dockerfiles: upper-case keywords, tidy whitespace BuildKit ignores ('-' reads stdin)",
  builder: (y) =>
    y
      .positional('files', { type: 'string', array: true, describe: 'Dockerfiles (default ./Dockerfile)' })
      .example('$0 format Dockerfile', 'Print the formatted file')
      .example('$0 format --check services/*/Dockerfile', 'In CI: fail when a file is not formatted')
      .example('$0 format --write Dockerfile', 'Format in place'),
  options: FORMAT_OPTIONS,
  run: async (args, io) => {
    const files = ((args.files as string[] | undefined) ?? []).map((f) => (f === '' ? '-' : f));
    if (files.length === 0) files.push('Dockerfile');
    const write = args.write === true;
    const check = args.check === true;
    if (write && check) throw new CliError('--write and --check exclude each other');
    if (files.length > 1 && !write && !check) throw new CliError('several files: give --write to format them in place, or --check');
    if (write && files.includes('-')) throw new CliError("--write cannot rewrite standard input ('-'); leave --write out to print the result");
    let changed = 0;
    // The worst exit code of a file that could not be formatted: 1 syntax errors, 2 unreadable.
    let failed = 0;
    for (const name of files) {
      let result: { before: string; after: string };
      try {
        result = await formatted(name, io);
      } catch (err) {
        if (!(err instanceof CliError)) throw err;
        io.stderr(`dockhand: ${visible(err.message)}\n`);
        failed = Math.max(failed, err.exitCode);
        continue;
      }
      const differs = result.after !== result.before;
      if (!write && !check) {
        io.stdout(result.after);
        continue;
      }
      if (!differs) continue;
      changed++;
      if (check) {
        io.stderr(`would reformat ${visible(name)}\n`);
        continue;
      }
      try {
        writeFileSync(resolve(io.cwd, name), result.after);
        io.stderr(`formatted ${visible(name)}\n`);
      } catch (err) {
        io.stderr(`dockhand: ${visible(`${name}: cannot write (${describeError(err)})`)}\n`);
        failed = 2;
      }
    }
    if (check && changed === 0 && failed === 0 && io.stderrIsTTY) io.stderr(`${files.length} file${files.length === 1 ? '' : 's'} already formatted\n`);
    if (failed > 0) return failed;
    return check && changed > 0 ? 1 : 0;
  },
};
export default command;

/** Reads, checks and formats one file; one-line CliErrors for everything that stops it. */
async function formatted(name: string, io: Io): Promise<{ before: string; after: string }> {
  let bytes: Uint8Array;
  try {
    bytes = name === '-' ? await io.readStdin() : readInputFile(resolve(io.cwd, name), name);
  } catch (err) {
    throw new CliError(`cannot read ${err instanceof CliError ? err.message : `${name}: ${describeError(err)}`}`);
  }
  const shown = name === '-' ? '<stdin>' : name;
  const notText = dockerfileProblem(bytes);
  if (notText) throw new CliError(`${shown}: ${notText}`);
  const decoded = decode(bytes);
  // Writing back text decoded with replacement characters would destroy the bytes that were not UTF-8.
  if (decoded.diagnostics.length > 0) throw new CliError(`${shown}: ${decoded.diagnostics[0]!.message}; not formatted`);
  const file = parse(decoded.text);
  const errors = file.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length > 0) {
    const d = errors[0]!;
    throw new CliError(`${shown}:${d.range.startLine}:${d.range.startColumn}: ${d.message}; a file with syntax errors is not formatted`, 1);
  }
  return { before: decoded.text, after: formatFile(file) };
}
