// The Dockerfile AST: what the parser produces and every other layer reads.
// Every node carries its exact source range; the BuildKit-visible fields mirror BuildKit's Node.
import type { Diagnostic } from '../core/diagnostic.js';
import type { LineIndex } from '../core/line-index.js';
import type { SourceRange } from '../core/range.js';

/** The escape token chosen by the `# escape=` directive. */
export type EscapeChar = '\\' | '`';

/** A parser directive at the top of the file (`# syntax=`, `# escape=`, `# check=`). */
export interface Directive {
  /** Key lower-cased: `syntax`, `escape` or `check`. */
  name: string;
  /** Value as written (case kept), trimmed. */
  value: string;
  range: SourceRange;
  nameRange: SourceRange;
  valueRange: SourceRange;
}

/** A comment line (`# ...`), including comments inside continued instructions. */
export interface Comment {
  /** Text after `#` with surrounding whitespace stripped (BuildKit's PrevComment form). */
  text: string;
  /** The whole comment from `#` to the end of the line. */
  range: SourceRange;
}

/** A `--name=value` flag before an instruction's arguments. */
export interface Flag {
  /** Name without the leading `--` (case kept; flag names are case-sensitive). */
  name: string;
  /** Value after the first `=`, quotes/escapes removed as BuildKit's flag scanner does; null when no `=`. */
  value: string | null;
  /** The flag word as BuildKit stores it in Node.Flags (e.g. `--from=build`). */
  raw: string;
  range: SourceRange;
  nameRange: SourceRange;
  valueRange: SourceRange | null;
}

/** One entry of BuildKit's `Next` list for an instruction. */
export interface Arg {
  value: string;
  /** Where the argument came from in the source (for JSON elements: the quoted string). */
  range: SourceRange;
}

/** A `<<EOF` heredoc attached to RUN / COPY / ADD. */
export interface Heredoc {
  /** Delimiter after quote removal. */
  name: string;
  /** File descriptor prefix (`3<<EOF` → 3); 0 when absent. */
  fileDescriptor: number;
  /** False when the delimiter was quoted. */
  expand: boolean;
  /** `<<-` form (leading tabs to be stripped by consumers). */
  chomp: boolean;
  /** Body lines including their line terminators, before the terminator line; not chomped. */
  content: string;
  /** The `<<EOF` word in the instruction line. */
  markerRange: SourceRange;
  /** The body (first body line to end of last body line). */
  bodyRange: SourceRange;
  /** The terminator line; null when unterminated. */
  terminatorRange: SourceRange | null;
}

/** Key/value pair of ENV or LABEL (BuildKit's parseNameVal triple). */
export interface KeyValue {
  key: string;
  /** Value as written (quotes and escapes still raw; expansion happens later). */
  value: string;
  /** `=` for `k=v`, `` for the legacy `ENV k v` form. */
  sep: '=' | '';
  range: SourceRange;
  keyRange: SourceRange;
  valueRange: SourceRange;
}

/**
 * A contiguous piece of the logical line (`original`) copied from the source.
 * BuildKit joins continued physical lines with no separator and drops comment lines;
 * segments record where each piece came from so any logical offset maps back to the file.
 */
export interface Segment {
  /** Offset in `Instruction.original`. */
  logicalStart: number;
  /** Offset in the document text. */
  sourceStart: number;
  length: number;
}

/** A Dockerfile instruction. */
export interface Instruction {
  type: 'instruction';
  /** Keyword upper-cased (`RUN`); unknown keywords are kept upper-cased too. */
  keyword: string;
  /** Keyword as written (`Run`), which casing rules inspect. */
  keywordRaw: string;
  keywordRange: SourceRange;
  /**
   * From the keyword to the end of the instruction's last physical line, heredoc bodies included.
   * `range.startLine`/`range.endLine` are BuildKit's StartLine/EndLine.
   */
  range: SourceRange;
  /** BuildKit's Original: the logical line after continuation joining (keyword included). */
  original: string;
  /** Maps offsets in `original` back to the source. */
  segments: Segment[];
  flags: Flag[];
  /** BuildKit's Next list (for ONBUILD: empty; see `trigger`). */
  args: Arg[];
  /** The argument string after keyword and flags, trimmed (BuildKit's "rest"). */
  argsText: string;
  /** Offset of `argsText` within `original` (map it to the source through `segments`). */
  argsOffset: number;
  /** Source range of `argsText` (empty range right after the keyword when there is none). */
  argsRange: SourceRange;
  /** Exec (JSON) form — BuildKit's `json` attribute. */
  json: boolean;
  heredocs: Heredoc[];
  /** BuildKit's PrevComment: comments since the previous instruction (reset by a bare `#`). */
  prevComment: string[];
  /** Comment lines inside this instruction's continuation (dropped from `original`). */
  comments: Comment[];
  /** ENV / LABEL pairs; empty for other instructions. */
  pairs: KeyValue[];
  /** ONBUILD's trigger instruction, parsed like a top-level instruction. */
  trigger?: Instruction;
  /** Index of the stage this instruction belongs to; -1 before the first FROM. */
  stageIndex: number;
}

/** A build stage: a FROM instruction and the instructions up to the next FROM. */
export interface Stage {
  index: number;
  /** Stage name lower-cased (BuildKit lower-cases names), or null. */
  name: string | null;
  /** The name as written (for StageNameCasing). */
  nameRaw: string | null;
  nameRange: SourceRange | null;
  /** The image / stage reference as written in FROM (unexpanded). */
  base: string;
  baseRange: SourceRange;
  /** `--platform` value as written, or null. */
  platform: string | null;
  from: Instruction;
  /** Instructions after FROM in this stage (FROM itself excluded). */
  instructions: Instruction[];
  range: SourceRange;
}

/** The result of parsing a Dockerfile. Always produced, whatever the input. */
export interface Dockerfile {
  /** The text that was parsed (after decoding); every offset indexes into it. */
  text: string;
  lineIndex: LineIndex;
  escapeChar: EscapeChar;
  directives: Directive[];
  /** Every comment line in the file, in order (directive lines excluded). */
  comments: Comment[];
  /** All top-level instructions in order, including ARGs before the first FROM. */
  instructions: Instruction[];
  /** ARG instructions before the first FROM (BuildKit's meta args). */
  globalArgs: Instruction[];
  stages: Stage[];
  /** Syntax errors and parser warnings (e.g. NoEmptyContinuation), with ranges. */
  diagnostics: Diagnostic[];
}
