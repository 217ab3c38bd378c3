// DL3060: `yarn install` without `yarn cache clean` in the same RUN, in a stage that ships.
import { defineRule } from './types.js';
import { checkCacheCleaned } from './utils/package-commands.js';
import { PACKAGE_MANAGERS } from './utils/package-managers.js';

export default defineRule({
  code: 'DL3060',
  name: 'yarn-cache-not-cleaned',
  aliases: [],
  severity: 'info',
  origin: 'hadolint',
  fixable: 'unsafe',
  docs: {
    summary: '`yarn install` without `yarn cache clean` afterwards in the same RUN.',
    why: "yarn keeps every downloaded package in its cache. Unless the cache is cleaned in the same RUN, it is committed to the layer and the image carries a second copy of node_modules.",
    bad: 'FROM node:20\nRUN yarn install --frozen-lockfile',
    good: 'FROM node:20\nRUN yarn install --frozen-lockfile && yarn cache clean',
    fix: 'Append `&& yarn cache clean`, or mount the cache: `RUN --mount=type=cache,target=/usr/local/share/.cache/yarn yarn install`.',
    fixSafety: 'Unsafe: it changes what the image contains (the cache is gone from the layer, which is the point), and a later step of the same RUN that expected the cache would have to download again. The cleanup is appended to the end of the RUN; RUNs in exec form or with heredocs get no fix.',
    notes:
      'Like hadolint: only the last stage and stages used as a base by another stage are reported (build stages whose files ' +
      'are copied out selectively do not ship the cache); ONBUILD RUN triggers are always checked, since they run in ' +
      'whatever image is built on top; a cache/tmpfs mount on `.cache/yarn` silences it; the clean must come after the ' +
      'install. Unlike hadolint: the clean must be `yarn cache clean` (hadolint takes any `yarn` command with a `cache` or ' +
      '`clean` word) and follow the last install of the RUN, and stages are told apart by position, so two identical FROM ' +
      'lines are not confused.',
  },
  check(ctx) {
    checkCacheCleaned(ctx, PACKAGE_MANAGERS.yarn, { message: () => '`yarn cache clean` missing after `yarn install` was run.', shippedOnly: true });
  },
});
