import { decodeResponse, encodeRequest } from '@podium/protocol';
import { describe, expect, it } from 'vitest';
import { silentLogger } from '../logger';
import type { Reply } from './connection';
import { Dispatcher, type RequestLimits } from './dispatch';

/** A socket stand-in: collects the frames sent, open until closed. */
function fakeReply(): Reply & { frames: string[]; close(): void } {
  let open = true;
  const frames: string[] = [];
  return {
    frames,
    send: (text) => open && frames.push(text) > 0,
    isOpen: () => open,
    close: () => void (open = false),
  };
}

/** `recovery` requests whose handler waits until the test releases each one. */
function heldRecoveries() {
  const started: string[] = [];
  const releases = new Map<string, () => void>();
  const recovery = async ({ executor_ids: [id] }: { executor_ids: string[] }) => {
    started.push(id!);
    await new Promise<void>((resolve) => releases.set(id!, resolve));
    return { success: true };
  };
  const release = (id: string) => releases.get(id)!();
  return { started, release, handler: recovery };
}

/** A dispatcher with these limits, on a clock the test moves by hand (`clock.ms`). */
function limitedDispatcher(
  handlers: ConstructorParameters<typeof Dispatcher>[0],
  limits: Omit<RequestLimits, 'maxWaitMs'> & { maxWaitMs?: number },
) {
  const clock = { ms: 0 };
  const dispatcher = new Dispatcher(handlers, silentLogger, {
    limits: { maxWaitMs: 60_000, ...limits },
    now: () => clock.ms,
  });
  return { dispatcher, clock };
}

const frame = (id: string) => encodeRequest('recovery', { executor_ids: [id] }).frame;
const flush = () => new Promise<void>((resolve) => setImmediate(resolve));

const executorInfo = () => ({
  executor_id: 'exec-1',
  application_version: 'v1',
  language: 'typescript' as const,
  dbos_version: '1.0.0',
});

describe('Dispatcher limits', () => {
  it('runs at most `concurrent` requests at once, the rest in arrival order as slots free', async () => {
    const held = heldRecoveries();
    const { dispatcher } = limitedDispatcher(
      { recovery: held.handler },
      { concurrent: 2, waiting: 10 },
    );
    const reply = fakeReply();
    for (const id of ['a', 'b', 'c', 'd']) dispatcher.dispatch(frame(id), reply);
    await flush();
    expect(held.started).toEqual(['a', 'b']);

    held.release('b');
    await flush();
    expect(held.started).toEqual(['a', 'b', 'c']);
    expect(reply.frames).toHaveLength(1);

    for (const id of ['a', 'c']) held.release(id);
    await flush();
    expect(held.started).toEqual(['a', 'b', 'c', 'd']);
    held.release('d');
    await dispatcher.drain(60_000);
    const answers = reply.frames.map((text) => decodeResponse(text, 'recovery'));
    expect(answers.every((answer) => answer.ok && answer.message.success === true)).toBe(true);
    expect(answers).toHaveLength(4);
  });

  it('answers "busy" at once past the waiting bound, and keeps executor_info and alert out of the queue', async () => {
    const held = heldRecoveries();
    const handlers = {
      recovery: held.handler,
      executor_info: () => Promise.resolve(executorInfo()),
      alert: () => Promise.resolve({ success: true }),
    };
    const { dispatcher } = limitedDispatcher(handlers, { concurrent: 1, waiting: 1 });
    const reply = fakeReply();
    for (const id of ['a', 'b', 'c']) dispatcher.dispatch(frame(id), reply);
    await flush();
    expect(held.started).toEqual(['a']);
    expect(reply.frames).toHaveLength(1);
    const busy = decodeResponse(reply.frames[0]!, 'recovery');
    expect(busy.ok && busy.message).toMatchObject({
      success: false,
      error_message:
        'Executor busy: too many conductor requests waiting (1 conductor requests running, 1 waiting)',
    });

    dispatcher.dispatch(encodeRequest('executor_info').frame, reply);
    await flush();
    expect(reply.frames).toHaveLength(2);
    const info = decodeResponse(reply.frames[1]!, 'executor_info');
    expect(info.ok && info.message.executor_id).toBe('exec-1');
    const alert = { name: 'ExecutorDied', message: 'gone', metadata: {} };
    dispatcher.dispatch(encodeRequest('alert', alert).frame, reply);
    await flush();
    expect(reply.frames).toHaveLength(3);
    expect(decodeResponse(reply.frames[2]!, 'alert')).toMatchObject({
      ok: true,
      message: { success: true },
    });

    held.release('a');
    await flush();
    held.release('b');
    await dispatcher.drain(60_000);
    expect(held.started).toEqual(['a', 'b']);
  });

  it('drops a waiting request whose link closed before a slot freed', async () => {
    const held = heldRecoveries();
    const { dispatcher } = limitedDispatcher(
      { recovery: held.handler },
      { concurrent: 1, waiting: 10 },
    );
    const oldLink = fakeReply();
    dispatcher.dispatch(frame('a'), oldLink);
    dispatcher.dispatch(frame('b'), oldLink);
    const newLink = fakeReply();
    dispatcher.dispatch(frame('c'), newLink);
    oldLink.close();

    held.release('a');
    await flush();
    expect(held.started).toEqual(['a', 'c']);
    held.release('c');
    await dispatcher.drain(60_000);
    expect(oldLink.frames).toHaveLength(0);
    expect(newLink.frames).toHaveLength(1);
  });

  it('refuses a request unrun as busy once it waited maxWaitMs, so another executor can take it', async () => {
    const held = heldRecoveries();
    const { dispatcher, clock } = limitedDispatcher(
      { recovery: held.handler },
      { concurrent: 1, waiting: 10, maxWaitMs: 10_000 },
    );
    const reply = fakeReply();
    dispatcher.dispatch(frame('a'), reply);
    dispatcher.dispatch(frame('stale'), reply);
    clock.ms += 6_000;
    dispatcher.dispatch(frame('fresh'), reply);
    clock.ms += 4_000; // 'stale' has waited 10 s, 'fresh' 4 s

    held.release('a');
    await flush();
    expect(held.started).toEqual(['a', 'fresh']);
    const refusal = decodeResponse(reply.frames[1]!, 'recovery');
    expect(refusal.ok && refusal.message.error_message).toMatch(
      /^Executor busy: it waited 10000 ms for a free slot/,
    );
    held.release('fresh');
    await dispatcher.drain(60_000);
    expect(reply.frames).toHaveLength(3);
  });

  it('makes room in a full queue by dropping requests nobody awaits before refusing one', async () => {
    const held = heldRecoveries();
    const { dispatcher } = limitedDispatcher(
      { recovery: held.handler },
      { concurrent: 1, waiting: 2 },
    );
    const oldLink = fakeReply();
    dispatcher.dispatch(frame('a'), oldLink);
    dispatcher.dispatch(frame('b'), oldLink);
    dispatcher.dispatch(frame('c'), oldLink);
    oldLink.close();
    const newLink = fakeReply();
    dispatcher.dispatch(frame('d'), newLink);
    dispatcher.dispatch(frame('e'), newLink);
    expect(newLink.frames).toHaveLength(0); // neither refused as busy

    held.release('a');
    await flush();
    held.release('d');
    await flush();
    held.release('e');
    await dispatcher.drain(60_000);
    expect(held.started).toEqual(['a', 'd', 'e']);
    expect(newLink.frames).toHaveLength(2);
  });
});
