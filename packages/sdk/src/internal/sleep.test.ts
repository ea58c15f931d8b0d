import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { MAX_TIMER_MS, sleep } from './sleep';

describe('sleep', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('waits longer than the largest setTimeout delay', async () => {
    let done = false;
    const thirtyDays = 30 * 24 * 3600 * 1000;
    expect(thirtyDays).toBeGreaterThan(MAX_TIMER_MS);
    const sleeping = sleep(thirtyDays).then(() => (done = true));
    await vi.advanceTimersByTimeAsync(MAX_TIMER_MS + 1000);
    expect(done).toBe(false);
    await vi.advanceTimersByTimeAsync(thirtyDays - MAX_TIMER_MS);
    await sleeping;
    expect(done).toBe(true);
  });

  it('rejects with the abort reason, at once or while waiting', async () => {
    const controller = new AbortController();
    const sleeping = sleep(10_000, controller.signal);
    controller.abort(new Error('stop'));
    await expect(sleeping).rejects.toThrow('stop');
    await expect(sleep(10, controller.signal)).rejects.toThrow('stop');
  });

  it('resolves immediately for zero or negative durations', async () => {
    await expect(sleep(-5)).resolves.toBeUndefined();
  });
});
