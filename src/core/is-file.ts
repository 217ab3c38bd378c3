// Whether a path names a regular file, following symbolic links, as the CLI and the build context
// ask it of candidate files (config files up the tree, `<name>.dockerignore`, `.dockerignore`).
// Most candidates are missing: the stat is asked not to throw, so no error object (with its stack
// trace) is made for each of them; any other failure (EACCES, ELOOP, ...) also reads as no file.
import { statSync } from 'node:fs';

export function isFile(path: string): boolean {
  try {
    return statSync(path, { throwIfNoEntry: false })?.isFile() ?? false;
  } catch {
    return false;
  }
}
