import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    coverage: {
      provider: 'v8',
      include: ['src/**/*.ts', 'rules/**/*.ts'],
      reporter: ['text-summary'],
      // A floor a few points under what the suite reaches, so untested code fails CI.
      thresholds: { statements: 85, branches: 80, functions: 85, lines: 88 },
    },
  },
});
