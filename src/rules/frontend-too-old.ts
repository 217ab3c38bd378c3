// DH020: a feature the Dockerfile frontend pinned by `# syntax=` does not know yet. dockhand reads
// every file as the newest frontend does; a file pinned to `docker/dockerfile:1.3` is built by 1.3.x,
// which fails on `COPY --link`, a heredoc, `${var#prefix}`... The versions are data
// (utils/frontend-versions.ts); this file finds where the file uses each feature.
import type { SourceRange, Span } from '../core/range.js';
import type { Dockerfile, Flag, Instruction } from '../parser/ast.js';
import { directiveOf, syntaxDirectiveOf } from '../parser/directives.js';
import { isGitSource } from '../semantic/remote-source.js';
import { defineRule } from './types.js';
import { copyOperands, isHeredocSource, operandValue } from './utils/copy-operands.js';
import type { FrontendFeature, FrontendVersion } from './utils/frontend-versions.js';
import { FRONTEND_FEATURES, accepts, olderThan, readSyntaxPin, versionText } from './utils/frontend-versions.js';
import { heirsOf, modelOf } from './utils/model.js';
import { mountsOf, type Mount } from './utils/mounts.js';

/** One use of a feature: which, where, and how the message names it. */
interface FeatureUse {
  feature: FrontendFeature;
  range: SourceRange | Span;
  /** The words as the file writes them (`COPY --link`), or the feature's label. */
  what: string;
}

export default defineRule({
  code: 'DH020',
  name: 'frontend-too-old',
  aliases: [],
  severity: 'error',
  origin: 'dockhand',
  fixable: 'none',
  docs: {
    summary: 'A Dockerfile should use only what the frontend version its `# syntax=` pins accepts.',
    why:
      '`# syntax=docker/dockerfile:1.3` builds the file with release 1.3 of the Dockerfile frontend, whatever the ' +
      'builder ships. Features added later (`COPY --link` and heredocs in 1.4, `${var#prefix}` in 1.7, `ADD --unpack` ' +
      'in 1.17...) fail that build with an unknown flag or a parse error, although the docs, the newest frontend and ' +
      'a local build without the pin all accept them.',
    bad: '# syntax=docker/dockerfile:1.3\nFROM alpine:3.20\nCOPY --link app.sh /usr/local/bin/\n',
    good: '# syntax=docker/dockerfile:1.4\nFROM alpine:3.20\nCOPY --link app.sh /usr/local/bin/\n',
    fix: 'Raise the pin to the version named (or to `docker/dockerfile:1`, the newest 1.x), or do without the feature.',
    notes:
      'The pin is read as BuildKit finds the frontend (DetectSyntax): the first `# syntax=` of the leading directive ' +
      'lines, a `#` at the very start of its line (with a blank before it the builder\'s own frontend builds the ' +
      'file, and nothing is reported), the first word of its value; the image is `docker/dockerfile` or ' +
      '`docker/dockerfile-upstream`, on Docker Hub or a mirror keeping that path. Its tag names the version: `1.3` and `1.3.1` are 1.3, `1.7-labs` ' +
      'the labs channel of 1.7, `1.0-experimental` and `experimental` the labs channel before it was renamed (1.1 at ' +
      'the newest); `1`, `1-labs`, `latest`, `labs`, `master` and no tag follow the newest release, and a digest ' +
      'without a tag says no version: none of these is reported. A `BUILDKIT_SYNTAX` build argument is not seen. ' +
      'Checked: RUN `--mount`, `--network`, `--security`, `--device` and a secret mount\'s `env=`; heredocs; ' +
      '`--link`; ADD of a Git URL (and its `?key=value` options), `--keep-git-dir`, `--checksum` (of a Git URL too), ' +
      '`--unpack`; `--exclude`; COPY `--parents`; a non-octal or variable `--chmod`; HEALTHCHECK `--start-interval`; ' +
      'ARG with several names; `${var-x}` and `${var+x}` without the colon, `${var#x}`, `${var%x}`, `${var/x/y}` in ' +
      'the words the frontend expands (not in RUN, which the shell expands); `# check=` (a warning: older versions ' +
      'ignore it, so the build checks do not run). A feature that was in the labs channel before it was stable is ' +
      'accepted under a labs pin from that version on. Left out, for want of a source that dates them: a plain ' +
      '`--chmod`, the `tmpfs` mount type and its `size=`, `${var?x}`. An ONBUILD trigger is parsed by the frontend ' +
      'of the build that inherits it, so it is checked only when a stage of this file inherits it.',
  },
  check(ctx) {
    const file = ctx.file;
    const directive = syntaxDirectiveOf(file);
    if (!directive) return;
    const pin = readSyntaxPin(directive.value);
    if (pin.kind !== 'dockerfile' || pin.version === null) return;
    const { version, channel } = pin;
    const pinned = /\d/.test(pin.tag) ? pin.tag : `${pin.tag} (${versionText(version)})`;
    // One finding per place: where two features meet (ADD --checksum of a Git URL), the later one.
    const found = new Map<string, FeatureUse>();
    for (const use of featureUses(file)) {
      if (accepts(use.feature, version, channel)) continue;
      const key = `${use.range.start}:${use.range.end}`;
      const other = found.get(key);
      if (!other || olderThan(other.feature.stable, use.feature.stable)) found.set(key, use);
    }
    for (const use of found.values()) {
      const { feature } = use;
      ctx.report({
        range: use.range,
        message: messageOf(use.what, feature, version, channel, pinned),
        ...(feature.older === 'ignored' ? { severity: 'warning' as const } : {}),
      });
    }
  },
});

