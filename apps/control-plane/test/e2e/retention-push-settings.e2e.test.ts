import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApplicationRecordsService } from '../../src/modules/applications/application-records.service';
import { RetentionPusher } from '../../src/modules/retention/retention-pusher';
import { setUpOwnedApp, type OwnedApp } from './owned-app';
import { connectScriptedExecutor, type ScriptedLink } from './scripted-executor';
import { usePostgresControlPlane } from './start';
import { waitUntil } from './wait-until';

const DAY_MS = 86_400_000;

/**
 * A retention push sends the settings stored when it starts, whatever record its caller read
 * earlier: the periodic round lists every application first and pushes them one after another,
 * and an operator may change or clear an application's thresholds meanwhile. The old ones,
 * pushed late, would delete history or cancel workflows irreversibly.
 */
describe('retention pushes the settings current when they start (PostgreSQL)', () => {
  const stack = usePostgresControlPlane();
  let owned: OwnedApp;
  let link: ScriptedLink;
  const pushes = () => link.requests.filter((r) => r.type === 'retention');
  const cutoffOf = (frame: Record<string, unknown> | undefined) =>
    (frame?.body as { gc_cutoff_epoch_ms: number | null } | undefined)?.gc_cutoff_epoch_ms;

  beforeAll(async () => {
    owned = await setUpOwnedApp(stack.server.url, {
      orgPrefix: 'retention-now',
      app: { name: 'ledger' },
      permissions: ['websocket.connect'],
    });
    link = await connectScriptedExecutor(
      `${stack.server.conductorUrl}/websocket/ledger/${owned.apiKey}`,
      { executor_id: 'retention-1', application_version: 'v1' },
      () => ({ success: true }),
    );
    await waitUntil(async () => {
      const res = await owned.owner.get(`${owned.base}/executors`);
      return (res.body as unknown[]).length === 1;
    });
  });
  afterAll(() => link?.ws.terminate());

  /** When the application's last push ended (recorded as it ends), or null before any. */
  const lastPushAt = async () => {
    const res = await owned.owner.get(owned.base);
    return (res.body as { lastRetentionPush: { at: string } | null }).lastRetentionPush?.at ?? null;
  };
  /** PATCHes the settings and waits for the push it makes to end. */
  const changeAndPush = async (settings: Record<string, number>) => {
    const before = await lastPushAt();
    const res = await owned.owner.patch(owned.base, settings);
    expect(res.status, JSON.stringify(res.body)).toBe(204);
    await waitUntil(async () => (await lastPushAt()) !== before, 10_000, 'the push recorded');
  };

  it('sends the new thresholds, not those of a record read before they changed', async () => {
    const applications = stack.server.app.get(ApplicationRecordsService);
    await changeAndPush({ gcTimeThresholdMs: DAY_MS });
    // A round's record, read before the operator keeps thirty days instead.
    const stale = await applications.findOneById(owned.app.orgId, owned.app.id);
    if (!stale) throw new Error('the application is gone');
    await changeAndPush({ gcTimeThresholdMs: 30 * DAY_MS });
    expect(pushes()).toHaveLength(2);

    const before = Date.now();
    await stack.server.app.get(RetentionPusher).push(stale, 'schedule');
    expect(pushes()).toHaveLength(3);
    expect(cutoffOf(pushes()[2])).toBeLessThanOrEqual(before - 30 * DAY_MS + 60_000);

    // Cleared (a negative value): the stale record pushes nothing at all.
    const cleared = await owned.owner.patch(owned.base, { gcTimeThresholdMs: -1 });
    expect(cleared.status).toBe(204);
    await expect(stack.server.app.get(RetentionPusher).push(stale, 'schedule')).resolves.toBe(null);
    expect(pushes()).toHaveLength(3);
  });
});
