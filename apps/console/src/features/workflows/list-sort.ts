// Sorting the page on screen by a column the executor cannot sort by (it sorts by creation
// time only). Stable, and rows without a value always come last.
import type { Workflow } from '@podium/protocol/rest';
import { isServerSort, type SortColumn, type WorkflowSort } from './filters';
import { visibleQueueName } from './queue-name';

const SORT_KEYS: Record<SortColumn, (workflow: Workflow) => string | null> = {
  created: (w) => w.createdAt,
  updated: (w) => w.updatedAt,
  name: (w) => w.workflowName,
  status: (w) => w.status,
  id: (w) => w.workflowId,
  version: (w) => w.appVersion,
  executor: (w) => w.executorId,
  queue: (w) => visibleQueueName(w.queueName),
};

/** `workflows` in `sort`'s order; as they came when the executor did the sorting. */
export function sortPage(workflows: readonly Workflow[], sort: WorkflowSort): readonly Workflow[] {
  if (isServerSort(sort)) return workflows;
  const keyOf = SORT_KEYS[sort.column];
  const direction = sort.desc ? -1 : 1;
  return workflows
    .map((workflow, index) => ({ workflow, index, key: keyOf(workflow) }))
    .sort((a, b) => {
      if (a.key === b.key) return a.index - b.index;
      if (a.key === null) return 1;
      if (b.key === null) return -1;
      return direction * (a.key < b.key ? -1 : 1);
    })
    .map(({ workflow }) => workflow);
}
