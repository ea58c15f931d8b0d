import { describe, expect, it } from 'vitest';
import type { Script } from '../support/link-harness';
import { useScriptedApps } from './scripted-app';

const PODIUM_SDK = 'podium-sdk/0.1.0';

/** Knows the schedules `names` (each family keeps its own); pauses and resumes as asked. */
const defining =
  (...names: string[]): Script =>
  (request) => {
    const name = request.schedule_name as string;
    switch (request.type) {
      case 'get_schedule':
        return {
          output: names.includes(name)
            ? {
                schedule_id: `${name}-id`,
                schedule_name: name,
                workflow_name: 'report',
                schedule: '0 3 * * *',
                status: 'ACTIVE',
              }
            : null,
        };
      case 'pause_schedule':
      case 'resume_schedule':
        return { success: true };
      case 'trigger_schedule':
        return { workflow_id: `${name}-run` };
      default:
        return { error_message: 'Unknown message type' };
    }
  };

/**
 * Holds the workflows `ids` (lists only those of them it is asked for) and carries bulk commands
 * out, or fails them: a cancel answers its success, a fork from failure its new ids
 * (`<id>-fork`) or an error.
 */
const holding =
  (ids: string[], works: boolean): Script =>
  (request) => {
    const body = request.body as { workflow_uuids?: string[]; workflow_ids?: string[] };
    switch (request.type) {
      case 'list_workflows': {
        const held = (body.workflow_uuids ?? []).filter((id) => ids.includes(id));
        return { output: held.map((WorkflowUUID) => ({ WorkflowUUID, Status: 'ERROR' })) };
      }
      case 'cancel':
        return { success: works };
      case 'fork_from_failure':
        return works
          ? { forked_workflow_ids: (body.workflow_ids ?? []).map((id) => `${id}-fork`) }
          : { error_message: 'no failed step to fork from' };
      default:
        return { error_message: 'Unknown message type' };
    }
  };

/**
 * Actions in an application whose executors run both SDK families, each keeping its workflows
 * and schedules in its own tables (scripted executors on real links, PostgreSQL): each family
 * gets the part it holds, and what one family did is never reported as nothing done.
 */
