import type { BulkForkFromFailureResponse, BulkWorkflowsResponse } from '@podium/protocol/rest';
import { alreadyFinished } from './already-finished';
import type { StatusAction } from './status';

/** What the bulk bar offers: every status-bound action. */
export type BulkAction = StatusAction;

export const BULK_VERB: Record<BulkAction, string> = {
  cancel: 'Cancel',
  resume: 'Resume',
  delete: 'Delete',
  forkFromFailure: 'Fork from failure',
};

/** What a bulk action that found a workflow finished did not do to it. */
const UNDONE: Record<BulkAction, string> = {
  cancel: 'cancelled',
  resume: 'resumed',
  delete: 'deleted',
  forkFromFailure: 'forked',
};

type BulkResult = BulkWorkflowsResponse['results'][number] & { newWorkflowId?: string | null };

/** How one result reads: the status read back afterwards (an executor's "success" proves nothing by itself). */
function describeResult(action: BulkAction, result: BulkResult): string {
  if (result.outcome === 'NOT_FOUND') return 'not found';
  if (result.outcome === 'ALREADY_FINISHED') return alreadyFinished(result.status, UNDONE[action]);
  if (action === 'forkFromFailure') return result.newWorkflowId ? 'forked' : 'not forked';
  if (action === 'delete' && result.status === null) return 'deleted';
  return `now ${result.status ?? 'gone'}`;
}

/** What a bulk action did, e.g. `Cancel: 2 now CANCELLED, 1 not found.` */
export function summarizeBulk(
  action: BulkAction,
  { results }: BulkWorkflowsResponse | BulkForkFromFailureResponse,
): string {
  const counts = new Map<string, number>();
  for (const result of results as BulkResult[]) {
    const key = describeResult(action, result);
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  const parts = [...counts].map(([what, n]) => `${n} ${what}`);
  return `${BULK_VERB[action]}: ${parts.join(', ') || 'nothing to do'}.`;
}

/** The workflows a bulk fork made, each with the one it came from (in request order). */
export function forksOf(
  response: BulkWorkflowsResponse | BulkForkFromFailureResponse,
): { workflowId: string; newWorkflowId: string }[] {
  return (response.results as BulkResult[]).flatMap((r) =>
    r.newWorkflowId ? [{ workflowId: r.workflowId, newWorkflowId: r.newWorkflowId }] : [],
  );
}
