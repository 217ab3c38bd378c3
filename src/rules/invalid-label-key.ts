// DL3048: LABEL keys must follow Docker's key format (lower-case, reverse-DNS, no reserved namespaces).
import { defineRule } from './types.js';
import { labelPairs } from './utils/labels.js';

const RESERVED = ['com.docker.', 'io.docker.', 'org.dockerproject.'];

export default defineRule({
  code: 'DL3048',
  name: 'invalid-label-key',
  aliases: [],
  severity: 'style',
  origin: 'hadolint',
  fixable: 'none',
  docs: {
    summary: 'LABEL key does not follow the Docker label key format.',
    why: 'Docker recommends lower-case, reverse-DNS keys (`org.opencontainers.image.source`) made of letters, digits, `.` and `-`, and reserves the `com.docker.`, `io.docker.` and `org.dockerproject.` namespaces. Other keys may clash with tools that read labels.',
    bad: 'FROM alpine:3.20\nLABEL Maintainer="me"',
    good: 'FROM alpine:3.20\nLABEL org.opencontainers.image.authors="me"',
    fix: 'Rename the key: start with a lower-case letter, end with a letter or digit, use only `a-z 0-9 . - _ /`, no `..` or `--`, and stay out of the reserved namespaces.',
    notes: 'Like hadolint 2.15 (which also allows `_` and `/`). Each invalid key is reported at its own position. Unlike hadolint, ONBUILD LABEL is checked too: its keys label every image built on top.',
  },
  check(ctx) {
    for (const p of labelPairs(ctx.file, true)) {
      if (valid(p.key)) continue;
      ctx.report({ range: p.pair.keyRange, message: 'Invalid label key.' });
    }
  },
});

function valid(key: string): boolean {
  return (
    /^[a-z]/.test(key) &&
    /[a-z0-9]$/.test(key) &&
    /^[a-z0-9._/-]*$/.test(key) &&
    !key.includes('..') &&
    !key.includes('--') &&
    !RESERVED.some((r) => key.startsWith(r))
  );
}
