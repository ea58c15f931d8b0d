/**
 * Differential check of `get_workflow_aggregates` and `get_step_aggregates`: DBOS Transact
 * 5.2.11 and @podium/sdk over the same workflows and steps give the same groups, the same
 * counts, and a time or duration exactly where the other gives one.
 */
import { toWireTimestamp } from '@podium/protocol';
import { describe, expect, it } from 'vitest';
import { normalize } from './helpers/normalize';
import { usePair } from './helpers/pair';

const ALL_SELECTS = {
  select_count: true,
  select_min_created_at: true,
  select_max_queue_wait_ms: true,
  select_max_total_latency_ms: true,
};

describe('aggregates: DBOS 5.2.11 and @podium/sdk answer alike', () => {
  const pair = usePair();

  it('groups workflows by every key, selecting every figure', async () => {
    const groupings = [
      { group_by_status: true },
      { group_by_name: true },
      { group_by_queue_name: true },
      { group_by_status: true, group_by_name: true, group_by_queue_name: true },
      { group_by_executor_id: true, group_by_application_version: true },
      { group_by_application_name: true },
    ];
    for (const grouping of groupings) {
      for (const selects of [{}, ALL_SELECTS]) {
        const answer = await pair().ask('get_workflow_aggregates', {
          body: { ...grouping, ...selects },
        });
        expect(answer.podium.error_message).toBeUndefined();
        expect(normalize(answer.podium)).toEqual(normalize(answer.dbos));
      }
    }
  });

  it('filters workflows the same way', async () => {
    const filters = [
      { status: ['SUCCESS', 'ERROR'] },
      { name: ['echo'], queue_name: ['tenants', 'jobs'] },
      { workflow_id_prefix: ['echo', 'queued'] },
      { workflow_ids: ['boom-1', 'nope'] },
      { status: [], name: [] },
      { start_time: toWireTimestamp(Date.now() + 60_000) },
      { completed_before: toWireTimestamp(Date.now() + 60_000) },
      { dequeued_after: toWireTimestamp(0) },
      { has_parent: false, was_forked_from: false },
      { application_name: ['another-app'] },
    ];
    for (const filter of filters) {
      const answer = await pair().ask('get_workflow_aggregates', {
        body: { group_by_status: true, ...ALL_SELECTS, ...filter },
      });
      expect(answer.podium.error_message).toBeUndefined();
      expect(normalize(answer.podium)).toEqual(normalize(answer.dbos));
    }
  });

  it('buckets by time, counting every workflow once', async () => {
    const size = 24 * 3_600_000;
    const answer = await pair().ask('get_workflow_aggregates', {
      body: { time_bucket_size_ms: size, group_by_status: true },
    });
    for (const rows of [answer.dbos.output ?? [], answer.podium.output ?? []]) {
      expect(rows.reduce((sum, row) => sum + (row.count ?? 0), 0)).toBe(7);
      for (const row of rows) expect(Number(row.group.time_bucket) % size).toBe(0);
    }
  });

  it('groups steps by function and outcome, and filters them the same way', async () => {
    const bodies = [
      { group_by_function_name: true },
      { group_by_status: true, select_max_duration_ms: true },
      { group_by_function_name: true, group_by_status: true, select_count: true },
      { group_by_function_name: true, status: ['ERROR'] },
      { group_by_function_name: true, function_name: ['say', 'reserve'] },
      { group_by_status: true, workflow_id_prefix: ['boom'] },
      { group_by_status: true, completed_after: toWireTimestamp(Date.now() + 60_000) },
    ];
    for (const body of bodies) {
      const answer = await pair().ask('get_step_aggregates', { body });
      expect(answer.podium.error_message).toBeUndefined();
      expect(normalize(answer.podium)).toEqual(normalize(answer.dbos));
    }
  });

  it('refuses an aggregate without a grouping alike: an error and no rows', async () => {
    for (const type of ['get_workflow_aggregates', 'get_step_aggregates'] as const) {
      const answer = await pair().ask(type, { body: { select_count: true } });
      for (const side of [answer.dbos, answer.podium]) {
        expect(side.output).toEqual([]);
        expect(side.error_message).toMatch(/At least one group_by flag/);
      }
    }
  });
});
