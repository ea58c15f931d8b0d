/**
 * Differential check of the workflow actions (`cancel`, `resume`, `delete`, `fork_workflow`,
 * `fork_from_failure`, `restart`): the same action on the same workflow leaves DBOS Transact
 * 5.2.11 and @podium/sdk in the same state, read back through the same queries. DBOS 5 no
 * longer answers `restart`; ours answers it as what it meant, a fork from step 0, which is
 * compared with DBOS's `fork_workflow` from step 0.
 */
import type { ResponseOf } from '@podium/protocol';
import { describe, expect, it } from 'vitest';
import { waitFor } from '../helpers/util';
import { normalize } from './helpers/normalize';
import { type Executor, usePair } from './helpers/pair';

const statusOf = async (executor: Executor, workflowId: string) =>
  (await executor.link.request('get_workflow', { workflow_id: workflowId })).output?.Status;

describe('workflow actions: DBOS 5.2.11 and @podium/sdk end up alike', () => {
  const pair = usePair();
  const both = () => [pair().dbos, pair().podium];
  const settled = async (workflowId: string, status: string) => {
    for (const executor of both()) {
      await waitFor(
        async () => (await statusOf(executor, workflowId)) === status,
        30_000,
        `${workflowId} ${status}`,
      );
    }
  };
  const sameWorkflow = async (workflowId: string) => {
    const got = await pair().ask('get_workflow', { workflow_id: workflowId });
    expect(normalize(got.podium)).toEqual(normalize(got.dbos));
    const steps = await pair().ask('list_steps', { workflow_id: workflowId });
    expect(normalize(steps.podium)).toEqual(normalize(steps.dbos));
  };

  it('cancels: the workflow leaves its queue and frees its deduplication id', async () => {
    const cancelled = await pair().ask('cancel', {
      workflow_id: 'delayed-1',
      workflow_ids: ['delayed-1', 'queued-1', 'no-such-workflow'],
    });
    expect(normalize(cancelled.podium)).toEqual(normalize(cancelled.dbos));
    expect(cancelled.podium.success).toBe(true);
    await sameWorkflow('delayed-1');
    await sameWorkflow('queued-1');
    expect(await statusOf(pair().podium, 'queued-1')).toBe('CANCELLED');
  });

  it('resumes onto the internal queue, where it runs', async () => {
    const resumed = await pair().ask('resume', { workflow_id: 'queued-1' });
    expect(normalize(resumed.podium)).toEqual(normalize(resumed.dbos));
    await settled('queued-1', 'SUCCESS');
    await sameWorkflow('queued-1');
    const missing = await pair().ask('resume', { workflow_id: 'no-such-workflow' });
    expect([missing.dbos.success, missing.podium.success]).toEqual([false, false]);
    expect(missing.podium.error_message).toMatch(/no-such-workflow/);
  });

  it('forks from a step, onto a queue partition too', async () => {
    const fork = await pair().ask('fork_workflow', {
      body: { workflow_id: 'boom-1', start_step: 1, new_workflow_id: 'fork-1' },
    });
    expect(normalize(fork.podium)).toEqual(normalize(fork.dbos));
    await settled('fork-1', 'ERROR');
    await sameWorkflow('fork-1');
    await sameWorkflow('boom-1');
    const partitioned = await pair().ask('fork_workflow', {
      body: {
        workflow_id: 'echo-1',
        start_step: 0,
        new_workflow_id: 'fork-2',
        queue_name: 'tenants',
        queue_partition_key: 'b',
      },
    });
    expect(normalize(partitioned.podium)).toEqual(normalize(partitioned.dbos));
    await settled('fork-2', 'SUCCESS');
    await sameWorkflow('fork-2');
  });

  it('forks from the last failure', async () => {
    const forked = await pair().ask('fork_from_failure', {
      body: { workflow_ids: ['boom-1'], from_last_failure: true },
    });
    const ids = (answer: ResponseOf<'fork_from_failure'>) => answer.forked_workflow_ids ?? [];
    expect([ids(forked.dbos).length, ids(forked.podium).length]).toEqual([1, 1]);
    const [fromDbos] = ids(forked.dbos);
    const [fromPodium] = ids(forked.podium);
    for (const [executor, id] of [
      [pair().dbos, fromDbos],
      [pair().podium, fromPodium],
    ] as const) {
      await waitFor(async () => (await statusOf(executor, id ?? '')) === 'ERROR', 30_000);
    }
    const [dbosSteps, podiumSteps] = await Promise.all([
      pair().dbos.link.request('list_steps', { workflow_id: fromDbos ?? '' }),
      pair().podium.link.request('list_steps', { workflow_id: fromPodium ?? '' }),
    ]);
    expect(normalize(podiumSteps)).toEqual(normalize(dbosSteps));
  });

  it('restarts as a fork from step 0 (DBOS 5: fork_workflow from step 0)', async () => {
    const restart = await pair().ask('restart', { workflow_id: 'echo-2' });
    expect(restart.dbos.error_message).toBe('Unknown message type');
    expect(restart.podium).toMatchObject({ success: true });
    expect(restart.podium.error_message).toBeUndefined();
    await pair().dbos.link.request('fork_workflow', {
      body: { workflow_id: 'echo-2', start_step: 0 },
    });
    const forks = async () => {
      const listed = await pair().ask('list_workflows', {
        body: { forked_from: 'echo-2', load_input: true, load_output: true },
      });
      return [listed.dbos, listed.podium].map((answer) =>
        normalize({
          ...answer,
          output: answer.output?.map((w) => ({ ...w, WorkflowUUID: '<new id>' })),
        }),
      );
    };
    await waitFor(async () => {
      const [dbos, podium] = await forks();
      return JSON.stringify(dbos).includes('SUCCESS') && JSON.stringify(podium).includes('SUCCESS');
    }, 30_000);
    const [dbos, podium] = await forks();
    expect(podium).toEqual(dbos);
  });

  it('deletes', async () => {
    const deleted = await pair().ask('delete', { workflow_id: 'fork-1', delete_children: false });
    expect(normalize(deleted.podium)).toEqual(normalize(deleted.dbos));
    await sameWorkflow('fork-1');
    expect(await statusOf(pair().podium, 'fork-1')).toBeUndefined();
  });
});
