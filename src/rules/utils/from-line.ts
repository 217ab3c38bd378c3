// A FROM line as BuildKit's checks read it: the `--platform` flag as written, the base image and
// platform expanded with the global ARGs (the semantic model's expansions; the linter passes no
// build args, so these are the defaults), the earlier stage a FROM builds on, and containerd's
// reading of a platform string.
import type { SourceRange } from '../../core/range.js';
import type { Dockerfile, Stage } from '../../parser/ast.js';
import type { Expansion } from '../../semantic/index.js';
import { needsLexer } from '../../expand/index.js';
import { fromLineOf } from './model.js';

/** The FROM's `--platform` flag value as written, with its range. */
export function platformFlag(stage: Stage): { value: string; range: SourceRange } | undefined {
  const flag = stage.from.flags.find((f) => f.name === 'platform');
  if (!flag || flag.value === null) return undefined;
  return { value: flag.value, range: flag.valueRange ?? flag.range };
}

/** The base image expanded with the global ARGs; null when BuildKit could not expand it. */
export function expandedBase(file: Dockerfile, stage: Stage): Expansion | null {
  const e = fromLineOf(file, stage).baseExpansion;
  return e.error === undefined ? e : null;
}

/** The `--platform` value expanded with the global ARGs; null without the flag or when it cannot be expanded. */
export function expandedPlatform(file: Dockerfile, stage: Stage): Expansion | null {
  const e = fromLineOf(file, stage).platform?.expansion;
  return e && e.error === undefined ? e : null;
}

/**
 * The earlier stage that stage `index`'s FROM builds on as BuildKit resolves it (the semantic model's
 * `StageInfo.base`: the expanded name, as written, among the lower-cased names of earlier stages,
 * the nearest first), or undefined for an image or scratch. A base written plainly (no variable,
 * quote or escape) is its own expansion, so the model is built only for the others.
 */
export function baseStageOf(file: Dockerfile, index: number): number | undefined {
  const stage = file.stages[index];
  if (!stage) return undefined;
  let name = stage.base;
  if (needsLexer(name, file.escapeChar)) {
    const e = fromLineOf(file, stage).baseExpansion;
    if (e.error !== undefined) return undefined;
    name = e.result;
  }
  for (let i = index - 1; i >= 0; i--) if (file.stages[i]!.name === name) return i;
  return undefined;
}

const KNOWN_OS = new Set(['aix', 'android', 'darwin', 'dragonfly', 'freebsd', 'hurd', 'illumos', 'ios', 'js', 'linux', 'nacl', 'netbsd', 'openbsd', 'plan9', 'solaris', 'wasip1', 'windows', 'zos']);
const KNOWN_ARCH = new Set(['386', 'amd64', 'amd64p32', 'arm', 'armbe', 'arm64', 'arm64be', 'ppc64', 'ppc64le', 'loong64', 'mips', 'mipsle', 'mips64', 'mips64le', 'mips64p32', 'mips64p32le', 'ppc', 'riscv', 'riscv64', 's390', 's390x', 'sparc', 'sparc64', 'wasm']);
const COMPONENT = /^[A-Za-z0-9_.-]+$/;

/** containerd's platforms.Parse, reduced to OS, normalised architecture and variant; null when invalid. */
export function parsePlatform(spec: string): { os: string; arch: string; variant: string } | null {
  const parts = spec.split('/');
  if (parts.length > 3 || parts.some((p) => !COMPONENT.test(p))) return null;
  if (parts.length === 1) {
    const one = parts[0]!.toLowerCase();
    if (KNOWN_OS.has(one)) return { os: one, arch: 'amd64', variant: '' };
    const [arch, variant] = normalizeArch(one, '');
    // A lone `arm` means the default variant, which Parse leaves unset.
    if (KNOWN_ARCH.has(arch)) return { os: 'linux', arch, variant: arch === 'arm' && variant === 'v7' ? '' : variant };
    return null;
  }
  const [arch, variant] = normalizeArch(parts[1]!.toLowerCase(), (parts[2] ?? '').toLowerCase());
  return { os: parts[0]!.toLowerCase(), arch, variant };
}

/** A platform as BuildKit prints it in messages: platforms.FormatAll(platforms.Normalize(p)). */
export function formatPlatform(p: { os: string; arch: string; variant: string }): string {
  const [arch, variant] = normalizeArch(p.arch, p.variant);
  return variant ? `${p.os}/${arch}/${variant}` : `${p.os}/${arch}`;
}

/** containerd's normalizeArch: the usual spelling of an architecture and its variant. */
function normalizeArch(arch: string, variant: string): [string, string] {
  switch (arch) {
    case 'i386': return ['386', ''];
    case 'x86_64': case 'x86-64': case 'amd64': return ['amd64', variant === 'v1' ? '' : variant];
    case 'aarch64': case 'arm64':
      switch (variant) {
        case '8': case 'v8': case 'v8.0': return ['arm64', ''];
        case '9': case '9.0': case 'v9.0': return ['arm64', 'v9'];
        default: return ['arm64', /^\d/.test(variant) ? `v${variant}` : variant];
      }
    case 'armhf': return ['arm', 'v7'];
    case 'armel': return ['arm', 'v6'];
    case 'arm':
      if (variant === '' || variant === '7') return ['arm', 'v7'];
      if (variant === '5' || variant === '6' || variant === '8') return ['arm', `v${variant}`];
      return ['arm', variant];
    default: return [arch, variant];
  }
}
