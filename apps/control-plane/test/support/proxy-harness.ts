import pino from 'pino';
import { afterEach, beforeEach, expect } from 'vitest';
import type { Config } from '../../src/config/config';
import { ExecutorRegistry } from '../../src/modules/executors/executor-registry';
import { ExecutorProxy } from '../../src/modules/executors/proxy/executor-proxy';
import { startLinkHarness, type Script } from './link-harness';

/**
 * A real ExecutorProxy over scripted executors on real WebSockets (`link-harness.ts`), fresh for
 * each test of the file; after each, nothing may be left waiting for an answer.
 */
export function useProxyHarness(requestTimeoutMs: number) {
  let harness: Awaited<ReturnType<typeof startLinkHarness>> | undefined;
  let registry = new ExecutorRegistry();
  let proxy: ExecutorProxy | undefined;

  beforeEach(async () => {
    harness = await startLinkHarness({ requestTimeoutMs });
    registry = new ExecutorRegistry();
    const config = { executors: { requestTimeoutMs } } as Config;
    proxy = new ExecutorProxy(registry, config, pino({ level: 'silent' }));
  });
  afterEach(async () => {
    expect(harness?.pending()).toBe(0);
    await harness?.close();
  });

  const ready = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('the proxy harness starts in beforeEach');
    return value;
  };
  return {
    proxy: () => ready(proxy),
    registry: () => registry,
    /** Connects a scripted executor and registers its link. */
    connect: async (id: string, version: string, script: Script, sdkVersion?: string) => {
      const executor = await ready(harness).connect(id, version, script, sdkVersion);
      registry.add(executor.live);
      return executor;
    },
  };
}
