import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'server/**/*.test.ts'],
    environment: 'node',
    // A guard against hanging, not a deadline: some tests use real sockets on a loaded machine.
    testTimeout: 30_000,
  },
});
