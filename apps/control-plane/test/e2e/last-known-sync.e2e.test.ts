import type { Database } from '@podium/db';
import { createScratchDatabase, type ScratchDatabase } from '@podium/db/testing';
import { Podium } from '@podium/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASE } from '../../src/infra/database/database.tokens';
import { ReplicaRole } from '../../src/infra/replica/replica-role';
import { factories } from '../factories';
import { startReplicas, type ReplicaSet } from './replicas';
import type { RunningControlPlane } from './start';
import { waitUntil } from './wait-until';

const SYNC_PASS = 'last-known sync pass';
const passesOf = (replica: RunningControlPlane) =>
  replica.logs.filter((line) => line.includes(SYNC_PASS)).length;

/**
 * The periodic sync of the last-known index, with two replicas: only the coordinator runs it,
 * through an executor linked to the other replica, and it brings in workflows nobody listed
 * and the news of those it holds as still active.
 */
describe('the last-known sync (PostgreSQL + Redis, two replicas)', () => {
  let set: ReplicaSet;
  let appDb: ScratchDatabase;
  let podium: Podium | undefined;
  let db: Database;

  beforeAll(async () => {
    set = await startReplicas(2, { lastKnown: { syncMs: 200 } });
    appDb = await createScratchDatabase({ migrate: false });
    db = set.replicas[0]!.app.get<Database>(DATABASE);
  }, 120_000);

  afterAll(async () => {
    await podium?.shutdown();
    await set?.close();
    await appDb?.drop();
  });

  it('runs on the coordinator only, and keeps the index fresh without anyone looking', async () => {
    const [a, b] = set.replicas as [RunningControlPlane, RunningControlPlane];
    await waitUntil(
      () => set.replicas.filter((r) => r.app.get(ReplicaRole).isCoordinator).length === 1,
      15_000,
      'one coordinator',
    );
    expect(a.app.get(ReplicaRole).isCoordinator).toBe(true);

    const f = factories(a.app);
    const org = await f.newOrg();
    const app = await f.newApp(org.id);
    const key = (await f.newApiKey(org.id)).secret;
    // Linked to B, the replica that does not sync: A asks through it.
    podium = new Podium({
      appName: app.name,
      databaseUrl: appDb.url,
      conductorUrl: b.conductorUrl,
      conductorKey: key,
      pollIntervalMs: 50,
    });
    const waiting = podium.workflow(
      'waiting',
      async (ctx, topic: string) => (await ctx.recv<string>(topic, 300_000)) ?? 'timed out',
    );
    await podium.launch();
    const handle = await waiting.start(['go'], { workflowId: 'lk-sync-1' });

    const indexed = (status: string) =>
      db.prisma.lastKnownWorkflow.findFirst({
        where: { applicationId: app.id, workflowId: 'lk-sync-1', status },
      });
    await waitUntil(() => indexed('PENDING'), 20_000, 'the sync to index the new workflow');
    // It finishes: a later pass asks about it again (it was indexed as active).
    await podium.send('lk-sync-1', 'done', 'go');
    await handle.getResult();
    await waitUntil(() => indexed('SUCCESS'), 20_000, 'the sync to see it finished');

    expect(passesOf(a)).toBeGreaterThan(0);
    expect(passesOf(b)).toBe(0);
  });
});
