// Turns a bash syntax tree into the command model (types.ts): simple commands in source order
// with words, flags and assignments, plus the control operators between them.
import { LineIndex } from '../core/line-index.js';
import type { Span } from '../core/range.js';
import { parseShellFast } from './fast.js';
import { shellParser } from './loader.js';
import { toSyntaxTree, type SyntaxNode } from './tree.js';
import type { Tree } from 'web-tree-sitter';
import type { ShellCommand, ShellOperator, ShellScript, ShellWord } from './types.js';
import { shellCommand, wordValue } from './words.js';

/** Maps a half-open span of the script text to a range in the document that holds it. */
export type RangeMapper = (start: number, end: number) => Span;

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

/**
 * Like {@link parseShell}, with every range produced by `map` (script offsets in, ranges out).
 * Common scripts go through the hand-written reader (fast.ts); the rest through tree-sitter.
 */
export function parseShellMapped(text: string, map: RangeMapper): ShellScript {
  return parseShellFast(text, map) ?? parseShellTreeSitter(text, map);
}

/** {@link parseShellMapped} through tree-sitter only (the reference the fast reader is tested against). */
export function parseShellTreeSitter(text: string, map: RangeMapper): ShellScript {
  // tree-sitter-bash reads `! {`, `! if`, `! for`, `! while`, `! until`, `! case` and `! select` as
  // the negation of a command named `{`, `if`...; bash negates the compound. The model has no place
  // for a negation (`! cmd` reads as `cmd`), so such a `!` is blanked and the script read again:
  // the same offsets, the compound read as itself. A pass finds only the outermost of nested ones
  // (tree-sitter reads the inner ones as the `{` command's arguments): after MAX_PASSES, the tree is
  // taken as it is. A long script's deadline is for all passes together.
  let source = text;
  const deadline = text.length > LONG_SCRIPT ? performance.now() + MAX_PARSE_MS : undefined;
  for (let pass = 1; ; pass++) {
    const tree = parseTree(source, deadline);
    if (!tree) return { text, commands: [], hasErrors: true, operators: [], memo: undefined };
    let root: SyntaxNode;
    let hasErrors: boolean;
    try {
      root = toSyntaxTree(tree);
      hasErrors = tree.rootNode.hasError;
    } finally {
      tree.delete();
    }
    const bangs = pass < MAX_PASSES ? misreadNegations(root, source) : [];
    if (bangs.length > 0) {
      source = blankAt(source, bangs);
      continue;
    }
    const out = new Extractor(text, map);
    out.visit(root);
    return { text, commands: out.commands, hasErrors, operators: out.operators, memo: undefined };
  }
}

/** tree-sitter's tree of `text`, or null when it gave up (a long script past its `deadline`). */
function parseTree(text: string, deadline: number | undefined): Tree | null {
  const parser = shellParser();
  let tree: Tree | null;
  if (deadline === undefined) tree = parser.parse(text);
  else {
    // Error recovery on some long inputs (thousands of `${`) is superlinear: give up after a while.
    const progressCallback = (() => performance.now() > deadline) as unknown as () => void;
    tree = parser.parse(text, null, { progressCallback });
  }
  if (!tree) parser.reset();
  return tree;
}

/** Words after `!` that begin a compound command, which tree-sitter-bash reads as a command's name. */
const COMPOUND_WORDS = new Set(['{', 'if', 'for', 'while', 'until', 'case', 'select']);

/** Offsets of the `!` of every negated command in `root` whose next word begins a compound. */
function misreadNegations(root: SyntaxNode, text: string): number[] {
  const found: number[] = [];
  if (!text.includes('!')) return found;
  const stack = [root];
  while (stack.length > 0) {
    const n = stack.pop()!;
    if (n.type === 'negated_command' && text.charCodeAt(n.start) === 33 /* ! */) {
      let i = n.start + 1;
      while (text[i] === ' ' || text[i] === '\t') i++;
      let j = i;
      while (j < text.length && !/[\s;&|()<>]/.test(text[j]!)) j++;
      if (COMPOUND_WORDS.has(text.slice(i, j))) found.push(n.start);
    }
    for (const c of n.children) stack.push(c);
  }
  return found;
}

/** `text` with a blank in place of the character at each offset. */
function blankAt(text: string, offsets: number[]): string {
  const chars = text.split('');
  for (const i of offsets) chars[i] = ' ';
  return chars.join('');
}

