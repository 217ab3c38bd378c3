// The chevrotain grammar: a file is directives, blank and comment lines, and instructions; an
// instruction is a run of continued lines (with comments and blank lines inside) ending in its last
// line, followed by heredoc bodies when that line opened heredocs. The grammar holds no actions.
import { CstParser, type CstNode, type IToken } from 'chevrotain';
import {
  allTokens, BlankLine, CommentLine, ContinuationLine, DirectiveLine, HeredocBodyLine, HeredocInstructionLine, InstructionLine,
} from './tokens.js';

class DockerfileCstParser extends CstParser {
  constructor() {
    super(allTokens, { recoveryEnabled: true, maxLookahead: 1, skipValidations: true });
    this.performSelfAnalysis();
  }

  dockerfile = this.RULE('dockerfile', () => {
    this.MANY(() => {
      this.OR([
        { ALT: () => this.CONSUME(DirectiveLine) },
        { ALT: () => this.CONSUME(BlankLine) },
        { ALT: () => this.CONSUME(CommentLine) },
        { ALT: () => this.SUBRULE(this.instruction) },
      ]);
    });
  });

  instruction = this.RULE('instruction', () => {
    this.OR([
      {
        ALT: () => {
          this.CONSUME(ContinuationLine);
          this.MANY(() => {
            this.OR2([
              { ALT: () => this.CONSUME2(ContinuationLine) },
              { ALT: () => this.CONSUME(CommentLine) },
              { ALT: () => this.CONSUME(BlankLine) },
            ]);
          });
          this.OPTION(() => this.SUBRULE(this.lastLine));
        },
      },
      { ALT: () => this.SUBRULE2(this.lastLine) },
    ]);
  });

  lastLine = this.RULE('lastLine', () => {
    this.OR([
      { ALT: () => this.CONSUME(InstructionLine) },
      {
        ALT: () => {
          this.CONSUME(HeredocInstructionLine);
          this.MANY(() => this.CONSUME(HeredocBodyLine));
        },
      },
    ]);
  });
}

let parser: DockerfileCstParser | undefined;

/** Parses line tokens into a CST (one parser instance, reset through `.input`). */
export function parseTokens(tokens: IToken[]): { cst: CstNode; errors: DockerfileCstParser['errors'] } {
  parser ??= new DockerfileCstParser();
  parser.input = tokens;
  const cst = parser.dockerfile();
  return { cst, errors: parser.errors };
}