function messageOf(what: string, feature: FrontendFeature, version: FrontendVersion, channel: 'stable' | 'labs', pinned: string): string {
  const { stable, labs } = feature;
  let needs = `${what} needs docker/dockerfile:${versionText(stable)} or newer`;
  let pins = `this file pins ${pinned}`;
  if (channel === 'labs' && labs) needs = `${what} needs docker/dockerfile:${versionText(labs)}-labs or newer (${versionText(stable)} in the stable channel)`;
  else if (channel === 'stable' && labs && !olderThan(version, labs)) pins += `, which has it only in the labs channel (docker/dockerfile:${versionText(version)}-labs)`;
  if (feature.older === 'ignored') pins += ', which ignores it';
  return `${needs}; ${pins}`;
}

/** Every use of a dated feature in the file, in file order. */
function* featureUses(file: Dockerfile): Generator<FeatureUse> {
  const check = directiveOf(file, 'check');
  if (check) yield { feature: FRONTEND_FEATURES['check-directive']!, range: check.range, what: 'the `# check=` directive' };
  let model: ReturnType<typeof modelOf> | undefined;
  const modelFor = () => (model ??= modelOf(file));
  for (const ins of file.instructions) {
    yield* instructionUses(file, ins, modelFor);
    // A trigger is built by the frontend of the build that inherits it: this file's only when one of
    // its own stages does.
    if (ins.trigger && heirsOf(file, ins.stageIndex).length > 0) yield* instructionUses(file, ins.trigger, modelFor);
  }
}

function* instructionUses(file: Dockerfile, ins: Instruction, modelFor: () => ReturnType<typeof modelOf>): Generator<FeatureUse> {
  const kw = ins.keyword;
  let mounts: Mount[] | undefined;
  for (const flag of ins.flags) yield* flagUses(file, kw, flag, () => (mounts ??= mountsOf(ins)));
  for (const h of ins.heredocs) yield { feature: FRONTEND_FEATURES.heredoc!, range: h.markerRange, what: `a heredoc in ${kw} (\`${textOf(file, h.markerRange)}\`)` };
  if (kw === 'ADD') yield* addSourceUses(ins);
  if (kw === 'ARG' && ins.args.length > 1) yield { feature: FRONTEND_FEATURES['arg-several']!, range: ins.args[1]!.range, what: 'ARG with several names' };
  if (kw === 'RUN' || kw === 'CMD' || kw === 'ENTRYPOINT' || kw === 'SHELL' || kw === 'HEALTHCHECK' || kw === 'ONBUILD' || kw === 'MAINTAINER') return;
  if (!ins.original.includes('${')) return;
  for (const exp of modelFor().variableReferences(ins)) {
    if (!exp.word.includes('${')) continue;
    const linear = file.text.slice(exp.range.start, exp.range.end) === exp.word;
    for (const op of expansionOperators(exp.word, file.escapeChar)) {
      const range: SourceRange | Span = linear ? { start: exp.range.start + op.start, end: exp.range.start + op.end } : exp.range;
      yield { feature: FRONTEND_FEATURES[op.feature]!, range, what: `\`${op.text}\`` };
    }
  }
}

const RUN_FLAGS: Readonly<Record<string, string>> = { mount: 'run-mount', network: 'run-network', security: 'run-security', device: 'run-device' };
const COPY_FLAGS: Readonly<Record<string, string>> = { link: 'link', exclude: 'exclude', parents: 'copy-parents' };
const ADD_FLAGS: Readonly<Record<string, string>> = { link: 'link', exclude: 'exclude', checksum: 'add-checksum', 'keep-git-dir': 'add-keep-git-dir', unpack: 'add-unpack' };
const HEALTHCHECK_FLAGS: Readonly<Record<string, string>> = { 'start-interval': 'healthcheck-start-interval' };
const FLAGS_OF: Readonly<Record<string, Readonly<Record<string, string>>>> = { RUN: RUN_FLAGS, COPY: COPY_FLAGS, ADD: ADD_FLAGS, HEALTHCHECK: HEALTHCHECK_FLAGS };

