// What a whole-context COPY (`COPY . dst`) would bring in that usually should not be: VCS data, dependency
// folders, env files, private keys, and whatever .gitignore ignores. Used by DH001 and DH002.
import ignore from 'ignore';
import type { BuildContextView } from '../types.js';
import type { Dockerfile, Instruction } from '../../parser/ast.js';
import type { SourceRange } from '../../core/range.js';
import { cleanPath, contextSources } from './dockhand-copy-sources.js';

/** Top-level names that almost never belong in an image. */
export function isUnwantedName(name: string): boolean {
  return (
    name === '.git' ||
    name === 'node_modules' ||
    name === '.env' ||
    /^\.env\.(?!example$|sample$|template$|dist$)/.test(name) ||
    /^id_(rsa|dsa|ecdsa|ed25519)$/.test(name) ||
    /\.(pem|key|p12|pfx)$/i.test(name)
  );
}

/** A COPY/ADD that copies the whole context root (`.`, `./`, `/`). */
export interface WholeContextCopy {
  ins: Instruction;
  range: SourceRange;
}

/** Every COPY/ADD in the file whose source is the whole build context. */
export function wholeContextCopies(file: Dockerfile): WholeContextCopy[] {
  return contextSources(file)
    .filter((s) => {
      const p = cleanPath(s.path);
      return p === '.' || p === '/';
    })
    .map((s) => ({ ins: s.ins, range: s.range }));
}

/**
 * Top-level entries of the context that a whole-context COPY would include although they look unwanted
 * or are ignored by .gitignore, and that .dockerignore does not exclude. Sorted, `/`-suffixed for directories.
 */
export function leakedEntries(bc: BuildContextView): string[] {
  const git = bc.gitignore ? ignore().add(bc.gitignore) : undefined;
  const out: string[] = [];
  for (const name of bc.topLevel()) {
    if (name === '.dockerignore' || name === '.gitignore') continue;
    // Without a .gitignore only the name matters: no lstat for each of a large context's entries.
    if (!git && !isUnwantedName(name)) continue;
    const dir = bc.isDirectory(name);
    const gitIgnored = git ? git.ignores(dir ? `${name}/` : name) : false;
    if (!isUnwantedName(name) && !gitIgnored) continue;
    if (bc.isExcluded(name)) continue;
    out.push(dir ? `${name}/` : name);
  }
  return out.sort();
}

/** "a, b, c and 4 more" */
export function listNames(names: string[], max = 5): string {
  if (names.length <= max) return names.join(', ');
  return `${names.slice(0, max).join(', ')} and ${names.length - max} more`;
}
