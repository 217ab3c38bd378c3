// DH021: a `# syntax=` naming an image that is not the Dockerfile frontend. BuildKit hands the whole
// file to that image, which may read another language (tonistiigi/hcl) or a Dockerfile dialect; its
// own build checks do not run. dockhand still reads the file as a Dockerfile: one word says so.
import { syntaxDirectiveOf } from '../parser/directives.js';
import { defineRule } from './types.js';
import { readSyntaxPin } from './utils/frontend-versions.js';

export default defineRule({
  code: 'DH021',
  name: 'other-frontend',
  aliases: [],
  severity: 'style',
  origin: 'dockhand',
  fixable: 'none',
  docs: {
    summary: 'A `# syntax=` that names another frontend than the Dockerfile one: dockhand checks the file as a Dockerfile.',
    why:
      'BuildKit builds the file with the image that `# syntax=` names. Unless that is `docker/dockerfile` (or ' +
      '`docker/dockerfile-upstream`), the file is read by another program: a Dockerfile dialect with instructions ' +
      'of its own, or another language altogether. dockhand\'s findings are those of a Dockerfile, and may not ' +
      'hold for what that frontend reads.',
    bad: '# syntax=myorg/custom-frontend:1\nFROM alpine:3.20\nRUN echo hello\n',
    good: '# syntax=docker/dockerfile:1\nFROM alpine:3.20\nRUN echo hello\n',
    fix:
      'Nothing, when the frontend reads Dockerfiles as BuildKit does: turn the rule off for the file or in the ' +
      'config. Otherwise leave the file out of dockhand\'s inputs.',
    notes:
      'Reported once, at the directive; every other rule runs as usual. Its severity is `style`, so it does not fail ' +
      'a lint at the default threshold (`info`): a frontend that reads Dockerfiles is a choice, not a mistake, and ' +
      'the editor shows the note as a hint. The Dockerfile frontend is ' +
      '`docker/dockerfile` or `docker/dockerfile-upstream` on Docker Hub (`docker.io/`, `index.docker.io/` or no ' +
      'registry) or on a mirror that keeps the path (`mirror.gcr.io/docker/dockerfile`); any other name, a fork of the ' +
      'frontend too, is another frontend. A name BuildKit cannot read as an image reference (upper case) fails the ' +
      'build and is not reported here. The directive is found as BuildKit finds it (DetectSyntax): `# syntax=` at ' +
      'the very start of one of the first lines, else `// syntax=`, else a `syntax` key of a file that is one JSON ' +
      'object. A `BUILDKIT_SYNTAX` build argument is not seen.',
  },
  check(ctx) {
    const directive = syntaxDirectiveOf(ctx.file);
    if (!directive) return;
    const pin = readSyntaxPin(directive.value);
    if (pin.kind !== 'other') return;
    ctx.report({
      range: directive.valueRange,
      message: `the build hands this file to ${pin.image}, not to the Dockerfile frontend; dockhand checks it as a Dockerfile`,
    });
  },
});
