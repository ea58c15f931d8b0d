import { defineConfig } from 'vitest/config';

// Vite 8 transforms TypeScript with Oxc, which honours emitDecoratorMetadata from
// tsconfig.json: Nest dependency injection works without an SWC plugin.
export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
