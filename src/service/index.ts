// The language service: pure functions from a document's text (and an offset) to what an editor
// shows. One file per feature; no I/O and no LSP types: offsets are UTF-16 indexes into the text,
// as everywhere in dockhand, and src/lsp turns them into positions. The build context, config and
// baseline plan, when wanted, come in as arguments (LintOptions, a ContextReader, a Plan).
export { parsed, modelOf, instructionAt, type Edit } from './document.js';
export { diagnostics } from './diagnostics.js';
export { codeActions, type Action } from './code-actions.js';
export { hover, type Hover } from './hover.js';
export { completions, type Completion, type CompletionKind } from './completion.js';
export { definition } from './definition.js';
export { outline, type OutlineSymbol } from './outline.js';
export { formatting, rangeFormatting, onTypeFormatting } from './formatting.js';
export { symbolTable, type DockerSymbol, type Occurrence, type SymbolTable } from './symbols.js';
export { prepareRename, rename, type PrepareRename, type RenameResult } from './rename.js';
export { references, highlights, type Highlight } from './references.js';
export { documentLinks, imagePage, type DocumentLink, type LinkContext } from './links.js';
export { foldingRanges, type Fold } from './folding.js';
export { signatureHelp, type Signature, type SignatureHelp, type SignatureParameter } from './signature.js';
export { semanticTokens, encodeTokens, tokensDelta, TOKEN_TYPES, TOKEN_MODIFIERS, type Token, type TokenType, type TokensEdit } from './semantic-tokens.js';
export { explainStep, planDocument, planLenses, planLensesIfRead, type PlanInputs, type PlanLens, type PlannedDocument } from './build-plan.js';