/** Scripts longer than this get a parse deadline (short ones cannot take long). */
const LONG_SCRIPT = 4096;
const MAX_PARSE_MS = 2000;
/** How many times a script is read, at most, to mend misread negations (nested ones need one each). */
const MAX_PASSES = 8;

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
    let prev: SyntaxNode | undefined;
    for (const c of n.children) {
      if (c.field === 'name') {
        nameWord = this.word(c.children.find((k) => k.named) ?? c);
        prev = c;
      } else if (c.field === 'argument') {
        // tree-sitter-bash splits some words (`a/$V/b-$V.tgz` → `a/$V/b-$` `V.tgz`); bash reads
        // text with no blank in between as one word.
        if (prev && prev.end === c.start) {
          if (args.length > 0) args[args.length - 1] = this.joined(args[args.length - 1]!, prev, c);
          else if (nameWord) nameWord = this.joined(nameWord, prev, c);
        } else args.push(this.word(c));
        prev = c;
      } else if (!nameWord && c.type === 'variable_assignment') assignments.push(this.word(c));
    }
    let end = n.end;
    for (const c of extraArgs) {
      args.push(this.word(c));
      if (c.field === 'dropped') end = c.end; // an argument tree-sitter lost belongs to the command
    }
    return this.build(nameWord, args, assignments, n, end);
  }

  /** One word made of `a` (already read from `aNode`) and the node right after it. */
  private joined(a: ShellWord, aNode: SyntaxNode, b: SyntaxNode): ShellWord {
    const w = this.word(b);
    return { value: a.value + w.value, raw: a.raw + w.raw, range: this.map(this.startOf(a, aNode), b.end) };
  }

  /** Script offset where word `w` (read from `node`, possibly joined) starts. */
  private startOf(w: ShellWord, node: SyntaxNode): number {
    return node.end - w.raw.length;
  }

  private declaration(n: SyntaxNode): ShellCommand {
    const keyword = n.children.find((c) => !c.named);
    const args: ShellWord[] = [];
    let prev: SyntaxNode | undefined;
    for (const c of n.children) {
      if (!c.named || c.type === 'comment') continue;
      if (prev && prev.end === c.start && args.length > 0) args[args.length - 1] = this.joined(args[args.length - 1]!, prev, c);
      else args.push(this.word(c));
      prev = c;
    }
    const nameWord = keyword ? this.word(keyword) : undefined;
    return this.build(nameWord, args, [], n);
  }

  private assignmentsOnly(n: SyntaxNode): ShellCommand {
    const list = n.type === 'variable_assignments' ? n.children.filter((c) => c.type === 'variable_assignment') : [n];
    return this.build(undefined, [], list.map((c) => this.word(c)), n);
  }

  private build(nameWord: ShellWord | undefined, args: ShellWord[], assignments: ShellWord[], n: SyntaxNode, end = n.end): ShellCommand {
    return shellCommand(nameWord, args, assignments, this.map(n.start, end), nameWord ? undefined : this.map(n.start, n.start));
  }

  /**
   * tree-sitter-bash reads words after a redirect (`cmd >/dev/null 2>&1 more`) as extra redirect
   * destinations; bash (and ShellCheck) treat them as arguments of the (last) command.
   */
  private collectStrayRedirectArgs(statement: SyntaxNode): void {
    const body = statement.children.find((c) => c.field === 'body');
    let target = body;
    // A redirect after `a && b` or `a | b` belongs to the last command (tree-sitter hangs it on the list).
    while (target && (target.type === 'pipeline' || target.type === 'list')) target = lastNamed(target);
    if (!body || !target || target.type !== 'command') return;
    const extra: SyntaxNode[] = [];
    // tree-sitter-bash drops a lone `-` right before `2>...` (`apt-key add - 2>&1`): bash reads an argument.
    const first = statement.children.find((c) => c.type === 'file_redirect');
    if (first && target.end === body.end) {
      const gap = this.text.slice(body.end, first.start);
      const m = /^([ \t]+)(-)[ \t]+$/.exec(gap);
      if (m) extra.push({ type: 'word', named: true, field: 'dropped', start: body.end + m[1]!.length, end: body.end + m[1]!.length + 1, children: [] });
    }
    for (const r of statement.children) {
      if (r.type !== 'file_redirect') continue;
      let prev: SyntaxNode | undefined;
      for (const c of r.children) {
        if (c.field !== 'destination') continue;
        // A piece glued to the previous one is the same word (see simpleCommand); the first word is the target.
        if (prev && prev.end === c.start) {
          const last = extra[extra.length - 1];
          if (last === prev) extra[extra.length - 1] = { ...prev, type: 'concatenation', end: c.end, children: [prev, c] };
        } else if (prev) extra.push(c);
        prev = c;
      }
    }
    if (extra.length > 0) this.strayArgs.set(target, extra);
  }
}

function lastNamed(n: SyntaxNode): SyntaxNode | undefined {
  for (let i = n.children.length - 1; i >= 0; i--) if (n.children[i]!.named) return n.children[i];
  return undefined;
}
