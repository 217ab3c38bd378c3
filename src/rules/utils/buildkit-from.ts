// How BuildKit expands a FROM line before building: image and --platform against the global ARGs.
import type { SourceRange } from '../../core/range.js';
import type { ProcessResult } from '../../expand/index.js';
import type { Dockerfile, Stage } from '../../parser/ast.js';
import { expandWord, metaArgs, plainResult } from './expansion.js';

/** The FROM's `--platform` flag value as written, with its range. */
export function platformFlag(stage: Stage): { value: string; range: SourceRange } | undefined {
  const flag = stage.from.flags.find((f) => f.name === 'platform');
  if (!flag || flag.value === null) return undefined;
  return { value: flag.value, range: flag.valueRange ?? flag.range };
}

/** The base image expanded with global ARG defaults (null when BuildKit could not expand it). */
export function expandBase(file: Dockerfile, stage: Stage): ProcessResult | null {
  return plainResult(file, stage.base) ?? expandWord(file, stage.base, metaArgs(file).values);
}

/** The --platform value expanded with global ARG defaults. */
export function expandPlatform(file: Dockerfile, stage: Stage): ProcessResult | null {
  const p = platformFlag(stage);
  return p ? (plainResult(file, p.value) ?? expandWord(file, p.value, metaArgs(file).values)) : null;
}

const KNOWN_OS = new Set(['aix', 'android', 'darwin', 'dragonfly', 'freebsd', 'hurd', 'illumos', 'ios', 'js', 'linux', 'nacl', 'netbsd', 'openbsd', 'plan9', 'solaris', 'wasip1', 'windows', 'zos']);
const KNOWN_ARCH = new Set(['386', 'amd64', 'amd64p32', 'arm', 'armbe', 'arm64', 'arm64be', 'ppc64', 'ppc64le', 'loong64', 'mips', 'mipsle', 'mips64', 'mips64le', 'mips64p32', 'mips64p32le', 'ppc', 'riscv', 'riscv64', 's390', 's390x', 'sparc', 'sparc64', 'wasm']);
const COMPONENT = /^[A-Za-z0-9_.-]+$/;

/** containerd's platforms.Parse, reduced to OS and normalised architecture; null when invalid. */
export function parsePlatform(spec: string): { os: string; arch: string } | null {
  const parts = spec.split('/');
  if (parts.length > 3 || parts.some((p) => !COMPONENT.test(p))) return null;
  if (parts.length === 1) {
    const one = parts[0]!.toLowerCase();
    if (KNOWN_OS.has(one)) return { os: one, arch: 'amd64' };
    const arch = normalizeArch(one);
    if (KNOWN_ARCH.has(arch)) return { os: 'linux', arch };
    return null;
  }
  return { os: parts[0]!.toLowerCase(), arch: normalizeArch(parts[1]!.toLowerCase()) };
}

function normalizeArch(arch: string): string {
  switch (arch) {
    case 'i386': return '386';
    case 'x86_64': case 'x86-64': return 'amd64';
    case 'aarch64': return 'arm64';
    case 'armhf': case 'armel': return 'arm';
    default: return arch;
  }
}
