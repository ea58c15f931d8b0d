/** Per-file harness: one backend, fast polling, and every Podium shut down after each test. */
import { afterAll, afterEach, beforeAll } from 'vitest';
import { Podium, type PodiumOptions } from '../../src';
import type { Backend } from './backends';

export interface Harness {
  /** A new, not yet launched Podium on the backend's database. */
  podium(options: Partial<PodiumOptions> & { appName: string }): Podium;
  /** A Podium with `define`'s workflows registered, launched. */
  launch<W extends object>(
    define: (podium: Podium) => W,
    options: Partial<PodiumOptions> & { appName: string },
  ): Promise<{ podium: Podium } & W>;
}

export function useHarness(backend: Backend): Harness {
  const instances: Podium[] = [];
  beforeAll(() => backend.setup());
  afterEach(async () => {
    await Promise.all(instances.splice(0).map((podium) => podium.shutdown()));
  });
  afterAll(() => backend.teardown());
  return {
    podium(options) {
      const podium = new Podium({
        ...backend.database(),
        queuePollIntervalMs: 25,
        pollIntervalMs: 25,
        ...options,
      });
      instances.push(podium);
      return podium;
    },
    async launch(define, options) {
      const podium = this.podium(options);
      const workflows = define(podium);
      await podium.launch();
      return { podium, ...workflows };
    },
  };
}
