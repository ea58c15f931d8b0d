import { defineConfig } from 'vitest/config';

// Real processes (control plane, `next start`, Chromium): slow to start, run alone.
export default defineConfig({
  test: {
    include: ['e2e/**/*.browser.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 180_000,
    // expect.poll's own default is 1 s: far too short for a page on a loaded machine. A poll
    // passes as soon as its assertion holds, so this only bounds the wait for one that never does.
    expect: { poll: { timeout: 20_000 } },
    fileParallelism: false,
  },
});
