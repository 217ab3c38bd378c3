// DL3041: `dnf install` / `microdnf install` of a package without a version.
import { defineRule } from './types.js';
import { unpinnedRpms } from './utils/package-commands.js';
import { PACKAGE_MANAGERS } from './utils/package-managers.js';

export default defineRule({
  code: 'DL3041',
  name: 'unpinned-dnf-package',
  aliases: [],
  severity: 'warning',
  origin: 'hadolint',
  fixable: 'none',
  docs: {
    summary: 'Pin package versions in `dnf install` / `microdnf install` (`<package>-<version>`).',
    why: 'Unpinned packages install whatever the repository serves on the day of the build, so rebuilds are not reproducible and can break without any change to the Dockerfile.',
    bad: 'FROM fedora:40\nRUN dnf install -y httpd && dnf clean all',
    good: 'FROM fedora:40\nRUN dnf install -y httpd-2.4.58 && dnf clean all',
    fix: 'Write each package as `name-version` (e.g. `httpd-2.4.58`), a module as `name:stream` (`dnf module install nodejs:20`).',
    notes: 'Like hadolint: a version is a `-`-separated part made of `[0-9A-Za-z.~^_:+]` with one part starting with a digit; `*.rpm` files are pinned; a variable counts as a version (`curl-${V}`, `curl-${V}.el7`, `curl-$V`) when it is an earlier ARG or an ENV of the stage or its parents; unlike hadolint, which accepts any package that names such a variable, it is read as a version where it stands, so it does not pin a name (`percona-pgaudit${PG_MAJOR}` is unpinned) and the other parts are still judged; groups are not checked; ONBUILD RUN is checked, and there the variables are the ONBUILD ENV and ARG triggers before it and the ENV of its stage chain (the image carries it), not this build\'s ARGs (hadolint: the triggers only). Unlike hadolint: only words after `install` are packages (the value of `--enablerepo foo` and similar is skipped), a `.rpm` file is pinned also without a `-` in its name, a module without a stream gets its own message, and each package is reported at its own position. A package that is only an expansion (`$PKG`, `$(cat list)`) is not judged, since its value is unknown.',
  },
  check(ctx) {
    for (const { word, module } of unpinnedRpms(ctx, PACKAGE_MANAGERS.dnf)) {
      ctx.report({
        range: word.range,
        message: module ? 'Specify version with `dnf module install -y <module>:<stream>`.' : 'Specify version with `dnf install -y <package>-<version>`.',
      });
    }
  },
});
