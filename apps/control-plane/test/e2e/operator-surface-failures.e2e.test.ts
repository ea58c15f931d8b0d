import { gzipSync } from 'node:zlib';
import type { Database } from '@podium/db';
import { createScratchDatabase, type ScratchDatabase } from '@podium/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASE } from '../../src/infra/database/database.tokens';
import { ExecutorRegistry } from '../../src/modules/executors/executor-registry';
import { factories } from '../factories';
import type { Script } from '../support/link-harness';
import { apiClient } from './api-client';
import { connectScriptedExecutor, type ScriptedLink } from './scripted-executor';
import { startTestControlPlane, type RunningControlPlane } from './start';
import { waitUntil } from './wait-until';

const SCHEDULE = {
  schedule_id: 's-1',
  schedule_name: 'nightly',
  workflow_name: 'report',
  schedule: '0 3 * * *',
  status: 'ACTIVE',
};

/** Knows one schedule; everything else as `rest` says. */
const withSchedule =
  (rest: Script): Script =>
  (request) =>
    request.type === 'get_schedule' ? { output: SCHEDULE } : rest(request);

/**
 * How the new operations fail, with scripted executors on real links: the proxy's rules hold
 * for them as for every executor route (501 for an executor that does not know the message, 502
 * for an error or no answer, a mutation never sent twice), and an import goes only to an
 * executor of the export's language.
 */
