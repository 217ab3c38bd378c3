// Finds the `shellcheck` binary on the PATH without running it: what identifies its version for
// the results cache (ShellCheck's findings depend on it) and whether it is there at all.
import { accessSync, constants, realpathSync, statSync } from 'node:fs';
import { delimiter, isAbsolute, join, resolve } from 'node:path';

/** The binary a `shellcheck` command runs, and a string that changes whenever the binary does. */
export interface LocatedShellcheck {
  path: string;
  identity: string;
}

/**
 * `shellcheck` as the PATH finds it (as execvp does: the first executable file), or null. The
 * identity is the resolved file's path, size, modification time and inode.
 */
export function locateShellcheck(pathEnv: string | undefined, name = 'shellcheck'): LocatedShellcheck | null {
  for (const dir of (pathEnv ?? '').split(delimiter)) {
    const p = isAbsolute(dir) ? join(dir, name) : resolve(dir || '.', name);
    try {
      accessSync(p, constants.X_OK);
      const real = realpathSync(p);
      const st = statSync(real);
      if (!st.isFile()) continue;
      return { path: p, identity: `${real}:${st.size}:${st.mtimeMs}:${st.ino}` };
    } catch {
      // not here: the next directory
    }
  }
  return null;
}
