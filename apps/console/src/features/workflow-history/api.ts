import type {
  ExportWorkflowResponse,
  ImportWorkflowRequest,
  ImportWorkflowResponse,
  WorkflowEventEntry,
  WorkflowNotificationEntry,
  WorkflowStreamEntry,
} from '@podium/protocol/rest';
import { getJson, sendJson, type RequestOptions } from '../../lib/api-client';
import { workflowPath, workflowsPath } from '../workflows/workflow-paths';

// The one place that knows these endpoints' shapes (a list's wrapper may change). All are
// read live from a connected executor (503 when none is).

/** `GET .../workflows/{id}/events`: each key the workflow set, with its latest value. */
export function fetchWorkflowEvents(
  org: string,
  app: string,
  id: string,
  options?: RequestOptions,
): Promise<WorkflowEventEntry[]> {
  return getJson(
    `${workflowPath(org, app, id)}/events`,
    'ListWorkflowEventsResponseSchema',
    options,
  );
}

/** `GET .../workflows/{id}/notifications`: the messages sent to it, consumed or not. */
export function fetchWorkflowNotifications(
  org: string,
  app: string,
  id: string,
  options?: RequestOptions,
): Promise<WorkflowNotificationEntry[]> {
  return getJson(
    `${workflowPath(org, app, id)}/notifications`,
    'ListWorkflowNotificationsResponseSchema',
    options,
  );
}

/** `GET .../workflows/{id}/streams`: each stream it wrote, values in order. */
export function fetchWorkflowStreams(
  org: string,
  app: string,
  id: string,
  options?: RequestOptions,
): Promise<WorkflowStreamEntry[]> {
  return getJson(
    `${workflowPath(org, app, id)}/streams`,
    'ListWorkflowStreamsResponseSchema',
    options,
  );
}

/** `GET .../workflows/{id}/export`: the workflow (and, asked, its descendants), opaque. */
export function exportWorkflow(
  org: string,
  app: string,
  id: string,
  withChildren: boolean,
): Promise<ExportWorkflowResponse> {
  return getJson(
    `${workflowPath(org, app, id)}/export?exportChildren=${withChildren}`,
    'ExportWorkflowResponseSchema',
  );
}

/** `POST .../workflows/import` into `app`: refused (503) when its executors' language differs. */
export function importWorkflow(
  org: string,
  app: string,
  body: ImportWorkflowRequest,
): Promise<ImportWorkflowResponse> {
  return sendJson(
    'POST',
    `${workflowsPath(org, app)}/import`,
    body,
    'ImportWorkflowResponseSchema',
  );
}
