import type { Executor } from '@podium/protocol/rest';
import { describe, expect, it } from 'vitest';
import { executorFixture } from './executor-fixture';
import { withinHistoryWindow } from './executor-history';

const now = Date.parse('2026-12-04T12:00:00.000Z');
const hoursAgo = (h: number) => new Date(now - h * 3_600_000).toISOString();

const executor = (id: string, overrides: Partial<Executor>) =>
  executorFixture(id, hoursAgo(100), overrides);

describe('withinHistoryWindow', () => {
  const executors = [
    executor('live', {}), // connected for 100 h: always shown
    executor('recent', {
      status: 'DISCONNECTED',
      stopped: true,
      disconnectedAt: hoursAgo(2),
    }),
    executor('old', { status: 'DEAD', disconnectedAt: hoursAgo(30), deadAt: hoursAgo(29) }),
  ];
  const ids = (window: Parameters<typeof withinHistoryWindow>[1]) => {
    const { shown, hidden } = withinHistoryWindow(executors, window, now);
    return [shown.map((e) => e.executorId), hidden];
  };

  it('keeps connected executors and those whose link closed within the window', () => {
    expect(ids('1h')).toEqual([['live'], 2]);
    expect(ids('24h')).toEqual([['live', 'recent'], 1]);
    expect(ids('7d')).toEqual([['live', 'recent', 'old'], 0]);
    expect(ids('all')).toEqual([['live', 'recent', 'old'], 0]);
  });
});
