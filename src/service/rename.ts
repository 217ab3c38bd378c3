// Rename: a stage name everywhere it is written (FROM … AS, FROM <stage>, COPY --from=, RUN
// --mount from=), or an ARG/ENV variable with every `$NAME` the model binds to it. Refused, with a
// reason, where the result could build something else: names set by the builder, stages reached
// through variables, scripts that set the same name, a new name that is taken or invalid.
import type { Span } from '../core/range.js';
import { AUTOMATIC_ARG_NAMES } from '../semantic/index.js';
import { parsed, type Edit } from './document.js';
import { symbolTable, type DockerSymbol } from './symbols.js';

/** Where a rename would apply (the name under the cursor), or why it cannot. */
export type PrepareRename = { span: Span; placeholder: string } | { error: string };

/** The edits of a rename, or why it cannot be done. */
export type RenameResult = { edits: Edit[] } | { error: string };

/** BuildKit's stage name rule (instructions/parse.go), checked on the lower-cased name. */
const STAGE_NAME = /^[a-z][a-z0-9-_.]*$/;
const VARIABLE_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
/** Names with a meaning of their own to BuildKit: the default PATH, and the proxy ARGs every build has. */
const RESERVED = new Set(['PATH', ...['HTTP_PROXY', 'HTTPS_PROXY', 'FTP_PROXY', 'NO_PROXY', 'ALL_PROXY'].flatMap((n) => [n, n.toLowerCase()])]);

/** Can the symbol at `offset` be renamed? */
export function prepareRename(text: string, offset: number): PrepareRename {
  const table = symbolTable(text);
  const hit = table.at(offset);
  if (!hit) {
    const unresolved = table.unresolved.find((r) => offset >= r.start && offset <= r.end);
    if (unresolved) return { error: `${unresolved.name} is not declared by an ARG or ENV of this Dockerfile, so there is nothing to rename` };
    return { error: 'Only stage names and ARG/ENV variables can be renamed, and there is none here' };
  }
  if (hit.symbol.unsafe) return { error: `Cannot rename ${hit.symbol.name}: ${hit.symbol.unsafe}` };
  return { span: { start: hit.occurrence.start, end: hit.occurrence.end }, placeholder: text.slice(hit.occurrence.start, hit.occurrence.end) };
}

/** Renames the symbol at `offset` to `newName`. */
export function rename(text: string, offset: number, newName: string): RenameResult {
  const ready = prepareRename(text, offset);
  if ('error' in ready) return ready;
  const table = symbolTable(text);
  const symbol = table.at(offset)!.symbol;
  const problem = symbol.kind === 'stage' ? stageNameProblem(text, symbol, newName, table) : variableNameProblem(symbol, newName, table);
  if (problem) return { error: problem };
  return { edits: symbol.occurrences.map((o) => ({ start: o.start, end: o.end, text: newName })) };
}

function stageNameProblem(text: string, symbol: DockerSymbol, newName: string, table: ReturnType<typeof symbolTable>): string | null {
  const lower = newName.toLowerCase();
  if (!STAGE_NAME.test(lower)) return `${JSON.stringify(newName)} is not a valid stage name: it must start with a letter and hold only letters, digits, '-', '_' and '.'`;
  if (lower === 'scratch') return "'scratch' is the empty image, not a name a stage can take";
  if (lower === symbol.name.toLowerCase()) return null;
  const other = table.symbols.find((s) => s.kind === 'stage' && s !== symbol && s.name.toLowerCase() === lower);
  if (other) return `a stage is already named ${other.name} (line ${parsed(text).lineIndex.position(other.occurrences.find((o) => o.declaration)!.start).line})`;
  const image = table.imageNames.get(lower);
  if (image !== undefined) return `line ${image} uses the image ${lower}; a stage of that name would replace it`;
  const viaVariable = table.variableBases.find((b) => b.pattern.test(lower));
  if (viaVariable) return `line ${viaVariable.line} (FROM ${viaVariable.text}) could then reach the renamed stage through variables`;
  return null;
}

function variableNameProblem(symbol: DockerSymbol, newName: string, table: ReturnType<typeof symbolTable>): string | null {
  if (!VARIABLE_NAME.test(newName)) return `${JSON.stringify(newName)} is not a valid variable name: letters, digits and '_', not starting with a digit`;
  if (newName === symbol.name) return null;
  if (AUTOMATIC_ARG_NAMES.includes(newName)) return `${newName} is an automatic platform argument set by the builder`;
  if (RESERVED.has(newName)) return `${newName} has a meaning of its own to the builder (${newName === 'PATH' ? 'the search path RUN uses' : 'a predefined proxy argument'})`;
  const line = table.variableNames.get(newName);
  if (line !== undefined) return `${newName} is already used in this Dockerfile (line ${line}); renaming would merge two variables`;
  return null;
}

