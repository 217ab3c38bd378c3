// Settings that turn off TLS certificate checks, by environment variable: shared by the rule that
// reads them in ENV and ARG (`tls-verification-disabled`) and in RUN scripts (inline or exported).

/** A variable name and the values of it that disable verification. */
interface InsecureVariable {
  /** What is turned off, for the message. */
  what: string;
  /** Whether this value (quotes removed) turns the check off. */
  disables(value: string): boolean;
}

const FALSE = /^(0|false|no|off)$/i;

/** Upper-cased variable name → what setting it does. */
const VARIABLES: ReadonlyMap<string, InsecureVariable> = new Map([
  ['PYTHONHTTPSVERIFY', { what: "Python's HTTPS certificate checks", disables: (v) => v === '0' }],
  ['NODE_TLS_REJECT_UNAUTHORIZED', { what: "Node.js's TLS certificate checks", disables: (v) => v === '0' }],
  ['NPM_CONFIG_STRICT_SSL', { what: "npm's TLS certificate checks", disables: (v) => FALSE.test(v) }],
  // git only asks whether it is set: any value, even 0 or false, turns verification off.
  ['GIT_SSL_NO_VERIFY', { what: "git's TLS certificate checks", disables: () => true }],
  // pip trusts the named hosts over plain HTTP and without certificate checks.
  ['PIP_TRUSTED_HOST', { what: "pip's certificate checks for the hosts it names", disables: (v) => v !== '' }],
]);

/** What `NAME=value` turns off, or null when it is not such a setting. */
export function insecureVariable(name: string, value: string): string | null {
  // npm reads its settings in any case (npm_config_strict_ssl); the others are upper case only.
  const v = VARIABLES.get(name) ?? (name.length === 21 && name.toUpperCase() === 'NPM_CONFIG_STRICT_SSL' ? VARIABLES.get('NPM_CONFIG_STRICT_SSL') : undefined);
  return v && v.disables(unquote(value)) ? v.what : null;
}

/** A value without one pair of surrounding quotes. */
export function unquote(value: string): string {
  const v = value.trim();
  if (v.length >= 2 && (v[0] === '"' || v[0] === "'") && v[v.length - 1] === v[0]) return v.slice(1, -1);
  return v;
}