describe('actions across both SDK families (PostgreSQL, real WebSockets)', () => {
  const { connectedApp, auditEvents } = useScriptedApps();

  it('pauses and resumes a schedule in every family defining its name, and triggers it once', async () => {
    const { call, sentOf } = await connectedApp(
      { script: defining('nightly', 'hourly'), sdkVersion: PODIUM_SDK },
      { script: defining('nightly') },
    );
    // Both families' schedulers fire their "nightly": pausing one would leave it firing.
    for (const action of ['pause', 'resume'] as const) {
      const res = await call('post', `/schedules/nightly/${action}`);
      expect(res.status, action).toBe(204);
      expect(sentOf(`${action}_schedule`), action).toEqual([1, 1]);
    }
    // Only the SDK family defines "hourly".
    expect((await call('post', '/schedules/hourly/pause')).status).toBe(204);
    expect(sentOf('pause_schedule')).toEqual([2, 1]);
    const missing = await call('post', '/schedules/weekly/pause');
    expect(missing).toMatchObject({ status: 404, body: { code: 'NOT_FOUND' } });
    expect(sentOf('pause_schedule')).toEqual([2, 1]);

    const trigger = await call('post', '/schedules/nightly/trigger');
    expect(trigger).toMatchObject({ status: 201, body: { workflowId: 'nightly-run' } });
    expect(sentOf('trigger_schedule').reduce((a, b) => a + b)).toBe(1);

    // One entry per action, whatever the number of families it reached.
    const pauses = await auditEvents('schedule.pause');
    expect(pauses).toHaveLength(3);
    expect(pauses).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ targetId: 'nightly', outcome: 'SUCCESS' }),
        expect.objectContaining({ targetId: 'hourly', outcome: 'SUCCESS' }),
        expect.objectContaining({ targetId: 'weekly', outcome: 'FAILURE' }),
      ]),
    );
    expect(await auditEvents('schedule.resume')).toHaveLength(1);
  });

  it('reads steps from the family holding the workflow, not from one that answers [] for any id', async () => {
    const step = { function_id: 0, function_name: 'charge', output: '"ok"', error: null };
    /** DBOS Python's way: list_steps answers [] for an id it does not hold. */
    const python: Script = (request) =>
      request.type === 'get_workflow'
        ? {}
        : request.type === 'list_steps'
          ? { output: [] }
          : { error_message: 'Unknown message type' };
    const sdk: Script = (request) =>
      request.type === 'get_workflow'
        ? { output: { WorkflowUUID: request.workflow_id, Status: 'SUCCESS' } }
        : request.type === 'list_steps'
          ? { output: [step] }
          : { error_message: 'Unknown message type' };
    const { call, sentOf } = await connectedApp(
      { script: sdk, sdkVersion: PODIUM_SDK },
      { script: python, language: 'python', sdkVersion: '2.27.0' },
    );
    // Reads take turns among executors: whichever is asked first, the answer is the held one.
    for (let turn = 0; turn < 4; turn++) {
      const res = await call('get', '/workflows/wf-1/steps');
      expect(res.status, `turn ${turn}`).toBe(200);
      expect((res.body as unknown as { stepName: string }[]).map((s) => s.stepName)).toEqual([
        'charge',
      ]);
    }
    expect(sentOf('list_steps')).toEqual([4, 0]);
  });

  it('checks an autoscaling queue with the family defining it, whichever executor is asked first', async () => {
    const defines: Script = (request) =>
      request.type === 'get_queue'
        ? { output: { name: request.name, worker_concurrency: 2, concurrency: null } }
        : { error_message: 'Unknown message type' };
    const lacks: Script = (request) =>
      request.type === 'get_queue' ? {} : { error_message: 'Unknown message type' };
    const { call } = await connectedApp(
      { script: defines, sdkVersion: PODIUM_SDK },
      { script: lacks },
    );
    for (let turn = 0; turn < 4; turn++) {
      const res = await call('put', '/autoscaling-policy', { queue: 'workers' });
      expect(res.status, `turn ${turn}: ${JSON.stringify(res.body)}`).toBe(200);
    }
  });

  it('names the workflows a bulk cancel reached when the other SDK family’s part fails', async () => {
    const { call, links } = await connectedApp(
      // The SDK's cancel works, DBOS's fails.
      { script: holding(['sdk-1', 'sdk-2'], true), sdkVersion: PODIUM_SDK },
      { script: holding(['dbos-1'], false) },
    );
    const workflowIds = ['sdk-1', 'dbos-1', 'sdk-2'];
    const res = await call('post', '/workflows/bulk-cancel', { workflowIds });
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

    const entries = await auditEvents('workflow.bulk_cancel');
    expect(entries).toHaveLength(workflowIds.length);
    expect(entries).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ targetId: 'sdk-1', outcome: 'SUCCESS' }),
        expect.objectContaining({ targetId: 'sdk-2', outcome: 'SUCCESS' }),
        expect.objectContaining({ targetId: 'dbos-1', outcome: 'FAILURE' }),
      ]),
    );
  });

  it('records the workflow each fork started, and names the forks made before a family failed', async () => {
    const both = await connectedApp(
      { script: holding(['sdk-1'], true), sdkVersion: PODIUM_SDK },
      { script: holding(['dbos-1'], true) },
    );
    const forked = await both.call('post', '/workflows/bulk-fork-from-failure', {
      workflowIds: ['sdk-1', 'dbos-1'],
    });
    expect(forked).toMatchObject({
      status: 200,
      body: { workflowIds: ['sdk-1-fork', 'dbos-1-fork'] },
    });

    const partly = await connectedApp(
      { script: holding(['sdk-2'], true), sdkVersion: PODIUM_SDK },
      { script: holding(['dbos-2'], false) },
    );
    const failed = await partly.call('post', '/workflows/bulk-fork-from-failure', {
      workflowIds: ['sdk-2', 'dbos-2'],
    });
    expect(failed).toMatchObject({
      status: 502,
      body: {
        code: 'EXECUTOR_ERROR',
        carriedOut: ['sdk-2'],
        newWorkflowIds: { 'sdk-2': 'sdk-2-fork' },
      },
    });

    const entries = await auditEvents('workflow.bulk_fork_from_failure');
    expect(entries).toHaveLength(4);
    const forkOf = (targetId: string, outcome: string, newWorkflowId?: string): unknown => {
      const anyFork: unknown = expect.anything();
      const details: unknown = newWorkflowId
        ? expect.objectContaining({ newWorkflowId })
        : expect.not.objectContaining({ newWorkflowId: anyFork });
      return expect.objectContaining({ targetId, outcome, details });
    };
    expect(entries).toEqual(
      expect.arrayContaining([
        forkOf('sdk-1', 'SUCCESS', 'sdk-1-fork'),
        forkOf('dbos-1', 'SUCCESS', 'dbos-1-fork'),
        forkOf('sdk-2', 'SUCCESS', 'sdk-2-fork'),
        forkOf('dbos-2', 'FAILURE'),
      ]),
    );
  });
});
