import { AppError, EXECUTOR_BUSY_ERROR } from '@podium/protocol';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Script } from '../../../../test/support/link-harness';
import { useProxyHarness } from '../../../../test/support/proxy-harness';
import { type ExecutorProxy, MAX_ATTEMPTS } from './executor-proxy';

// Executors that answer must beat it on a loaded machine; only silent ones wait it out.
const TIMEOUT_MS = 2_000;

const answers: Script = (request) => {
  switch (request.type) {
    case 'get_workflow':
      return { output: { WorkflowUUID: request.workflow_id, Status: 'SUCCESS' } };
    case 'list_queues':
      return { output: [] };
    case 'cancel':
    case 'retention':
      return { success: true };
    default:
      return { error_message: 'Unknown message type' };
  }
};
const silent: Script = () => 'silent';
const hangUp: Script = () => 'hang-up';

async function rejection(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!AppError.is(error)) throw new Error(`expected an AppError, got ${String(error)}`);
  return error;
}

describe('ExecutorProxy (real WebSockets)', () => {
  const harness = useProxyHarness(TIMEOUT_MS);
  let proxy: ExecutorProxy;
  beforeEach(() => {
    proxy = harness.proxy();
  });

  const connect = async (id: string, version: string, script: Script, sdkVersion?: string) => {
    // Links are ordered by when they opened (ms): keep each one's time distinct.
    await new Promise((resolve) => setTimeout(resolve, 3));
    return harness.connect(id, version, script, sdkVersion);
  };
  const getWorkflow = () => proxy.send('app', 'get_workflow', { workflow_id: 'wf-1' });
  const cancel = () => proxy.send('app', 'cancel', { workflow_id: 'wf-1' });

  it('answers 503 EXECUTOR_UNAVAILABLE when no executor is connected', async () => {
    const error = await rejection(getWorkflow());
    expect(error).toMatchObject({ code: 'EXECUTOR_UNAVAILABLE', status: 503 });
  });

  it('sends to one version only when asked, says who answered, and never falls back', async () => {
    const old = await connect('old', 'v1', answers);
    const newer = await connect('newer', 'v2', answers);
    const sent = await proxy.exchange(
      'app',
      'cancel',
      { workflow_id: 'wf-1' },
      { onlyVersion: 'v1' },
    );
    expect(sent).toMatchObject({ response: { success: true }, executor: { executorId: 'old' } });
    expect(newer.received).toEqual([]);
    await old.disconnect();
    const error = await rejection(
      proxy.send('app', 'cancel', { workflow_id: 'wf-1' }, { onlyVersion: 'v1' }),
    );
    expect(error).toMatchObject({ code: 'EXECUTOR_UNAVAILABLE' });
    expect(error.detail).toContain('"v1"');
    expect(newer.received).toEqual([]);
  });

  it('sends a type only some SDKs know to one that does, though a newer link is first; 501 when none does', async () => {
    const knows = await connect('knows', 'v1', answers);
    const newer = await connect('newer', 'v2', answers);
    const only = {
      accepts: (e: { executorId: string }) => e.executorId === 'knows',
      refusal: 'cancel needs an executor that knows it',
      refusalCode: 'EXECUTOR_UNSUPPORTED' as const,
    };
    const sent = await proxy.exchange('app', 'cancel', { workflow_id: 'wf-1' }, { only });
    expect(sent.executor.executorId).toBe('knows');
    expect(newer.received).toEqual([]);
    await knows.disconnect();
    const error = await rejection(proxy.send('app', 'cancel', { workflow_id: 'wf-1' }, { only }));
    expect(error).toMatchObject({ code: 'EXECUTOR_UNSUPPORTED', status: 501 });
    expect(error.detail).toBe('cancel needs an executor that knows it');
    expect(newer.received).toEqual([]);
  });

  it('sends to executors of the newest version and spreads reads across them', async () => {
    const old = await connect('old', 'v1', answers);
    const a = await connect('a', 'v2', answers);
    const b = await connect('b', 'v2', answers);
    for (let i = 0; i < 4; i++) await getWorkflow();
    expect(old.received).toEqual([]);
    expect(a.received).toEqual(['get_workflow', 'get_workflow']);
    expect(b.received).toEqual(['get_workflow', 'get_workflow']);
  });

  it('honours preferVersion when an executor runs it, and sends mutations to the newest link', async () => {
    const old = await connect('old', 'v1', answers);
    const a = await connect('a', 'v2', answers);
    const b = await connect('b', 'v2', answers);
    await proxy.send('app', 'list_queues', {}, { preferVersion: 'v1' });
    await proxy.send('app', 'list_queues', {}, { preferVersion: 'v9' });
    await cancel();
    await cancel();
    expect(old.received).toEqual(['list_queues']);
    expect([...a.received, ...b.received].filter((t) => t === 'list_queues')).toHaveLength(1);
    expect(b.received.filter((t) => t === 'cancel')).toEqual(['cancel', 'cancel']);
  });

  it('matches answers that come back out of order to their requests', async () => {
    const release: Array<() => void> = [];
    await connect('a', 'v1', (request) => {
      const answer = { output: { WorkflowUUID: request.workflow_id, Status: 'SUCCESS' } };
      return new Promise((resolve) => release.push(() => resolve(answer)));
    });
    const first = proxy.send('app', 'get_workflow', { workflow_id: 'first' });
    const second = proxy.send('app', 'get_workflow', { workflow_id: 'second' });
    await expect.poll(() => release.length, { timeout: 10_000 }).toBe(2);
    release[1]?.();
    release[0]?.();
    await expect(second).resolves.toMatchObject({ output: { WorkflowUUID: 'second' } });
    await expect(first).resolves.toMatchObject({ output: { WorkflowUUID: 'first' } });
  });

  it('fails a read over to the next executor when one does not answer or hangs up', async () => {
    const working = await connect('working', 'v1', answers);
    await connect('hangs-up', 'v2', hangUp);
    await connect('silent', 'v2', silent);
    await expect(getWorkflow()).resolves.toMatchObject({ output: { WorkflowUUID: 'wf-1' } });
    expect(working.received).toEqual(['get_workflow']);
  });

  it('fails a read over when an answer cannot be decoded', async () => {
    await connect('working', 'v1', answers);
    await connect('broken', 'v2', () => ({ output: 'not a workflow' }));
    await expect(getWorkflow()).resolves.toMatchObject({ output: { WorkflowUUID: 'wf-1' } });
  });

  it('answers 502 EXECUTOR_NO_ANSWER when no executor answers, after at most MAX_ATTEMPTS sends', async () => {
    const silentOnes = await Promise.all(
      Array.from({ length: MAX_ATTEMPTS + 1 }, (_, i) => connect(`s${i}`, 'v1', silent)),
    );
    const error = await rejection(getWorkflow());
    expect(error).toMatchObject({ code: 'EXECUTOR_NO_ANSWER', status: 502 });
    expect(silentOnes.flatMap((e) => e.received)).toHaveLength(MAX_ATTEMPTS);
  });

  it('never repeats a mutation that timed out: 502 EXECUTOR_NO_ANSWER, the next executor gets nothing', async () => {
    const other = await connect('other', 'v1', answers);
    await connect('silent', 'v2', silent);
    const error = await rejection(cancel());
    expect(error.code).toBe('EXECUTOR_NO_ANSWER');
    expect(error.detail).toMatch(/may or may not have been applied/);
    expect(other.received).toEqual([]);
  });

  it('fails a repeatable mutation (retention) over, each send with its own timeout', async () => {
    const working = await connect('working', 'v1', answers);
    const quiet = await connect('silent', 'v2', silent);
    const body = {
      gc_cutoff_epoch_ms: null,
      gc_rows_threshold: 10,
      gc_batch_size: null,
      timeout_cutoff_epoch_ms: null,
    };
    const sent = await proxy.exchange(
      'app',
      'retention',
      { body },
      // Per send, not per exchange: once the silent one has used up its own, the working one
      // still gets a whole TIMEOUT_MS, which answering executors beat even on a loaded machine.
      { repeatable: true, timeoutMs: TIMEOUT_MS },
    );
    expect(sent).toMatchObject({
      response: { success: true },
      executor: { executorId: 'working' },
    });
    expect(quiet.received).toEqual(['retention']);
    expect(working.received).toEqual(['retention']);
  });

  it('never repeats a mutation whose executor disconnected after receiving it', async () => {
    const other = await connect('other', 'v1', answers);
    await connect('hangs-up', 'v2', hangUp);
    const error = await rejection(cancel());
    expect(error.code).toBe('EXECUTOR_NO_ANSWER');
    expect(other.received).toEqual([]);
  });

  it('sends a mutation to the next executor when the first link closed before anything was sent', async () => {
    const other = await connect('other', 'v1', answers);
    const gone = await connect('gone', 'v2', answers);
    await gone.disconnect(); // still listed (nobody removed it), but closed
    await expect(cancel()).resolves.toMatchObject({ success: true });
    expect(gone.received).toEqual([]);
    expect(other.received).toEqual(['cancel']);
  });

  it('sends a mutation to the next executor when the first link was closing and nothing left', async () => {
    const other = await connect('other', 'v1', answers);
    const closing = await connect('closing', 'v2', answers);
    closing.socket.terminate(); // CLOSING: the link has not heard 'close' yet, so it is listed
    await expect(cancel()).resolves.toMatchObject({ success: true });
    expect(closing.received).toEqual([]);
    expect(other.received).toEqual(['cancel']);
  });

  it('answers 503 when every listed link has closed', async () => {
    const gone = await connect('gone', 'v1', answers);
    await gone.disconnect();
    expect((await rejection(getWorkflow())).code).toBe('EXECUTOR_UNAVAILABLE');
  });

  it("reports the executor's error as 502 EXECUTOR_ERROR, trimmed of its traceback, without failing over", async () => {
    const other = await connect('other', 'v1', answers);
    await connect('python', 'v2', () => ({
      success: false,
      error_message:
        'Exception encountered when cancelling workflow wf-1: Traceback (most recent call last):\n' +
        '  File "/srv/app/.venv/lib/dbos/_conductor/conductor.py", line 120, in run\n' +
        '    self.dbos.cancel_workflow(wf)\n' +
        'dbos._error.DBOSNonExistentWorkflowError: Workflow wf-1 does not exist\n',
    }));
    const error = await rejection(cancel());
    expect(error).toMatchObject({ code: 'EXECUTOR_ERROR', status: 502 });
    expect(error.detail).toBe(
      'Exception encountered when cancelling workflow wf-1:\n' +
        'dbos._error.DBOSNonExistentWorkflowError: Workflow wf-1 does not exist',
    );
    expect(error.detail).not.toMatch(/conductor\.py|Traceback/);
    expect(other.received).toEqual([]);
  });

  it('tries the next executor on "Unknown message type", and answers 501 when none knows it', async () => {
    const newer = await connect('newer-sdk', 'v1', () => ({ output: [] }));
    await connect('older-sdk', 'v2', answers);
    await expect(proxy.send('app', 'list_application_versions')).resolves.toMatchObject({
      output: [],
    });
    expect(newer.received).toEqual(['list_application_versions']);
    harness.registry().remove(newer.live.link, new Date());
    const error = await rejection(proxy.send('app', 'list_application_versions'));
    expect(error).toMatchObject({ code: 'EXECUTOR_UNSUPPORTED', status: 501 });
  });

  const refusesAll: Script = () => ({
    error_message: `${EXECUTOR_BUSY_ERROR}: too many conductor requests waiting`,
  });
  const PODIUM_SDK = 'podium-sdk/1.0.0';

  it('sends what a @podium/sdk executor refused unrun as busy to the next one, a mutation too; 503 when all are busy', async () => {
    const free = await connect('free', 'v1', answers);
    const busy = await connect('busy', 'v1', refusesAll, PODIUM_SDK); // newest: mutations go here first
    await expect(cancel()).resolves.toMatchObject({ success: true });
    expect(busy.received).toEqual(['cancel']);
    expect(free.received).toEqual(['cancel']);

    harness.registry().remove(free.live.link, new Date());
    const error = await rejection(cancel());
    expect(error).toMatchObject({ code: 'EXECUTOR_BUSY', status: 503 });
    expect(error.detail).toContain('nothing was carried out');
  });

  it('believes "Executor busy" from @podium/sdk executors only, and says busy, not unsupported, when a busy one knows the type', async () => {
    const dbos = await connect('dbos', 'v1', refusesAll);
    expect(await rejection(cancel())).toMatchObject({ code: 'EXECUTOR_ERROR', status: 502 });
    harness.registry().remove(dbos.live.link, new Date());

    await connect('older', 'v1', () => ({ error_message: 'Unknown message type' }));
    await connect('busy', 'v1', refusesAll, PODIUM_SDK);
    const error = await rejection(proxy.send('app', 'list_application_versions'));
    expect(error).toMatchObject({ code: 'EXECUTOR_BUSY', status: 503 });
  });

  it('refuses to send a request that cannot be encoded, before anything leaves', async () => {
    const executor = await connect('a', 'v1', answers);
    const error = await rejection(
      proxy.send('app', 'list_workflows', { body: { start_time: 'yesterday' } }),
    );
    expect(error).toMatchObject({ code: 'VALIDATION_FAILED' });
    expect(error.errors?.[0]?.path).toBe('body.start_time');
    expect(executor.received).toEqual([]);
  });
});
