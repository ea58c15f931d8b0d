import { defineConfig } from 'vitest/config';

// Real processes (control plane, `next start`, Chromium): slow to start, run alone.
export default defineConfig({
  test: {
    include: ['e2e/**/*.browser.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 180_000,
    fileParallelism: false,
  },
});
