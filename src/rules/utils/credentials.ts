// Credentials that end up stored in an image, as DH018 reads them: the environment variables that
// name a credential file (Trivy DS031's list and the same kind from the AWS and Kubernetes tools),
// the file names that hold credentials, the places in a home directory where command-line tools
// keep theirs, and the cloud-CLI commands that log in by writing a credential to disk.
import { basePath, cleanPath } from '../../semantic/paths.js';
import type { ShellCommand } from '../../shell/types.js';
import { parseOptions } from './command-args.js';
import { commandName } from './runs.js';

/** Variables naming a file a tool reads credentials from, with what that file is (for messages). */
export const CREDENTIAL_FILE_VARIABLES: ReadonlyMap<string, string> = new Map([
  ['AWS_CONFIG_FILE', 'the AWS CLI configuration file, which may hold access keys'],
  ['AWS_SHARED_CREDENTIALS_FILE', 'the AWS credentials file'],
  ['GOOGLE_APPLICATION_CREDENTIALS', 'the Google Cloud credentials file'],
  ['HF_TOKEN_PATH', 'the Hugging Face token file'],
  ['KUBECONFIG', 'the Kubernetes client configuration, which holds cluster credentials'],
]);

const SSH_PRIVATE_KEY = /^id_(?:rsa|dsa|ecdsa|ed25519)(?:_sk)?$/;
const LOCAL_ENV = /^\.env(?:\.[^/]+)?\.local$/;

/**
 * What a file is when its name alone says it holds credentials, else undefined. Names whose files
 * are usually public are left out: `*.pem`, `*.crt` and `*.key` (CA certificates, GPG public keys),
 * `.env.example`-style templates, `.npmrc` (registry settings, its token usually `${NPM_TOKEN}`).
 */
export function credentialFileName(name: string): string | undefined {
  // Every name below starts with `.`, `i`, `c` or `a`: most file names are turned away by their first letter.
  const first = name.charCodeAt(0);
  if (first !== 0x2e && first !== 0x69 && first !== 0x63 && first !== 0x61) return undefined;
  if (name === '.env' || LOCAL_ENV.test(name)) return 'an environment file, where applications keep their secrets';
  if (SSH_PRIVATE_KEY.test(name)) return 'an SSH private key';
  switch (name) {
    case '.netrc': return 'a .netrc, which holds login passwords';
    case '.git-credentials': return 'git\'s stored credentials';
    case '.pypirc': return 'a .pypirc, which holds package index passwords';
    case 'credentials.json': return 'a credentials file';
    case 'application_default_credentials.json': return 'Google Cloud application default credentials';
    default: return undefined;
  }
}

/** Names in a `.ssh` directory that hold no secret. */
function isPublicSshFile(name: string): boolean {
  return name.endsWith('.pub') || ['authorized_keys', 'authorized_keys2', 'known_hosts', 'known_hosts2', 'config', 'environment', 'rc'].includes(name);
}

/**
 * Directories (as path components) where a tool keeps its credentials: `files`, when only those
 * files in it hold them (else any file does); `whole`, when copying the directory itself counts.
 */
const CREDENTIAL_DIRS: readonly { dir: readonly string[]; tool: string; files?: readonly string[]; whole: boolean }[] = [
  { dir: ['.ssh'], tool: 'SSH clients', whole: true },
  { dir: ['.aws'], tool: 'the AWS CLI', whole: true },
  { dir: ['.azure'], tool: 'the Azure CLI', whole: true },
  { dir: ['.config', 'gcloud'], tool: 'the Google Cloud CLI', whole: true },
  { dir: ['.config', 'doctl'], tool: 'the DigitalOcean CLI', whole: true },
  { dir: ['.config', 'gh'], tool: 'the GitHub CLI', files: ['hosts.yml'], whole: true },
  { dir: ['.kube'], tool: 'kubectl', files: ['config'], whole: true },
  // A model cache copied in is common and holds no token unless someone logged in: the file only.
  { dir: ['.cache', 'huggingface'], tool: 'the Hugging Face libraries', files: ['token'], whole: false },
  { dir: ['.huggingface'], tool: 'the Hugging Face libraries', files: ['token'], whole: false },
];

/** Files in a home directory (last path component) that hold credentials, and the tools that read them. */
const CREDENTIAL_HOME_FILES: ReadonlyMap<string, string> = new Map([
  ['.netrc', 'curl, git and ftp'],
  ['.git-credentials', 'git'],
  ['.pypirc', 'pip and twine'],
]);

/**
 * The tools whose credentials are kept at `path` (absolute) when the path is one of those places or
 * a file in one: `/root/.aws/credentials`, `/home/app/.ssh/id_ed25519`, `/root/.ssh` (a directory
 * copied in whole); undefined otherwise. `copied` is the name of what is copied there, when known:
 * the public files of `.ssh` (`known_hosts`, `*.pub`...) are no credential, whatever their path.
 */
