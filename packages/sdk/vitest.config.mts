import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // Generous limits: they exist to catch hangs. Booting PGlite costs seconds of CPU, which
    // stretches on a loaded machine (a CI run with other suites beside it took over a minute to
    // boot one); a normal run takes well under a minute.
    testTimeout: 180_000,
    hookTimeout: 180_000,
    // One per core of the CI machine (two): PGlite boots are CPU-bound, and more workers would
    // starve each other's timers.
    maxWorkers: 2,
    // A conductor key in the developer's environment must not turn every test app into an
    // executor; the agent tests configure theirs explicitly.
    env: { CONDUCTOR_KEY: '', CONDUCTOR_URL: '' },
    projects: [
      {
        extends: true,
        test: {
          name: 'sdk',
          include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
          exclude: ['test/differential/**'],
          sequence: { groupOrder: 0 },
        },
      },
      {
        // Each file runs a DBOS executor and a Podium executor in child processes: after the
        // rest, one file at a time, so they do not starve the PGlite suites of CPU.
        extends: true,
        test: {
          name: 'differential',
          include: ['test/differential/**/*.test.ts'],
          sequence: { groupOrder: 1 },
          fileParallelism: false,
        },
      },
    ],
  },
});
