import type {
  BulkForkFromFailureResponse,
  BulkWorkflowsResponse,
  ListPage,
  SearchWorkflowsRequest,
  Workflow,
  WorkflowAggregatesRequest,
  WorkflowAggregatesResponse,
} from '@podium/protocol/rest';
import { sendForPage, sendJson, type RequestOptions } from '../../lib/api-client';
import { workflowsPath } from './workflow-paths';
import type { BulkAction } from './bulk-summary';

// Requests about many workflows at once (apart from `api.ts`: a workflow's page needs none).

/** `POST .../workflows/search`: read live from a connected executor (503 when none is). */
export function searchWorkflows(
  org: string,
  app: string,
  request: Partial<SearchWorkflowsRequest>,
  options?: RequestOptions,
): Promise<ListPage<Workflow>> {
  return sendForPage(
    'POST',
    `${workflowsPath(org, app)}/search`,
    request,
    'SearchWorkflowsResponseSchema',
    options,
  );
}

/** `POST .../workflows/aggregates`: counts per group, computed by a connected executor. */
export function fetchWorkflowAggregates(
  org: string,
  app: string,
  request: WorkflowAggregatesRequest,
  options?: RequestOptions,
): Promise<WorkflowAggregatesResponse> {
  return sendJson(
    'POST',
    `${workflowsPath(org, app)}/aggregates`,
    request,
    'WorkflowAggregatesResponseSchema',
    options,
  );
}

const BULK_PATHS: Record<BulkAction, string> = {
  cancel: 'bulk-cancel',
  resume: 'bulk-resume',
  delete: 'bulk-delete',
  forkFromFailure: 'bulk-fork-from-failure',
};

/**
 * `POST .../workflows/bulk-*`. `withChildren` cancels or deletes descendants too (ignored by
 * resume and fork from failure).
 */
export function bulkWorkflowAction(
  org: string,
  app: string,
  action: BulkAction,
  workflowIds: string[],
  withChildren = false,
): Promise<BulkWorkflowsResponse | BulkForkFromFailureResponse> {
  const path = `${workflowsPath(org, app)}/${BULK_PATHS[action]}`;
  switch (action) {
    case 'cancel':
      return sendJson(
        'POST',
        path,
        { workflowIds, cancelChildren: withChildren },
        'BulkWorkflowsResponseSchema',
      );
    case 'delete':
      return sendJson(
        'POST',
        path,
        { workflowIds, deleteChildren: withChildren },
        'BulkWorkflowsResponseSchema',
      );
    case 'resume':
      return sendJson('POST', path, { workflowIds }, 'BulkWorkflowsResponseSchema');
    case 'forkFromFailure':
      return sendJson('POST', path, { workflowIds }, 'BulkForkFromFailureResponseSchema');
  }
}
