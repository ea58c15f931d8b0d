import { describe, expect, it } from 'vitest';
import type { Script } from '../support/link-harness';
import { useScriptedApps } from './scripted-app';

/**
 * Holds `ids`; as DBOS TypeScript before 4.11, a cancel acts on `workflow_id` alone. Its
 * commands on `failing` fail.
 */
const holding =
  (ids: string[], failing?: string): Script =>
  (request) => {
    const body = request.body as { workflow_uuids?: string[] } | undefined;
    switch (request.type) {
      case 'list_workflows':
        return {
          output: (body?.workflow_uuids ?? [])
            .filter((id) => ids.includes(id))
            .map((WorkflowUUID) => ({ WorkflowUUID, Status: 'PENDING' })),
        };
      case 'cancel':
      case 'resume':
      case 'delete':
        return request.workflow_id === failing
          ? { success: false, error_message: 'disk full' }
          : { success: true };
      default:
        return { error_message: 'Unknown message type' };
    }
  };

/**
 * Bulk cancel, resume and delete name every workflow in one frame (`workflow_ids`) only to
 * executors that read it (DBOS TypeScript 4.11 and Python 2.15 on); an older one acts on
 * `workflow_id` alone and answers success for all, so it gets one frame per workflow.
 */
describe('bulk actions on executors older than workflow_ids (PostgreSQL, real WebSockets)', () => {
  const { connectedApp, auditEvents } = useScriptedApps();
  const ids = ['wf-a', 'wf-b', 'wf-c'];
  const sentIds = (requests: Array<Record<string, unknown>>, type: string) =>
    requests.filter((r) => r.type === type).map((r) => [r.workflow_id, r.workflow_ids ?? null]);

  it('sends an older executor one frame per workflow', async () => {
    const { call, links } = await connectedApp({ script: holding(ids), sdkVersion: '4.10.3' });
    for (const action of ['cancel', 'resume', 'delete'] as const) {
      const res = await call('post', `/workflows/bulk-${action}`, { workflowIds: ids });
      expect(res.status, action).toBe(200);
      expect(sentIds(links[0]?.requests ?? [], action), action).toEqual(
        ids.map((id) => [id, null]),
      );
    }
  });

  it('names them all in one frame to an executor that reads workflow_ids', async () => {
    const { call, links } = await connectedApp({ script: holding(ids), sdkVersion: '4.11.0' });
    expect((await call('post', '/workflows/bulk-cancel', { workflowIds: ids })).status).toBe(200);
    expect(sentIds(links[0]?.requests ?? [], 'cancel')).toEqual([['wf-a', ids]]);
  });

  it('sends an option an older executor would ignore only to one that reads it, else 501', async () => {
    const { call, links } = await connectedApp({ script: holding(ids), sdkVersion: '4.10.3' });
    const cancel = await call('post', '/workflows/bulk-cancel', {
      workflowIds: ids,
      cancelChildren: true,
    });
    expect(cancel).toMatchObject({ status: 501, body: { code: 'EXECUTOR_UNSUPPORTED' } });
    expect(String(cancel.body.detail)).toContain('cancelChildren needs a DBOS TypeScript ≥ 4.20');
    const resume = await call('post', '/workflows/bulk-resume', {
      workflowIds: ids,
      queueName: 'slow',
    });
    expect(resume).toMatchObject({ status: 501, body: { code: 'EXECUTOR_UNSUPPORTED' } });
    // Nothing was sent: an older executor would have answered success, ignoring the option.
    expect(sentIds(links[0]?.requests ?? [], 'cancel')).toEqual([]);
    expect(sentIds(links[0]?.requests ?? [], 'resume')).toEqual([]);

    const { call: callNewer } = await connectedApp({ script: holding(ids), sdkVersion: '4.20.0' });
    const newer = await callNewer('post', '/workflows/bulk-cancel', {
      workflowIds: ids,
      cancelChildren: true,
    });
    expect(newer.status).toBe(200);
  });

  it('names the workflows done before one of the frames failed, in its answer and audit log', async () => {
    // Ids of its own: the organization's audit log holds the other tests' too.
    const mine = ['wf-d', 'wf-e', 'wf-f'];
    const { call, links } = await connectedApp({
      script: holding(mine, 'wf-e'),
      sdkVersion: '4.10.3',
    });
    const res = await call('post', '/workflows/bulk-delete', { workflowIds: mine });
    expect(res).toMatchObject({
      status: 502,
      body: { code: 'EXECUTOR_ERROR', carriedOut: ['wf-d'] },
    });
    expect(String(res.body.detail)).toMatch(/carried out for 1 of the 3 workflows/);
    // Nothing is sent after the failure.
    expect(sentIds(links[0]?.requests ?? [], 'delete')).toEqual([
      ['wf-d', null],
      ['wf-e', null],
    ]);
    const entries = (await auditEvents('workflow.bulk_delete')).filter(
      (e) => e.targetId !== null && mine.includes(e.targetId),
    );
    expect(entries.map((e) => [e.targetId, e.outcome]).sort()).toEqual([
      ['wf-d', 'SUCCESS'],
      ['wf-e', 'FAILURE'],
      ['wf-f', 'FAILURE'],
    ]);
  });
});
