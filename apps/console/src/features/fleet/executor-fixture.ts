import type { Executor } from '@podium/protocol/rest';

/** For tests: executor `id`, connected since `at` (every time of it `at`), with `overrides`. */
export function executorFixture(
  id: string,
  at: string,
  overrides: Partial<Executor> = {},
): Executor {
  return {
    executorId: id,
    appId: '0195f0a0-0000-7000-8000-000000000001',
    appVersion: 'v1',
    hostname: null,
    hostId: null,
    language: 'typescript',
    dbosVersion: '5.2.11',
    executorMetadata: null,
    status: 'HEALTHY',
    stopped: false,
    createdAt: at,
    updatedAt: at,
    connectedAt: at,
    disconnectedAt: null,
    lastSeenAt: at,
    deadAt: null,
    recoveredAt: null,
    ...overrides,
  };
}
