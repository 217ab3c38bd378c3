// Public API of BuildKit-compatible variable expansion (the shell lexer of the Dockerfile frontend).
export { needsLexer, processWord, processWords, processWordWithMatches } from './lexer.js';
export type { ExpandOptions, ProcessResult } from './lexer.js';
export { ExpansionError } from './errors.js';
export { envGetter } from './env.js';
export type { EnvGetter, EnvLookup } from './env.js';
