/**
 * Differential check of the executor messages (`executor_info`, `exist_pending_workflows`,
 * `recovery`): DBOS Transact 5.2.11 and @podium/sdk over the same data, including one
 * workflow PENDING on each executor.
 */
import { describe, expect, it } from 'vitest';
import { normalize } from './helpers/normalize';
import { usePair } from './helpers/pair';

describe('executor messages: DBOS 5.2.11 and @podium/sdk answer alike', () => {
  const pair = usePair();

  it('reports its identity with the same fields', async () => {
    const info = await pair().ask('executor_info');
    expect(Object.keys(info.podium).sort()).toEqual(Object.keys(info.dbos).sort());
    expect(normalize(info.podium)).toEqual(normalize(info.dbos));
    expect(info.podium.language).toBe('typescript');
  });

  it('tells whether an executor still owns PENDING workflows of a version', async () => {
    for (const executor of [pair().dbos, pair().podium]) {
      const { executor_id, application_version } = await executor.link.request('executor_info');
      const own = await executor.link.request('exist_pending_workflows', {
        executor_id,
        application_version,
      });
      const otherVersion = await executor.link.request('exist_pending_workflows', {
        executor_id,
        application_version: 'another-version',
      });
      expect([own.exist, otherVersion.exist]).toEqual([true, false]);
    }
    const unknown = await pair().ask('exist_pending_workflows', {
      executor_id: 'nobody',
      application_version: 'v0',
    });
    expect(normalize(unknown.podium)).toEqual(normalize(unknown.dbos));
  });

  it('answers a recovery of executors that own nothing with success', async () => {
    const recovery = await pair().ask('recovery', { executor_ids: ['dead-1', 'dead-2'] });
    expect(normalize(recovery.podium)).toEqual(normalize(recovery.dbos));
    expect(recovery.podium.success).toBe(true);
    // Nothing of theirs was touched.
    const listed = await pair().ask('list_workflows', { body: {} });
    expect(normalize(listed.podium)).toEqual(normalize(listed.dbos));
  });
});
