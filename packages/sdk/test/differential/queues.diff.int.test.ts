/**
 * Differential check of the queue messages (`list_queues`, `get_queue`,
 * `list_queued_workflows`): DBOS Transact 5.2.11 and @podium/sdk, same queues (one limited,
 * one partitioned, one plain), same queued, delayed, deduplicated and partitioned workflows.
 */
import { describe, expect, it } from 'vitest';
import { normalize } from './helpers/normalize';
import { usePair } from './helpers/pair';
import { waitFor } from '../helpers/util';

describe('queues: DBOS 5.2.11 and @podium/sdk answer alike', () => {
  const pair = usePair();

  it('refuses a second enqueue with a deduplication id still held', () => {
    expect(pair().dbos.scenario.refusal).toBe('DBOSQueueDuplicatedError');
    expect(pair().podium.scenario.refusal).toBe('QueueDeduplicatedError');
  });

  it('describes the queues and their limits the same way', async () => {
    const queues = await pair().ask('list_queues');
    expect(queues.podium.output?.map((q) => q.name)).toEqual(['serial', 'tenants', 'jobs']);
    expect(normalize(queues.podium)).toEqual(normalize(queues.dbos));
    for (const name of ['tenants', 'serial', 'no-such-queue']) {
      const queue = await pair().ask('get_queue', { name });
      expect(normalize(queue.podium)).toEqual(normalize(queue.dbos));
    }
    const other = await pair().ask('list_queues', { body: { application_name: 'another-app' } });
    expect(normalize(other.podium)).toEqual(normalize(other.dbos));
  });

  it('lists queued workflows with their queue options, filtered the same way', async () => {
    const bodies = [
      {},
      { load_input: true, sort_desc: true },
      { queue_name: 'jobs' },
      { status: 'DELAYED' },
      { status: ['ENQUEUED', 'PENDING'], workflow_name: 'echo' },
      { limit: 1, offset: 1 },
    ];
    for (const body of bodies) {
      const queued = await pair().ask('list_queued_workflows', { body });
      expect(queued.podium.error_message).toBeUndefined();
      expect(normalize(queued.podium)).toEqual(normalize(queued.dbos));
    }
    const all = await pair().ask('list_queued_workflows', { body: {} });
    expect(all.podium.output?.map((w) => [w.WorkflowUUID, w.Status])).toEqual([
      ['blocked-1', 'PENDING'],
      ['queued-1', 'ENQUEUED'],
      ['delayed-1', 'DELAYED'],
    ]);
    expect(all.podium.output?.[2]).toMatchObject({
      DeduplicationID: 'nightly',
      DelayUntilEpochMS: expect.stringMatching(/^\d{13}$/) as string,
    });
  });

  it('moves on alike once the running workflow finishes', async () => {
    pair().release();
    for (const executor of [pair().dbos, pair().podium]) {
      await waitFor(
        async () =>
          (await executor.link.request('get_workflow', { workflow_id: 'queued-1' })).output
            ?.Status === 'SUCCESS',
        30_000,
        'queued-1 to run',
      );
    }
    const queued = await pair().ask('list_queued_workflows', { body: {} });
    expect(queued.podium.output?.map((w) => w.WorkflowUUID)).toEqual(['delayed-1']);
    expect(normalize(queued.podium)).toEqual(normalize(queued.dbos));
    const done = await pair().ask('get_workflow', { workflow_id: 'queued-1' });
    expect(normalize(done.podium)).toEqual(normalize(done.dbos));
  });
});
