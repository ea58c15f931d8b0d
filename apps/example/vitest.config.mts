import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    // Hang guards only: PGlite's first boot alone has taken over a minute on a loaded machine.
    testTimeout: 180_000,
    hookTimeout: 180_000,
    // The test app must not connect to a control plane configured in the developer's shell.
    env: { CONDUCTOR_KEY: '', CONDUCTOR_URL: '' },
  },
});
