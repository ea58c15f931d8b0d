import {
  BulkCancelWorkflowsRequestSchema,
  BulkDeleteWorkflowsRequestSchema,
  BulkForkFromFailureRequestSchema,
  BulkForkFromFailureResponseSchema,
  BulkResumeWorkflowsRequestSchema,
  BulkWorkflowsResponseSchema,
  CancelWorkflowRequestSchema,
  CancelWorkflowResponseSchema,
  DeleteWorkflowQuerySchema,
  DeleteWorkflowResponseSchema,
  ForkWorkflowRequestSchema,
  ForkWorkflowResponseSchema,
  GetWorkflowQuerySchema,
  GetWorkflowResponseSchema,
  ListWorkflowStepsQuerySchema,
  ListWorkflowStepsResponseSchema,
  ListWorkflowsQuerySchema,
  ListWorkflowsResponseSchema,
  ResumeWorkflowRequestSchema,
  ResumeWorkflowResponseSchema,
  RestartWorkflowRequestSchema,
  RestartWorkflowResponseSchema,
  RewindWorkflowRequestSchema,
  RewindWorkflowResponseSchema,
  SearchWorkflowsRequestSchema,
  SearchWorkflowsResponseSchema,
  WorkflowAggregatesRequestSchema,
  WorkflowAggregatesResponseSchema,
  PAGE_META_FIELDS,
} from '@podium/protocol';

import { routeTable } from '../../common/routes/route-spec';
import { WORKFLOW_ROUTE_PARTS } from './workflow-route-parts';
import { WORKFLOW_ACTIONS as ACTIONS } from './workflow-audit';

const { base, one, read, operate, params } = WORKFLOW_ROUTE_PARTS;
/** Workflow lists also say when they come from the last-known index (no executor connected). */
const WORKFLOW_PAGE_META = [...PAGE_META_FIELDS, 'lastKnown'] as const;

/**
 * A page's refusals besides validation: an offset too deep into both SDK families' merged list,
 * more inputs and outputs than one answer loads.
 */
export const PAGE_ERRORS = ['OFFSET_TOO_LARGE', 'PAYLOADS_TOO_LARGE'] as const;

/** What a bulk action's failure says when the command was carried out for part of the ids. */
const BULK_PARTIAL_FAILURE =
  'Every id gets a result and an audit entry. In an application running both SDK families, ' +
  'the command goes to each family holding some of the ids; an executor too old to read ' +
  '`workflow_ids` gets one command per id. If a part fails after another was carried out, the ' +
  "problem's `carriedOut` lists the ids that were (and `newWorkflowIds` the forks they started).";

