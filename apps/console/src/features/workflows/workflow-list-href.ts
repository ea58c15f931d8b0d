import { DEFAULT_FILTERS, filtersToSearchParams, type WorkflowFilters } from './filters';

/** The application's workflow list, filtered by the statuses and text filters given. */
export function workflowListHref(
  org: string,
  app: string,
  filters: Pick<WorkflowFilters, 'status'> & { text: Partial<WorkflowFilters['text']> },
): string {
  const params = filtersToSearchParams({
    ...DEFAULT_FILTERS,
    status: filters.status,
    text: { ...DEFAULT_FILTERS.text, ...filters.text },
  });
  return `/orgs/${org}/apps/${app}/workflows?${params.toString()}`;
}
