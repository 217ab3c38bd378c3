// DH002: a .dockerignore that still lets a whole-context COPY bring in .git, node_modules, .env files,
// private keys or what .gitignore ignores.
import { defineRule } from './types.js';
import { leakedEntries, listNames, wholeContextCopies } from './utils/context-files.js';

export default defineRule({
  code: 'DH002',
  name: 'incomplete-dockerignore',
  aliases: [],
  severity: 'warning',
  origin: 'dockhand',
  fixable: 'none',
  needsContext: true,
  docs: {
    summary: '.dockerignore should exclude VCS data, dependencies, env files, keys and what .gitignore ignores.',
    why:
      'Whatever .dockerignore lets through, `COPY . .` puts into the image: secrets from `.env` or `*.pem`, the ' +
      'whole `.git` history, host-built `node_modules`. It also busts the layer cache on every commit.',
    bad: 'FROM node:22-alpine\nCOPY . /app\n',
    good: 'FROM node:22-alpine\nCOPY . /app\n',
    setup: {
      bad: { context: ['.git/', '.env', 'dist/', 'server.js'], dockerignore: '*.log\n', gitignore: 'dist/\n' },
      good: { context: ['.git/', '.env', 'dist/', 'server.js'], dockerignore: '*.log\n.git\n.env\ndist\n', gitignore: 'dist/\n' },
    },
    fix: 'Add the reported paths to .dockerignore (`.git`, `node_modules`, `.env*`, `*.pem`, ...).',
    notes:
      'Checks the context root\'s top-level entries only, for COPY/ADD of the whole context. `.gitignore` is read ' +
      'with gitignore semantics (the `ignore` package); `.dockerignore` with Moby\'s. `.env.example`-style ' +
      'templates are not reported. Needs the build context.',
  },
  check(ctx) {
    const bc = ctx.buildContext;
    if (!bc || !bc.dockerignore) return;
    const copies = wholeContextCopies(ctx.file);
    if (copies.length === 0) return;
    const leaked = leakedEntries(bc);
    if (leaked.length === 0) return;
    for (const copy of copies) {
      ctx.report({
        range: copy.range,
        message: `${copy.ins.keyword} of the whole build context includes ${listNames(leaked)}: add ${leaked.length === 1 ? 'it' : 'them'} to ${bc.dockerignore.path}`,
      });
    }
  },
});
