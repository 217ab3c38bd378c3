// The chevrotain grammar: a file is directive lines, trivia (comment and blank lines) and
// instructions; an instruction that opens heredocs is followed by their bodies. The grammar holds no
// actions, and is flat (no sub-rule per instruction) because a file has tens of thousands of them.
//
// The lexer's tokens are whole statements, so the grammar only sorts them by kind: `cstOf` does
// that directly, giving the very CST the chevrotain parser gives (test/parser-cst.test.ts checks)
// without building the parser at every start (its self-analysis cost ~6 ms of a `dockhand lint`).
// The chevrotain parser remains the definition, for cst.gen.d.ts and for any token order `cstOf`
// does not know (none the lexer makes).
import { CstParser, tokenMatcher, type CstNode, type IToken, type TokenType } from 'chevrotain';
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

const KINDS: readonly TokenType[] = [DirectiveLine, Trivia, Instruction, HeredocInstruction, HeredocBody, HeredocLastBody];

/**
 * The CST of `tokens`, as `parseTokens` gives it: each token in the list of its kind, in order.
 * Heredoc bodies belong to the instruction before them; one anywhere else (which the lexer never
 * makes) goes to the chevrotain parser, which recovers as the grammar says.
 */
export function cstOf(tokens: IToken[]): CstNode {
  const children: Record<string, IToken[]> = {};
  const byType = new Map<TokenType, string>();
  let inHeredoc = false;
  for (const t of tokens) {
    let kind = byType.get(t.tokenType);
    if (kind === undefined) {
      const k = KINDS.find((c) => tokenMatcher(t, c));
      if (!k) return parseTokens(tokens).cst;
      byType.set(t.tokenType, (kind = k.name));
    }
    const body = kind === 'HeredocBody' || kind === 'HeredocLastBody';
    if (body && !inHeredoc) return parseTokens(tokens).cst;
    inHeredoc = kind === 'HeredocInstruction' || body;
    (children[kind] ??= []).push(t);
  }
  return { name: 'dockerfile', children } as CstNode;
}
