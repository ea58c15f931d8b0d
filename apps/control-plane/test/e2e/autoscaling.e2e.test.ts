import {
  AutoscalingPolicyResponseSchema,
  GetAutoscaleResponseSchema,
  ProblemDetailsSchema,
} from '@podium/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditService } from '../../src/modules/audit/audit.service';
import { startDbosApp, type DbosApp } from './dbos-app';
import { waitUntil } from './wait-until';

/**
 * Queue-based autoscaling against a real DBOS Transact 5.2.11 executor: the policy is checked
 * with the executor and stored; the recommendation comes from the queue's worker concurrency
 * and the backlog the executor reports.
 */
describe('autoscaling policy and recommendation', () => {
  let setup: DbosApp;
  let api: DbosApp['api'];
  let base: string;
  let key: string;
  let readKey: string;
  let outsiderKey: string;

  const policyPath = () => `${base}/autoscaling-policy`;
  /** The application's autoscaling policy entries in the audit log, newest first. */
  const policyEntries = async (appName: string) => {
    const audit = await setup.server.app
      .get(AuditService)
      .findAuditLogs(setup.org.id, { limit: 50, offset: 0, target: appName });
    return audit.items.filter((e) => e.operation.startsWith('autoscaling_policy.'));
  };

  beforeAll(async () => {
    setup = await startDbosApp('autoscale');
    ({ api, base, key } = setup);
    const { f, org } = setup;
    readKey = (await f.newApiKey(org.id, { permissions: ['application.read'] })).secret;
    outsiderKey = (await f.newApiKey((await f.newOrg()).id)).secret;
  }, 90_000);

  afterAll(() => setup?.stop());

  it('has no policy at first: the policy and the recommendation are 404', async () => {
    expect((await api('get', policyPath(), { key: readKey })).status).toBe(404);
    expect((await api('get', `${base}/autoscale`, { key: readKey })).status).toBe(404);
  });

  it('refuses a queue that cannot drive autoscaling, naming why', async () => {
    for (const [queue, reason] of [
      ['no-such-queue', 'does not exist'],
      ['podium-partitioned', 'is partitioned'],
      ['podium-global', 'has no worker concurrency set'],
    ] as const) {
      const res = await api('put', policyPath(), { key, body: { queue } });
      expect(res.status).toBe(422);
      expect(ProblemDetailsSchema.parse(res.body).errors).toEqual([
        expect.objectContaining({ location: 'body.queue', value: queue, message: reason }),
      ]);
    }
    const typo = await api('put', policyPath(), { key, body: { queue: 'podium-workers', max: 3 } });
    expect(ProblemDetailsSchema.parse(typo.body).errors).toEqual([
      expect.objectContaining({ location: 'body.max', value: 3 }),
    ]);
    expect((await api('get', policyPath(), { key: readKey })).status).toBe(404);
    // Each refusal by the executor's answer is audited; the request the schema refused never ran.
    const refused = await policyEntries(setup.app.name);
    expect(refused.map((e) => [e.status, e.details.errorCode, e.details.policy])).toEqual([
      ['failure', 'VALIDATION_FAILED', { queue: 'podium-global' }],
      ['failure', 'VALIDATION_FAILED', { queue: 'podium-partitioned' }],
      ['failure', 'VALIDATION_FAILED', { queue: 'no-such-queue' }],
    ]);
  });

  it('refuses a policy while no executor is connected to check the queue, and audits it', async () => {
    const idle = await setup.f.newApp(setup.org.id);
    const put = await api(
      'put',
      `/v2/orgs/${setup.org.name}/apps/${idle.name}/autoscaling-policy`,
      {
        key,
        body: { queue: 'podium-workers' },
      },
    );
    expect(put).toMatchObject({ status: 503, body: { code: 'EXECUTOR_UNAVAILABLE' } });
    expect(
      (await policyEntries(idle.name)).map((e) => [e.operation, e.status, e.details.errorCode]),
    ).toEqual([['autoscaling_policy.set', 'failure', 'EXECUTOR_UNAVAILABLE']]);
  });

  it('stores a policy on a scalable queue and echoes it; readers may not change it', async () => {
    const policy = { queue: 'podium-workers', rollout: { maxOldApplicationVersions: 2 } };
    expect((await api('put', policyPath(), { key: readKey, body: policy })).status).toBe(403);
    const set = await api('put', policyPath(), { key, body: policy });
    expect(set.status).toBe(200);
    expect(AutoscalingPolicyResponseSchema.parse(set.body)).toEqual({ policy });
    const read = await api('get', policyPath(), { key: readKey });
    expect(AutoscalingPolicyResponseSchema.parse(read.body)).toEqual({ policy });
  });

  it('recommends one executor per worker slot of backlog for the only version', async () => {
    // One workflow runs at a time on the one worker; the other two wait: a backlog of three.
    const recommendation = await waitUntil(
      async () => {
        const res = await api('get', `${base}/autoscale`, { key: readKey });
        const rows = GetAutoscaleResponseSchema.parse(res.body);
        return rows[0]?.queueDepth === 3 ? rows : undefined;
      },
      15_000,
      'a backlog of three on podium-workers',
    );
    expect(recommendation).toEqual([
      {
        applicationVersion: expect.any(String) as string,
        isLatest: true,
        desiredExecutors: 3,
        queueDepth: 3,
        observedAt: expect.any(Number) as number,
        queueName: 'podium-workers',
      },
    ]);
    expect(Math.abs(recommendation[0]!.observedAt - Date.now())).toBeLessThan(60_000);
  });

  it('keeps organizations apart', async () => {
    expect((await api('get', policyPath(), { key: outsiderKey })).status).toBe(404);
    expect((await api('get', `${base}/autoscale`, { key: outsiderKey })).status).toBe(404);
    const put = await api('put', policyPath(), {
      key: outsiderKey,
      body: { queue: 'podium-workers' },
    });
    expect(put.status).toBe(404);
  });

  it('deletes the policy (twice is fine) and audits every change', async () => {
    expect((await api('delete', policyPath(), { key })).status).toBe(204);
    expect((await api('delete', policyPath(), { key })).status).toBe(204);
    expect((await api('get', `${base}/autoscale`, { key: readKey })).status).toBe(404);
    const entries = await policyEntries(setup.app.name);
    // Newest first: the reader's refused attempt is audited too (by the access guard), after the
    // queues refused earlier.
    expect(entries.map((e) => [e.operation, e.status, e.details.errorCode])).toEqual([
      ['autoscaling_policy.delete', 'success', undefined],
      ['autoscaling_policy.delete', 'success', undefined],
      ['autoscaling_policy.set', 'success', undefined],
      ['autoscaling_policy.set', 'failure', 'FORBIDDEN'],
      ['autoscaling_policy.set', 'failure', 'VALIDATION_FAILED'],
      ['autoscaling_policy.set', 'failure', 'VALIDATION_FAILED'],
      ['autoscaling_policy.set', 'failure', 'VALIDATION_FAILED'],
    ]);
    expect(entries[2]?.details).toMatchObject({
      policy: { queue: 'podium-workers', rollout: { maxOldApplicationVersions: 2 } },
    });
  });
});
