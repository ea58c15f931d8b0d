import { defineConfig } from 'vitest/config';

export default defineConfig({
  // The Prisma CLI runs the schema engine as WebAssembly in a child process: on a loaded
  // two-core machine one `migrate check` took 105 s. These bounds only catch hangs.
  test: { include: ['test/**/*.test.ts'], testTimeout: 300_000, hookTimeout: 300_000 },
});
