import type { Database } from '@podium/db';
import {
  AlertingRuleSchema,
  ApplicationSchema,
  ListAlertDeliveriesResponseSchema,
} from '@podium/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASE } from '../../src/infra/database/database.tokens';
import { AlertDispatcher } from '../../src/modules/alerts/delivery/alert-dispatcher';
import { AlertsRepository } from '../../src/modules/alerts/alerts.repository';
import { factories } from '../factories';
import type { Script } from '../support/link-harness';
import { apiClient } from './api-client';
import { linkScriptedApp, type ScriptedExecutorSpec } from './scripted-app';
import type { ScriptedLink } from './scripted-executor';
import { usePostgresControlPlane } from './start';
import { TestBrowser, signUpAndIn } from './test-browser';
import { waitUntil } from './wait-until';

/** What an executor may say that only the organization's administrators should read. */
const SECRET = 'password authentication failed for user "app" (db.internal:5432)';
const PODIUM_SDK = 'podium-sdk/0.1.0';

/** An answer to some requests; undefined for the others. */
type Answers = (request: Parameters<Script>[0]) => Record<string, unknown> | undefined;

/** Fails every request `answers` leaves unanswered, with the secret-bearing error. */
const failingBut =
  (answers: Answers = () => undefined): Script =>
  (request) =>
    answers(request) ?? { error_message: SECRET };

/** Holds the workflows `ids` and forks them, or fails the fork with the secret. */
const holding = (ids: string[], forks: boolean): Script =>
  failingBut((request) => {
    const body = request.body as { workflow_uuids?: string[]; workflow_ids?: string[] };
    if (request.type === 'list_workflows') {
      const held = (body.workflow_uuids ?? []).filter((id) => ids.includes(id));
      return { output: held.map((WorkflowUUID) => ({ WorkflowUUID, Status: 'ERROR' })) };
    }
    if (request.type === 'fork_from_failure' && forks) {
      return { forked_workflow_ids: (body.workflow_ids ?? []).map((id) => `${id}-fork`) };
    }
    return undefined;
  });

/**
 * An executor's error text is withheld from callers without `organization.write` in HTTP answers
 * (ProblemDetailsFilter); the records those callers read — audit entries, alert deliveries — and
 * a bulk action's partial-failure answer withhold it the same way: a generic text naming a
 * reference, the original in the control plane's log under it.
 */
