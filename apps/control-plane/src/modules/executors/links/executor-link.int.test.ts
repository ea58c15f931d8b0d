import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startLinkHarness, type Script } from '../../../../test/support/link-harness';
import { ExecutorRequestError } from './executor-request-error';

// Executors that answer must beat it on a loaded machine; only silent ones wait it out.
const TIMEOUT_MS = 2_000;
const answers: Script = (request) => ({
  output: { WorkflowUUID: request.workflow_id, Status: 'SUCCESS' },
});

async function failure(promise: Promise<unknown>): Promise<ExecutorRequestError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof ExecutorRequestError)) {
    throw new Error(`expected an ExecutorRequestError, got ${String(error)}`);
  }
  return error;
}

describe('ExecutorLink delivery (real WebSockets)', () => {
  let harness: Awaited<ReturnType<typeof startLinkHarness>>;

  beforeEach(async () => {
    harness = await startLinkHarness({ requestTimeoutMs: TIMEOUT_MS });
  });
  afterEach(async () => {
    expect(harness.pending()).toBe(0);
    await harness.close();
  });

  it('answers a request it delivered', async () => {
    const { live } = await harness.connect('a', 'v1', answers);
    await expect(live.link.request('get_workflow', { workflow_id: 'wf-1' })).resolves.toMatchObject(
      { output: { WorkflowUUID: 'wf-1' } },
    );
  });

  it('reports delivered: false when the socket is closing under it: ws fails the send before writing', async () => {
    const executor = await harness.connect('a', 'v1', answers);
    const { link } = executor.live;
    executor.socket.terminate(); // CLOSING now; the link hears 'close' only later
    expect(link.isOpen).toBe(true);
    const error = await failure(link.request('cancel', { workflow_id: 'wf-1' }));
    expect(error).toMatchObject({ code: 'EXECUTOR_DISCONNECTED', delivered: false });
    expect(error.message).toMatch(/not open/);
    expect(executor.received).toEqual([]);
  });

  it('sends nothing once it started closing the link itself', async () => {
    const executor = await harness.connect('a', 'v1', answers);
    const { link } = executor.live;
    link.close(1000, 'going away');
    expect(link.isOpen).toBe(false);
    const error = await failure(link.request('cancel', { workflow_id: 'wf-1' }));
    expect(error).toMatchObject({ code: 'EXECUTOR_DISCONNECTED', delivered: false });
    expect(executor.received).toEqual([]);
  });

  it('reports delivered: false for a request on a closed link', async () => {
    const executor = await harness.connect('a', 'v1', answers);
    await executor.disconnect();
    const error = await failure(executor.live.link.request('cancel', { workflow_id: 'wf-1' }));
    expect(error).toMatchObject({ code: 'EXECUTOR_DISCONNECTED', delivered: false });
  });

  it('reports delivered: true once the frame was written, whether the executor hangs up or stays silent', async () => {
    const hangsUp = await harness.connect('a', 'v1', () => 'hang-up');
    const hungUp = await failure(hangsUp.live.link.request('cancel', { workflow_id: 'wf-1' }));
    expect(hungUp).toMatchObject({ code: 'EXECUTOR_DISCONNECTED', delivered: true });
    expect(hangsUp.received).toEqual(['cancel']);

    const silent = await harness.connect('b', 'v1', () => 'silent');
    const timedOut = await failure(silent.live.link.request('cancel', { workflow_id: 'wf-1' }));
    expect(timedOut).toMatchObject({ code: 'EXECUTOR_NO_ANSWER', delivered: true });
  });
});