/** The workflow routes (see WorkflowsController and WorkflowActionsController). */
export const WORKFLOW_ROUTES = routeTable({
  listWorkflows: {
    ...read,
    method: 'get',
    path: base,
    errors: PAGE_ERRORS,
    summary: 'List workflows (common filters)',
    query: ListWorkflowsQuerySchema,
    response: ListWorkflowsResponseSchema,
    paged: WORKFLOW_PAGE_META,
  },
  searchWorkflows: {
    ...read,
    // TOO_MANY_RESULTS: a search without limit matching more than the ceiling.
    errors: ['TOO_MANY_RESULTS', ...PAGE_ERRORS],
    method: 'post',
    path: `${base}/search`,
    summary: 'Search workflows (full filter set)',
    body: SearchWorkflowsRequestSchema,
    response: SearchWorkflowsResponseSchema,
    paged: WORKFLOW_PAGE_META,
  },
  getWorkflowAggregates: {
    ...read,
    method: 'post',
    path: `${base}/aggregates`,
    summary: 'Count workflows by status, name, queue, executor, version or time bucket',
    body: WorkflowAggregatesRequestSchema,
    response: WorkflowAggregatesResponseSchema,
  },
  getWorkflow: {
    ...read,
    method: 'get',
    path: one,
    summary: 'Get a workflow',
    params,
    query: GetWorkflowQuerySchema,
    response: GetWorkflowResponseSchema,
  },
  listWorkflowSteps: {
    ...read,
    method: 'get',
    path: `${one}/steps`,
    summary: "List a workflow's steps",
    params,
    query: ListWorkflowStepsQuerySchema,
    response: ListWorkflowStepsResponseSchema,
    paged: true,
  },
  cancelWorkflow: {
    ...operate,
    representationOnRequest: true,
    method: 'post',
    path: `${one}/cancel`,
    summary: 'Cancel a workflow',
    params,
    body: CancelWorkflowRequestSchema,
    response: CancelWorkflowResponseSchema,
    audit: { action: ACTIONS.cancel, targetParam: 'workflowId' },
  },
  resumeWorkflow: {
    ...operate,
    representationOnRequest: true,
    method: 'post',
    path: `${one}/resume`,
    summary: 'Resume a workflow from its last completed step',
    params,
    body: ResumeWorkflowRequestSchema,
    response: ResumeWorkflowResponseSchema,
    audit: { action: ACTIONS.resume, targetParam: 'workflowId' },
  },
  forkWorkflow: {
    ...operate,
    method: 'post',
    path: `${one}/fork`,
    status: 201,
    summary: 'Fork a workflow from a step',
    errors: ['CONFLICT'], // onto a version only the other SDK family's executors run
    params,
    body: ForkWorkflowRequestSchema,
    response: ForkWorkflowResponseSchema,
    audit: { action: ACTIONS.fork, targetParam: 'workflowId' },
  },
  restartWorkflow: {
    ...operate,
    method: 'post',
    path: `${one}/restart`,
    summary: 'Restart a workflow from the start as a new workflow (Podium)',
    params,
    body: RestartWorkflowRequestSchema,
    response: RestartWorkflowResponseSchema,
    audit: { action: ACTIONS.restart, targetParam: 'workflowId' },
  },
  rewindWorkflow: {
    ...operate,
    method: 'post',
    path: `${one}/rewind`,
    summary: 'Re-run a finished workflow in place from a step (Podium)',
    params,
    body: RewindWorkflowRequestSchema,
    response: RewindWorkflowResponseSchema,
    audit: { action: ACTIONS.rewind, targetParam: 'workflowId' },
  },
  deleteWorkflow: {
    ...operate,
    representationOnRequest: true,
    method: 'delete',
    path: one,
    summary: 'Delete a workflow',
    params,
    query: DeleteWorkflowQuerySchema,
    response: DeleteWorkflowResponseSchema,
    audit: { action: ACTIONS.delete, targetParam: 'workflowId' },
  },
  bulkCancelWorkflows: {
    ...operate,
    representationOnRequest: true,
    method: 'post',
    path: `${base}/bulk-cancel`,
    description: BULK_PARTIAL_FAILURE,
    summary: 'Cancel many workflows',
    body: BulkCancelWorkflowsRequestSchema,
    response: BulkWorkflowsResponseSchema,
    audit: { action: ACTIONS.bulkCancel },
  },
  bulkResumeWorkflows: {
    ...operate,
    representationOnRequest: true,
    method: 'post',
    path: `${base}/bulk-resume`,
    description: BULK_PARTIAL_FAILURE,
    summary: 'Resume many workflows',
    body: BulkResumeWorkflowsRequestSchema,
    response: BulkWorkflowsResponseSchema,
    audit: { action: ACTIONS.bulkResume },
  },
  bulkDeleteWorkflows: {
    ...operate,
    representationOnRequest: true,
    method: 'post',
    path: `${base}/bulk-delete`,
    description: BULK_PARTIAL_FAILURE,
    summary: 'Delete many workflows',
    body: BulkDeleteWorkflowsRequestSchema,
    response: BulkWorkflowsResponseSchema,
    audit: { action: ACTIONS.bulkDelete },
  },
  bulkForkWorkflowsFromFailure: {
    ...operate,
    method: 'post',
    path: `${base}/bulk-fork-from-failure`,
    description: BULK_PARTIAL_FAILURE,
    errors: ['CONFLICT'], // as forkWorkflow
    summary: 'Fork many workflows from their last failed step',
    body: BulkForkFromFailureRequestSchema,
    response: BulkForkFromFailureResponseSchema,
    audit: { action: ACTIONS.bulkForkFromFailure },
  },
});
