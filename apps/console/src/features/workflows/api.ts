import {
  BulkWorkflowsResponseSchema,
  CancelWorkflowResponseSchema,
  ForkWorkflowResponseSchema,
  GetWorkflowResponseSchema,
  ListWorkflowStepsResponseSchema,
  ListWorkflowsResponseSchema,
  ResumeWorkflowResponseSchema,
  type BulkWorkflowsResponse,
  type ForkWorkflowRequest,
  type ForkWorkflowResponse,
  type ListWorkflowStepsResponse,
  type ListWorkflowsResponse,
  type Workflow,
  type WorkflowActionResult,
} from '@podium/protocol';
import { getJson, sendJson, type RequestOptions } from '../../lib/api-client';
import { appPath } from '../applications/api';

const workflowsPath = (org: string, app: string) => `${appPath(org, app)}/workflows`;
const workflowPath = (org: string, app: string, id: string) =>
  `${workflowsPath(org, app)}/${encodeURIComponent(id)}`;

/** `GET .../workflows?<query>`: read live from a connected executor (503 when none is). */
export function fetchWorkflows(
  org: string,
  app: string,
  query: URLSearchParams,
  options?: RequestOptions,
): Promise<ListWorkflowsResponse> {
  return getJson(`${workflowsPath(org, app)}?${query}`, ListWorkflowsResponseSchema, options);
}

/** One workflow, with its input and output. */
export function fetchWorkflow(
  org: string,
  app: string,
  id: string,
  options?: RequestOptions,
): Promise<Workflow> {
  return getJson(workflowPath(org, app, id), GetWorkflowResponseSchema, options);
}

export function fetchWorkflowSteps(
  org: string,
  app: string,
  id: string,
  options?: RequestOptions,
): Promise<ListWorkflowStepsResponse> {
  return getJson(`${workflowPath(org, app, id)}/steps`, ListWorkflowStepsResponseSchema, options);
}

export function cancelWorkflow(
  org: string,
  app: string,
  id: string,
): Promise<WorkflowActionResult> {
  return sendJson('POST', `${workflowPath(org, app, id)}/cancel`, {}, CancelWorkflowResponseSchema);
}

export function resumeWorkflow(
  org: string,
  app: string,
  id: string,
): Promise<WorkflowActionResult> {
  return sendJson('POST', `${workflowPath(org, app, id)}/resume`, {}, ResumeWorkflowResponseSchema);
}

export function forkWorkflow(
  org: string,
  app: string,
  id: string,
  body: ForkWorkflowRequest,
): Promise<ForkWorkflowResponse> {
  return sendJson('POST', `${workflowPath(org, app, id)}/fork`, body, ForkWorkflowResponseSchema);
}

export function bulkWorkflowAction(
  org: string,
  app: string,
  action: 'cancel' | 'resume',
  workflowIds: string[],
): Promise<BulkWorkflowsResponse> {
  return sendJson(
    'POST',
    `${workflowsPath(org, app)}/bulk-${action}`,
    { workflowIds },
    BulkWorkflowsResponseSchema,
  );
}
