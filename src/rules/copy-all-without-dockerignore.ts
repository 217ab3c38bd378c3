// DH001: `COPY .` / `ADD .` of the whole build context while the context has no .dockerignore.
import { defineRule } from './types.js';
import { leakedEntries, listNames, wholeContextCopies } from './utils/context-files.js';

export default defineRule({
  code: 'DH001',
  name: 'copy-all-without-dockerignore',
  aliases: [],
  severity: 'warning',
  origin: 'dockhand',
  fixable: 'none',
  needsContext: true,
  docs: {
    summary: 'Copying the whole build context needs a .dockerignore.',
    why:
      'Without a .dockerignore, `COPY . .` puts everything into the image: `.git`, `node_modules`, local `.env` ' +
      'files and keys. The image grows, secrets leak, and every unrelated file change breaks the layer cache.',
    bad: 'FROM node:22-alpine\nWORKDIR /app\nCOPY . .\n',
    good: 'FROM node:22-alpine\nWORKDIR /app\nCOPY . .\n',
    setup: {
      bad: { context: ['.git/', 'node_modules/', 'package.json', 'server.js'] },
      good: { context: ['.git/', 'node_modules/', 'package.json', 'server.js'], dockerignore: '.git\nnode_modules\n' },
    },
    fix: 'Add a .dockerignore next to the Dockerfile (or `<Dockerfile>.dockerignore`) listing what the image does not need.',
    notes: 'Needs the build context (`--context`); skipped without it.',
  },
  check(ctx) {
    const bc = ctx.buildContext;
    if (!bc || bc.dockerignore) return;
    const copies = wholeContextCopies(ctx.file);
    if (copies.length === 0) return; // listing the context root costs a readdir: only when needed
    const leaked = leakedEntries(bc);
    for (const copy of copies) {
      ctx.report({
        range: copy.range,
        message:
          `${copy.ins.keyword} of the whole build context without a .dockerignore` +
          (leaked.length > 0 ? `: it includes ${listNames(leaked)}` : ''),
      });
    }
  },
});
