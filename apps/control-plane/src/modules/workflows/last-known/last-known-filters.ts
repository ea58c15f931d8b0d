import type { ListWorkflowsQuery, SearchWorkflowsRequest } from '@podium/protocol';
import { list } from '../workflow-filters';

/**
 * The filters the last-known index can honour: those on the metadata it keeps. A search using
 * any other filter cannot be answered from it (`null`): better the 503 than a wrong list.
 */
export interface LastKnownFilter {
  readonly status?: readonly string[];
  readonly names?: readonly string[];
  readonly ids?: readonly string[];
  readonly idPrefixes?: readonly string[];
  readonly queueNames?: readonly string[];
  readonly executorIds?: readonly string[];
  readonly appVersions?: readonly string[];
  /** Created at or after / at or before. */
  readonly createdFrom?: Date;
  readonly createdTo?: Date;
  readonly sortDesc: boolean;
  readonly limit: number;
  readonly offset: number;
}

/** Search fields on data the index does not keep. */
const UNINDEXED_SEARCH_FIELDS = [
  'scheduleName',
  'user',
  'parentWorkflowId',
  'forkedFrom',
  'completedAfter',
  'completedBefore',
  'dequeuedAfter',
  'dequeuedBefore',
  'hasParent',
  'wasForkedFrom',
  'queuesOnly',
  'attributes',
] as const satisfies ReadonlyArray<keyof SearchWorkflowsRequest>;

export function lastKnownFilterOfQuery(query: ListWorkflowsQuery): LastKnownFilter {
  return {
    status: list(query.status),
    names: list(query.workflowName),
    idPrefixes: query.workflowIdPrefix === undefined ? undefined : [query.workflowIdPrefix],
    queueNames: list(query.queueName),
    executorIds: list(query.executorId),
    appVersions: list(query.appVersion),
    createdFrom: toDate(query.startTime),
    createdTo: toDate(query.endTime),
    sortDesc: query.sortDesc,
    limit: query.limit,
    offset: query.offset,
  };
}

/**
 * Null when the search filters on something the index does not keep. `limit`: the search's, or
 * for a search without one the most it may return.
 */
export function lastKnownFilterOfSearch(
  search: SearchWorkflowsRequest,
  limit: number,
): LastKnownFilter | null {
  if (UNINDEXED_SEARCH_FIELDS.some((field) => isSet(search[field]))) return null;
  return {
    status: list(search.status),
    names: list(search.workflowName),
    ids: list(search.workflowIds),
    idPrefixes: list(search.workflowIdPrefix),
    queueNames: list(search.queueName),
    executorIds: list(search.executorId),
    appVersions: list(search.appVersion),
    createdFrom: toDate(search.startTime),
    createdTo: toDate(search.endTime),
    sortDesc: search.sortDesc,
    limit,
    offset: search.offset,
  };
}

/** Set, and not an empty list (which, as everywhere in the API, means no filter). */
function isSet(value: unknown): boolean {
  if (value === undefined || value === null) return false;
  if (Array.isArray(value)) return value.length > 0;
  return typeof value !== 'object' || Object.keys(value).length > 0;
}

function toDate(value: string | undefined): Date | undefined {
  return value === undefined ? undefined : new Date(value);
}
