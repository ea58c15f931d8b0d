/** Latency percentiles over a bounded sample of completed workflows. */

/** The nearest-rank percentile `p` (0-100) of ascending `sorted`; null when it is empty. */
export function percentile(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1] ?? null;
}

export interface CompletedRun {
  workflowName: string;
  durationMs: number;
}

export interface NameDurations {
  workflowName: string;
  count: number;
  p50Ms: number;
  p95Ms: number;
}

/** p50 and p95 duration per workflow name, slowest p95 first. */
export function durationsByName(runs: readonly CompletedRun[]): NameDurations[] {
  const byName = new Map<string, number[]>();
  for (const run of runs) {
    if (!Number.isFinite(run.durationMs) || run.durationMs < 0) continue;
    const list = byName.get(run.workflowName) ?? [];
    list.push(run.durationMs);
    byName.set(run.workflowName, list);
  }
  return [...byName]
    .map(([workflowName, durations]) => {
      const sorted = durations.sort((a, b) => a - b);
      return {
        workflowName,
        count: sorted.length,
        p50Ms: percentile(sorted, 50) ?? 0,
        p95Ms: percentile(sorted, 95) ?? 0,
      };
    })
    .sort((a, b) => b.p95Ms - a.p95Ms || a.workflowName.localeCompare(b.workflowName));
}
