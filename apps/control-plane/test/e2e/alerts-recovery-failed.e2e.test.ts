import {
  AlertWebhookPayloadSchema,
  AlertingRuleSchema,
  CreateAlertWebhookResponseSchema,
  ListExecutorsResponseSchema,
} from '@podium/protocol';
import type { Database } from '@podium/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASE } from '../../src/infra/database/database.tokens';
import { setUpOwnedApp } from './owned-app';
import { connectScriptedExecutor, type ScriptedLink } from './scripted-executor';
import { usePostgresControlPlane, type RunningControlPlane } from './start';
import { bodyOf } from './test-browser';
import { waitUntil } from './wait-until';
import { startWebhookReceiver } from './webhook-receiver';

/** What an executor may say that only the organization's administrators should read. */
const SECRET = 'password authentication failed for user "app" (db.internal:5432)';

/**
 * RecoveryFailed: a dead executor's workflows are pending and the executor asked to recover
 * them answers `success: false`; the rule fires (webhook, and the `alert` message to that
 * very executor). Once a retry succeeds the dead executor is recovered and the rule resolves.
 */
describe('the RecoveryFailed rule (scripted executors on real links)', () => {
  let server: RunningControlPlane;
  let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;
  let rescuer: ScriptedLink | undefined;
  /** What the rescuer answers `recovery`: refuses until told otherwise. */
  let recoveryWorks = false;
  let recovered = false;

  const stack = usePostgresControlPlane({
    alerts: { evaluationMs: 100, webhookAllowPrivate: true },
    executors: { recoverySweepMs: 200 },
  });

  beforeAll(async () => {
    receiver = await startWebhookReceiver();
    server = stack.server;
  }, 60_000);

  afterAll(async () => {
    await rescuer?.close();
    await receiver?.close();
  });

  it('fires when a sent recovery fails, and resolves once a retry recovers the executor', async () => {
    const owned = await setUpOwnedApp(server.url, {
      orgPrefix: 'recovery-failed',
      app: { name: 'fragile', executorTimeoutSecs: 5 },
      permissions: ['websocket.connect'],
    });
    const { owner, base } = owned;
    bodyOf(
      await owner.post(`${base}/alert-webhooks`, { url: `${receiver.url}/hook` }),
      CreateAlertWebhookResponseSchema,
      201,
    );
    bodyOf(
      await owner.post(`${base}/alerting-rules`, { ruleType: 'RecoveryFailed', ruleMetadata: {} }),
      AlertingRuleSchema,
      201,
    );
    const url = `${server.conductorUrl}/websocket/${owned.app.name}/${owned.apiKey}`;
    const doomed = await connectScriptedExecutor(
      url,
      { executor_id: 'doomed', application_version: 'v1' },
      () => ({}),
    );
    rescuer = await connectScriptedExecutor(
      url,
      { executor_id: 'rescuer', application_version: 'v1' },
      (request) => {
        switch (request.type) {
          case 'exist_pending_workflows':
            return { exist: !recovered };
          case 'recovery':
            recovered = recoveryWorks;
            // Refused in the executor's own words, which only administrators may read.
            return recoveryWorks ? { success: true } : { error_message: SECRET };
          default:
            return { success: true };
        }
      },
    );
    await waitUntil(
      async () => {
        const listed = bodyOf(await owner.get(`${base}/executors`), ListExecutorsResponseSchema);
        return listed.filter((e) => e.status === 'HEALTHY').length === 2;
      },
      30_000,
      'both executors recorded',
    );
    doomed.ws.terminate(); // a crash: no closing handshake

    const payloads = () =>
      receiver.received.map((r) => AlertWebhookPayloadSchema.parse(JSON.parse(r.body)));
    const fired = await waitUntil(
      () => payloads().find((p) => p.event === 'FIRING'),
      60_000,
      'RecoveryFailed to fire',
    );
    expect(fired).toMatchObject({
      ruleType: 'RecoveryFailed',
      metadata: { executor_id: 'doomed', application_version: 'v1' },
    });
    // The alert (webhooks, deliveries every member reads) and the audit entry withhold the
    // executor's words, naming the reference under which the log keeps them.
    const reference = /reference ([\w-]+)/.exec(fired.message)?.[1];
    expect(reference).toBeDefined();
    expect(`${fired.message} ${fired.metadata.error}`).not.toContain('db.internal');
    expect(server.logs.find((line) => line.includes(String(reference)))).toContain('db.internal');
    const audited = await server.app.get<Database>(DATABASE).prisma.auditEvent.findFirst({
      where: { action: 'executor.recover', outcome: 'FAILURE', targetId: 'doomed' },
    });
    const details = audited?.details as Record<string, unknown> | undefined;
    expect(details).toMatchObject({
      errorCode: 'EXECUTOR_ERROR',
      reference: expect.any(String) as string,
    });
    expect(String(details?.error)).not.toContain('db.internal');
    await waitUntil(
      () => rescuer?.requests.find((r) => r.type === 'alert' && r.name === 'RecoveryFailed'),
      30_000,
      'the alert message to the live executor',
    );

    recoveryWorks = true;
    const resolved = await waitUntil(
      () => payloads().find((p) => p.event === 'RESOLVED'),
      60_000,
      'RecoveryFailed to resolve',
    );
    expect(resolved.metadata.unrecovered_executor_count).toBe('0');
    expect(payloads().filter((p) => p.event === 'FIRING')).toHaveLength(1);
  }, 120_000);
});
