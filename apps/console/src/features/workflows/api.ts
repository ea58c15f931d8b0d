import type {
  BulkForkFromFailureResponse,
  BulkWorkflowsResponse,
  ForkWorkflowRequest,
  ForkWorkflowResponse,
  GetWorkflowResponse,
  RestartWorkflowResponse,
  SearchWorkflowsRequest,
  WorkflowActionResult,
  WorkflowAggregatesRequest,
  WorkflowAggregatesResponse,
  ListPage,
  Workflow,
  WorkflowStep,
} from '@podium/protocol/rest';
import { sendForPage, getPage, getJson, sendJson, type RequestOptions } from '../../lib/api-client';
import { appPath } from '../applications/api';
import type { BulkAction } from './bulk-summary';

const workflowsPath = (org: string, app: string) => `${appPath(org, app)}/workflows`;
const workflowPath = (org: string, app: string, id: string) =>
  `${workflowsPath(org, app)}/${encodeURIComponent(id)}`;

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

/** One workflow, with its input and output (metadata only when `lastKnown`: no executor). */
export function fetchWorkflow(
  org: string,
  app: string,
  id: string,
  options?: RequestOptions,
): Promise<GetWorkflowResponse> {
  return getJson(workflowPath(org, app, id), 'GetWorkflowResponseSchema', options);
}

export function fetchWorkflowSteps(
  org: string,
  app: string,
  id: string,
  options?: RequestOptions,
): Promise<ListPage<WorkflowStep>> {
  return getPage(`${workflowPath(org, app, id)}/steps`, 'ListWorkflowStepsResponseSchema', options);
}

export function cancelWorkflow(
  org: string,
  app: string,
  id: string,
): Promise<WorkflowActionResult> {
  return sendJson(
    'POST',
    `${workflowPath(org, app, id)}/cancel`,
    {},
    'CancelWorkflowResponseSchema',
  );
}

export function resumeWorkflow(
  org: string,
  app: string,
  id: string,
): Promise<WorkflowActionResult> {
  return sendJson(
    'POST',
    `${workflowPath(org, app, id)}/resume`,
    {},
    'ResumeWorkflowResponseSchema',
  );
}

export function forkWorkflow(
  org: string,
  app: string,
  id: string,
  body: ForkWorkflowRequest,
): Promise<ForkWorkflowResponse> {
  return sendJson('POST', `${workflowPath(org, app, id)}/fork`, body, 'ForkWorkflowResponseSchema');
}

/** Podium's restart: a new workflow running this one from the start. */
export function restartWorkflow(
  org: string,
  app: string,
  id: string,
): Promise<RestartWorkflowResponse> {
  const path = `${workflowPath(org, app, id)}/restart`;
  return sendJson('POST', path, {}, 'RestartWorkflowResponseSchema');
}

/** Podium's rewind: re-runs a finished workflow in place (same id) from its first step. */
export function rewindWorkflow(
  org: string,
  app: string,
  id: string,
): Promise<WorkflowActionResult> {
  return sendJson(
    'POST',
    `${workflowPath(org, app, id)}/rewind`,
    {},
    'RewindWorkflowResponseSchema',
  );
}

/** `DELETE .../workflows/{id}`: its record, steps and messages, and its children's if asked. */
export function deleteWorkflow(
  org: string,
  app: string,
  id: string,
  deleteChildren: boolean,
): Promise<WorkflowActionResult> {
  return sendJson(
    'DELETE',
    `${workflowPath(org, app, id)}?deleteChildren=${deleteChildren}`,
    undefined,
    'DeleteWorkflowResponseSchema',
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
