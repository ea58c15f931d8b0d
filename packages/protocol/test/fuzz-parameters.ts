import type { Parameters } from 'fast-check';

/**
 * The same cases on every run by default (a CI run must not fail by chance, and a failure names
 * its seed to replay); `FUZZ_SEED=random` and `FUZZ_RUNS=<n>` explore further.
 */
export function fuzzParameters(): Parameters<unknown> {
  const seed = process.env.FUZZ_SEED;
  return {
    numRuns: Number(process.env.FUZZ_RUNS ?? 300),
    ...(seed !== 'random' && { seed: seed === undefined ? 20261207 : Number(seed) }),
  };
}
