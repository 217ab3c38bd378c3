// Test helper: whether a `shellcheck` binary runs here. Tests that need it skip, with a warning
// naming what to install, when it does not.
import { execFileSync } from 'node:child_process';

/** True when `shellcheck --version` runs; otherwise warns once that `what` is skipped. */
export function shellcheckInstalled(what: string): boolean {
  try {
    execFileSync('shellcheck', ['--version'], { stdio: 'ignore', timeout: 10_000 });
    return true;
  } catch {
    console.warn(`shellcheck is not on the PATH: skipping ${what} (apt-get install shellcheck)`);
    return false;
  }
}
