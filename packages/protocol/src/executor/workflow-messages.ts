import { z } from 'zod';
import { ListQueuedWorkflowsBodySchema, ListWorkflowsBodySchema } from './bodies';
import { defineMessage } from './message';
import {
  WorkflowEventSchema,
  WorkflowNotificationSchema,
  WorkflowStepsSchema,
  WorkflowStreamSchema,
  WorkflowsOutputSchema,
} from './records';

/** Read-only workflow queries. Not-found answers omit `output` (TS) or send `null` (Python). */

const workflowId = { workflow_id: z.string() };

/** Lists workflows. `body` is required by every SDK but `encodeRequest` always sends one. */
export const ListWorkflowsMessage = defineMessage(
  'list_workflows',
  { body: ListWorkflowsBodySchema.nullish() },
  { output: z.array(WorkflowsOutputSchema).nullish() },
);

/** Lists queued and active workflows. */
export const ListQueuedWorkflowsMessage = defineMessage(
  'list_queued_workflows',
  { body: ListQueuedWorkflowsBodySchema.nullish() },
  { output: z.array(WorkflowsOutputSchema).nullish() },
);

/** One workflow; `load_input`/`load_output` default true on the executor. Not found is not an error. */
export const GetWorkflowMessage = defineMessage(
  'get_workflow',
  { ...workflowId, load_input: z.boolean().nullish(), load_output: z.boolean().nullish() },
  { output: WorkflowsOutputSchema.nullish() },
);

/** A workflow's steps; `load_output` defaults true; paging since TS 4.14 / Py 2.18. */
export const ListStepsMessage = defineMessage(
  'list_steps',
  {
    ...workflowId,
    load_output: z.boolean().nullish(),
    limit: z.number().int().nonnegative().nullish(),
    offset: z.number().int().nonnegative().nullish(),
  },
  { output: z.array(WorkflowStepsSchema).nullish() },
);

/** Events set by a workflow. Refused in TS metadata-only mode. */
export const GetWorkflowEventsMessage = defineMessage('get_workflow_events', workflowId, {
  events: z.array(WorkflowEventSchema).nullish(),
});

/** Messages sent to a workflow. Refused in TS metadata-only mode. */
export const GetWorkflowNotificationsMessage = defineMessage(
  'get_workflow_notifications',
  workflowId,
  { notifications: z.array(WorkflowNotificationSchema).nullish() },
);

/** Streams written by a workflow. Refused in TS metadata-only mode. */
export const GetWorkflowStreamsMessage = defineMessage('get_workflow_streams', workflowId, {
  streams: z.array(WorkflowStreamSchema).nullish(),
});

/**
 * base64(gzip(payload)); JSON in TS/Go/Java, a pickle in Python: never move it across languages.
 * `export_children` is required by Python.
 */
export const ExportWorkflowMessage = defineMessage(
  'export_workflow',
  { ...workflowId, export_children: z.boolean().nullish() },
  { serialized_workflow: z.string().nullish() },
);

export const WORKFLOW_QUERY_MESSAGES = [
  ListWorkflowsMessage,
  ListQueuedWorkflowsMessage,
  GetWorkflowMessage,
  ListStepsMessage,
  GetWorkflowEventsMessage,
  GetWorkflowNotificationsMessage,
  GetWorkflowStreamsMessage,
  ExportWorkflowMessage,
] as const;
