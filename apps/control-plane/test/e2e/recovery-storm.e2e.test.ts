import type { Database } from '@podium/db';
import { afterAll, describe, expect, it } from 'vitest';
import { DATABASE } from '../../src/infra/database/database.tokens';
import { ExecutorRegistry } from '../../src/modules/executors/executor-registry';
import { factories } from '../factories';
import { connectScriptedExecutor, type ScriptedLink } from './scripted-executor';
import { usePostgresControlPlane } from './start';
import { waitUntil } from './wait-until';

const DEAD = 30;
const BURST = 40;

/**
 * Executor churn: every executor that connects could trigger a recovery try of every dead
 * executor of its version. A burst of connections must cost one pass over the dead ones (plus
 * one for connections that came during it), not one per connection.
 */
describe('recovery under a burst of connections (PostgreSQL)', () => {
  const links: ScriptedLink[] = [];

  // No sweep during the test, and no request timing out while the test holds one.
  const stack = usePostgresControlPlane({
    executors: { recoverySweepMs: 600_000, requestTimeoutMs: 60_000 },
  });

  afterAll(async () => {
    for (const link of links) await link.close();
  });

  it('checks each dead executor about once, however many executors connect meanwhile', async () => {
    const f = factories(stack.server.app);
    const db = stack.server.app.get<Database>(DATABASE);
    const org = await f.newOrg();
    const app = await f.newApp(org.id);
    const key = (await f.newApiKey(org.id)).secret;
    const at = new Date(Date.now() - 3_600_000);
    await db.prisma.executor.createMany({
      data: Array.from({ length: DEAD }, (_, i) => ({
        organizationId: org.id,
        applicationId: app.id,
        executorId: `dead-${i}`,
        applicationVersion: 'v1',
        language: 'typescript',
        sdkVersion: '5.2.11',
        status: 'DEAD' as const,
        connectedAt: at,
        lastSeenAt: at,
        disconnectedAt: at,
        deadAt: at,
      })),
    });
    const url = `${stack.server.conductorUrl}/websocket/${app.name}/${key}`;
    // Each executor says nothing is pending (recovery is confirmed on the first check); the
    // first holds its first answer until the burst is in.
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let firstAsked!: () => void;
    const asked = new Promise<void>((resolve) => (firstAsked = resolve));
    let holding = true;
    links.push(
      await connectScriptedExecutor(
        url,
        { executor_id: 'first', application_version: 'v1' },
        (r) => {
          if (r.type !== 'exist_pending_workflows') return {};
          if (!holding) return { exist: false };
          holding = false;
          firstAsked();
          return held.then(() => ({ exist: false }));
        },
      ),
    );
    await asked;

    for (let i = 0; i < BURST; i++) {
      links.push(
        await connectScriptedExecutor(
          url,
          { executor_id: `burst-${i}`, application_version: 'v1' },
          (r) => (r.type === 'exist_pending_workflows' ? { exist: false } : {}),
        ),
      );
    }
    const registry = stack.server.app.get(ExecutorRegistry);
    await waitUntil(
      () => registry.forApplication(app.id).length === BURST + 1,
      30_000,
      'the burst linked',
    );
    release();
    await waitUntil(
      async () =>
        (await db.prisma.executor.count({
          where: { applicationId: app.id, recoveredAt: { not: null } },
        })) === DEAD,
      60_000,
      'every dead executor recovered',
    );

    const checks = links
      .flatMap((link) => link.requests)
      .filter((request) => request.type === 'exist_pending_workflows');
    // One per dead executor, and a few more at most (a pass may hold a stale list); one pass
    // per connection would be about BURST × DEAD.
    expect(checks.length).toBeGreaterThanOrEqual(DEAD);
    expect(checks.length).toBeLessThan(2 * DEAD);
  });
});
