// Turns a bash syntax tree into the command model (types.ts): simple commands in source order
// with words, flags and assignments, plus the control operators between them.
import { LineIndex } from '../core/line-index.js';
import type { SourceRange } from '../core/range.js';
import { shellParser } from './loader.js';
import { toSyntaxTree, type SyntaxNode } from './tree.js';
import type { ShellCommand, ShellOperator, ShellScript, ShellWord } from './types.js';
import { argsWithoutFlags, flagsOf, wordValue } from './words.js';

/** Maps a half-open span of the script text to a range in the document that holds it. */
export type RangeMapper = (start: number, end: number) => SourceRange;

/**
 * Parse `text` as a bash script. Error tolerant: never throws on any input once the parser is
 * loaded (a pathological script that takes over 2 s gives no commands and `hasErrors`).
 * Ranges are positions in `text` itself; {@link parseShellMapped} maps them elsewhere.
 * Requires `initShellParser()` to have completed.
 */
export function parseShell(text: string): ShellScript {
  const index = new LineIndex(text);
  return parseShellMapped(text, (s, e) => index.range(s, e));
}

/** Like {@link parseShell}, with every range produced by `map` (script offsets in, ranges out). */
export function parseShellMapped(text: string, map: RangeMapper): ShellScript {
  const parser = shellParser();
  let tree;
  if (text.length <= LONG_SCRIPT) tree = parser.parse(text);
  else {
    // Error recovery on some long inputs (thousands of `${`) is superlinear: give up after a while.
    const deadline = performance.now() + MAX_PARSE_MS;
    const progressCallback = (() => performance.now() > deadline) as unknown as () => void;
    tree = parser.parse(text, null, { progressCallback });
  }
  if (!tree) {
    parser.reset();
    return { text, commands: [], hasErrors: true, operators: [] };
  }
  try {
    const root = toSyntaxTree(tree);
    const out = new Extractor(text, map);
    out.visit(root);
    return { text, commands: out.commands, hasErrors: tree.rootNode.hasError, operators: out.operators };
  } finally {
    tree.delete();
  }
}

/** Scripts longer than this get a parse deadline (short ones cannot take long). */
const LONG_SCRIPT = 4096;
const MAX_PARSE_MS = 2000;

const DECLARATIONS = new Set(['declaration_command', 'unset_command']);
/** Parents under which `&&`/`||`/`;`/`&` are not command operators (test and arithmetic expressions). */
const NON_COMMAND_PARENTS = new Set([
  'binary_expression', 'unary_expression', 'ternary_expression', 'parenthesized_expression',
  'test_command', 'arithmetic_expansion', 'c_style_for_statement', 'file_redirect',
]);
const OPERATORS = new Set(['&&', '||', ';', '|', '|&', '&']);

class Extractor {
  readonly commands: ShellCommand[] = [];
  readonly operators: ShellOperator[] = [];
  private readonly strayArgs = new Map<SyntaxNode, SyntaxNode[]>();

  constructor(
    private readonly text: string,
    private readonly map: RangeMapper,
  ) {}

  visit(node: SyntaxNode, parent?: SyntaxNode): void {
    // Explicit stack: deeply nested input must not overflow the call stack.
    // Parallel stacks of node and parent (no tuple per node).
    const stack: SyntaxNode[] = [node];
    const parents: (SyntaxNode | undefined)[] = [parent];
    while (stack.length > 0) {
      const n = stack.pop()!;
      const p = parents.pop();
      this.handle(n, p);
      for (let i = n.children.length - 1; i >= 0; i--) {
        stack.push(n.children[i]!);
        parents.push(n);
      }
    }
  }

  /** Records what `n` contributes; children are visited afterwards (pre-order, like ShellCheck). */
  private handle(n: SyntaxNode, parent: SyntaxNode | undefined): void {
    if (!n.named) {
      if (OPERATORS.has(n.type) && n.end > n.start && parent && this.isCommandOperator(n.type, parent.type)) {
        this.operators.push({ op: n.type as ShellOperator['op'], range: this.map(n.start, n.end) });
      }
      return;
    }
    switch (n.type) {
      case 'command':
        this.commands.push(this.simpleCommand(n, this.strayArgs.get(n) ?? []));
        return;
      case 'redirected_statement':
        this.collectStrayRedirectArgs(n);
        return;
      case 'variable_assignment':
      case 'variable_assignments':
        // A statement made only of assignments; inside commands these are handled by simpleCommand.
        if (parent && (parent.type === 'command' || DECLARATIONS.has(parent.type) || parent.type === 'variable_assignments')) return;
        this.commands.push(this.assignmentsOnly(n));
        return;
      default:
        if (DECLARATIONS.has(n.type)) this.commands.push(this.declaration(n));
    }
  }

