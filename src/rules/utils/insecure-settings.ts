// What the rules about turned-off security checks (DH013, DH014) share: the environment variables
// that turn TLS checks off, and one look at a file's text for the words any of their findings
// needs, so that they return at once for the files that have none (all but a few).
import type { Dockerfile } from '../../parser/ast.js';
import { stripQuotes } from './quotes.js';
import { fileScratch } from './lint-scratch.js';

/** A variable name and the values of it that disable verification. */
interface InsecureVariable {
  /** What is turned off, for the message. */
  what: string;
  /** Whether this value (quotes removed) turns the check off. */
  disables(value: string): boolean;
}

const FALSE = /^(0|false|no|off)$/i;

/** Variable name → what setting it does. */
const VARIABLES: ReadonlyMap<string, InsecureVariable> = new Map([
  ['PYTHONHTTPSVERIFY', { what: "Python's HTTPS certificate checks", disables: (v) => v === '0' }],
  ['NODE_TLS_REJECT_UNAUTHORIZED', { what: "Node.js's TLS certificate checks", disables: (v) => v === '0' }],
  ['NPM_CONFIG_STRICT_SSL', { what: "npm's TLS certificate checks", disables: (v) => FALSE.test(v) }],
  // git only asks whether it is set: any value, even 0 or false, turns verification off.
  ['GIT_SSL_NO_VERIFY', { what: "git's TLS certificate checks", disables: () => true }],
  // pip trusts the named hosts over plain HTTP and without certificate checks.
  ['PIP_TRUSTED_HOST', { what: "pip's certificate checks for the hosts it names", disables: (v) => v !== '' }],
  // The go command fetches the modules it names over plain HTTP, or HTTPS without certificate checks.
  ['GOINSECURE', { what: "the Go tool's certificate checks for the modules it names", disables: (v) => v !== '' }],
]);

/** What `NAME=value` turns off, or null when it is not such a setting. */
export function insecureVariable(name: string, value: string): string | null {
  // npm reads its settings in any case (npm_config_strict_ssl); the others are upper case only.
  const v = VARIABLES.get(name) ?? (name.length === 21 && name.toUpperCase() === 'NPM_CONFIG_STRICT_SSL' ? VARIABLES.get('NPM_CONFIG_STRICT_SSL') : undefined);
  return v && v.disables(stripQuotes(value.trim())) ? v.what : null;
}

/** {@link insecureVariable} of a `NAME=value` word (an ARG, an `export` operand, a command prefix). */
export function insecureAssignment(word: string): { name: string; what: string } | null {
  const eq = word.indexOf('=');
  if (eq <= 0) return null;
  const name = word.slice(0, eq);
  const what = insecureVariable(name, word.slice(eq + 1));
  return what ? { name, what } : null;
}

// Common prefixes factored out: V8's regular expressions try each alternative at every position.
const WORDS =
  /allow-(?:untrusted|unauthenticated|insecure-repositories)|force-yes|no(?:gpgcheck|signature|digest|verify|filedigest|-check-certificate)|trusted-host|TRUSTED_HOST|strict[-_]ssl|STRICT_SSL|[sS][sS][lL][vV][eE][rR][iI][fF][yY]|HTTPSVERIFY|TLS_REJECT_UNAUTHORIZED|SSL_NO_VERIFY|GOINSECURE/;

/**
 * Whether the file's text holds any word a DH013 or DH014 finding needs (`--nogpgcheck`,
 * `strict-ssl`, `NODE_TLS_REJECT_UNAUTHORIZED`...), once per file. `curl -k` is the exception (a
 * one-letter flag): its rule finds curl by name.
 */
export function mayTurnOffChecks(file: Dockerfile): boolean {
  const memo = fileScratch(file);
  let hit = memo.get('insecure-words') as boolean | undefined;
  if (hit === undefined) memo.set('insecure-words', (hit = WORDS.test(file.text)));
  return hit;
}
