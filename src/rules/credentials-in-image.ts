// DH018: a credential stored in the image: a COPY into a credential-file variable, a
// credential-file variable pointing into copied files, a credential file copied in, or a cloud-CLI
// login in a RUN without a secret mount (Trivy DS031's rules beyond secret-looking names, which are
// BuildKit's SecretsUsedInArgOrEnv).
import type { SourceRange } from '../core/range.js';
import type { Dockerfile, Instruction, Stage } from '../parser/ast.js';
import { resolveWorkdir } from '../semantic/paths.js';
import { defineRule, type RuleContext } from './types.js';
import { variableOf } from './utils/command-args.js';
import { isRemoteSource } from '../semantic/remote-source.js';
import { basename, isHeredocSource, operandValue } from './utils/copy-operands.js';
import { credentialFileName, CREDENTIAL_FILE_VARIABLES, credentialLocation, credentialLogin, LOGIN_COMMANDS } from './utils/credentials.js';
import { baseStageOf } from './utils/from-line.js';
import { modelOf } from './utils/model.js';
import { mountsOf } from './utils/mounts.js';
import { commandsOf, mayRunAny, siteCommandNames, hasAny, type RunSite } from './utils/runs.js';

export default defineRule({
  code: 'DH018',
  name: 'credentials-in-image',
  aliases: ['DS031'],
  severity: 'warning',
  origin: 'dockhand',
  fixable: 'none',
  docs: {
    summary: 'Do not store credentials in the image: credential files copied in, cloud-CLI logins in a RUN.',
    why:
      'Every file a COPY brings in and every file a RUN writes stays in a layer of the image, even when a later ' +
      'instruction deletes it: anyone who can pull the image can read a key, a token or a password stored there. ' +
      'A build that needs a credential can mount it for one RUN (`RUN --mount=type=secret`), and a container ' +
      'that needs one gets it at run time (a mounted file, a secret store).',
    bad:
      'FROM google/cloud-sdk:470.0.0-slim\nCOPY service-account.json /app/key.json\n' +
      'ENV GOOGLE_APPLICATION_CREDENTIALS=/app/key.json\nRUN gcloud auth activate-service-account --key-file=/app/key.json\n',
    good:
      'FROM google/cloud-sdk:470.0.0-slim\nRUN --mount=type=secret,id=gcp,target=/run/secrets/gcp.json \\\n' +
      '    gcloud storage cp gs://bucket/model.bin /models/ --credential-file-override=/run/secrets/gcp.json\n',
    fix:
      'Mount the credential for the RUN that needs it (`RUN --mount=type=secret,id=...`), or give it to the ' +
      'container at run time; remove the COPY.',
    notes:
      'Looks at the stage that becomes the image and the stages it is built FROM (a builder stage read only by ' +
      '`COPY --from` is not shipped), one finding per instruction. It reports:\n' +
      '- a COPY/ADD whose destination is a credential-file variable (`COPY key.json $GOOGLE_APPLICATION_CREDENTIALS`);\n' +
      '- an ARG or ENV credential-file variable whose path lies in what a COPY/ADD puts into the image (by path ' +
      'components; a relative path is read from the image\'s WORKDIR, where the container resolves it);\n' +
      '- a COPY/ADD of a file whose name holds credentials (`.env`, `.env.local`, `.env.*.local`, `id_rsa`-style ' +
      'private keys, `.netrc`, `.git-credentials`, `.pypirc`, `credentials.json`, ' +
      '`application_default_credentials.json`), or into a place where a tool keeps them (`~/.ssh` except its public ' +
      'files, `~/.aws`, `~/.azure`, `~/.config/gcloud`, `~/.config/doctl`, `~/.config/gh/hosts.yml`, ' +
      '`~/.kube/config`, a Hugging Face `token`);\n' +
      '- a RUN that logs a cloud CLI in and so writes the credential to disk: `aws configure set` of a key, ' +
      '`aws configure import`, `gcloud auth activate-service-account`, `gcloud auth login --cred-file`, `az login` ' +
      'with a password or federated token, `doctl auth init` with a token, `docker`/`podman`/`buildah login` with ' +
      'a password.\n\n' +
      'The credential-file variables are Trivy\'s (`AWS_CONFIG_FILE`, `GOOGLE_APPLICATION_CREDENTIALS`, ' +
      '`HF_TOKEN_PATH`) plus `AWS_SHARED_CREDENTIALS_FILE` and `KUBECONFIG`. Names that are usually public are ' +
      'left out: `*.pem`, `*.crt`, `*.key` (CA certificates, GPG public keys), `.env.example`-style templates and ' +
      '`.npmrc` (its token is usually `${NPM_TOKEN}`, which SecretsUsedInArgOrEnv reports where it is passed). As ' +
      'in Trivy, a RUN with a secret mount is not reported, although these commands still write the credential ' +
      'into the layer unless the RUN deletes it or writes to a tmpfs mount. Differences from Trivy DS031: commands ' +
      'are read from the parsed shell (inside `if`, after `sudo`, `--password=x`), not matched in the raw text ' +
      '(`echo "aws configure set ..."` is not a login, `sh -c "aws configure set ..."` is); paths compare by component (`/application` is not under ' +
      '`/app`); secret-looking ARG/ENV names are SecretsUsedInArgOrEnv\'s (BuildKit\'s words).',
  },
  check(ctx) {
    const file = ctx.file;
    const last = file.stages[file.stages.length - 1];
    if (!last) return;
    const logins = mayRunAny(ctx, LOGIN_COMMANDS);
    for (const stage of imageChain(file)) {
      for (const ins of stage.instructions) {
        switch (ins.keyword) {
          case 'COPY':
          case 'ADD':
            checkCopy(ctx, ins);
            break;
          case 'ENV':
          case 'ARG':
            if (namesCredentialFile(ins)) checkVariable(ctx, ins, last);
            break;
          case 'RUN':
            if (logins) checkRun(ctx, ins);
            break;
        }
      }
    }
  },
});

