import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // Regenerates src/rules/index.ts so a run always sees every rule file.
    globalSetup: ['scripts/gen-registry.mjs'],
  },
});
