// The chevrotain grammar: a file is directive lines, trivia (comment and blank lines) and
// instructions; an instruction that opens heredocs is followed by their bodies. The grammar holds no
// actions, and is flat (no sub-rule per instruction) because a file has tens of thousands of them.
import { CstParser, type CstNode, type IToken } from 'chevrotain';
import { allTokens, DirectiveLine, HeredocBody, HeredocInstruction, HeredocLastBody, Instruction, Trivia } from './tokens.js';

class DockerfileCstParser extends CstParser {
  constructor() {
    super(allTokens, { recoveryEnabled: true, maxLookahead: 1, skipValidations: true });
    this.performSelfAnalysis();
  }

  dockerfile = this.RULE('dockerfile', () => {
    this.MANY(() => {
      this.OR([
        { ALT: () => this.CONSUME(DirectiveLine) },
        { ALT: () => this.CONSUME(Trivia) },
        { ALT: () => this.CONSUME(Instruction) },
        {
          ALT: () => {
            this.CONSUME(HeredocInstruction);
            this.MANY2(() => {
              this.OR2([
                { ALT: () => this.CONSUME(HeredocBody) },
                { ALT: () => this.CONSUME(HeredocLastBody) },
              ]);
            });
          },
        },
      ]);
    });
  });
}

let parser: DockerfileCstParser | undefined;

/** The grammar's productions (for `generateCstDts`, which writes cst.gen.d.ts). */
export function grammarProductions(): ReturnType<DockerfileCstParser['getGAstProductions']> {
  parser ??= new DockerfileCstParser();
  return parser.getGAstProductions();
}

/** Parses tokens into a CST (one parser instance, reset through `.input`). */
export function parseTokens(tokens: IToken[]): { cst: CstNode; errors: DockerfileCstParser['errors'] } {
  parser ??= new DockerfileCstParser();
  parser.input = tokens;
  const cst = parser.dockerfile();
  return { cst, errors: parser.errors };
}
