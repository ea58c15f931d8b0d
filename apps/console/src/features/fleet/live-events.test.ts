import { describe, expect, it } from 'vitest';
import { executorFixture } from './executor-fixture';
import { applyLiveEvent, parseLiveEvent } from './live-events';

const executor = (id: string) =>
  executorFixture(id, '2026-11-22T07:40:06.835Z', {
    hostname: 'vm',
    dbosVersion: 'podium-sdk/0.1.0',
  });
const at = '2026-11-22T07:41:00.000Z';

describe('applyLiveEvent', () => {
  it('starts from the snapshot, adds connections and drops disconnections', () => {
    let list = applyLiveEvent([], { type: 'snapshot', at, executors: [executor('a')] });
    list = applyLiveEvent(list, { type: 'executor.connected', at, executor: executor('b') });
    expect(list.map((e) => e.executorId)).toEqual(['b', 'a']);
    list = applyLiveEvent(list, {
      type: 'executor.disconnected',
      at,
      executor: { ...executor('a'), status: 'DISCONNECTED' },
    });
    expect(list.map((e) => e.executorId)).toEqual(['b']);
  });

  it('replaces an executor that reconnects instead of listing it twice', () => {
    const list = applyLiveEvent([executor('a')], {
      type: 'executor.connected',
      at,
      executor: executor('a'),
    });
    expect(list).toHaveLength(1);
  });
});

describe('parseLiveEvent', () => {
  it('reads an event the proxy checked, and ignores what is not JSON', () => {
    const data = JSON.stringify({ type: 'snapshot', at, executors: [] });
    expect(parseLiveEvent(data)).toEqual({ type: 'snapshot', at, executors: [] });
    expect(parseLiveEvent('not json')).toBeNull();
  });
});