/** Hints that a COPY may touch a credential location: only then is its destination resolved. */
const LOCATION_HINT = /(?:^|\/)\.(?:ssh|aws|azure|config|kube|cache|huggingface|netrc|git-credentials|pypirc)(?:$|\/)/;

/** Whether a COPY operand may name a credential location (every one is a dot-directory or dot-file). */
function locationHint(word: string): boolean {
  return (word.charCodeAt(0) === 0x2e || word.includes('/.')) && LOCATION_HINT.test(word);
}

/** COPY/ADD: into a credential-file variable, a credential file by name, or into a credential location. */
function checkCopy(ctx: RuleContext, ins: Instruction): void {
  const args = ins.args;
  const n = args.length;
  if (n < 2) return;
  const destArg = args[n - 1]!;
  const destWord = operandValue(destArg);
  const variable = intoCredentialVariable(destWord);
  if (variable !== undefined) {
    ctx.report({
      range: destArg.range,
      message: `${ins.keyword} writes to $${variable}, ${CREDENTIAL_FILE_VARIABLES.get(variable)}: the credential becomes part of the image; mount it at run time, or for one RUN with --mount=type=secret`,
    });
    return;
  }
  let hint = locationHint(destWord);
  for (let i = 0; i < n - 1; i++) {
    const src = args[i]!;
    const raw = src.value;
    hint ||= locationHint(raw);
    if (isHeredocSource(src)) continue;
    const value = operandValue(src);
    if (ins.keyword === 'ADD' && isRemoteSource(value)) continue;
    const name = basename(value);
    const what = credentialFileName(name);
    if (what === undefined) continue;
    ctx.report({
      range: src.range,
      message: `${ins.keyword} puts ${JSON.stringify(name)} (${what}) into the image: anyone who can pull the image can read it; mount it at run time, or for one RUN with --mount=type=secret`,
    });
    return;
  }
  if (!hint) return;
  const dest = destOf(ctx, ins);
  if (dest === undefined) return;
  // Several sources, or a destination written as a directory: each source lands inside it.
  const intoDir = n > 2 || /(?:^|\/)\.{0,2}$/.test(destWord);
  for (let i = 0; i < n - 1; i++) {
    const src = args[i]!;
    const value = isHeredocSource(src) ? '' : operandValue(src);
    // A directory source (`keys/`, `.`) puts its contents into the destination, not itself.
    const name = value === '' || /(?:^|\/)\.?\/?$/.test(value) || /\/$/.test(value) ? '' : basename(value);
    const target = intoDir && name !== '' ? `${dest === '/' ? '' : dest}/${name}` : dest;
    const tool = credentialLocation(target, name);
    if (tool === undefined) continue;
    ctx.report({
      range: destArg.range,
      message: `${ins.keyword} puts files into ${target}, where the credentials of ${tool} are kept: anyone who can pull the image can read them; mount them at run time, or for one RUN with --mount=type=secret`,
    });
    return;
  }
}

/** The credential-file variable a destination is written as (`$AWS_CONFIG_FILE`, `${KUBECONFIG}`), if any. */
function intoCredentialVariable(dest: string): string | undefined {
  const v = dest.includes('$') ? variableOf(dest) : undefined;
  return v !== undefined && CREDENTIAL_FILE_VARIABLES.has(v) ? v : undefined;
}

