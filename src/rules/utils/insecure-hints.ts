// One look at a file's text, shared by the rules about turned-off security checks (DH013, DH014):
// each of their findings needs a word that is written out in the file (`--nogpgcheck`,
// `strict-ssl`, `NODE_TLS_REJECT_UNAUTHORIZED`...), and almost no file has one, so they return at
// once for the rest. `curl -k` is the exception (a one-letter flag): its rule finds curl by name.
import type { Dockerfile } from '../../parser/ast.js';
import { fileScratch } from './lint-scratch.js';

const WORDS =
  /allow-untrusted|allow-unauthenticated|force-yes|allow-insecure-repositories|nogpgcheck|nosignature|nodigest|noverify|nofiledigest|no-check-certificate|trusted-host|TRUSTED_HOST|strict-ssl|strict_ssl|STRICT_SSL|sslverify|sslVerify|SSLVERIFY|SslVerify|HTTPSVERIFY|TLS_REJECT_UNAUTHORIZED|SSL_NO_VERIFY/;

/** Whether the file's text holds any word a DH013 or DH014 finding (other than `curl -k`) needs. */
export function mayTurnOffChecks(file: Dockerfile): boolean {
  const memo = fileScratch(file);
  let hit = memo.get('insecure-words') as boolean | undefined;
  if (hit === undefined) memo.set('insecure-words', (hit = WORDS.test(file.text)));
  return hit;
}
