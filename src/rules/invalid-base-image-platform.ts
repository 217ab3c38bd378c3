// BuildKit's InvalidBaseImagePlatform: the base image exists only for another platform than the one requested.
// BuildKit learns the image's platform from the registry; dockhand only knows what the config tells it.
import { defineRule } from './types.js';
import { parentStage } from '../semantic/stage-graph.js';
import { onInstructionLine } from './utils/buildkit-location.js';
import { expandedBase, expandedPlatform, formatPlatform, parsePlatform } from './utils/from-line.js';

/** `settings.InvalidBaseImagePlatform` in .dockhand.yaml. */
interface PlatformSettings {
  /** The build's target platform (default: none known, so only FROM --platform values are compared). */
  platform?: string;
  /** Known image platforms: `image reference → os/arch`, e.g. `{ "example/tool:1.0": "linux/arm64" }`. */
  images?: Record<string, string>;
}

export default defineRule({
  code: 'InvalidBaseImagePlatform',
  name: 'invalid-base-image-platform',
  aliases: [],
  severity: 'warning',
  origin: 'buildkit',
  fixable: 'none',
  docs: {
    summary: 'The base image should be available for the platform being built.',
    why:
      'When the image has no variant for the requested platform, the builder pulls another one; the result runs ' +
      'under emulation, or not at all.',
    bad: 'FROM --platform=linux/amd64 example/arm-only:1\n',
    good: 'FROM --platform=linux/arm64 example/arm-only:1\n',
    setup: {
      bad: { options: { settings: { InvalidBaseImagePlatform: { images: { 'example/arm-only:1': 'linux/arm64' } } } } },
      good: { options: { settings: { InvalidBaseImagePlatform: { images: { 'example/arm-only:1': 'linux/arm64' } } } } },
    },
    fix: 'Pick a platform the image provides, or an image that provides the platform you build for.',
    notes:
      'Needs a registry in BuildKit, which resolves the image for the requested platform and compares the ' +
      'config\'s OS/architecture. dockhand never contacts a registry: it reports only for images whose platform ' +
      'is declared under `settings.InvalidBaseImagePlatform.images` (reference → `os/arch`), against the FROM\'s ' +
      'constant `--platform` or `settings.InvalidBaseImagePlatform.platform`. Without that configuration it ' +
      'never fires.',
  },
  check(ctx) {
    const settings = (ctx.options.settings['InvalidBaseImagePlatform'] ?? ctx.options.settings['invalid-base-image-platform']) as
      | PlatformSettings
      | undefined;
    const images = settings?.images;
    if (!images) return;
    for (const stage of ctx.file.stages) {
      if (parentStage(ctx.file, stage) || stage.base.toLowerCase() === 'scratch') continue;
      const base = expandedBase(ctx.file, stage)?.result;
      if (!base) continue;
      const actualSpec = images[base] ?? images[base.replace(/^(docker\.io\/)?(library\/)?/, '')];
      if (!actualSpec) continue;
      const platform = expandedPlatform(ctx.file, stage);
      const expectedSpec = platform && platform.matched.length === 0 && platform.unmatched.length === 0 ? platform.result : settings?.platform;
      if (!expectedSpec) continue;
      const actual = parsePlatform(actualSpec);
      const expected = parsePlatform(expectedSpec);
      if (!actual || !expected || (actual.os === expected.os && actual.arch === expected.arch)) continue;
      // BuildKit names the image as expanded and both platforms normalised (platforms.FormatAll).
      ctx.report({
        range: onInstructionLine(ctx.file, stage.from, stage.baseRange),
        message: `Base image ${base} was pulled with platform ${JSON.stringify(formatPlatform(actual))}, expected ${JSON.stringify(formatPlatform(expected))} for current build`,
      });
    }
  },
});
