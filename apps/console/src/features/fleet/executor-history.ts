import type { Executor } from '@podium/protocol/rest';

/**
 * Executor records pile up (one per process start): the executors page shows the connected
 * ones and only the recent history, over a window the operator picks.
 */
export const HISTORY_WINDOWS = [
  { value: '1h', label: 'Last hour', ms: 3_600_000 },
  { value: '24h', label: 'Last 24 hours', ms: 86_400_000 },
  { value: '7d', label: 'Last 7 days', ms: 7 * 86_400_000 },
  { value: 'all', label: 'All history', ms: null },
] as const;
export type HistoryWindow = (typeof HISTORY_WINDOWS)[number]['value'];
export const DEFAULT_HISTORY_WINDOW: HistoryWindow = '24h';

/** When its link last closed (or, for a connected one, now: always within any window). */
function lastActiveAt(executor: Executor, now: number): number {
  if (executor.status === 'HEALTHY') return now;
  return Date.parse(executor.disconnectedAt ?? executor.lastSeenAt);
}

/** The executors active within the window, and how many older ones it hides. */
export function withinHistoryWindow(
  executors: readonly Executor[],
  window: HistoryWindow,
  now: number,
): { shown: Executor[]; hidden: number } {
  const ms = HISTORY_WINDOWS.find((w) => w.value === window)?.ms ?? null;
  if (ms === null) return { shown: [...executors], hidden: 0 };
  const shown = executors.filter((e) => lastActiveAt(e, now) >= now - ms);
  return { shown, hidden: executors.length - shown.length };
}
