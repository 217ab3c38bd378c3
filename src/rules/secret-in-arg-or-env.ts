// DL3064: ARG or ENV whose name suggests it holds a secret (kept in the image history).
import { defineRule, type RuleContext } from './types.js';
import type { SourceRange } from '../core/range.js';
import { unquote } from './utils/quotes.js';
import { instructionsWithTriggers } from './utils/instructions.js';

/** Well-known names of credentials passed as build arguments or environment variables. */
const KNOWN = new Set(
  (
    'ACCESS_TOKEN APPLICATION_KEY APP_SECRET AUTH_TOKEN AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY ' +
    'BITTREX_API_KEY BITTREX_API_SECRET CF_PASSWORD CF_USERNAME CIRCLE_TOKEN CI_DEPLOY_PASSWORD ' +
    'CI_DEPLOY_USER DOCKERHUB_PASSWORD DOCKER_EMAIL DOCKER_PASSWORD DOCKER_USERNAME FACEBOOK_ACCESS_TOKEN ' +
    'FACEBOOK_APP_ID FACEBOOK_APP_SECRET FIREBASE_API_TOKEN FIREBASE_TOKEN FOSSA_API_KEY GH_ENTERPRISE_TOKEN ' +
    'GH_TOKEN GITHUB_ENTERPRISE_TOKEN GITHUB_TOKEN HEROKU_API_KEY HEROKU_API_USER NPM_AUTH_TOKEN NPM_TOKEN ' +
    'OKTA_AUTHN_GROUPID OKTA_CLIENT_ORGURL OKTA_CLIENT_TOKEN OKTA_OAUTH2_CLIENTID OKTA_OAUTH2_CLIENTSECRET ' +
    'OPENAI_API_KEY OS_PASSWORD OS_USERNAME POSTGRES_PASSWORD SLACK_TOKEN STRIPE_API_KEY STRIPE_DEVICE_NAME ' +
    'TRAVIS_OS_NAME TRAVIS_SECURE_ENV_VARS TRAVIS_SUDO VAULT_CLIENT_KEY VAULT_TOKEN'
  ).split(' '),
);

/** Fragments that mark a name as sensitive wherever they appear (case-insensitive). */
const FRAGMENTS = ['api_key', 'client_key', 'password', 'private', 'secret', 'token', 'username'];

export default defineRule({
  code: 'DL3064',
  name: 'secret-in-arg-or-env',
  aliases: [],
  severity: 'warning',
  origin: 'hadolint',
  fixable: 'none',
  docs: {
    summary: 'ARG or ENV name suggests it carries a secret.',
    why: 'ARG values are recorded in the image history and ENV values in the image config: anyone who can pull the image can read them.',
    bad: 'FROM alpine:3.20\nARG GITHUB_TOKEN\nRUN git clone https://$GITHUB_TOKEN@github.com/org/repo',
    good: 'FROM alpine:3.20\nRUN --mount=type=secret,id=github_token \\\n    git clone https://$(cat /run/secrets/github_token)@github.com/org/repo',
    fix: 'Pass secrets with `RUN --mount=type=secret` (`docker build --secret id=...`) instead of ARG or ENV.',
    notes: "hadolint's list of known credential names and its name fragments (`api_key`, `client_key`, `password`, `private`, `secret`, `token`, `username`). BuildKit's SecretsUsedInArgOrEnv check has the same intent but its own word list, so it is a separate rule. ONBUILD ARG/ENV is checked; each name is reported at its own position.",
  },
  check(ctx) {
    for (const ins of instructionsWithTriggers(ctx.file, 'ENV')) {
      for (const p of ins.pairs) if (sensitive(unquote(p.key))) report(ctx, p.keyRange);
    }
    for (const ins of instructionsWithTriggers(ctx.file, 'ARG')) {
      for (const a of ins.args) {
        const eq = a.value.indexOf('=');
        if (sensitive(unquote(eq < 0 ? a.value : a.value.slice(0, eq)))) report(ctx, a.range);
      }
    }
  },
});

function report(ctx: RuleContext, range: SourceRange): void {
  ctx.report({ range, message: 'Potentially sensitive data should not be used in the `ARG` or `ENV` commands' });
}

const KNOWN_LOWER = new Set([...KNOWN].map((k) => k.toLowerCase()));
const FRAGMENT = new RegExp(FRAGMENTS.join('|'));
const ASCII = /^[\x00-\x7f]*$/;

function sensitive(name: string): boolean {
  const lower = name.toLowerCase();
  // For ASCII names both case mappings agree letter by letter: one lower-case copy answers both
  // tests. Other names keep the exact pair (`ſ` upper-cases to `S`, the Kelvin sign lower-cases to `k`).
  if (ASCII.test(name)) return KNOWN_LOWER.has(lower) || FRAGMENT.test(lower);
  return KNOWN.has(name.toUpperCase()) || FRAGMENTS.some((f) => lower.includes(f));
}