  private isCommandOperator(op: string, parentType: string): boolean {
    if (NON_COMMAND_PARENTS.has(parentType)) return false;
    if (op === '|' || op === '|&') return parentType === 'pipeline';
    if (op === '&&' || op === '||') return parentType === 'list';
    return true;
  }

  private word(n: SyntaxNode): ShellWord {
    const raw = this.text.slice(n.start, n.end);
    const value = n.type === 'variable_assignment' ? this.assignmentValue(n) : wordValue(n, this.text);
    return { value, raw, range: this.map(n.start, n.end) };
  }

  private assignmentValue(n: SyntaxNode): string {
    const name = n.children.find((c) => c.field === 'name');
    const value = n.children.find((c) => c.field === 'value');
    const head = this.text.slice(n.start, value ? value.start : n.end);
    if (!name || !value) return head;
    return head + wordValue(value, this.text);
  }

  private simpleCommand(n: SyntaxNode, extraArgs: SyntaxNode[]): ShellCommand {
    const assignments: ShellWord[] = [];
    const args: ShellWord[] = [];
    let nameWord: ShellWord | undefined;
    for (const c of n.children) {
      if (c.field === 'name') nameWord = this.word(c.children.find((k) => k.named) ?? c);
      else if (c.field === 'argument') args.push(this.word(c));
      else if (!nameWord && c.type === 'variable_assignment') assignments.push(this.word(c));
    }
    for (const c of extraArgs) args.push(this.word(c));
    return this.build(nameWord, args, assignments, n);
  }

  private declaration(n: SyntaxNode): ShellCommand {
    const keyword = n.children.find((c) => !c.named);
    const args: ShellWord[] = [];
    for (const c of n.children) if (c.named && c.type !== 'comment') args.push(this.word(c));
    const nameWord = keyword ? this.word(keyword) : undefined;
    return this.build(nameWord, args, [], n);
  }

  private assignmentsOnly(n: SyntaxNode): ShellCommand {
    const list = n.type === 'variable_assignments' ? n.children.filter((c) => c.type === 'variable_assignment') : [n];
    return this.build(undefined, [], list.map((c) => this.word(c)), n);
  }

  private build(nameWord: ShellWord | undefined, args: ShellWord[], assignments: ShellWord[], n: SyntaxNode): ShellCommand {
    const flags = flagsOf(args);
    return {
      name: nameWord?.value ?? '',
      nameRange: nameWord?.range ?? this.map(n.start, n.start),
      args,
      flags,
      argsNoFlags: argsWithoutFlags(args, flags),
      assignments,
      range: this.map(n.start, n.end),
    };
  }

  /**
   * tree-sitter-bash reads words after a redirect (`cmd >/dev/null 2>&1 more`) as extra redirect
   * destinations; bash (and ShellCheck) treat them as arguments of the (last) command.
   */
  private collectStrayRedirectArgs(statement: SyntaxNode): void {
    let target = statement.children.find((c) => c.field === 'body');
    while (target && target.type === 'pipeline') target = lastNamed(target);
    if (!target || target.type !== 'command') return;
    const extra: SyntaxNode[] = [];
    for (const r of statement.children) {
      if (r.type !== 'file_redirect') continue;
      let seen = false;
      for (const c of r.children) {
        if (c.field !== 'destination') continue;
        if (seen) extra.push(c);
        seen = true;
      }
    }
    if (extra.length > 0) this.strayArgs.set(target, extra);
  }
}

function lastNamed(n: SyntaxNode): SyntaxNode | undefined {
  for (let i = n.children.length - 1; i >= 0; i--) if (n.children[i]!.named) return n.children[i];
  return undefined;
}
