import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { MAX_TIMER_MS, runAt } from './run-at';

const DAY_MS = 24 * 60 * 60_000;

describe('runAt', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('waits for a deadline beyond the setTimeout cap instead of firing early', () => {
    const action = vi.fn();
    runAt(new Date(Date.now() + 40 * DAY_MS), action);
    vi.advanceTimersByTime(MAX_TIMER_MS + 1);
    expect(action).not.toHaveBeenCalled();
    vi.advanceTimersByTime(40 * DAY_MS - MAX_TIMER_MS);
    expect(action).toHaveBeenCalledOnce();
  });

  it('runs a past deadline at once and a cancelled one never', () => {
    const past = vi.fn();
    runAt(new Date(Date.now() - 1), past);
    expect(past).toHaveBeenCalledOnce();
    const cancelled = vi.fn();
    const cancel = runAt(new Date(Date.now() + 30 * DAY_MS), cancelled);
    vi.advanceTimersByTime(MAX_TIMER_MS);
    cancel();
    vi.advanceTimersByTime(30 * DAY_MS);
    expect(cancelled).not.toHaveBeenCalled();
    expect(vi.getTimerCount()).toBe(0);
  });
});