describe('executor error text in records every member reads (PostgreSQL, real WebSockets)', () => {
  const stack = usePostgresControlPlane();
  let f: ReturnType<typeof factories>;
  let org: { id: string; name: string };
  /** Application operator's key: no `organization.write`. */
  let key: string;
  const links: ScriptedLink[] = [];

  async function connectedApp(...executors: ScriptedExecutorSpec[]) {
    const linked = await linkScriptedApp(stack.server, org, key, executors);
    links.push(...linked.links);
    return linked;
  }
  const auditEvents = (action: string) =>
    stack.server.app.get<Database>(DATABASE).prisma.auditEvent.findMany({
      where: { organizationId: org.id, action },
    });
  /** The detail is withheld, and the log keeps it under the reference the text names. */
  const expectWithheld = (text: unknown, reference: unknown) => {
    expect(typeof reference).toBe('string');
    expect(String(text)).toContain(reference);
    expect(String(text)).not.toContain('db.internal');
    const logged = stack.server.logs.find((line) => line.includes(String(reference)));
    expect(logged).toContain('db.internal');
  };

  beforeAll(async () => {
    f = factories(stack.server.app);
    org = await f.newOrg();
    key = (await f.newApiKey(org.id)).secret;
  });
  afterAll(async () => {
    for (const link of links) await link.close();
  });

  it('audits a failed action on executors with the withheld text and its reference', async () => {
    const schedule = {
      schedule_id: 's-1',
      schedule_name: 'nightly',
      workflow_name: 'report',
      schedule: '0 3 * * *',
      status: 'ACTIVE',
    };
    const { call } = await connectedApp({
      script: failingBut((request) =>
        request.type === 'get_schedule' ? { output: schedule } : undefined,
      ),
    });
    const res = await call('post', '/schedules/nightly/backfill', {
      startTime: '2026-01-01T00:00:00Z',
      endTime: '2026-01-02T00:00:00Z',
    });
    expect(res).toMatchObject({ status: 502, body: { code: 'EXECUTOR_ERROR' } });

    const [entry] = await auditEvents('schedule.backfill');
    expect(entry).toMatchObject({ outcome: 'FAILURE', details: { errorCode: 'EXECUTOR_ERROR' } });
    const details = entry?.details as Record<string, unknown>;
    expectWithheld(details.error, details.reference);
  });

  it('answers a partly carried out bulk action withheld, keeping what was done; audits it withheld', async () => {
    const { base, call } = await connectedApp(
      { script: holding(['sdk-1'], true), sdkVersion: PODIUM_SDK },
      { script: holding(['dbos-1'], false) },
    );
    const workflowIds = ['sdk-1', 'dbos-1'];
    const res = await call('post', '/workflows/bulk-fork-from-failure', { workflowIds });
    expect(res).toMatchObject({
      status: 502,
      body: {
        code: 'EXECUTOR_ERROR',
        carriedOut: ['sdk-1'],
        newWorkflowIds: { 'sdk-1': 'sdk-1-fork' },
      },
    });
    expect(String(res.body.detail)).toMatch(/carried out for 1 of the 2 workflows/);
    expectWithheld(res.body.detail, res.body.reference);

    const failed = (await auditEvents('workflow.bulk_fork_from_failure')).filter(
      (e) => e.outcome === 'FAILURE',
    );
    expect(failed.map((e) => e.targetId)).toEqual(['dbos-1']);
    const details = failed[0]?.details as Record<string, unknown>;
    expect(details.errorCode).toBe('EXECUTOR_ERROR');
    expectWithheld(details.error, details.reference);

    // An administrator reads the executor's words, and what was done.
    const admin = new TestBrowser(stack.server.url);
    await f.newMember(org.id, (await signUpAndIn(admin)).userId, 'ADMIN');
    const shown = await admin.post(`${base}/workflows/bulk-fork-from-failure`, { workflowIds });
    expect(shown).toMatchObject({ status: 502, body: { carriedOut: ['sdk-1'] } });
    const detail = (shown.body as { detail: string }).detail;
    expect(detail).toContain('db.internal:5432');
    expect(detail).toMatch(/carried out for 1 of the 2 workflows/);
  });

  it("shows a failed retention push on the application without the executor's words", async () => {
    const { call } = await connectedApp({ script: failingBut() });
    expect((await call('patch', '', { gcRowsThreshold: 1_000 })).status).toBe(204);
    const push = await waitUntil(
      async () => ApplicationSchema.parse((await call('get', '')).body).lastRetentionPush,
      30_000,
      'the retention push recorded',
    );
    expect(push.outcome).toBe('failed');
    const reference = /reference ([\w-]+)/.exec(push.detail ?? '')?.[1];
    expectWithheld(push.detail, reference);
  });

  it("records an alert delivery to an executor that failed without the executor's words", async () => {
    const { app, base } = await connectedApp({ script: failingBut() });
    const api = apiClient(stack.server.url);
    const created = await api('post', `${base}/alerting-rules`, {
      key,
      body: { ruleType: 'ExecutorDied', ruleMetadata: {} },
    });
    const rule = AlertingRuleSchema.parse(created.body);
    const [inContext] = await stack.server.app
      .get(AlertsRepository)
      .findRulesToEvaluate({ applicationId: app.id });
    expect(inContext?.id).toBe(rule.id);
    await stack.server.app
      .get(AlertDispatcher)
      .notify(inContext!, 'FIRING', { active: true, message: 'an executor died', metadata: {} });

    const attempt = await waitUntil(
      async () => {
        const res = await api('get', `${base}/alert-deliveries`, { key });
        const [delivery] = ListAlertDeliveriesResponseSchema.parse(res.body);
        return delivery?.attempts[0];
      },
      10_000,
      'the delivery attempt recorded',
    );
    expect(attempt.ok).toBe(false);
    const reference = /reference ([\w-]+)/.exec(attempt.error ?? '')?.[1];
    expectWithheld(attempt.error, reference);
  });
});
