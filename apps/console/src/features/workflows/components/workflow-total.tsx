import { hasNarrowingFilters, type WorkflowFilters } from '../filters';

const number = new Intl.NumberFormat('en-US');

/**
 * "1,204 workflows" or "37 workflows match", from the executor's counts (or, with none
 * connected, the last-known index's).
 */
export function WorkflowTotal({ total, filters }: { total: number; filters: WorkflowFilters }) {
  const noun = total === 1 ? 'workflow' : 'workflows';
  return (
    <strong data-testid="workflow-total">
      {number.format(total)} {noun}
      {hasNarrowingFilters(filters) ? ' match' : ''}
    </strong>
  );
}
