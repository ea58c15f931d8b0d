import type {
  ForkWorkflowRequest,
  ForkWorkflowResponse,
  GetWorkflowResponse,
  RestartWorkflowResponse,
  ListPage,
  WorkflowActionResult,
  WorkflowStep,
} from '@podium/protocol/rest';
import { getPage, getJson, sendJson, type RequestOptions } from '../../lib/api-client';
import { workflowPath } from './workflow-paths';

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
