// DL3033: `yum install` of a package without a version.
import { defineRule } from './types.js';
import { unpinnedRpms } from './utils/package-commands.js';
import { PACKAGE_MANAGERS } from './utils/package-managers.js';

export default defineRule({
  code: 'DL3033',
  name: 'unpinned-yum-package',
  aliases: [],
  severity: 'warning',
  origin: 'hadolint',
  fixable: 'none',
  docs: {
    summary: 'Pin package versions in `yum install` (`<package>-<version>`).',
    why: 'Unpinned packages install whatever the repository serves on the day of the build, so rebuilds are not reproducible and can break without any change to the Dockerfile.',
    bad: 'FROM centos:7\nRUN yum install -y httpd && yum clean all',
    good: 'FROM centos:7\nRUN yum install -y httpd-2.4.6 && yum clean all',
    fix: 'Write each package as `name-version` (e.g. `httpd-2.4.6`), a module as `name:stream` (`yum module install nodejs:20`).',
    notes: 'Like hadolint: a version is a `-`-separated part made of `[0-9A-Za-z.~^_:+]` with one part starting with a digit; `*.rpm` files are pinned; a variable counts as a version (`curl-${V}`, `curl-${V}.el7`, `curl-$V`) when it is an earlier ARG or an ENV of the stage or its parents; unlike hadolint, which accepts any package that names such a variable, it is read as a version where it stands, so it does not pin a name (`percona-pgaudit${PG_MAJOR}` is unpinned) and the other parts are still judged; ONBUILD RUN is checked, and there the variables are the ONBUILD ENV and ARG triggers before it and the ENV of its stage chain (the image carries it), not this build\'s ARGs (hadolint: the triggers only). Unlike hadolint: `yum group install` is not checked (groups have no versions; hadolint reports the word `group`), only words after `install` are packages, a `.rpm` file is pinned also without a `-` in its name, a module without a stream gets its own message, and each package is reported at its own position. A package that is only an expansion (`$PKG`, `$(cat list)`) is not judged.',
  },
  check(ctx) {
    for (const { word, module } of unpinnedRpms(ctx, PACKAGE_MANAGERS.yum)) {
      ctx.report({
        range: word.range,
        message: module ? 'Specify version with `yum module install -y <module>:<stream>`.' : 'Specify version with `yum install -y <package>-<version>`.',
      });
    }
  },
});
