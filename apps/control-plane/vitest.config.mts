import { defineConfig } from 'vitest/config';

// Vite 8 transforms TypeScript with Oxc, which honours emitDecoratorMetadata from
// tsconfig.json: Nest dependency injection works without an SWC plugin.
export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Vitest's default is one worker fewer than the CPUs: one on the two-core CI machine, so the
    // suite ran file after file while most e2e files mostly wait (on executors, leases, timers).
    maxWorkers: 2,
  },
});
