import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // The test app must not connect to a control plane configured in the developer's shell.
    env: { CONDUCTOR_KEY: '', CONDUCTOR_URL: '' },
  },
});
