/**
 * Differential check of `get_metrics` and `retention`: DBOS Transact 5.2.11 and @podium/sdk
 * count the same workflows and steps, and the same retention rounds (answered at once, run in
 * the background) leave the same workflows behind, in the same states.
 */
import { toWireTimestamp } from '@podium/protocol';
import { describe, expect, it } from 'vitest';
import { waitFor } from '../helpers/util';
import { normalize } from './helpers/normalize';
import { type Executor, usePair } from './helpers/pair';

const listed = async (executor: Executor) =>
  (await executor.link.request('list_workflows', { body: {} })).output ?? [];

describe('metrics and retention: DBOS 5.2.11 and @podium/sdk answer alike', () => {
  const pair = usePair();

  /**
   * Sends the same round to both until each shows `done`: a round that arrives while the
   * previous one still runs (DBOS vacuums after collecting) is skipped, as in DBOS, so the
   * request is repeated (rounds are idempotent) until the effect is there.
   */
  async function retention(
    body: Record<string, number>,
    done: (executor: Executor) => Promise<boolean>,
  ) {
    const answer = await pair().ask('retention', { body });
    expect(normalize(answer.podium)).toEqual(normalize(answer.dbos));
    expect(answer.podium).toMatchObject({ success: true });
    for (const executor of [pair().dbos, pair().podium]) {
      await waitFor(
        async () =>
          (await done(executor)) || void (await executor.link.request('retention', { body })),
        60_000,
        `retention ${JSON.stringify(body)}`,
      );
    }
  }

  const remaining = (ids: string[]) => async (executor: Executor) =>
    JSON.stringify((await listed(executor)).map((w) => w.WorkflowUUID)) === JSON.stringify(ids);

  it('counts workflows and steps per name in a window', async () => {
    const window = {
      start_time: toWireTimestamp(Date.now() - 3_600_000),
      end_time: toWireTimestamp(Date.now() + 60_000),
    };
    const counts = await pair().ask('get_metrics', {
      ...window,
      metric_class: 'workflow_step_count',
    });
    expect(counts.podium.metrics).toContainEqual({
      metric_type: 'workflow_count',
      metric_name: 'echo',
      value: 5,
    });
    expect(normalize(counts.podium)).toEqual(normalize(counts.dbos));
    for (const other of [
      { ...window, metric_class: 'cpu' },
      { ...window, metric_class: 'workflow_step_count', application_name: ['another-app'] },
      { ...window, metric_class: 'workflow_step_count', end_time: window.start_time },
    ]) {
      const answer = await pair().ask('get_metrics', other);
      expect(normalize(answer.podium)).toEqual(normalize(answer.dbos));
    }
  });

  it('keeps the newest completed workflows, then collects all finished ones, never active ones', async () => {
    await retention(
      { gc_rows_threshold: 2 },
      remaining(['boom-1', 'blocked-1', 'queued-1', 'tenant-a-1', 'delayed-1']),
    );
    await retention(
      { gc_cutoff_epoch_ms: Date.now() + 60_000, gc_batch_size: 1 },
      remaining(['blocked-1', 'queued-1', 'delayed-1']),
    );
  });

  it('times out active workflows created by the cutoff, alike', async () => {
    await retention({ timeout_cutoff_epoch_ms: Date.now() }, async (executor) =>
      (await listed(executor)).every((w) => w.Status === 'CANCELLED'),
    );
    const all = await pair().ask('list_workflows', { body: {} });
    expect(normalize(all.podium)).toEqual(normalize(all.dbos));
  });
});