/** Whether an ARG or ENV sets one of the credential-file variables (by the names as written). */
function namesCredentialFile(ins: Instruction): boolean {
  if (ins.keyword === 'ENV') {
    for (const p of ins.pairs) if (CREDENTIAL_FILE_VARIABLES.has(p.key)) return true;
    return false;
  }
  for (const a of ins.args) {
    const eq = a.value.indexOf('=');
    if (CREDENTIAL_FILE_VARIABLES.has(eq < 0 ? a.value : a.value.slice(0, eq))) return true;
  }
  return false;
}

/** ARG/ENV: a credential-file variable whose path is among the files a COPY/ADD puts into the image. */
function checkVariable(ctx: RuleContext, ins: Instruction, image: Stage): void {
  const info = modelOf(ctx.file).infoOf(ins);
  if (!info) return;
  const pairs: { key: string; value: string | undefined; range: SourceRange | undefined }[] =
    ins.keyword === 'ENV'
      ? (info.env ?? []).map((p, i) => ({ key: p.key, value: p.value, range: ins.pairs[i]?.keyRange }))
      : (info.args ?? []).map((a, i) => ({ key: a.name, value: a.value, range: ins.args[i]?.range }));
  for (const { key, value, range } of pairs) {
    const what = CREDENTIAL_FILE_VARIABLES.get(key);
    if (what === undefined || range === undefined || !value || value.includes('$')) continue;
    // A relative path is resolved where the container runs: the image's WORKDIR.
    const model = modelOf(ctx.file);
    const path = resolveWorkdir(model.stages[image.index]?.finalScope.workdir ?? null, value);
    const copy = copyDests(ctx, image).find((d) => d.path === '/' || path === d.path || path.startsWith(`${d.path}/`));
    if (!copy) continue;
    ctx.report({
      range,
      message: `${ins.keyword} ${key} points to ${path}, ${what}, and the ${copy.ins.keyword} on line ${copy.ins.range.startLine} puts that path into the image: anyone who can pull it can read the credential; mount the file at run time instead`,
    });
    return;
  }
}

/** RUN: a cloud-CLI login, unless the RUN mounts a secret (Trivy's exemption). */
function checkRun(ctx: RuleContext, ins: Instruction): void {
  const site: RunSite = { run: ins, top: ins, onbuild: false };
  if (!hasAny(siteCommandNames(ctx, site, 'launchers+scripts'), LOGIN_COMMANDS)) return;
  if (ins.flags.length > 0 && mountsOf(ins).some((m) => m.type === 'secret')) return;
  for (const cmd of commandsOf(ctx, site, 'launchers+scripts')) {
    const login = credentialLogin(cmd);
    if (login === undefined) continue;
    ctx.report({
      range: cmd.nameRange,
      message: `\`${login}\` stores the credential on disk, in this RUN's layer of the image; authenticate at run time, or mount the credential with --mount=type=secret and keep the tool's configuration on a tmpfs mount`,
    });
    return;
  }
}

/**
 * `image` and the stages it is built FROM, nearest first, as BuildKit resolves FROM (a variable
 * naming a stage included): what ends up in the image's filesystem.
 */
function imageChain(file: Dockerfile, image: Stage | undefined = file.stages[file.stages.length - 1]): Stage[] {
  const out: Stage[] = [];
  for (let i: number | undefined = image?.index; i !== undefined; i = baseStageOf(file, i)) out.push(file.stages[i]!);
  return out;
}

/** The destination of a COPY/ADD in the image (expanded, resolved against its WORKDIR); undefined when unknown. */
function destOf(ctx: RuleContext, ins: Instruction): string | undefined {
  const info = modelOf(ctx.file).infoOf(ins);
  const exp = info?.expansions.find((e) => e.role === 'copy-dest');
  const value = exp && exp.error === undefined ? exp.result : operandValue(ins.args[ins.args.length - 1]!);
  if (value === '' || value.includes('$')) return undefined;
  return resolveWorkdir(info?.scope.workdir ?? null, value);
}

/** Every COPY/ADD destination of the image's stages, as paths in the image. */
function copyDests(ctx: RuleContext, image: Stage): { ins: Instruction; path: string }[] {
  const out: { ins: Instruction; path: string }[] = [];
  for (const stage of imageChain(ctx.file, image)) {
    for (const ins of stage.instructions) {
      if ((ins.keyword !== 'COPY' && ins.keyword !== 'ADD') || ins.args.length < 2) continue;
      // A COPY into the variable itself is reported as such; the variable adds nothing.
      if (intoCredentialVariable(operandValue(ins.args[ins.args.length - 1]!)) !== undefined) continue;
      const path = destOf(ctx, ins);
      if (path !== undefined) out.push({ ins, path });
    }
  }
  return out;
}
