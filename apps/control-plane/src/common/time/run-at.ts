/** Longest delay `setTimeout` takes (about 24.8 days); a longer one fires at once. */
export const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * Runs `action` at `at`, however far away: a plain `setTimeout` beyond {@link MAX_TIMER_MS}
 * fires immediately, so a far deadline is reached in capped steps. The timer does not keep
 * the process alive. Returns the cancel function.
 */
export function runAt(at: Date, action: () => void, now: () => number = Date.now): () => void {
  let timer: NodeJS.Timeout | undefined;
  const step = () => {
    const remainingMs = at.getTime() - now();
    if (remainingMs <= 0) return action();
    timer = setTimeout(step, Math.min(remainingMs, MAX_TIMER_MS));
    timer.unref();
  };
  step();
  return () => clearTimeout(timer);
}
