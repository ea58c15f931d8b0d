import type { Executor } from '@podium/protocol/rest';
import { describe, expect, it } from 'vitest';
import { executorFixture } from '../fleet/executor-fixture';
import { unlimitedQueue } from '../queues/queue-fixture';
import { explainExecution } from './execution-explainer';

const now = Date.parse('2026-11-22T12:00:00.000Z');
const ago = (seconds: number) => new Date(now - seconds * 1000).toISOString();

const executor = (id: string, overrides: Partial<Executor> = {}) =>
  executorFixture(id, ago(600), {
    hostname: `${id}.local`,
    updatedAt: ago(1),
    lastSeenAt: ago(1),
    ...overrides,
  });

const pending = {
  workflowId: 'wf',
  status: 'PENDING',
  executorId: 'a',
  appVersion: 'v1',
  queueName: null,
};
const explain = (
  executors: Executor[],
  workflow: Parameters<typeof explainExecution>[0] = pending,
) => explainExecution(workflow, { executors, gracePeriodSeconds: 60, now });

describe('explainExecution', () => {
  it('says whether anything connected can dequeue an ENQUEUED workflow (its own version only)', () => {
    const queued = {
      workflowId: 'wf',
      status: 'ENQUEUED',
      executorId: null,
      appVersion: 'v1',
      queueName: 'media',
    };
    expect(explain([executor('a'), executor('b')], queued)).toEqual({
      state: 'queued',
      tone: 'info',
      text: 'Waits its turn on queue media; 2 connected executors can run it.',
    });
    expect(explain([executor('c', { appVersion: 'v2' })], queued)).toEqual({
      state: 'no-version',
      tone: 'bad',
      text:
        'Waits on queue media, but no connected executor runs version v1: queued workflows ' +
        'run only on their own version, so it starts once one connects.',
    });
  });

  it('adds its place in line, what runs and the limit holding it, when the queue is known', () => {
    const queued = { ...pending, status: 'ENQUEUED', executorId: null, queueName: 'media' };
    const config = { ...unlimitedQueue, concurrency: 2, workerConcurrency: 1 };
    const members = [
      { workflowId: 'r1', status: 'PENDING' as const },
      { workflowId: 'q1', status: 'ENQUEUED' as const },
      { workflowId: 'r2', status: 'PENDING' as const },
      { workflowId: 'q2', status: 'ENQUEUED' as const },
      { workflowId: 'wf', status: 'ENQUEUED' as const },
    ];
    const withQueue = (queue: Parameters<typeof explainExecution>[1]['queue']) =>
      explainExecution(queued, { executors: [executor('a')], gracePeriodSeconds: 60, now, queue });
    expect(withQueue({ config, members })?.text).toBe(
      'Waits its turn on queue media; 1 connected executor can run it. 2 queued ahead of it; ' +
        '2 running; concurrency 2 at once, 1 per executor.',
    );
    const rateLimited = { ...unlimitedQueue, rateLimitMax: 10, rateLimitPeriodSecs: 60 };
    expect(withQueue({ config: rateLimited })?.text).toMatch(
      /run it\. Concurrency unlimited; rate limit 10 per 60 s\.$/,
    );
    expect(withQueue({ members: [{ workflowId: 'wf', status: 'ENQUEUED' }] })?.text).toMatch(
      /run it\. It is next in line; 0 running\.$/,
    );
    expect(withQueue({})?.text).toBe(
      'Waits its turn on queue media; 1 connected executor can run it.',
    );
  });

  it('never names an executor-internal queue', () => {
    const internal = { ...pending, status: 'ENQUEUED', queueName: '_podium_internal_queue' };
    expect(explain([executor('a')], internal)?.text).toBe(
      'Waits its turn on its queue; 1 connected executor can run it.',
    );
  });

  it('explains only active workflows, PENDING ones when they have an executor', () => {
    expect(explain([executor('a')], { ...pending, status: 'SUCCESS' })).toBeNull();
    expect(explain([executor('a')], { ...pending, executorId: null as never })).toBeNull();
  });

  it('says where it runs while its executor is connected', () => {
    expect(explain([executor('a')])).toEqual({
      state: 'running',
      tone: 'ok',
      text: 'Runs on executor a (a.local), connected.',
    });
  });

  it('counts down the grace period of a disconnected executor, and names who can take over', () => {
    const away = executor('a', { status: 'DISCONNECTED', disconnectedAt: ago(20) });
    expect(explain([away, executor('b'), executor('c', { appVersion: 'v2' })])).toEqual({
      state: 'disconnected',
      tone: 'warn',
      text:
        'Executor a disconnected 20 s ago. Unless it reconnects, it is declared dead in 40 s ' +
        'and its workflows are recovered; 1 connected executor of version v1 can take it over.',
    });
    const overdue = executor('a', { status: 'DISCONNECTED', disconnectedAt: ago(90) });
    expect(explain([overdue])?.text).toContain(
      'its grace period is over: it is being declared dead and its workflows are recovered; ' +
        'no executor of version v1 is connected to take it over.',
    );
  });

  it('says a dead executor waits for its version, or is being recovered', () => {
    const dead = executor('a', { status: 'DEAD', disconnectedAt: ago(90), deadAt: ago(30) });
    expect(explain([dead, executor('c', { appVersion: 'v2' })])).toMatchObject({
      state: 'awaiting-version',
      tone: 'bad',
    });
    expect(explain([dead, executor('b')])).toMatchObject({ state: 'recovering', tone: 'warn' });
    expect(explain([{ ...dead, recoveredAt: ago(5) }])?.text).toBe(
      'Executor a died; its workflows were handed over 5 s ago and this one runs again once picked up.',
    );
  });

  it('explains a stopped executor by where its grace period and recovery stand', () => {
    const stopping = executor('a', {
      status: 'DISCONNECTED',
      stopped: true,
      disconnectedAt: ago(20),
    });
    expect(explain([stopping])).toMatchObject({ state: 'disconnected', tone: 'warn' });
    expect(explain([stopping])?.text).toMatch(
      /^Executor a stopped 20 s ago\. Unless it reconnects/,
    );
    const stopped = { ...stopping, status: 'DEAD' as const, deadAt: ago(5) };
    expect(explain([stopped, executor('b')])).toMatchObject({
      state: 'recovering',
      text: 'Executor a is stopped; its recovery is under way (1 connected executor of version v1 can take it over).',
    });
  });

  it('says what to do about an executor it has never seen', () => {
    expect(explain([executor('b')])).toMatchObject({ state: 'unknown-executor', tone: 'warn' });
    expect(explain([])?.text).toMatch(/resume the workflow to have a connected executor run it/);
  });
});
