import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CoalescedRuns } from './coalesced-runs';

describe('CoalescedRuns', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('turns a burst of requests into one run, and requests during a run into one more', async () => {
    const runs = new CoalescedRuns(500);
    let release!: () => void;
    const job = vi.fn(() => new Promise<void>((resolve) => (release = resolve)));
    for (let i = 0; i < 100; i++) runs.request('app/v1', job);
    await vi.advanceTimersByTimeAsync(500);
    expect(job).toHaveBeenCalledTimes(1);
    for (let i = 0; i < 100; i++) runs.request('app/v1', job); // while it runs
    release();
    await vi.advanceTimersByTimeAsync(500);
    expect(job).toHaveBeenCalledTimes(2);
    release();
    await vi.advanceTimersByTimeAsync(10_000);
    expect(job).toHaveBeenCalledTimes(2);
  });

  it('runs keys independently and nothing after stop', async () => {
    const runs = new CoalescedRuns(100);
    const job = vi.fn(() => Promise.resolve());
    runs.request('a', job);
    runs.request('b', job);
    await vi.advanceTimersByTimeAsync(100);
    expect(job).toHaveBeenCalledTimes(2);
    runs.request('a', job);
    runs.stop();
    await vi.advanceTimersByTimeAsync(1_000);
    expect(job).toHaveBeenCalledTimes(2);
  });
});
