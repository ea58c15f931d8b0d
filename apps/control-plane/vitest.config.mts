import { defineConfig } from 'vitest/config';

// Vite 8 transforms TypeScript with Oxc, which honours emitDecoratorMetadata from
// tsconfig.json: Nest dependency injection works without an SWC plugin.
export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    // Hang guards, not deadlines (tests wait for events): above the sum of the inner waits of
    // the longest tests, and above a cold PGlite boot in a hook on a loaded machine.
    testTimeout: 120_000,
    hookTimeout: 180_000,
    // Vitest's default is one worker fewer than the CPUs: one on the two-core CI machine, so the
    // suite ran file after file while most e2e files mostly wait (on executors, leases, timers).
    maxWorkers: 2,
  },
});
