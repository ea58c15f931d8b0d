import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ReplicaRole } from '../../src/infra/replica/replica-role';
import { DATABASE } from '../../src/infra/database/database.tokens';
import type { Database } from '@podium/db';
import { setUpOwnedApp, type OwnedApp } from './owned-app';
import { endpointOf, linkToReplica, startReplicas, type ReplicaSet } from './replicas';
import type { ScriptedLink } from './scripted-executor';
import type { RunningControlPlane } from './start';
import { waitUntil } from './wait-until';

/** Scheduled rounds this often, so a test sees several. */
const INTERVAL_MS = 300;

const pushes = (replica: RunningControlPlane, reason: string) =>
  replica.logs.filter(
    (line) => line.includes('"msg":"retention pushed"') && line.includes(`"reason":"${reason}"`),
  );

/**
 * Retention in replica mode: a settings change on one replica is pushed at once to an executor
 * linked to another (through the routed proxy), and only the coordinator runs the schedule.
 */
describe('retention pushes across replicas (PostgreSQL + Redis)', () => {
  let set: ReplicaSet;
  let a: RunningControlPlane;
  let b: RunningControlPlane;
  let owned: OwnedApp;
  let link: ScriptedLink;

  beforeAll(async () => {
    set = await startReplicas(2, { retention: { intervalMs: INTERVAL_MS, pushTimeoutMs: 5_000 } });
    [a, b] = set.replicas as [RunningControlPlane, RunningControlPlane];
    owned = await setUpOwnedApp(b.url, {
      orgPrefix: 'retention-replicas',
      app: { name: 'ledger' },
      permissions: ['websocket.connect'],
    });
    const db = a.app.get<Database>(DATABASE);
    link = await linkToReplica(
      db,
      endpointOf(a),
      { appName: owned.app.name, key: owned.apiKey },
      { executor_id: 'exec-on-a', application_version: 'v1' },
      (request) =>
        request.type === 'retention'
          ? { success: true }
          : { error_message: 'Unknown message type' },
    );
  }, 60_000);

  afterAll(async () => {
    await link?.close();
    await set?.close();
  });

  it('pushes a change made on one replica to the executor linked to the other, as a well-formed frame', async () => {
    const before = Date.now();
    const res = await owned.owner.patch(owned.base, {
      gcRowsThreshold: 10,
      globalTimeoutMs: 60_000,
    });
    expect(res.status).toBe(204);
    const after = Date.now();

    const frame = await waitUntil(
      () => link.requests.find((request) => request.type === 'retention'),
      15_000,
      'a retention frame',
    );
    const body = frame.body as Record<string, number | null>;
    // No gc_batch_size: a null one would make a Python executor delete in one statement.
    expect(Object.keys(body).sort()).toEqual([
      'gc_cutoff_epoch_ms',
      'gc_rows_threshold',
      'timeout_cutoff_epoch_ms',
    ]);
    expect(body).toMatchObject({
      gc_cutoff_epoch_ms: null,
      gc_rows_threshold: 10,
    });
    expect(body.timeout_cutoff_epoch_ms).toBeGreaterThanOrEqual(before - 60_000 - 1);
    expect(body.timeout_cutoff_epoch_ms).toBeLessThanOrEqual(after - 60_000 + 15_000);

    // The replica that took the PATCH pushed it, through the replica that holds the link.
    await waitUntil(() => pushes(b, 'settings-change').length > 0, 15_000, 'the change push');
    expect(pushes(b, 'settings-change')[0]).toContain('"executorId":"exec-on-a"');
    expect(pushes(a, 'settings-change')).toHaveLength(0);
  });

  it('runs the periodic rounds on the coordinator replica only', async () => {
    const roleOf = (replica: RunningControlPlane) => replica.app.get(ReplicaRole).isCoordinator;
    const coordinator = await waitUntil(() => [a, b].find(roleOf), 15_000, 'a coordinator replica');
    const other = coordinator === a ? b : a;
    expect(roleOf(other)).toBe(false);
    await waitUntil(() => pushes(coordinator, 'schedule').length >= 3, 15_000, 'three rounds');
    expect(pushes(other, 'schedule')).toHaveLength(0);
  });
});
