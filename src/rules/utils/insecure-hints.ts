// One look at a file's text, shared by the rules about turned-off security checks (DH013, DH014):
// each of their findings needs a word that is written out in the file (`--nogpgcheck`,
// `strict-ssl`, `NODE_TLS_REJECT_UNAUTHORIZED`...), and almost no file has one, so they return at
// once for the rest. `curl -k` is the exception (a one-letter flag): its rule finds curl by name.
import type { Dockerfile } from '../../parser/ast.js';
import { fileScratch } from './lint-scratch.js';

// Common prefixes factored out: V8's regular expressions try each alternative at every position.
const WORDS =
  /allow-(?:untrusted|unauthenticated|insecure-repositories)|force-yes|no(?:gpgcheck|signature|digest|verify|filedigest|-check-certificate)|trusted-host|TRUSTED_HOST|strict[-_]ssl|STRICT_SSL|[sS]sl[vV]erify|SSLVERIFY|HTTPSVERIFY|TLS_REJECT_UNAUTHORIZED|SSL_NO_VERIFY/;

/** Whether the file's text holds any word a DH013 or DH014 finding (other than `curl -k`) needs. */
export function mayTurnOffChecks(file: Dockerfile): boolean {
  const memo = fileScratch(file);
  let hit = memo.get('insecure-words') as boolean | undefined;
  if (hit === undefined) memo.set('insecure-words', (hit = WORDS.test(file.text)));
  return hit;
}