export function credentialLocation(path: string, copied = ''): string | undefined {
  const parts = cleanPath(path).split('/').filter((p) => p !== '');
  const last = parts[parts.length - 1];
  if (last === undefined) return undefined;
  const home = CREDENTIAL_HOME_FILES.get(last);
  if (home) return home;
  for (const loc of CREDENTIAL_DIRS) {
    const at = indexOfRun(parts, loc.dir);
    if (at < 0) continue;
    const inside = parts.slice(at + loc.dir.length);
    if (inside.length === 0 && !loc.whole) continue;
    if (loc.files && inside.length > 0 && !(inside.length === 1 && loc.files.includes(inside[0]!))) continue;
    if (loc.dir[0] === '.ssh' && isPublicSshFile(inside.length > 0 ? last : basePath(copied))) return undefined;
    return loc.tool;
  }
  return undefined;
}

function indexOfRun(parts: readonly string[], run: readonly string[]): number {
  outer: for (let i = parts.length - run.length; i >= 0; i--) {
    for (let j = 0; j < run.length; j++) if (parts[i + j] !== run[j]) continue outer;
    return i;
  }
  return -1;
}

/** Names of the commands {@link credentialLogin} looks at (the per-file fast path). */
export const LOGIN_COMMANDS: readonly string[] = ['aws', 'gcloud', 'az', 'doctl', 'docker', 'podman', 'buildah'];

const AWS_KEYS = new Set(['aws_access_key_id', 'aws_secret_access_key', 'aws_session_token']);
/** Options with a value in a separate word, per tool (so the value is not read as a sub-command). */
const VALUE_OPTIONS: Readonly<Record<string, readonly string[]>> = {
  aws: ['profile', 'region', 'output', 'endpoint-url', 'query', 'cli-read-timeout', 'cli-connect-timeout', 'ca-bundle', 'color'],
  gcloud: ['project', 'account', 'configuration', 'verbosity', 'format', 'impersonate-service-account', 'billing-project', 'flags-file', 'key-file', 'cred-file'],
  az: ['u', 'username', 'p', 'password', 't', 'tenant', 'federated-token', 'scope', 'output', 'o', 'query', 'subscription'],
  doctl: ['t', 'access-token', 'context', 'config', 'c', 'output', 'o', 'api-url', 'u'],
  docker: ['u', 'username', 'p', 'password', 'config', 'context', 'c', 'H', 'host', 'l', 'log-level'],
  podman: ['u', 'username', 'p', 'password', 'authfile'],
  buildah: ['u', 'username', 'p', 'password', 'authfile'],
};

/**
 * When the command stores a login credential on disk (in the image layer, when run in a RUN), the
 * command as it is usually written (`aws configure set aws_secret_access_key`, `gcloud auth
 * activate-service-account`, `az login --password`, `doctl auth init --access-token`,
 * `docker login --password`); else undefined. Options and their values may come anywhere.
 */
export function credentialLogin(cmd: ShellCommand): string | undefined {
  const name = commandName(cmd);
  const valueOptions = VALUE_OPTIONS[name];
  if (!valueOptions) return undefined;
  const parsed = parseOptions(cmd.args, valueOptions);
  const ops = parsed.operands.map((w) => w.value);
  const has = (...opts: string[]) => parsed.options.some((o) => opts.includes(o.name));
  switch (name) {
    case 'aws':
      if (ops[0] !== 'configure') return undefined;
      if (ops[1] === 'set' && ops[2] !== undefined && AWS_KEYS.has(ops[2].slice(ops[2].lastIndexOf('.') + 1).toLowerCase())) return `aws configure set ${ops[2]}`;
      if (ops[1] === 'import') return 'aws configure import';
      return undefined;
    case 'gcloud': {
      const auth = ops.indexOf('auth');
      if (auth < 0) return undefined;
      if (ops[auth + 1] === 'activate-service-account') return 'gcloud auth activate-service-account';
      if (ops[auth + 1] === 'login' && has('cred-file')) return 'gcloud auth login --cred-file';
      return undefined;
    }
    case 'az':
      if (ops[0] !== 'login') return undefined;
      if (has('p', 'password')) return 'az login --password';
      if (has('federated-token')) return 'az login --federated-token';
      return undefined;
    case 'doctl':
      return ops[0] === 'auth' && ops[1] === 'init' && has('t', 'access-token') ? 'doctl auth init --access-token' : undefined;
    default:
      // docker, podman, buildah: the password goes into config.json / auth.json unless a credential helper takes it.
      if (ops[0] !== 'login') return undefined;
      if (has('p', 'password')) return `${name} login --password`;
      if (has('password-stdin')) return `${name} login --password-stdin`;
      return undefined;
  }
}
