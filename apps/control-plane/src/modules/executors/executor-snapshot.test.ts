import { describe, expect, it } from 'vitest';
import { changedAt, type ExecutorSnapshot, mapExecutor } from './executor-snapshot';

const at = (minute: number) => new Date(Date.UTC(2025, 0, 1, 0, minute));

const connected: ExecutorSnapshot = {
  organizationId: 'org',
  applicationId: 'app',
  executorId: 'exec-1',
  applicationVersion: 'v1',
  hostname: 'host',
  language: 'typescript',
  sdkVersion: 'podium-sdk/1',
  metadata: { region: 'eu' },
  status: 'CONNECTED',
  createdAt: at(0),
  connectedAt: at(1),
  disconnectedAt: null,
  lastSeenAt: at(1),
  deadAt: null,
  recoveredAt: null,
  stopped: false,
};

describe('the executor snapshot', () => {
  it('flags an executor that stopped on purpose through its grace period and death, in DBOS statuses', () => {
    const stopped = { ...connected, stopped: true, disconnectedAt: at(2) };
    expect(mapExecutor({ ...stopped, status: 'DISCONNECTED' })).toMatchObject({
      status: 'DISCONNECTED',
      stopped: true,
    });
    expect(mapExecutor({ ...stopped, status: 'DEAD', deadAt: at(3) })).toMatchObject({
      status: 'DEAD',
      stopped: true,
      deadAt: at(3).toISOString(),
    });
    // A reconnect clears the flag in the row; a connected snapshot is never stopped.
    expect(mapExecutor({ ...stopped, status: 'CONNECTED' })).toMatchObject({
      status: 'HEALTHY',
      stopped: false,
    });
  });

  it('maps to the REST executor field by field', () => {
    const recovered = {
      ...connected,
      status: 'DEAD',
      disconnectedAt: at(2),
      lastSeenAt: at(2),
      deadAt: at(3),
      recoveredAt: at(4),
    } as const;
    expect(mapExecutor(recovered)).toEqual({
      executorId: 'exec-1',
      appId: 'app',
      appVersion: 'v1',
      hostname: 'host',
      hostId: null,
      language: 'typescript',
      dbosVersion: 'podium-sdk/1',
      executorMetadata: { region: 'eu' },
      status: 'DEAD',
      stopped: false,
      createdAt: at(0).toISOString(),
      updatedAt: at(4).toISOString(),
      connectedAt: at(1).toISOString(),
      disconnectedAt: at(2).toISOString(),
      lastSeenAt: at(2).toISOString(),
      deadAt: at(3).toISOString(),
      recoveredAt: at(4).toISOString(),
    });
  });

  it('shows metadata only when the executor reported an object', () => {
    for (const metadata of [null, 'text', 42, ['a']]) {
      expect(mapExecutor({ ...connected, metadata }).executorMetadata).toBeNull();
    }
  });

  it('dates each change: connected, disconnected, dead, recovered', () => {
    expect(changedAt(connected)).toEqual(at(1));
    const disconnected = { ...connected, disconnectedAt: at(2) };
    expect(changedAt(disconnected)).toEqual(at(2));
    expect(changedAt({ ...disconnected, deadAt: at(3) })).toEqual(at(3));
    expect(changedAt({ ...disconnected, deadAt: at(3), recoveredAt: at(4) })).toEqual(at(4));
  });
});
