/**
 * Differential check of the workflow queries (`list_workflows`, `get_workflow`, `list_steps`):
 * DBOS Transact 5.2.11 and @podium/sdk over the same workflows (finished, failed, running,
 * queued, partitioned, delayed) give the same records, field for field.
 */
import { toWireTimestamp } from '@podium/protocol';
import { describe, expect, it } from 'vitest';
import { normalize } from './helpers/normalize';
import { usePair } from './helpers/pair';

const IDS = ['echo-1', 'echo-2', 'boom-1', 'blocked-1', 'queued-1', 'tenant-a-1', 'delayed-1'];

describe('workflow queries: DBOS 5.2.11 and @podium/sdk answer alike', () => {
  const pair = usePair();

  it('lists every workflow with the same records, whatever the filters', async () => {
    const bodies = [
      {},
      { load_input: true, load_output: true },
      { sort_desc: true, limit: 3, offset: 1 },
      { status: 'SUCCESS' },
      { status: ['ERROR', 'PENDING'], load_output: true },
      { workflow_name: 'echo', queue_name: 'tenants' },
      { workflow_id_prefix: ['echo', 'boom'] },
      { workflow_uuids: ['boom-1', 'nope'] },
      { queues_only: true },
      { start_time: toWireTimestamp(Date.now() + 60_000) },
      { dequeued_after: toWireTimestamp(0), completed_before: toWireTimestamp(Date.now()) },
      { application_name: 'another-app' },
    ];
    for (const body of bodies) {
      const listed = await pair().ask('list_workflows', { body });
      expect(listed.podium.error_message).toBeUndefined();
      expect(normalize(listed.podium)).toEqual(normalize(listed.dbos));
    }
    const all = await pair().ask('list_workflows', { body: {} });
    expect(all.podium.output?.map((w) => w.WorkflowUUID)).toEqual(IDS);
  });

  it('gets each workflow, and answers a missing one without output', async () => {
    for (const workflow_id of [...IDS, 'no-such-workflow']) {
      const got = await pair().ask('get_workflow', { workflow_id });
      expect(normalize(got.podium)).toEqual(normalize(got.dbos));
      const bare = await pair().ask('get_workflow', {
        workflow_id,
        load_input: false,
        load_output: false,
      });
      expect(normalize(bare.podium)).toEqual(normalize(bare.dbos));
    }
  });

  it('lists the same steps, with and without outputs, in pages', async () => {
    for (const workflow_id of ['echo-1', 'boom-1', 'blocked-1', 'no-such-workflow']) {
      for (const paging of [{}, { load_output: false }, { limit: 1, offset: 1 }]) {
        const steps = await pair().ask('list_steps', { workflow_id, ...paging });
        expect(normalize(steps.podium)).toEqual(normalize(steps.dbos));
      }
    }
  });
});
