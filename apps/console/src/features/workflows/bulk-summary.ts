import type { BulkWorkflowsResponse } from '@podium/protocol';

export type BulkAction = 'cancel' | 'resume';
const VERB = { cancel: 'Cancel', resume: 'Resume' } as const;

/**
 * What a bulk action did, from the statuses read back afterwards (an executor's "success"
 * proves nothing by itself): `Cancel: 2 now CANCELLED, 1 not found.`
 */
export function summarizeBulk(action: BulkAction, { results }: BulkWorkflowsResponse): string {
  const counts = new Map<string, number>();
  for (const result of results) {
    const key = result.outcome === 'NOT_FOUND' ? 'not found' : `now ${result.status ?? 'gone'}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  const parts = [...counts].map(([what, n]) => `${n} ${what}`);
  return `${VERB[action]}: ${parts.join(', ') || 'nothing to do'}.`;
}
