import {
  ExportWorkflowQuerySchema,
  ExportWorkflowResponseSchema,
  ImportWorkflowRequestSchema,
  ImportWorkflowResponseSchema,
  ListWorkflowEventsResponseSchema,
  ListWorkflowNotificationsResponseSchema,
  ListWorkflowStreamsResponseSchema,
} from '@podium/protocol';
import { routeTable } from '../../common/routes/route-spec';
import { WORKFLOW_ROUTE_PARTS } from './workflow-route-parts';
import { WORKFLOW_ACTIONS } from './workflow-audit';

const { base, one, read, operate, params } = WORKFLOW_ROUTE_PARTS;

/** Events, messages, streams, export and import (see WorkflowHistoryController). */
export const WORKFLOW_HISTORY_ROUTES = routeTable({
  listWorkflowEvents: {
    ...read,
    method: 'get',
    path: `${one}/events`,
    summary: "List a workflow's events (the latest value of each key it set)",
    params,
    response: ListWorkflowEventsResponseSchema,
  },
  listWorkflowNotifications: {
    ...read,
    method: 'get',
    path: `${one}/notifications`,
    summary: 'List the messages sent to a workflow, consumed or not',
    params,
    response: ListWorkflowNotificationsResponseSchema,
  },
  listWorkflowStreams: {
    ...read,
    method: 'get',
    path: `${one}/streams`,
    summary: "List a workflow's streams and their values",
    params,
    response: ListWorkflowStreamsResponseSchema,
  },
  exportWorkflow: {
    ...read,
    method: 'get',
    path: `${one}/export`,
    summary: 'Export a workflow (and its descendants) to import elsewhere',
    params,
    query: ExportWorkflowQuerySchema,
    response: ExportWorkflowResponseSchema,
  },
  importWorkflow: {
    ...operate,
    method: 'post',
    path: `${base}/import`,
    summary: 'Import an exported workflow into this application',
    description:
      'Only into executors of the language (and SDK) that exported it: another is refused (503 with the reason) before any executor sees the payload. A workflow the application already has is a 409: imports never overwrite.',
    status: 201,
    body: ImportWorkflowRequestSchema,
    response: ImportWorkflowResponseSchema,
    errors: ['CONFLICT', 'PAYLOAD_TOO_LARGE', 'RATE_LIMITED'],
    executorSizedBody: true,
    audit: { action: WORKFLOW_ACTIONS.import },
  },
});