describe('the operator surface when executors fail (PostgreSQL, real WebSockets)', () => {
  let scratch: ScratchDatabase;
  let server: RunningControlPlane;
  let f: ReturnType<typeof factories>;
  let api: ReturnType<typeof apiClient>;
  let org: { id: string; name: string };
  let key: string;
  const links: ScriptedLink[] = [];

  async function connectedApp(
    ...executors: Array<{ script: Script; language?: string; sdkVersion?: string }>
  ) {
    const app = await f.newApp(org.id);
    const linked: ScriptedLink[] = [];
    for (const [i, { script, language, sdkVersion }] of executors.entries()) {
      linked.push(
        await connectScriptedExecutor(
          `${server.conductorUrl}/websocket/${app.name}/${key}`,
          {
            executor_id: `exec-${app.name}-${i}`,
            application_version: 'v1',
            ...(language && { language }),
            ...(sdkVersion && { dbos_version: sdkVersion }),
          },
          script,
        ),
      );
    }
    links.push(...linked);
    const registry = server.app.get(ExecutorRegistry);
    await waitUntil(
      () => registry.forApplication(app.id).length === executors.length,
      5_000,
      'executors linked',
    );
    const base = `/v2/orgs/${org.name}/apps/${app.name}`;
    const sentOf = (type: string) =>
      linked.map((link) => link.requests.filter((r) => r.type === type).length);
    return { base, links: linked, sentOf };
  }

  beforeAll(async () => {
    scratch = await createScratchDatabase();
    server = await startTestControlPlane(
      { kind: 'postgres', url: scratch.url },
      // Short for the silent executors, yet long enough for answering ones on a loaded machine.
      { executors: { requestTimeoutMs: 1_500 } },
    );
    f = factories(server.app);
    api = apiClient(server.url);
    org = await f.newOrg();
    key = (await f.newApiKey(org.id)).secret;
  });
  afterAll(async () => {
    await Promise.all(links.map((l) => l.close()));
    await server?.close();
    await scratch?.drop();
  });

  it('answers 501 when the executors predate schedules and workflow events', async () => {
    const { base } = await connectedApp({
      script: (request) =>
        request.type === 'get_workflow'
          ? { output: { WorkflowUUID: String(request.workflow_id), Status: 'SUCCESS' } }
          : { error_message: 'Unknown message type' },
    });
    for (const path of ['/schedules', '/workflows/wf-1/events', '/workflows/wf-1/export']) {
      const res = await api('get', `${base}${path}`, { key });
      expect(res, path).toMatchObject({ status: 501, body: { code: 'EXECUTOR_UNSUPPORTED' } });
    }
  });

  it('sends a trigger once even when no executor answers it, and says it may have run', async () => {
    const silent = withSchedule((request) =>
      request.type === 'trigger_schedule' ? 'silent' : { error_message: 'Unknown message type' },
    );
    const { base, sentOf } = await connectedApp({ script: silent }, { script: silent });
    const res = await api('post', `${base}/schedules/nightly/trigger`, { key });
    expect(res).toMatchObject({ status: 502, body: { code: 'EXECUTOR_NO_ANSWER' } });
    expect(String(res.body.detail)).toContain('may or may not have been applied');
    expect(sentOf('trigger_schedule').reduce((a, b) => a + b)).toBe(1);

    const entries = await server.app.get<Database>(DATABASE).prisma.auditEvent.findMany({
      where: { organizationId: org.id, action: 'schedule.trigger' },
    });
    expect(entries).toMatchObject([
      { outcome: 'FAILURE', targetId: 'nightly', details: { errorCode: 'EXECUTOR_NO_ANSWER' } },
    ]);
  });

  it("answers 502 with the executor's error for a failed backfill", async () => {
    const { base } = await connectedApp({
      script: withSchedule(() => ({ error_message: 'backfill window too large' })),
    });
    const res = await api('post', `${base}/schedules/nightly/backfill`, {
      key,
      body: { startTime: '2026-01-01T00:00:00Z', endTime: '2026-01-02T00:00:00+02:00' },
    });
    expect(res).toMatchObject({ status: 502, body: { code: 'EXECUTOR_ERROR' } });
  });

  it("sends an import only to an executor of the export's language", async () => {
    const importing: Script = (request) =>
      request.type === 'import_workflow'
        ? { success: true }
        : { error_message: 'Unknown message type' };
    const { base, sentOf } = await connectedApp(
      { script: importing }, // typescript
      { script: importing, language: 'python' },
    );
    const pickle = gzipSync(Buffer.from('\u0080\u0004pickle')).toString('base64');
    const res = await api('post', `${base}/workflows/import`, {
      key,
      body: { serializedWorkflow: pickle },
    });
    expect(res).toMatchObject({ status: 201, body: { workflowIds: null } });
    expect(sentOf('import_workflow')).toEqual([0, 1]);
  });

  it('names the workflows a bulk cancel reached when the other SDK family’s part fails', async () => {
    // Each family lists only the ids its tables hold; the SDK's cancel works, DBOS's fails.
    const holding =
      (ids: string[], cancelled: boolean): Script =>
      (request) => {
        if (request.type === 'cancel') return { success: cancelled };
        if (request.type !== 'list_workflows') return { error_message: 'Unknown message type' };
        const asked = (request.body as { workflow_uuids: string[] }).workflow_uuids;
        const held = asked.filter((id) => ids.includes(id));
        return { output: held.map((WorkflowUUID) => ({ WorkflowUUID, Status: 'PENDING' })) };
      };
    const { base, links } = await connectedApp(
      { script: holding(['sdk-1', 'sdk-2'], true), sdkVersion: 'podium-sdk/0.1.0' },
      { script: holding(['dbos-1'], false) },
    );
    const workflowIds = ['sdk-1', 'dbos-1', 'sdk-2'];
    const res = await api('post', `${base}/workflows/bulk-cancel`, { key, body: { workflowIds } });
    expect(res).toMatchObject({
      status: 502,
      body: { code: 'EXECUTOR_ERROR', carriedOut: ['sdk-1', 'sdk-2'] },
    });
    expect(String(res.body.detail)).toMatch(/carried out for 2 of the 3 workflows/);
    const cancels = links.map((link) => link.requests.filter((r) => r.type === 'cancel'));
    expect(cancels.map((sent) => sent.map((r) => r.workflow_ids))).toEqual([
      [['sdk-1', 'sdk-2']],
      [['dbos-1']],
    ]);

    const entries = await server.app.get<Database>(DATABASE).prisma.auditEvent.findMany({
      where: { organizationId: org.id, action: 'workflow.bulk_cancel' },
    });
    expect(entries).toHaveLength(workflowIds.length);
    expect(entries).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ targetId: 'sdk-1', outcome: 'SUCCESS' }),
        expect.objectContaining({ targetId: 'sdk-2', outcome: 'SUCCESS' }),
        expect.objectContaining({ targetId: 'dbos-1', outcome: 'FAILURE' }),
      ]),
    );
  });
});
