// BuildKit's SecretsUsedInArgOrEnv: an ARG or ENV whose name says it holds a password, token or key.
import { defineRule } from './types.js';
import { buildkitUrl } from './utils/docs-url.js';
import { onInstructionLine } from './utils/buildkit-location.js';
import { needsLexer } from '../expand/index.js';
import { inheritedTriggers, modelOf } from './utils/model.js';
import { argPairs } from './utils/expansion.js';

const TOKENS = ['apikey', 'auth', 'credential', 'credentials', 'key', 'password', 'pword', 'passwd', 'secret', 'token'];
// Go's (?i) folds case with Unicode's simple folding (the Kelvin sign is a K, `ſ` an s): the `u` flag does too.
const DENY = new RegExp(`(?:_|^)(?:${TOKENS.join('|')})(?:_|$)`, 'iu');
const ALLOW = /(?:_|^)(?:public|file|version)(?:_|$)/iu;

/** True when BuildKit considers an ARG/ENV name sensitive. */
export function isSecretName(key: string): boolean {
  return DENY.test(key) && !ALLOW.test(key);
}

export default defineRule({
  code: 'SecretsUsedInArgOrEnv',
  name: 'secrets-used-in-arg-or-env',
  aliases: ['DS031'],
  severity: 'warning',
  origin: 'buildkit',
  fixable: 'none',
  url: buildkitUrl('SecretsUsedInArgOrEnv'),
  docs: {
    summary: 'Sensitive data should not be passed in ARG or ENV.',
    why:
      'ARG and ENV values end up in the image: ENV in its config, ARG in the build history (`docker history`). ' +
      'Anyone who can pull the image can read them.',
    bad: 'FROM alpine\nARG GITHUB_TOKEN\nRUN git clone https://$GITHUB_TOKEN@github.com/org/repo\n',
    good: 'FROM alpine\nRUN --mount=type=secret,id=github_token,env=GITHUB_TOKEN \\\n    git clone https://$GITHUB_TOKEN@github.com/org/repo\n',
    fix: 'Pass secrets with `RUN --mount=type=secret` (or an SSH mount) instead.',
    notes:
      'A name is sensitive when one of its `_`-separated words is apikey, auth, credential(s), key, password, ' +
      'pword, passwd, secret or token, and none is public, file or version. ARGs before the first FROM are not ' +
      'checked (BuildKit does not dispatch them). An ONBUILD ARG or ENV is checked where BuildKit runs it: in a ' +
      'stage built FROM its stage, reported at that FROM. hadolint DL3064 uses a different word list and stays separate.',
  },
  check(ctx) {
    const file = ctx.file;
    // ONBUILD triggers a stage inherits: BuildKit dispatches them there and reports at its FROM.
    for (const { stage, info } of inheritedTriggers(file)) {
      const t = info.instruction;
      if (t.keyword === 'ARG') {
        for (const p of argPairs(t)) if (isSecretName(p.key)) ctx.report({ range: stage.from.range, message: message('ARG', p.key) });
      } else if (t.keyword === 'ENV') {
        for (const { key } of info.env ?? []) if (isSecretName(key)) ctx.report({ range: stage.from.range, message: message('ENV', key) });
      }
    }
    for (const stage of file.stages) {
      for (const ins of stage.instructions) {
        if (ins.keyword === 'ARG') {
          for (const p of argPairs(ins)) {
            if (isSecretName(p.key)) ctx.report({ range: onInstructionLine(file, ins, ins.args[p.index]!.range), message: message('ARG', p.key) });
          }
        } else if (ins.keyword === 'ENV') {
          // A key the lexer would only copy is its own expansion: the semantic model only for the others.
          const applied = ins.pairs.some((p) => needsLexer(p.key, file.escapeChar)) ? modelOf(file).infoOf(ins)?.env : undefined;
          ins.pairs.forEach((p, i) => {
            const key = applied?.[i]?.key ?? p.key;
            if (isSecretName(key)) ctx.report({ range: onInstructionLine(file, ins, p.keyRange), message: message('ENV', key) });
          });
        }
      }
    }
  },
});

function message(kind: 'ARG' | 'ENV', key: string): string {
  return `Do not use ARG or ENV instructions for sensitive data (${kind} ${JSON.stringify(key)})`;
}