function* flagUses(file: Dockerfile, kw: string, flag: Flag, mounts: () => Mount[]): Generator<FeatureUse> {
  const id = FLAGS_OF[kw]?.[flag.name];
  if (id) yield { feature: FRONTEND_FEATURES[id]!, range: flag.range, what: `\`${kw} --${flag.name}\`` };
  if (kw === 'RUN' && flag.name === 'mount' && flag.value !== null) {
    const mount = mounts().find((m) => m.flag === flag);
    const env = mount?.type === 'secret' ? mount.envField : null;
    if (env) {
      const linear = flag.valueRange !== null && file.text.slice(flag.valueRange.start, flag.valueRange.end) === flag.value;
      const range = linear ? { start: flag.valueRange!.start + env.start, end: flag.valueRange!.start + env.end } : flag.range;
      yield { feature: FRONTEND_FEATURES['mount-secret-env']!, range, what: '`env=` in a secret mount' };
    }
  }
  if ((kw === 'COPY' || kw === 'ADD') && flag.name === 'chmod' && flag.value) {
    const v = flag.value;
    if (v.includes('$')) yield { feature: FRONTEND_FEATURES['chmod-variable']!, range: flag.range, what: `a variable in \`${kw} --chmod\`` };
    else if (!/^\d/.test(v)) yield { feature: FRONTEND_FEATURES['chmod-symbolic']!, range: flag.range, what: `a non-octal \`${kw} --chmod\`` };
  }
}

/** ADD's Git sources (1.6), their `?key=value` options (1.18), and `--checksum` of one (1.16). */
function* addSourceUses(ins: Instruction): Generator<FeatureUse> {
  const ops = copyOperands(ins);
  if (!ops) return;
  let git = false;
  for (const src of ops.sources) {
    if (isHeredocSource(src)) continue;
    const value = operandValue(src);
    if (!isGitSource(value)) continue;
    git = true;
    // `?ref=...` options before any `#ref:subdir` fragment.
    if (/^[^#]*\?/.test(value)) yield { feature: FRONTEND_FEATURES['add-git-query']!, range: src.range, what: 'a Git URL with `?key=value` options' };
    else yield { feature: FRONTEND_FEATURES['add-git']!, range: src.range, what: 'ADD of a Git repository' };
  }
  if (!git) return;
  for (const flag of ins.flags) {
    if (flag.name === 'checksum') yield { feature: FRONTEND_FEATURES['add-checksum-git']!, range: flag.range, what: '`ADD --checksum` of a Git repository' };
  }
}

/** A `${name<op>...}` operator in a word the frontend expands. */
interface OperatorUse {
  feature: 'expand-no-colon' | 'expand-trim' | 'expand-replace';
  /** Offsets of the operator in the word. */
  start: number;
  end: number;
  /** The expression from `${` to the next `}` as written, for the message. */
  text: string;
}

/**
 * The expansion operators of `word` that came with 1.6 and 1.7: `${a-b}`, `${a+b}` (no colon),
 * `${a#b}`, `${a##b}`, `${a%b}`, `${a%%b}`, `${a/b/c}`, `${a//b/c}`. Reads the word as BuildKit's
 * lexer does: no expansion inside single quotes, the escape character hides the next one.
 */
export function expansionOperators(word: string, escapeChar: string): OperatorUse[] {
  const out: OperatorUse[] = [];
  let single = false;
  let double = false;
  for (let i = 0; i < word.length; i++) {
    const c = word[i]!;
    if (single) {
      if (c === "'") single = false;
      continue;
    }
    if (c === escapeChar) {
      i++;
      continue;
    }
    if (c === "'" && !double) { single = true; continue; }
    if (c === '"') { double = !double; continue; }
    if (c !== '$' || word[i + 1] !== '{') continue;
    let j = i + 2;
    if (/[A-Za-z_]/.test(word[j] ?? '')) {
      while (/\w/.test(word[j] ?? '')) j++;
    } else {
      j++; // a special or positional parameter: one character
    }
    const op = word[j];
    let feature: OperatorUse['feature'] | undefined;
    let len = 1;
    if (op === '-' || op === '+') feature = 'expand-no-colon';
    else if (op === '#' || op === '%') { feature = 'expand-trim'; if (word[j + 1] === op) len = 2; }
    else if (op === '/') { feature = 'expand-replace'; if (word[j + 1] === '/') len = 2; }
    if (feature) {
      const close = word.indexOf('}', j);
      out.push({ feature, start: j, end: j + len, text: close < 0 ? word.slice(i) : word.slice(i, close + 1) });
    }
    i = j - 1;
  }
  return out;
}

function textOf(file: Dockerfile, r: SourceRange): string {
  return file.text.slice(r.start, r.end);
}
