// BuildKit's automatic platform args (dockerfile2llb defaultArgs) and the default shell per OS.
import type { Platform } from './types.js';

/** `os/arch[/variant]`, as containerd's platforms.Format writes it. */
export function formatPlatform(p: Platform): string {
  return `${p.os}/${p.arch}${p.variant ? `/${p.variant}` : ''}`;
}

/**
 * The args every FROM line and `ARG <name>` without a value can see: BUILDPLATFORM, BUILDOS,
 * BUILDOSVERSION, BUILDARCH, BUILDVARIANT, TARGETPLATFORM, TARGETOS, TARGETOSVERSION, TARGETARCH,
 * TARGETVARIANT and TARGETSTAGE. A `--build-arg` with the same name overrides the computed value.
 */
export function automaticArgs(
  target: Platform,
  build: Platform,
  targetStage: string,
  buildArgs: Readonly<Record<string, string>>,
): ReadonlyMap<string, string> {
  // Every file of a lint asks with the same platforms and build args, and usually the same target
  // stage name: hand out the last map again (callers only read it; the model copies before adding).
  const last = lastAutomatic;
  if (last && last.target === target && last.build === build && last.targetStage === targetStage && last.buildArgs === buildArgs) return last.map;
  const entries: [string, string][] = [
    ['BUILDPLATFORM', formatPlatform(build)],
    ['BUILDOS', build.os],
    ['BUILDOSVERSION', ''],
    ['BUILDARCH', build.arch],
    ['BUILDVARIANT', build.variant ?? ''],
    ['TARGETPLATFORM', formatPlatform(target)],
    ['TARGETOS', target.os],
    ['TARGETOSVERSION', ''],
    ['TARGETARCH', target.arch],
    ['TARGETVARIANT', target.variant ?? ''],
    ['TARGETSTAGE', targetStage],
  ];
  const out = new Map<string, string>();
  for (const [k, v] of entries) out.set(k, Object.prototype.hasOwnProperty.call(buildArgs, k) ? buildArgs[k]! : v);
  lastAutomatic = { target, build, targetStage, buildArgs, map: out };
  return out;
}

let lastAutomatic:
  | { target: Platform; build: Platform; targetStage: string; buildArgs: Readonly<Record<string, string>>; map: ReadonlyMap<string, string> }
  | undefined;

/** The names of {@link automaticArgs}. */
export const AUTOMATIC_ARG_NAMES: readonly string[] = [
  'BUILDPLATFORM', 'BUILDOS', 'BUILDOSVERSION', 'BUILDARCH', 'BUILDVARIANT',
  'TARGETPLATFORM', 'TARGETOS', 'TARGETOSVERSION', 'TARGETARCH', 'TARGETVARIANT', 'TARGETSTAGE',
];

/** BuildKit's default SHELL for an OS (dockerfile2llb/defaultshell.go). */
export function defaultShell(os: string): string[] {
  return os === 'windows' ? ['cmd', '/S', '/C'] : ['/bin/sh', '-c'];
}

/** The PATH BuildKit sets when the base image has none (util/system.DefaultPathEnv), or null on Windows. */
export function defaultPath(os: string): string | null {
  return os === 'windows' ? null : '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';
}
